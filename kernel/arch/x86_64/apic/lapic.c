/*
 * lapic.c: the boot CPU's local APIC (Intel SDM Vol. 3A, "Advanced
 * Programmable Interrupt Controller (APIC)": 10.4 in the older numbering,
 * 11.4 in the newer; section numbers below are the older ones). xAPIC
 * (MMIO) mode only.
 *
 * Locking: lapic_base and the timer rate are set at boot before
 * interrupts are enabled, then only read. Registers are per CPU: every
 * CPU sees its own local APIC at the same address, so a CPU only ever
 * programs its own. The ICR is written only by the boot CPU while it
 * starts the others (smp.c), one at a time.
 */
#include <arch/x86_64/apic/apic.h>
#include <acpi/acpi.h>
#include <sched/sched.h>
#include <time/time.h>
#include <basalt/irq.h>
#include <basalt/log.h>
#include <basalt/vmlayout.h>
#include <asm/cpu.h>
#include <proc/percpu.h>
#include <uapi/errno.h>

/* IA32_APIC_BASE MSR, SDM 10.4.4 figure 10-5. */
#define MSR_IA32_APIC_BASE	0x1B
#define APIC_BASE_ENABLE	(1ULL << 11)
#define APIC_BASE_ADDR_MASK	0xFFFFFF000ULL
#define CPUID_FEATURES		1
#define CPUID_EDX_APIC		(1u << 9)

/* Register offsets, SDM 10.4.1 table 10-1. */
#define LAPIC_REG_ID		0x020
#define LAPIC_REG_VERSION	0x030
#define LAPIC_REG_TPR		0x080
#define LAPIC_REG_EOI		0x0B0
#define LAPIC_REG_SVR		0x0F0
#define LAPIC_REG_ICR_LOW	0x300
#define LAPIC_REG_ICR_HIGH	0x310
#define LAPIC_REG_LVT_TIMER	0x320
#define LAPIC_REG_TIMER_INIT	0x380
#define LAPIC_REG_TIMER_CUR	0x390
#define LAPIC_REG_TIMER_DIV	0x3E0
#define LAPIC_MMIO_SIZE		0x1000

#define LAPIC_ID_SHIFT		24	/* SDM 10.4.6: ID in bits 31:24 */
#define LAPIC_SVR_ENABLE	(1u << 8)	/* SDM 10.9: APIC software enable */
#define LAPIC_LVT_MASKED	(1u << 16)	/* SDM 10.5.1 figure 10-8 */
#define LAPIC_TIMER_PERIODIC	(1u << 17)	/* timer mode 01 */
#define LAPIC_TIMER_DIV_16	0x3	/* SDM 10.5.4 figure 10-10 */
#define LAPIC_TIMER_DIVISOR	16
#define LAPIC_COUNT_MAX		0xFFFFFFFFu
#define LAPIC_VERSION_MASK	0xFF

/* Interrupt command register, SDM 10.6.1 figure 10-12. */
#define LAPIC_ICR_DEST_SHIFT	24	/* high dword: destination APIC ID */
#define LAPIC_ICR_NMI		(4u << 8)	/* delivery mode 100 (vector ignored) */
#define LAPIC_ICR_INIT		(5u << 8)	/* delivery mode 101 */
#define LAPIC_ICR_STARTUP	(6u << 8)	/* delivery mode 110 */
#define LAPIC_ICR_PENDING	(1u << 12)	/* delivery status: send pending */
#define LAPIC_ICR_ASSERT	(1u << 14)	/* level: assert */
#define LAPIC_ICR_VECTOR_MASK	0xFFu
#define LAPIC_ICR_VECTOR_MIN	0x10u	/* 0..15 are illegal (SDM 10.5.2) */
#define LAPIC_ICR_WAIT_NS	(100 * NSEC_PER_MSEC)

#define HZ_PER_KHZ		1000
#define LAPIC_CAL_NS		(10 * NSEC_PER_MSEC)
#define LAPIC_PHYS_LIMIT	(4ULL << 30)	/* boot.S direct map */

static volatile uint32_t *lapic_base;
static uint64_t lapic_timer_freq;	/* bus ticks per second / divisor */

static uint32_t lapic_read(unsigned reg)
{
	return lapic_base[reg / sizeof(uint32_t)];
}

static void lapic_write(unsigned reg, uint32_t v)
{
	lapic_base[reg / sizeof(uint32_t)] = v;
}

