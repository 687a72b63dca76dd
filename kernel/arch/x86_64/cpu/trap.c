/*
 * trap.c: CPU exceptions (vectors 0..31).
 *
 * An exception raised in kernel mode at an instruction listed in the
 * exception table (asm/extable.h) resumes at the entry's fixup, after a
 * report at warning level if the entry asks for one. Any other exception
 * is fatal: the same report at emergency level, then panic_finish().
 *
 * trap_dispatch, the C entry point of every vector, is here too; vectors
 * 32 and up go on to irq_dispatch (irq.c).
 *
 * Locking: trap_last_fault and trap_report_depth are only written here,
 * with interrupts off (all gates are interrupt gates). A fatal report
 * runs on the CPU that claimed the panic (panic_enter) after the others
 * stopped; a recovered exception's report on another CPU at the same
 * moment could only make that report look nested (no lock: it must work
 * from any state).
 */
#include <asm/cpu.h>
#include <asm/extable.h>
#include <asm/gdt.h>
#include <asm/trap.h>
#include <basalt/format.h>
#include <basalt/log.h>
#include <basalt/panic.h>
#include <basalt/string.h>
#include <arch/x86_64/smp/smp.h>
#include <proc/percpu.h>
#include <proc/task.h>
#include <mm/vm.h>
#include <user/user.h>
#include <stdbool.h>
#include <stddef.h>

/* int3 is one byte (0xCC); #BP reports the address after it (SDM 6.15). */
#define TRAP_INT3_LEN	1

/* A report nested this deep gives up on printing (see trap_die). */
#define TRAP_NESTED_REPORT	2
#define TRAP_DECODE_MAX		128

struct trap_fault_record trap_last_fault;

/* Reports in progress: an exception inside one must not recurse forever. */
static int trap_report_depth;

struct trap_desc {
	const char *name;
	const char *mnemonic;
};

/* Intel SDM Vol. 3A table 6-1; 28..30 from AMD APM Vol. 2 table 8-1. */
static const struct trap_desc trap_descs[TRAP_EXCEPTIONS] = {
	[TRAP_DE] = { "Divide error", "#DE" },
	[TRAP_DB] = { "Debug", "#DB" },
	[TRAP_NMI] = { "Non-maskable interrupt", "NMI" },
	[TRAP_BP] = { "Breakpoint", "#BP" },
	[TRAP_OF] = { "Overflow", "#OF" },
	[TRAP_BR] = { "BOUND range exceeded", "#BR" },
	[TRAP_UD] = { "Invalid opcode", "#UD" },
	[TRAP_NM] = { "Device not available", "#NM" },
	[TRAP_DF] = { "Double fault", "#DF" },
	[TRAP_CSO] = { "Coprocessor segment overrun", "reserved" },
	[TRAP_TS] = { "Invalid TSS", "#TS" },
	[TRAP_NP] = { "Segment not present", "#NP" },
	[TRAP_SS] = { "Stack-segment fault", "#SS" },
	[TRAP_GP] = { "General protection", "#GP" },
	[TRAP_PF] = { "Page fault", "#PF" },
	[TRAP_MF] = { "x87 floating-point error", "#MF" },
	[TRAP_AC] = { "Alignment check", "#AC" },
	[TRAP_MC] = { "Machine check", "#MC" },
	[TRAP_XM] = { "SIMD floating-point exception", "#XM" },
	[TRAP_VE] = { "Virtualization exception", "#VE" },
	[TRAP_CP] = { "Control protection exception", "#CP" },
	[TRAP_HV] = { "Hypervisor injection exception", "#HV" },
	[TRAP_VC] = { "VMM communication exception", "#VC" },
	[TRAP_SX] = { "Security exception", "#SX" },
};

const char *trap_name(unsigned vector)
{
	if (vector < TRAP_EXCEPTIONS && trap_descs[vector].name)
		return trap_descs[vector].name;
	return "Reserved";
}

static const char *trap_mnemonic(unsigned vector)
{
	if (vector < TRAP_EXCEPTIONS && trap_descs[vector].mnemonic)
		return trap_descs[vector].mnemonic;
	return "reserved";
}

/* snprintf that appends, for building one decoded line. */
struct trap_line {
	char buf[TRAP_DECODE_MAX];
	size_t len;
};

