/*
 * power.c: machine reset and power off.
 * Reset tries the 8042 keyboard controller's pulse-reset command, then a
 * triple fault (an empty IDT and an interrupt), which every PC resets on.
 */
#include <power/power.h>
#include <basalt/log.h>
#include <asm/cpu.h>
#include <asm/io.h>

#define I8042_STATUS_PORT	0x64
#define I8042_COMMAND_PORT	0x64
#define I8042_STATUS_INPUT_FULL	0x02
#define I8042_CMD_PULSE_RESET	0xFE
#define I8042_WAIT_SPINS	100000

static void power_reset_8042(void)
{
	for (int i = 0; i < I8042_WAIT_SPINS; i++)
		if (!(inb(I8042_STATUS_PORT) & I8042_STATUS_INPUT_FULL))
			break;
	outb(I8042_COMMAND_PORT, I8042_CMD_PULSE_RESET);
	for (int i = 0; i < I8042_WAIT_SPINS; i++)
		io_wait();
}

static __noreturn void power_reset_triple_fault(void)
{
	struct __packed {
		uint16_t limit;
		uint64_t base;
	} empty_idt = { 0, 0 };

	__asm__ volatile("lidt %0; int3" : : "m"(empty_idt));
	cpu_halt_forever();
}

__noreturn void power_reboot(void)
{
	cpu_irq_disable();
	power_reset_8042();
	power_reset_triple_fault();
}

__noreturn void power_off(void)
{
	cpu_irq_disable();
	pr_emerg("power: no way to power off known; halting\n");
	cpu_halt_forever();
}
