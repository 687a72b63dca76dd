/*
 * ktest.c: run the KTEST()s the linker gathered in .ktests and report in
 * KTAP version 1 so the host harness (tests/qemu/run-ktest.sh) can judge
 * the run from the serial log alone.
 */
#include <basalt/ktest.h>
#include <basalt/log.h>
#include <basalt/format.h>
#include <basalt/string.h>
#include <stdarg.h>
#include <proc/task.h>
#include <sched/sched.h>
#include <sched/wait.h>
#include <mm/mm.h>

#define KTEST_CPU_MASK	1ULL	/* CPU0 */
#define KTEST_SETTLE_MS	200

extern const struct ktest __ktests_start[], __ktests_end[];

void ktest_report_failure(struct ktest_ctx *t, const char *file, int line,
			  const char *fmt, ...)
{
	char msg[LOG_LINE_MAX / 2];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	t->failures++;
	pr_info("    # %s: %s:%d: %s\n", t->name, file, line, msg);
}

static bool ktest_selected(const struct ktest *k, const char *prefix)
{
	return !prefix || !strncmp(k->name, prefix, strlen(prefix));
}

/*
 * Before each test: tasks an earlier test let exit are reaped by the CPU
 * each died on, a moment later; wait (a little) until the count of
 * tasks and kernel stacks stops moving, so no test counts their pages.
 */
static void ktest_quiesce(void)
{
	unsigned tasks = sched_nr_tasks(), stacks = kstack_in_use();

	for (unsigned i = 0; i < KTEST_SETTLE_MS; i++) {
		msleep(1);
		if (sched_nr_tasks() == tasks && kstack_in_use() == stacks)
			return;
		tasks = sched_nr_tasks();
		stacks = kstack_in_use();
	}
}

unsigned ktest_run_all(const char *prefix)
{
	unsigned total = 0, number = 0, failed = 0;

	for (const struct ktest *k = __ktests_start; k < __ktests_end; k++)
		total += ktest_selected(k, prefix);

	/*
	 * The tests run on CPU0, as they were written (the boot CPU's own
	 * state, calls to the others); the threads they start run anywhere.
	 */
	(void)sched_set_affinity(task_current(), KTEST_CPU_MASK);
	pr_info("KTAP version 1\n");
	pr_info("1..%u\n", total);
	for (const struct ktest *k = __ktests_start; k < __ktests_end; k++) {
		struct ktest_ctx ctx = { .name = k->name, .failures = 0 };

		if (!ktest_selected(k, prefix))
			continue;
		ktest_quiesce();
		k->run(&ctx);
		number++;
		if (ctx.failures)
			failed++;
		pr_info("%s %u %s\n", ctx.failures ? "not ok" : "ok", number, k->name);
	}
	pr_info("# ktest: %u passed, %u failed\n", total - failed, failed);
	return failed;
}

unsigned ktest_kstacks_settle(unsigned want)
{
	for (unsigned i = 0; i < KTEST_SETTLE_MS && kstack_in_use() > want; i++)
		msleep(1);
	return kstack_in_use();
}

uint64_t ktest_free_pages_settle(uint64_t want)
{
	for (unsigned i = 0; i < KTEST_SETTLE_MS && pmm_free_pages_count() != want; i++)
		msleep(1);
	return pmm_free_pages_count();
}
