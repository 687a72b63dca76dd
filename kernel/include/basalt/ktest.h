/*
 * In-kernel tests (kernel/core/ktest.c). Booted with "ktest" (or
 * "ktest=PREFIX" to run the tests whose name starts with PREFIX), the
 * kernel runs every KTEST after boot, prints KTAP (the kernel's TAP
 * dialect: Documentation/dev-tools/ktap.rst) on the log, and powers off.
 *
 *	KTEST(pmm_alloc_free)
 *	{
 *		uint64_t p = pmm_alloc_pages(0, ZONE_ANY);
 *		KT_ASSERT(t, p != 0);
 *		KT_EXPECT_EQ(t, p & 0xfff, 0);
 *	}
 */
#ifndef BASALT_KTEST_H
#define BASALT_KTEST_H

#include <stdbool.h>
#include <stdint.h>
#include <basalt/compiler.h>

struct ktest_ctx {
	const char *name;
	unsigned failures;
};

struct ktest {
	const char *name;
	void (*run)(struct ktest_ctx *t);
};

#define KTEST(test_name)						\
	static void ktest_run_##test_name(struct ktest_ctx *t);		\
	static const struct ktest ktest_##test_name			\
		__section(".ktests") __used __aligned(8) = {		\
		.name = #test_name, .run = ktest_run_##test_name,	\
	};								\
	static void ktest_run_##test_name(struct ktest_ctx *t __unused)

void ktest_report_failure(struct ktest_ctx *t, const char *file, int line,
			  const char *fmt, ...) __printf(4, 5);

/* Records a failure and goes on. */
#define KT_EXPECT(t, cond)						\
	do {								\
		if (!(cond))						\
			ktest_report_failure(t, __FILE__, __LINE__,	\
					     "expected %s", #cond);	\
	} while (0)

#define KT_EXPECT_EQ(t, a, b)						\
	do {								\
		uint64_t ka_ = (uint64_t)(a), kb_ = (uint64_t)(b);	\
		if (ka_ != kb_)						\
			ktest_report_failure(t, __FILE__, __LINE__,	\
				"expected %s == %s (0x%llx != 0x%llx)",	\
				#a, #b, (unsigned long long)ka_,	\
				(unsigned long long)kb_);		\
	} while (0)

/* Records a failure and leaves the test. */
#define KT_ASSERT(t, cond)						\
	do {								\
		if (!(cond)) {						\
			ktest_report_failure(t, __FILE__, __LINE__,	\
					     "assertion %s", #cond);	\
			return;						\
		}							\
	} while (0)

/* Runs the selected tests and returns the number that failed. */
unsigned ktest_run_all(const char *prefix);
/*
 * The free page count once it is back to want, waiting up to
 * KTEST_SETTLE_MS for it: a task's kernel stack is freed by the CPU it
 * died on, just after its parent or joiner may have seen it exit.
 */
uint64_t ktest_free_pages_settle(uint64_t want);
/*
 * The number of kernel stacks in use once it is down to want or fewer
 * (waiting up to KTEST_SETTLE_MS): before a count of free pages, so that
 * the stack of a task that just exited is not freed in the middle.
 */
unsigned ktest_kstacks_settle(unsigned want);

#endif /* BASALT_KTEST_H */
