/*
 * backtrace.c: walk the frame-pointer chain (the kernel is built with
 * -fno-omit-frame-pointer, so each frame starts with the caller's %rbp
 * followed by the return address; System V AMD64 ABI 3.2.2).
 */
#include <basalt/panic.h>
#include <basalt/log.h>
#include <basalt/vmlayout.h>

#define BACKTRACE_DEPTH_MAX	32
#define BACKTRACE_FRAME_MAX	0x10000	/* frames of one stack are this close */

static void backtrace_print_addr(uint64_t addr)
{
	uint64_t off, size;
	const char *name = ksym_lookup(addr, &off, &size);

	if (name)
		pr_emerg("  [<%016llx>] %s+0x%llx/0x%llx\n",
			 (unsigned long long)addr, name,
			 (unsigned long long)off, (unsigned long long)size);
	else
		pr_emerg("  [<%016llx>] ?\n", (unsigned long long)addr);
}

static void backtrace_walk(uint64_t rbp)
{
	for (int depth = 0; depth < BACKTRACE_DEPTH_MAX; depth++) {
		const uint64_t *frame = (const uint64_t *)rbp;
		uint64_t next;

		/* Only follow frames that look like kernel stack frames. */
		if (rbp < DIRECT_MAP_BASE || (rbp & 7))
			break;
		next = frame[0];
		if (frame[1] == 0)
			break;
		/* Return addresses point after the call: show the call. */
		backtrace_print_addr(frame[1] - 1);
		if (next <= rbp || next - rbp > BACKTRACE_FRAME_MAX)
			break;
		rbp = next;
	}
}

void backtrace_print_from(uint64_t rip, uint64_t rbp)
{
	pr_emerg("Call trace:\n");
	backtrace_print_addr(rip);
	backtrace_walk(rbp);
}

/* Starts with our caller: the frame at %rbp holds its return address. */
void backtrace_print(void)
{
	uint64_t rbp;

	__asm__ volatile("mov %%rbp, %0" : "=r"(rbp));
	pr_emerg("Call trace:\n");
	backtrace_walk(rbp);
}