bool lapic_available(void)
{
	return lapic_base != NULL;
}

uint8_t lapic_id(void)
{
	return (uint8_t)(lapic_read(LAPIC_REG_ID) >> LAPIC_ID_SHIFT);
}

void lapic_eoi(void)
{
	lapic_write(LAPIC_REG_EOI, 0);
}

uint64_t lapic_timer_hz(void)
{
	return lapic_timer_freq;
}

/* SDM 10.9: a spurious interrupt is not in service; it must get no EOI. */
static void lapic_spurious(unsigned vector __unused, void *arg __unused)
{
}

static void lapic_timer_interrupt(unsigned vector __unused, void *arg __unused)
{
	/* The clock's tick (jiffies, the vDSO page) is CPU0's alone. */
	if (percpu_this()->cpu == 0)
		time_tick();
	lapic_eoi();
	sched_tick();	/* after the EOI: it may switch tasks (sched.c) */
}

int lapic_init(void)
{
	uint32_t a, b, c, d;
	uint64_t msr, phys;
	int err;

	cpu_cpuid(CPUID_FEATURES, 0, &a, &b, &c, &d);
	if (!(d & CPUID_EDX_APIC))
		return -ENODEV;
	msr = cpu_rdmsr(MSR_IA32_APIC_BASE);
	phys = acpi.have_madt ? acpi.madt.lapic_address :
				msr & APIC_BASE_ADDR_MASK;
	if (!phys || phys + LAPIC_MMIO_SIZE > LAPIC_PHYS_LIMIT)
		return -ENODEV;
	if (!(msr & APIC_BASE_ENABLE))
		cpu_wrmsr(MSR_IA32_APIC_BASE, msr | APIC_BASE_ENABLE);
	err = irq_set_handler(IRQ_VECTOR_SPURIOUS, lapic_spurious, NULL);
	if (err)
		return err;
	lapic_base = phys_to_virt(phys);
	/* Accept every priority class (SDM 10.8.3.1). */
	lapic_write(LAPIC_REG_TPR, 0);
	lapic_write(LAPIC_REG_SVR, LAPIC_SVR_ENABLE | IRQ_VECTOR_SPURIOUS);
	pr_info("lapic: id %u version %#x at %#llx\n", lapic_id(),
		lapic_read(LAPIC_REG_VERSION) & LAPIC_VERSION_MASK,
		(unsigned long long)phys);
	return 0;
}

/*
 * An application processor's own local APIC (smp.c): enabled at the
 * boot CPU's address, every priority accepted, the timer masked until
 * the scheduler runs there.
 */
int lapic_ap_init(void)
{
	uint64_t msr = cpu_rdmsr(MSR_IA32_APIC_BASE);

	if (!lapic_base)
		return -ENODEV;
	if (!(msr & APIC_BASE_ENABLE))
		cpu_wrmsr(MSR_IA32_APIC_BASE, msr | APIC_BASE_ENABLE);
	lapic_write(LAPIC_REG_TPR, 0);
	lapic_write(LAPIC_REG_SVR, LAPIC_SVR_ENABLE | IRQ_VECTOR_SPURIOUS);
	lapic_write(LAPIC_REG_LVT_TIMER, LAPIC_LVT_MASKED | LAPIC_TIMER_VECTOR);
	return 0;
}

/* Sends one IPI and waits for the local APIC to accept it (SDM 10.6.1). */
static int lapic_send_ipi(uint32_t apic_id, uint32_t low)
{
	uint64_t deadline = time_monotonic_ns() + LAPIC_ICR_WAIT_NS;
	/*
	 * Interrupts off: the ICR is this CPU's, written in two steps, and a
	 * handler sending its own IPI in between would change the target.
	 */
	uint64_t flags = cpu_irq_save();
	int err = 0;

	/* Writing the low dword sends: the destination goes first. */
	lapic_write(LAPIC_REG_ICR_HIGH, apic_id << LAPIC_ICR_DEST_SHIFT);
	lapic_write(LAPIC_REG_ICR_LOW, low);
	while (lapic_read(LAPIC_REG_ICR_LOW) & LAPIC_ICR_PENDING) {
		if (time_monotonic_ns() > deadline) {
			err = -ETIMEDOUT;
			break;
		}
		cpu_pause();
	}
	cpu_irq_restore(flags);
	return err;
}

