/*
 * hpet.c: the HPET main counter as the reference clock (IA-PC HPET
 * specification 1.0a, section 2.3 "Register Descriptions"). Only the main
 * counter is used; the comparators stay off.
 *
 * Locking: hpet_base and the period are set once by hpet_init before the
 * clock is published. The 32-bit counter extension (hpet_last, hpet_high)
 * is guarded by hpet_lock (irqsave: the tick reads the clock).
 */
#include <time/time.h>
#include <basalt/log.h>
#include <basalt/vmlayout.h>
#include <asm/cpu.h>
#include <sched/spinlock.h>
#include <uapi/errno.h>

/* Register offsets, spec section 2.3.1 table 2. */
#define HPET_REG_CAP		0x000	/* General Capabilities and ID */
#define HPET_REG_CONFIG		0x010	/* General Configuration */
#define HPET_REG_COUNTER	0x0F0	/* Main Counter Value */
#define HPET_REG_COUNTER_HI	0x0F4	/* ...its upper 32 bits */
#define HPET_MMIO_SIZE		0x400	/* 1 KiB register block, section 2.3 */

/* General Capabilities and ID, section 2.3.4. */
#define HPET_CAP_PERIOD_SHIFT	32	/* COUNTER_CLK_PERIOD, femtoseconds */
#define HPET_CAP_COUNT_SIZE	(1ULL << 13)	/* 64-bit main counter */
#define HPET_CAP_NUM_TIM_SHIFT	8
#define HPET_CAP_NUM_TIM_MASK	0x1F
#define HPET_CAP_REV_MASK	0xFF
#define HPET_PERIOD_MAX_FS	0x05F5E100	/* 100 ns: spec's upper bound */

/* General Configuration, section 2.3.5. */
#define HPET_CONF_ENABLE	(1ULL << 0)	/* ENABLE_CNF: counter runs */

#define HPET_PHYS_LIMIT		(4ULL << 30)	/* boot.S direct map */
#define HPET_COUNTER32_WRAP	(1ULL << 32)

static volatile uint8_t *hpet_base;
static uint32_t hpet_period;		/* femtoseconds per tick */
static bool hpet_64bit;
/* guards: hpet_last, hpet_high */
static struct spinlock hpet_lock = SPINLOCK_INIT("hpet_lock");
static uint32_t hpet_last;		/* 32-bit counters: last low half */
static uint64_t hpet_high;		/* ...and the wraps seen so far */

static uint64_t hpet_read64(unsigned reg)
{
	return *(volatile uint64_t *)(hpet_base + reg);
}

static uint32_t hpet_read32(unsigned reg)
{
	return *(volatile uint32_t *)(hpet_base + reg);
}

static void hpet_write64(unsigned reg, uint64_t v)
{
	*(volatile uint64_t *)(hpet_base + reg) = v;
}

bool hpet_available(void)
{
	return hpet_base != NULL;
}

uint32_t hpet_period_fs(void)
{
	return hpet_period;
}

/*
 * The 64-bit main counter in 32-bit halves: high, low, high again, until
 * both highs agree. One 64-bit load is not enough: the spec allows a
 * 64-bit counter to be read as two 32-bit accesses (section 2.4.7, "Main
 * Counter Access"), and an emulator may split a 64-bit load into two as
 * well (QEMU's HPET declared no 8-byte implementation before its 2024
 * rework, so the memory core of QEMU 7.2 makes two 4-byte reads of it),
 * each reading the counter afresh: when the low half wraps between them (every 2^32
 * ticks, 43 s at QEMU's 100 MHz) the value is 2^32 ticks off and the
 * clock goes backwards on the next read.
 */
static uint64_t hpet_read_counter64(void)
{
	uint32_t hi, lo;

	do {
		hi = hpet_read32(HPET_REG_COUNTER_HI);
		lo = hpet_read32(HPET_REG_COUNTER);
	} while (hpet_read32(HPET_REG_COUNTER_HI) != hi);
	return ((uint64_t)hi << 32) | lo;
}

/*
 * A 32-bit counter wraps every 2^32 ticks (about 5 minutes at 14.3 MHz):
 * it must be read at least that often, which time_tick ensures.
 */
uint64_t hpet_read_counter(void)
{
	uint64_t flags, v;
	uint32_t lo;

	if (hpet_64bit)
		return hpet_read_counter64();
	flags = spin_lock_irqsave(&hpet_lock);
	lo = hpet_read32(HPET_REG_COUNTER);
	if (lo < hpet_last)
		hpet_high += HPET_COUNTER32_WRAP;
	hpet_last = lo;
	v = hpet_high | lo;
	spin_unlock_irqrestore(&hpet_lock, flags);
	return v;
}

/*
 * ticks * period / 10^6, split so that nothing overflows: the remainder
 * term stays below 10^6 * 10^8, and the quotient term only overflows once
 * the result itself passes 2^64 ns (584 years).
 */
uint64_t hpet_ticks_to_ns(uint64_t ticks)
{
	return (ticks / FSEC_PER_NSEC) * hpet_period +
	       (ticks % FSEC_PER_NSEC) * hpet_period / FSEC_PER_NSEC;
}

int hpet_init(uint64_t phys)
{
	volatile uint8_t *base;
	uint64_t cap, conf;
	uint32_t period;

	if (!phys || phys + HPET_MMIO_SIZE > HPET_PHYS_LIMIT)
		return -EINVAL;
	base = phys_to_virt(phys);
	cap = *(volatile uint64_t *)(base + HPET_REG_CAP);
	period = (uint32_t)(cap >> HPET_CAP_PERIOD_SHIFT);
	if (period == 0 || period > HPET_PERIOD_MAX_FS) {
		pr_warn("hpet: bad period %u fs (capabilities %#llx); ignored\n",
			period, (unsigned long long)cap);
		return -ENODEV;
	}
	hpet_base = base;
	hpet_period = period;
	hpet_64bit = cap & HPET_CAP_COUNT_SIZE;
	/* Keep the counter if firmware already started it: never go back. */
	conf = hpet_read64(HPET_REG_CONFIG);
	if (!(conf & HPET_CONF_ENABLE))
		hpet_write64(HPET_REG_CONFIG, conf | HPET_CONF_ENABLE);
	pr_info("hpet: at %#llx, rev %llu, %llu comparators, %s-bit, %u.%06u MHz\n",
		(unsigned long long)phys,
		(unsigned long long)(cap & HPET_CAP_REV_MASK),
		(unsigned long long)((cap >> HPET_CAP_NUM_TIM_SHIFT) &
				     HPET_CAP_NUM_TIM_MASK) + 1,
		hpet_64bit ? "64" : "32",
		(unsigned)(FSEC_PER_NSEC * NSEC_PER_USEC / period),
		(unsigned)(FSEC_PER_NSEC * NSEC_PER_USEC * USEC_PER_SEC / period %
			   USEC_PER_SEC));
	return 0;
}
