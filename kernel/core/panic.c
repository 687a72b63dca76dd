/*
 * panic.c: stop the kernel with a report, then halt or reboot according
 * to "panic=N" as Linux does (kernel/panic.c semantics).
 */
#include <basalt/panic.h>
#include <basalt/log.h>
#include <basalt/cmdline.h>
#include <basalt/format.h>
#include <asm/cpu.h>
#include <power/power.h>
#include <proc/percpu.h>
#include <arch/x86_64/smp/smp.h>

#define PANIC_DELAY_SPIN_PER_SEC 100000000ULL	/* no timer may be running */
#define PANIC_CPU_NONE		UINT32_MAX

/* The CPU in a panic, set once (an atomic compare-and-exchange). */
static uint32_t panic_cpu = PANIC_CPU_NONE;
/* How many of the other CPUs stopped (smp_stop_others), for the report. */
static unsigned panic_stopped_cpus;

bool panic_enter(void)
{
	/* Before the APs start, %gs may not hold a struct percpu yet. */
	uint32_t me = smp_cpus_up() > 1 ? percpu_this()->cpu : 0;
	uint32_t owner = PANIC_CPU_NONE;

	cpu_irq_disable();
	if (!__atomic_compare_exchange_n(&panic_cpu, &owner, me, false, __ATOMIC_SEQ_CST,
					 __ATOMIC_SEQ_CST)) {
		if (owner == me)
			return false;
		/* Another CPU panics and stops this one (its NMI, or now). */
		cpu_halt_forever();
	}
	/* Lines go out without log_lock: a stopped CPU may hold it. */
	klog_panic_begin();
	panic_stopped_cpus = smp_stop_others();
	return true;
}

__noreturn void panic_finish(void)
{
	long timeout = boot_cmdline.panic_timeout;
	unsigned others = smp_cpus_up() - 1;

	if (others)
		pr_emerg("smp: %u of %u other CPUs stopped\n", panic_stopped_cpus, others);
	if (timeout < 0) {
		pr_emerg("Rebooting immediately (panic=%ld)\n", timeout);
		power_reboot();
	}
	if (timeout > 0) {
		pr_emerg("Rebooting in %ld seconds..\n", timeout);
		for (uint64_t i = 0; i < (uint64_t)timeout * PANIC_DELAY_SPIN_PER_SEC; i++)
			cpu_pause();
		power_reboot();
	}
	pr_emerg("---[ end Kernel panic ]---\n");
	cpu_halt_forever();
}

__noreturn void panic(const char *fmt, ...)
{
	char msg[LOG_LINE_MAX];
	va_list ap;

	if (!panic_enter()) {
		/* A panic inside a panic: do not recurse, just stop. */
		console_write_all("\nnested panic\n", 14);
		cpu_halt_forever();
	}

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pr_emerg("Kernel panic - not syncing: %s\n", msg);
	backtrace_print();
	panic_finish();
}