int lapic_send_fixed(uint32_t apic_id, uint32_t vector)
{
	if (!lapic_base || vector > LAPIC_ICR_VECTOR_MASK ||
	    vector < LAPIC_ICR_VECTOR_MIN)
		return -EINVAL;
	return lapic_send_ipi(apic_id, LAPIC_ICR_ASSERT | vector);
}

int lapic_send_nmi(uint32_t apic_id)
{
	if (!lapic_base)
		return -ENODEV;
	return lapic_send_ipi(apic_id, LAPIC_ICR_NMI | LAPIC_ICR_ASSERT);
}

int lapic_send_init(uint32_t apic_id)
{
	if (!lapic_base)
		return -ENODEV;
	return lapic_send_ipi(apic_id, LAPIC_ICR_INIT | LAPIC_ICR_ASSERT);
}

int lapic_send_startup(uint32_t apic_id, uint32_t page)
{
	if (!lapic_base || page > LAPIC_ICR_VECTOR_MASK)
		return -EINVAL;
	return lapic_send_ipi(apic_id, LAPIC_ICR_STARTUP | LAPIC_ICR_ASSERT | page);
}

/*
 * Counts down from the maximum for LAPIC_CAL_NS on the monotonic clock,
 * masked and one-shot, with interrupts off so nothing stretches it.
 */
uint64_t lapic_timer_calibrate(void)
{
	uint64_t flags = cpu_irq_save();
	uint64_t t0, t1;
	uint32_t left;

	lapic_write(LAPIC_REG_TIMER_DIV, LAPIC_TIMER_DIV_16);
	lapic_write(LAPIC_REG_LVT_TIMER, LAPIC_LVT_MASKED | LAPIC_TIMER_VECTOR);
	t0 = time_monotonic_ns();
	lapic_write(LAPIC_REG_TIMER_INIT, LAPIC_COUNT_MAX);
	time_delay_ns(LAPIC_CAL_NS);
	left = lapic_read(LAPIC_REG_TIMER_CUR);
	t1 = time_monotonic_ns();
	lapic_write(LAPIC_REG_TIMER_INIT, 0);	/* stop it */
	cpu_irq_restore(flags);
	if (t1 <= t0 || left == 0)
		return 0;	/* no clock, or it ran out: unusable */
	return (uint64_t)(LAPIC_COUNT_MAX - left) * NSEC_PER_SEC / (t1 - t0);
}

int lapic_timer_start_ap(uint64_t freq, unsigned hz)
{
	uint64_t count = hz ? freq / hz : 0;

	if (!lapic_base || count == 0 || count > LAPIC_COUNT_MAX)
		return -ENODEV;
	lapic_write(LAPIC_REG_TIMER_DIV, LAPIC_TIMER_DIV_16);
	lapic_write(LAPIC_REG_LVT_TIMER, LAPIC_TIMER_PERIODIC | LAPIC_TIMER_VECTOR);
	lapic_write(LAPIC_REG_TIMER_INIT, (uint32_t)count);
	return 0;
}

int lapic_timer_start(unsigned hz)
{
	uint64_t count;
	int err;

	if (!lapic_base || hz == 0)
		return -ENODEV;
	lapic_timer_freq = lapic_timer_calibrate();
	count = lapic_timer_freq / hz;
	if (count == 0 || count > LAPIC_COUNT_MAX) {
		pr_warn("lapic: timer calibration failed (%llu Hz)\n",
			(unsigned long long)lapic_timer_freq);
		return -ENODEV;
	}
	err = irq_set_handler(LAPIC_TIMER_VECTOR, lapic_timer_interrupt, NULL);
	if (err)
		return err;
	lapic_write(LAPIC_REG_TIMER_DIV, LAPIC_TIMER_DIV_16);
	lapic_write(LAPIC_REG_LVT_TIMER, LAPIC_TIMER_PERIODIC | LAPIC_TIMER_VECTOR);
	lapic_write(LAPIC_REG_TIMER_INIT, (uint32_t)count);
	pr_info("lapic: timer %llu kHz (bus %llu kHz), %u Hz tick\n",
		(unsigned long long)(lapic_timer_freq / HZ_PER_KHZ),
		(unsigned long long)(lapic_timer_freq * LAPIC_TIMER_DIVISOR / HZ_PER_KHZ),
		hz);
	return 0;
}
