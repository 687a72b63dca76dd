/*
 * trap_ktest.c: exceptions raised on purpose at instructions that have
 * an exception-table entry. EXTABLE_REPORT entries make the handler log
 * the full report at warning level, then resume at the fixup, so each
 * test checks both the recorded fault and the report text in the log.
 */
#include <basalt/ktest.h>
#include <basalt/log.h>
#include <basalt/panic.h>
#include <basalt/string.h>
#include <basalt/vmlayout.h>
#include <asm/extable.h>
#include <asm/trap.h>
#include <uapi/errno.h>

/*
 * vmlayout.h assigns nothing between the kernel-stack area and the
 * kernel image, so this page is never mapped.
 */
#define TRAP_KTEST_UNMAPPED	0xffffe00000000000ULL
#define TRAP_KTEST_SELECTOR	0x1230	/* GDT index 582: past the limit */
#define TRAP_KTEST_SELECTOR_INDEX 582

static char trap_ktest_log[LOG_BUFFER_SIZE + 1];

/* Marks the log so trap_ktest_log_since finds only this test's lines. */
static void trap_ktest_mark(const char *name)
{
	pr_info("ktest-mark: %s\n", name);
}

static const char *trap_ktest_find(const char *hay, const char *needle)
{
	size_t len = strlen(needle);

	for (; *hay; hay++)
		if (!strncmp(hay, needle, len))
			return hay;
	return NULL;
}

/* The log after the last "ktest-mark: name" line, NUL-terminated. */
static const char *trap_ktest_log_since(const char *name)
{
	size_t n = klog_read_all(trap_ktest_log, LOG_BUFFER_SIZE);
	const char *p = trap_ktest_log, *last = NULL;
	char mark[LOG_LINE_MAX];

	trap_ktest_log[n] = '\0';
	strlcpy(mark, "ktest-mark: ", sizeof(mark));
	strlcpy(mark + strlen(mark), name, sizeof(mark) - strlen(mark));
	while ((p = trap_ktest_find(p, mark)) != NULL)
		last = p++;
	return last ? last : "";
}

/* Whether the line holding s was logged at level (READ_ALL "<n>" prefix). */
static bool trap_ktest_line_level(const char *log, const char *s, int level)
{
	const char *line = trap_ktest_find(log, s);

	if (!line)
		return false;
	while (line > trap_ktest_log && line[-1] != '\n')
		line--;
	return line[0] == '<' && line[1] == '0' + level && line[2] == '>';
}

#define KT_EXPECT_LOG(t, log, s)					\
	do {								\
		if (!trap_ktest_find(log, s))				\
			ktest_report_failure(t, __FILE__, __LINE__,	\
					     "log lacks \"%s\"", s);	\
	} while (0)

/*
 * A read that faults at a listed instruction; noinline so the report's
 * call trace must walk one frame up to reach the test function.
 */
static __attribute__((noinline)) uint64_t
trap_ktest_read_reported(const volatile uint64_t *p, uint64_t *insn)
{
	uint64_t value = 0, at;

	__asm__ volatile("leaq 1f(%%rip), %[at]\n"
			 "1:	movq (%[p]), %[value]\n"
			 "2:\n"
			 EXTABLE_ENTRY(1b, 2b, EXTABLE_REPORT)
			 : [value] "+r"(value), [at] "=&r"(at)
			 : [p] "r"(p)
			 : "memory");
	*insn = at;
	return value;
}

