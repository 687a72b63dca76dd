/*
 * crashtest.c: the deliberate crashes behind "crashtest=NAME". Each one
 * ends in the same fatal path a real bug takes; nothing here recovers.
 */
#include <basalt/crashtest.h>
#include <basalt/log.h>
#include <basalt/panic.h>
#include <basalt/string.h>
#include <stdint.h>

/*
 * Non-canonical addresses raise #GP, not #PF; this one is canonical, in
 * the kernel half and in the unused gap below the kernel-stack area
 * (vmlayout.h), so reading it is a not-present page fault.
 */
#define CRASHTEST_UNMAPPED_ADDR	0xffffa00000001000ULL

static __attribute__((noinline)) void crashtest_page_fault(void)
{
	volatile const uint64_t *p = (volatile const uint64_t *)CRASHTEST_UNMAPPED_ADDR;

	pr_emerg("crashtest: reading unmapped address %#llx\n",
		 (unsigned long long)CRASHTEST_UNMAPPED_ADDR);
	(void)*p;
	pr_emerg("crashtest: the read did not fault\n");
}

void crashtest_run(const char *name)
{
	if (!strcmp(name, "page_fault"))
		crashtest_page_fault();
	else if (!strcmp(name, "panic"))
		panic("crashtest: deliberate panic");
	else
		pr_warn("crashtest: unknown crash '%s', ignored\n", name);
}
