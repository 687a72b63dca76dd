/*
 * backtrace.c: walk the frame-pointer chain (the kernel is built with
 * -fno-omit-frame-pointer, so each frame starts with the caller's %rbp
 * followed by the return address; System V AMD64 ABI 3.2.2).
 *
 * The walk runs inside fault handlers, so it must not fault itself: a
 * frame is only read if it lies inside a known kernel stack, and through
 * probe_read_u64, which turns a fault (an unmapped guard page) into an
 * error instead of a nested exception.
 *
 * Locking: backtrace_stacks is appended to during boot (gdt_init) with
 * interrupts off, before any walk can run on the stacks it adds.
 */
#include <basalt/panic.h>
#include <basalt/log.h>
#include <basalt/vmlayout.h>
#include <asm/extable.h>
#include <stdbool.h>

#define BACKTRACE_DEPTH_MAX	32
#define BACKTRACE_FRAME_MAX	0x10000	/* frames of one stack are this close */
#define BACKTRACE_STACKS_MAX	8
#define BACKTRACE_FRAME_SIZE	16	/* saved %rbp, return address */
#define X86_PUSH_RBP		0x55	/* "push %rbp" (Intel SDM Vol. 2B PUSH) */
#define X86_ENDBR64		0xfa1e0ff3	/* little-endian f3 0f 1e fa */
#define X86_ENDBR64_LEN		4

extern const char boot_stack[], boot_stack_top[];

struct backtrace_stack {
	uint64_t lo, hi;	/* [lo, hi) */
};

static struct backtrace_stack backtrace_stacks[BACKTRACE_STACKS_MAX];
static unsigned backtrace_nstacks;

void backtrace_register_stack(uint64_t lo, uint64_t hi)
{
	if (backtrace_nstacks < BACKTRACE_STACKS_MAX)
		backtrace_stacks[backtrace_nstacks++] =
			(struct backtrace_stack){ lo, hi };
}

/*
 * The stack that holds a whole frame at rbp: the boot stack, a
 * registered one, or the kernel-stack area (whose slots the walk cannot
 * tell apart, hence BACKTRACE_FRAME_MAX). Sets *lo, *hi; false if none.
 */
static bool backtrace_find_stack(uint64_t rbp, uint64_t *lo, uint64_t *hi)
{
	uint64_t end = rbp + BACKTRACE_FRAME_SIZE;

	if ((rbp & 7) || end < rbp)
		return false;
	if (rbp >= (uint64_t)boot_stack && end <= (uint64_t)boot_stack_top) {
		*lo = (uint64_t)boot_stack;
		*hi = (uint64_t)boot_stack_top;
		return true;
	}
	for (unsigned i = 0; i < backtrace_nstacks; i++) {
		if (rbp >= backtrace_stacks[i].lo && end <= backtrace_stacks[i].hi) {
			*lo = backtrace_stacks[i].lo;
			*hi = backtrace_stacks[i].hi;
			return true;
		}
	}
	if (rbp >= KSTACK_AREA_BASE && end <= KSTACK_AREA_BASE + KSTACK_AREA_SIZE) {
		*lo = rbp;
		*hi = MIN(rbp + BACKTRACE_FRAME_MAX, KSTACK_AREA_BASE + KSTACK_AREA_SIZE);
		return true;
	}
	return false;
}

static void backtrace_print_addr(int level, uint64_t addr)
{
	uint64_t off, size;
	const char *name = ksym_lookup(addr, &off, &size);

	if (name)
		klog(level, "  [<%016llx>] %s+0x%llx/0x%llx\n",
		     (unsigned long long)addr, name,
		     (unsigned long long)off, (unsigned long long)size);
	else
		klog(level, "  [<%016llx>] ?\n", (unsigned long long)addr);
}

static void backtrace_walk(int level, uint64_t rbp)
{
	uint64_t lo, hi;

	/* Every frame of the walk must stay on the stack of the first. */
	if (!backtrace_find_stack(rbp, &lo, &hi))
		return;
	for (int depth = 0; depth < BACKTRACE_DEPTH_MAX; depth++) {
		const uint64_t *frame = (const uint64_t *)rbp;
		uint64_t next, ret;

		if (rbp < lo || rbp + BACKTRACE_FRAME_SIZE > hi || (rbp & 7))
			break;
		if (probe_read_u64(&frame[0], &next) ||
		    probe_read_u64(&frame[1], &ret) || ret == 0)
			break;
		/* Return addresses point after the call: show the call. */
		backtrace_print_addr(level, ret - 1);
		if (next <= rbp)
			break;
		rbp = next;
	}
}

/*
 * gcc gives a function that needs no stack no frame at all, even with
 * -fno-omit-frame-pointer, and a framed one has none before its
 * "push %rbp" ran. Either way %rbp still holds the caller's frame, whose
 * return address is the caller's caller: the caller itself would be
 * missing. Its return address is then the word at %rsp.
 */
static bool backtrace_rip_frameless(uint64_t rip)
{
	uint64_t off, size, start;
	const uint8_t *insn;
	const char *name = ksym_lookup(rip, &off, &size);

	if (!name)
		return false;
	start = rip - off;
	insn = (const uint8_t *)start;
	if (size >= X86_ENDBR64_LEN && *(const uint32_t *)insn == X86_ENDBR64)
		insn += X86_ENDBR64_LEN;
	return *insn != X86_PUSH_RBP || rip <= (uint64_t)insn;
}

static void backtrace_print_leaf_caller(int level, uint64_t rip, uint64_t rsp)
{
	uint64_t lo, hi, ret;

	if (!backtrace_rip_frameless(rip) ||
	    !backtrace_find_stack(rsp, &lo, &hi) ||
	    probe_read_u64((const uint64_t *)rsp, &ret) ||
	    !ksym_lookup(ret - 1, NULL, NULL))
		return;
	backtrace_print_addr(level, ret - 1);
}

void backtrace_print_level(int level, uint64_t rip, uint64_t rsp, uint64_t rbp)
{
	klog(level, "Call trace:\n");
	backtrace_print_addr(level, rip);
	if (rsp)
		backtrace_print_leaf_caller(level, rip, rsp);
	backtrace_walk(level, rbp);
}

void backtrace_print_from(uint64_t rip, uint64_t rbp)
{
	backtrace_print_level(LOG_EMERG, rip, 0, rbp);
}

unsigned backtrace_save(uint64_t *ips, unsigned max)
{
	uint64_t rbp, lo, hi;
	unsigned n = 0;

	__asm__ volatile("mov %%rbp, %0" : "=r"(rbp));
	if (!backtrace_find_stack(rbp, &lo, &hi))
		return 0;
	while (n < max) {
		const uint64_t *frame = (const uint64_t *)rbp;
		uint64_t next, ret;

		if (rbp < lo || rbp + BACKTRACE_FRAME_SIZE > hi || (rbp & 7))
			break;
		if (probe_read_u64(&frame[0], &next) ||
		    probe_read_u64(&frame[1], &ret) || ret == 0)
			break;
		ips[n++] = ret - 1;
		if (next <= rbp)
			break;
		rbp = next;
	}
	return n;
}

void backtrace_print_saved(int level, const uint64_t *ips, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		backtrace_print_addr(level, ips[i]);
}

/* Starts with our caller: the frame at %rbp holds its return address. */
void backtrace_print(void)
{
	uint64_t rbp;

	__asm__ volatile("mov %%rbp, %0" : "=r"(rbp));
	pr_emerg("Call trace:\n");
	backtrace_walk(LOG_EMERG, rbp);
}
