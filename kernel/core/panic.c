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

#define PANIC_DELAY_SPIN_PER_SEC 100000000ULL	/* no timer may be running */

static bool panic_in_progress;

__noreturn void panic_finish(void)
{
	long timeout = boot_cmdline.panic_timeout;

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

	cpu_irq_disable();
	if (panic_in_progress) {
		/* A panic inside a panic: do not recurse, just stop. */
		console_write_all("\nnested panic\n", 14);
		cpu_halt_forever();
	}
	panic_in_progress = true;
	klog_panic_begin();

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pr_emerg("Kernel panic - not syncing: %s\n", msg);
	backtrace_print();
	panic_finish();
}