KTEST(cpu_trap_page_fault_report)
{
	uint64_t count = trap_last_fault.count, insn, value;
	const char *log;

	trap_ktest_mark("page fault");
	value = trap_ktest_read_reported((const uint64_t *)TRAP_KTEST_UNMAPPED, &insn);
	KT_EXPECT_EQ(t, value, 0);	/* the load never completed */
	KT_ASSERT(t, trap_last_fault.count == count + 1);
	KT_EXPECT_EQ(t, trap_last_fault.vector, TRAP_PF);
	/* Not present, read, kernel mode: every error code bit clear. */
	KT_EXPECT_EQ(t, trap_last_fault.error_code, 0);
	KT_EXPECT_EQ(t, trap_last_fault.cr2, TRAP_KTEST_UNMAPPED);
	KT_EXPECT_EQ(t, trap_last_fault.rip, insn);

	log = trap_ktest_log_since("page fault");
	KT_EXPECT_LOG(t, log, "Recovered exception: Page fault (#PF), vector 14");
	KT_EXPECT_LOG(t, log, "#PF: not-present read kernel-mode");
	KT_EXPECT_LOG(t, log, "CR2 (faulting address): ffffe00000000000");
	KT_EXPECT_LOG(t, log, "RIP: ");
	KT_EXPECT_LOG(t, log, "RFLAGS: ");
	KT_EXPECT_LOG(t, log, "RAX: ");
	KT_EXPECT_LOG(t, log, "R15: ");
	KT_EXPECT_LOG(t, log, "CR3: ");
	KT_EXPECT_LOG(t, log, "Call trace:");
	KT_EXPECT_LOG(t, log, "] trap_ktest_read_reported");
	KT_EXPECT_LOG(t, log, "] ktest_run_cpu_trap_page_fault_report+");
	KT_EXPECT_LOG(t, log, "Resuming at fixup");
	/* Recovered, so not at the emergency level of a fatal report. */
	KT_EXPECT(t, trap_ktest_line_level(log, "Recovered exception", LOG_WARNING));
}

KTEST(cpu_trap_probe_read)
{
	uint64_t count = trap_last_fault.count;
	uint64_t value = 0x1234, mapped = 0xfeedface;

	trap_ktest_mark("probe read");
	KT_EXPECT_EQ(t, probe_read_u64(&mapped, &value), 0);
	KT_EXPECT_EQ(t, value, 0xfeedface);
	KT_EXPECT_EQ(t, trap_last_fault.count, count);

	value = 0x1234;
	KT_EXPECT_EQ(t, probe_read_u64((const void *)TRAP_KTEST_UNMAPPED, &value),
		     -EFAULT);
	KT_EXPECT_EQ(t, value, 0x1234);	/* untouched on a fault */
	KT_ASSERT(t, trap_last_fault.count == count + 1);
	KT_EXPECT_EQ(t, trap_last_fault.vector, TRAP_PF);
	KT_EXPECT_EQ(t, trap_last_fault.cr2, TRAP_KTEST_UNMAPPED);
	/* A quiet entry: the caller reports, the trap code says nothing. */
	KT_EXPECT(t, !trap_ktest_find(trap_ktest_log_since("probe read"),
				      "Recovered exception"));
}

KTEST(cpu_trap_probe_write)
{
	uint64_t count = trap_last_fault.count, mapped = 0;

	KT_EXPECT_EQ(t, probe_write_u64(&mapped, 42), 0);
	KT_EXPECT_EQ(t, mapped, 42);
	KT_EXPECT_EQ(t, probe_write_u64((void *)TRAP_KTEST_UNMAPPED, 42), -EFAULT);
	KT_ASSERT(t, trap_last_fault.count == count + 1);
	KT_EXPECT_EQ(t, trap_last_fault.error_code, PF_ERR_W);
	KT_EXPECT_EQ(t, trap_last_fault.cr2, TRAP_KTEST_UNMAPPED);
}

KTEST(cpu_trap_invalid_opcode)
{
	uint64_t count = trap_last_fault.count, insn;

	trap_ktest_mark("ud2");
	__asm__ volatile("leaq 1f(%%rip), %0\n"
			 "1:	ud2\n"
			 "2:\n"
			 EXTABLE_ENTRY(1b, 2b, EXTABLE_REPORT)
			 : "=r"(insn) : : "memory");
	KT_ASSERT(t, trap_last_fault.count == count + 1);
	KT_EXPECT_EQ(t, trap_last_fault.vector, TRAP_UD);
	KT_EXPECT_EQ(t, trap_last_fault.error_code, 0);
	KT_EXPECT_EQ(t, trap_last_fault.rip, insn);
	KT_EXPECT_LOG(t, trap_ktest_log_since("ud2"),
		      "Recovered exception: Invalid opcode (#UD), vector 6");
}