static void __printf(2, 3) trap_line_add(struct trap_line *l,
					 const char *fmt, ...)
{
	va_list ap;
	int n;

	if (l->len >= sizeof(l->buf))
		return;
	va_start(ap, fmt);
	n = vsnprintf(l->buf + l->len, sizeof(l->buf) - l->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		l->len += (size_t)n;
}

/* "not-present read kernel-mode", as Linux's "#PF: supervisor read ...". */
static void trap_decode_pf(struct trap_line *l, uint64_t err)
{
	const char *access = "read";

	if (err & PF_ERR_W)
		access = "write";
	else if (err & PF_ERR_I)
		access = "instruction-fetch";
	trap_line_add(l, "%s %s %s",
		      err & PF_ERR_P ? "protection-violation" : "not-present",
		      access, err & PF_ERR_U ? "user-mode" : "kernel-mode");
	if (err & PF_ERR_RSVD)
		trap_line_add(l, " reserved-bit");
	if (err & PF_ERR_PK)
		trap_line_add(l, " protection-key");
	if (err & PF_ERR_SS)
		trap_line_add(l, " shadow-stack");
	if (err & PF_ERR_SGX)
		trap_line_add(l, " sgx");
}

/* "GDT index 5 (selector 0x28) external"; 0 means "not selector-related". */
static void trap_decode_selector(struct trap_line *l, uint64_t err)
{
	uint64_t index = (err >> SEL_ERR_INDEX_SHIFT) & SEL_ERR_INDEX_MASK;
	const char *table = "GDT";

	if (err == 0) {
		trap_line_add(l, "no selector");
		return;
	}
	if (err & SEL_ERR_IDT)
		table = "IDT";
	else if (err & SEL_ERR_TI)
		table = "LDT";
	trap_line_add(l, "%s index %llu (selector 0x%llx)%s", table,
		      (unsigned long long)index,
		      (unsigned long long)(err & ~(SEL_ERR_EXT | SEL_ERR_IDT)),
		      err & SEL_ERR_EXT ? " external" : "");
}

static bool trap_has_selector_error(unsigned vector)
{
	return vector == TRAP_TS || vector == TRAP_NP || vector == TRAP_SS ||
	       vector == TRAP_GP;
}

static void trap_print_symbol(int level, const char *label, uint64_t addr)
{
	uint64_t off, size;
	const char *sym = ksym_lookup(addr, &off, &size);

	if (sym)
		klog(level, "%s: %016llx %s+0x%llx/0x%llx\n", label,
		     (unsigned long long)addr, sym, (unsigned long long)off,
		     (unsigned long long)size);
	else
		klog(level, "%s: %016llx\n", label, (unsigned long long)addr);
}

static void trap_print_regs3(int level, const char *n1, uint64_t v1,
			     const char *n2, uint64_t v2, const char *n3,
			     uint64_t v3)
{
	klog(level, "%s: %016llx %s: %016llx %s: %016llx\n",
	     n1, (unsigned long long)v1, n2, (unsigned long long)v2,
	     n3, (unsigned long long)v3);
}

/*
 * The report, in Linux's oops order: what happened, the decoded error
 * code, the registers, the control registers, and the call trace from
 * the faulting instruction and its frame.
 */
static void trap_report(int level, const char *what,
			const struct trap_frame *f, uint64_t cr2)
{
	unsigned vector = (unsigned)f->vector;
	struct trap_line l = { .len = 0 };

	klog(level, "%s: %s (%s), vector %u, error code 0x%llx\n", what,
	     trap_name(vector), trap_mnemonic(vector), vector,
	     (unsigned long long)f->error_code);
	if (vector == TRAP_PF) {
		trap_decode_pf(&l, f->error_code);
		klog(level, "%s: %s\n", trap_mnemonic(vector), l.buf);
		klog(level, "CR2 (faulting address): %016llx\n",
		     (unsigned long long)cr2);
	} else if (trap_has_selector_error(vector)) {
		trap_decode_selector(&l, f->error_code);
		klog(level, "%s: %s\n", trap_mnemonic(vector), l.buf);
	}
	if (vector == TRAP_DF)
		klog(level, "#DF: the saved CS:RIP is undefined (SDM 6.15, interrupt 8)\n");
	trap_print_symbol(level, "RIP", f->rip);
	klog(level, "CS: %04llx SS: %04llx RSP: %016llx RFLAGS: %08llx\n",
	     (unsigned long long)f->cs, (unsigned long long)f->ss,
	     (unsigned long long)f->rsp, (unsigned long long)f->rflags);
	trap_print_regs3(level, "RAX", f->rax, "RBX", f->rbx, "RCX", f->rcx);
	trap_print_regs3(level, "RDX", f->rdx, "RSI", f->rsi, "RDI", f->rdi);
	trap_print_regs3(level, "RBP", f->rbp, "R08", f->r8, "R09", f->r9);
	trap_print_regs3(level, "R10", f->r10, "R11", f->r11, "R12", f->r12);
	trap_print_regs3(level, "R13", f->r13, "R14", f->r14, "R15", f->r15);
	klog(level, "CR0: %016llx CR2: %016llx\n",
	     (unsigned long long)cpu_read_cr0(), (unsigned long long)cr2);
	klog(level, "CR3: %016llx CR4: %016llx\n",
	     (unsigned long long)cpu_read_cr3(),
	     (unsigned long long)cpu_read_cr4());
	backtrace_print_level(level, f->rip, f->rsp, f->rbp);
}

static bool trap_from_kernel(const struct trap_frame *f)
{
	return (f->cs & SEL_RPL_MASK) == SEL_RPL_KERNEL;
}

/* The address of the instruction that raised the exception. */
static uint64_t trap_insn_addr(const struct trap_frame *f)
{
	if (f->vector == TRAP_BP)
		return f->rip - TRAP_INT3_LEN;
	return f->rip;
}

#define TRAP_RAW_LINE_MAX	96

static bool trap_fixup(struct trap_frame *f, uint64_t cr2)
{
	uint64_t insn = trap_insn_addr(f);
	const struct extable_entry *e;

	if (!trap_from_kernel(f))
		return false;
	e = extable_search(insn);
	if (!e)
		return false;
	if (e->flags & EXTABLE_REPORT) {
		trap_report_depth++;
		trap_report(LOG_WARNING, "Recovered exception", f, cr2);
		trap_print_symbol(LOG_WARNING, "Resuming at fixup", e->fixup);
		trap_report_depth--;
	}
	/* Recorded after the report, which may itself take quiet fixups. */
	trap_last_fault.vector = f->vector;
	trap_last_fault.error_code = f->error_code;
	trap_last_fault.cr2 = f->vector == TRAP_PF ? cr2 : 0;
	trap_last_fault.rip = insn;
	trap_last_fault.fixup = e->fixup;
	trap_last_fault.count++;
	f->rip = e->fixup;
	return true;
}

/* The first fatal exception, kept for the raw line if its report faults. */
static struct {
	uint64_t vector, rip, cr2;
} trap_first;

/* One raw line straight to the consoles (no klog): the exception's essentials. */
static void trap_raw_line(const char *what, uint64_t vector, uint64_t rip, uint64_t cr2)
{
	char line[TRAP_RAW_LINE_MAX];
	int n = snprintf(line, sizeof(line), "%s: vector %llu, rip %#llx, cr2 %#llx\n", what,
			 (unsigned long long)vector, (unsigned long long)rip,
			 (unsigned long long)cr2);

	if (n > 0)
		console_write_all(line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
}

static __noreturn void trap_die(const struct trap_frame *f, uint64_t cr2)
{
	static const char nested[] = "\nexception while reporting an exception\n";
	bool first;

	/*
	 * An exception inside the report (a corrupt console, say) gets a
	 * raw message instead of another report: the first exception's
	 * essentials and this one's. A third level gives up without
	 * touching anything.
	 */
	if (trap_report_depth >= TRAP_NESTED_REPORT)
		cpu_halt_forever();
	/*
	 * The first fatal exception claims the panic and stops the other
	 * CPUs; panic_enter is false if this CPU is in its panic already.
	 */
	first = panic_enter() && trap_report_depth == 0;
	if (trap_report_depth++ > 0 || !first) {
		console_write_all(nested, sizeof(nested) - 1);
		trap_raw_line("first", trap_first.vector, trap_first.rip, trap_first.cr2);
		trap_raw_line("nested", f->vector, f->rip, cr2);
		panic_finish();
	}
	trap_first.vector = f->vector;
	trap_first.rip = f->rip;
	trap_first.cr2 = cr2;
	trap_report(LOG_EMERG, "Unhandled exception", f, cr2);
	pr_emerg("Kernel panic - not syncing: Fatal exception %s in %s mode\n",
		 trap_mnemonic((unsigned)f->vector),
		 trap_from_kernel(f) ? "kernel" : "user");
	panic_finish();
}

static void trap_exception(struct trap_frame *f)
{
	/* First: any page fault taken while reporting would overwrite CR2. */
	uint64_t cr2 = cpu_read_cr2();

	/*
	 * A uaccess copy (an exception-table instruction) touching a user
	 * page not faulted in yet, or shared copy-on-write: resolve and retry.
	 */
	if (f->vector == TRAP_PF && trap_from_kernel(f) && cr2 < USER_SPACE_END &&
	    extable_search(trap_insn_addr(f)) && !vm_fault(vm_current(), cr2, f->error_code))
		return;
	if (trap_fixup(f, cr2))
		return;
	/* A program's fault kills the program (user/proc.c), not the kernel. */
	if (!trap_from_kernel(f) && user_trap(f, cr2))
		return;
	trap_die(f, cr2);
}

void trap_dispatch(struct trap_frame *f)
{
	struct trap_frame *outer;
	struct task *me;

	/* Another CPU's panic or power off stops this one (smp_stop.c). */
	if (f->vector == TRAP_NMI)
		smp_stop_nmi();
	if (f->vector < TRAP_EXCEPTIONS) {
		trap_exception(f);
		return;
	}
	/*
	 * Handlers may ask what was interrupted (the tick: ring 3 or not).
	 * The task's, not the CPU's: the tick may switch it out, and it may
	 * come back on another CPU.
	 */
	me = task_current();
	if (!me) {		/* before sched_init: no task yet */
		irq_dispatch(f);
		return;
	}
	outer = me->irq_frame;
	me->irq_frame = f;
	irq_dispatch(f);
	me->irq_frame = outer;
}
