/*
 * power.c: machine reset and power off.
 * Power off enters the ACPI S5 sleeping state through the PM1 control
 * registers (ACPI 6.4 sections 4.8.3.2.1 and 7.4.2). Reset tries the FADT
 * reset register (section 4.8.3.6), then the 8042 keyboard controller's
 * pulse-reset command, then a triple fault (an empty IDT and an
 * interrupt), which every PC resets on.
 */
#include <power/power.h>
#include <acpi/acpi.h>
#include <basalt/log.h>
#include <asm/cpu.h>
#include <asm/io.h>
#include <arch/x86_64/smp/smp.h>

/* PM1 control register bits, ACPI 6.4 table 4.16. */
#define PM1_CNT_SCI_EN		(1u << 0)
#define PM1_CNT_SLP_TYP_SHIFT	10
#define PM1_CNT_SLP_TYP_MASK	(0x7u << PM1_CNT_SLP_TYP_SHIFT)
#define PM1_CNT_SLP_EN		(1u << 13)

/* How long to wait (in ~1 us port writes) for the firmware or the chipset. */
#define POWER_ACPI_ENABLE_SPINS	300000
#define POWER_SETTLE_SPINS	1000000

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

/* Reset register and value from the FADT (section 5.2.9, table 5.9). */
static void power_reset_acpi(void)
{
	if (!acpi.have_fadt || !acpi.fadt.reset_supported)
		return;
	if (acpi_gas_write(&acpi.fadt.reset_reg, acpi.fadt.reset_value))
		return;
	for (int i = 0; i < POWER_SETTLE_SPINS; i++)
		io_wait();
}

/*
 * Both end with the other CPUs stopped (an NMI each, smp_stop.c), as
 * Linux's smp_send_stop: none is left writing to memory or a disk while
 * the machine goes down, nor halted with a lock the reset path needs.
 */
__noreturn void power_reboot(void)
{
	cpu_irq_disable();
	(void)smp_stop_others();
	power_reset_acpi();
	power_reset_8042();
	power_reset_triple_fault();
}

/*
 * Legacy (non hardware-reduced) platforms may boot in legacy mode, where
 * SCI_EN (table 4.16) is clear and the firmware owns the PM registers;
 * writing ACPI_ENABLE to SMI_CMD hands them over (FADT fields, table 5.9).
 */
static void power_acpi_enable(void)
{
	uint64_t cnt;

	if (acpi_gas_read(&acpi.fadt.pm1a_cnt, &cnt) || (cnt & PM1_CNT_SCI_EN))
		return;
	if (!acpi.fadt.smi_cmd || !acpi.fadt.acpi_enable)
		return;
	outb((uint16_t)acpi.fadt.smi_cmd, acpi.fadt.acpi_enable);
	for (int i = 0; i < POWER_ACPI_ENABLE_SPINS; i++) {
		if (!acpi_gas_read(&acpi.fadt.pm1a_cnt, &cnt) &&
		    (cnt & PM1_CNT_SCI_EN))
			return;
		io_wait();
	}
}

/*
 * Sets SLP_TYP, then SLP_TYP | SLP_EN: some chipsets latch the type only
 * from a write without SLP_EN (Linux's acpi_hw_legacy_sleep does the same).
 */
static void power_pm1_sleep(const struct acpi_gas *reg, uint8_t slp_typ)
{
	uint64_t cnt;

	if (!reg->address || acpi_gas_read(reg, &cnt))
		return;
	cnt &= ~(uint64_t)(PM1_CNT_SLP_TYP_MASK | PM1_CNT_SLP_EN);
	cnt |= (uint64_t)slp_typ << PM1_CNT_SLP_TYP_SHIFT;
	acpi_gas_write(reg, cnt);
	acpi_gas_write(reg, cnt | PM1_CNT_SLP_EN);
}

__noreturn void power_off(void)
{
	cpu_irq_disable();
	(void)smp_stop_others();
	if (acpi.have_fadt && acpi.have_s5 && acpi.fadt.pm1a_cnt.address &&
	    !(acpi.fadt.flags & ACPI_FADT_HW_REDUCED)) {
		power_acpi_enable();
		/* PM1b first: the PM1a write is the one that cuts power. */
		power_pm1_sleep(&acpi.fadt.pm1b_cnt, acpi.s5.slp_typb);
		power_pm1_sleep(&acpi.fadt.pm1a_cnt, acpi.s5.slp_typa);
		for (int i = 0; i < POWER_SETTLE_SPINS; i++)
			io_wait();
		pr_emerg("power: ACPI S5 did not take effect; halting\n");
	} else {
		pr_emerg("power: no ACPI S5 support known; halting\n");
	}
	cpu_halt_forever();
}