KTEST(cpu_trap_breakpoint)
{
	uint64_t count = trap_last_fault.count, insn;

	trap_ktest_mark("int3");
	__asm__ volatile("leaq 1f(%%rip), %0\n"
			 "1:	int3\n"
			 "2:\n"
			 EXTABLE_ENTRY(1b, 2b, EXTABLE_REPORT)
			 : "=r"(insn) : : "memory");
	KT_ASSERT(t, trap_last_fault.count == count + 1);
	KT_EXPECT_EQ(t, trap_last_fault.vector, TRAP_BP);
	/* #BP is a trap: the CPU reports the next insn; the record the int3. */
	KT_EXPECT_EQ(t, trap_last_fault.rip, insn);
	KT_EXPECT_LOG(t, trap_ktest_log_since("int3"),
		      "Recovered exception: Breakpoint (#BP), vector 3");
}

KTEST(cpu_trap_divide_error)
{
	uint64_t count = trap_last_fault.count, insn;
	uint32_t divisor = 0;

	trap_ktest_mark("div0");
	__asm__ volatile("leaq 1f(%%rip), %[insn]\n"
			 "	xorl %%eax, %%eax\n"
			 "	xorl %%edx, %%edx\n"
			 "1:	divl %[divisor]\n"
			 "2:\n"
			 EXTABLE_ENTRY(1b, 2b, EXTABLE_REPORT)
			 : [insn] "=&r"(insn)
			 : [divisor] "r"(divisor)
			 : "rax", "rdx", "memory");
	KT_ASSERT(t, trap_last_fault.count == count + 1);
	KT_EXPECT_EQ(t, trap_last_fault.vector, TRAP_DE);
	KT_EXPECT_EQ(t, trap_last_fault.rip, insn);
	KT_EXPECT_LOG(t, trap_ktest_log_since("div0"),
		      "Recovered exception: Divide error (#DE), vector 0");
}

/* Loading a selector past the GDT limit: #GP with a selector error code. */
KTEST(cpu_trap_general_protection_selector)
{
	uint64_t count = trap_last_fault.count;
	uint16_t ds_before, ds_after, sel = TRAP_KTEST_SELECTOR;

	trap_ktest_mark("gp selector");
	__asm__ volatile("mov %%ds, %0" : "=r"(ds_before));
	__asm__ volatile("1:	movw %[sel], %%ds\n"
			 "2:\n"
			 EXTABLE_ENTRY(1b, 2b, EXTABLE_REPORT)
			 : : [sel] "r"(sel) : "memory");
	__asm__ volatile("mov %%ds, %0" : "=r"(ds_after));
	KT_EXPECT_EQ(t, ds_after, ds_before);
	KT_ASSERT(t, trap_last_fault.count == count + 1);
	KT_EXPECT_EQ(t, trap_last_fault.vector, TRAP_GP);
	KT_EXPECT_EQ(t, trap_last_fault.error_code, TRAP_KTEST_SELECTOR);
	KT_EXPECT_LOG(t, trap_ktest_log_since("gp selector"),
		      "#GP: GDT index 582 (selector 0x1230)");
	_Static_assert(TRAP_KTEST_SELECTOR >> SEL_ERR_INDEX_SHIFT ==
		       TRAP_KTEST_SELECTOR_INDEX, "the line above names it");
}

/*
 * The call trace must not fault on a frame pointer that points nowhere:
 * only the faulting rip is printed, and the walk stops quietly.
 */
KTEST(cpu_backtrace_bad_frame_pointer)
{
	static const uint64_t bad_rbps[] = {
		TRAP_KTEST_UNMAPPED,			/* on no stack */
		KSTACK_AREA_BASE,			/* stack area, maybe unmapped */
		DIRECT_MAP_BASE + PAGE_SIZE,		/* mapped but not a stack */
		0x10,					/* user / null page */
	};
	const char *log, *trace;

	for (unsigned i = 0; i < ARRAY_SIZE(bad_rbps); i++) {
		trap_ktest_mark("bad rbp");
		backtrace_print_level(LOG_INFO, (uint64_t)trap_ktest_mark, 0,
				      bad_rbps[i]);
		log = trap_ktest_log_since("bad rbp");
		trace = trap_ktest_find(log, "Call trace:\n");
		KT_ASSERT(t, trace);
		/* One line for rip, then nothing from the walk. */
		KT_EXPECT_LOG(t, trace, "] trap_ktest_mark+0x0/");
		KT_EXPECT(t, !trap_ktest_find(trace, ">] ?"));
		KT_EXPECT(t, !trap_ktest_find(trap_ktest_find(trace, ">] ") + 3, ">] "));
	}
}
