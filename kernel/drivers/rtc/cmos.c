/*
 * cmos.c: the wall clock from the CMOS RTC (Motorola MC146818 and the
 * compatible clock in every PC chipset).
 *
 * The RTC updates its registers once a second; during the update
 * (status A's UIP bit, set 244 us before it starts) they may be
 * inconsistent. So: wait for UIP clear, read everything, and repeat until
 * two reads agree. The century comes from the CMOS index the FADT names
 * (ACPI 6.4 table 5.9 CENTURY), if any.
 *
 * Locking: cmos_lock (irqsave) is held across each index/data port pair,
 * so nothing can move the index between the two.
 */
#include <drivers/rtc/rtc.h>
#include <acpi/acpi.h>
#include <time/time.h>
#include <basalt/log.h>
#include <basalt/string.h>
#include <asm/cpu.h>
#include <sched/spinlock.h>
#include <asm/io.h>
#include <uapi/errno.h>

#define CMOS_INDEX		0x70
#define CMOS_DATA		0x71
#define CMOS_BANK_SIZE		128	/* indices 0x00..0x7F on port 0x70 */

/* MC146818 register indices (datasheet "Address Map"). */
#define RTC_REG_SEC		0x00
#define RTC_REG_MIN		0x02
#define RTC_REG_HOUR		0x04
#define RTC_REG_MDAY		0x07
#define RTC_REG_MON		0x08
#define RTC_REG_YEAR		0x09
#define RTC_REG_A		0x0A
#define RTC_REG_B		0x0B
#define RTC_A_UIP		0x80	/* update in progress */

/* An update takes under 2 ms; each port read is about a microsecond. */
#define RTC_UIP_SPINS		100000
#define RTC_READ_TRIES		10

static int64_t rtc_boot_time;

/* guards: the CMOS index register between the two port accesses */
static struct spinlock cmos_lock = SPINLOCK_INIT("cmos_lock");

static uint8_t cmos_read(uint8_t index)
{
	uint64_t flags = spin_lock_irqsave(&cmos_lock);
	uint8_t v;

	outb(CMOS_INDEX, index);
	v = inb(CMOS_DATA);
	spin_unlock_irqrestore(&cmos_lock, flags);
	return v;
}

static int rtc_wait_uip_clear(void)
{
	for (int i = 0; i < RTC_UIP_SPINS; i++)
		if (!(cmos_read(RTC_REG_A) & RTC_A_UIP))
			return 0;
	return -ETIMEDOUT;
}

static int rtc_read_raw(struct rtc_raw *raw)
{
	uint8_t century_index = 0;

	if (acpi.have_fadt && acpi.fadt.century < CMOS_BANK_SIZE)
		century_index = acpi.fadt.century;
	if (rtc_wait_uip_clear())
		return -ETIMEDOUT;
	memset(raw, 0, sizeof(*raw));
	raw->sec = cmos_read(RTC_REG_SEC);
	raw->min = cmos_read(RTC_REG_MIN);
	raw->hour = cmos_read(RTC_REG_HOUR);
	raw->mday = cmos_read(RTC_REG_MDAY);
	raw->mon = cmos_read(RTC_REG_MON);
	raw->year = cmos_read(RTC_REG_YEAR);
	raw->status_b = cmos_read(RTC_REG_B);
	raw->has_century = century_index != 0;
	if (raw->has_century)
		raw->century = cmos_read(century_index);
	return 0;
}

int rtc_read_time(struct rtc_time *out)
{
	struct rtc_raw a, b;
	int err = rtc_read_raw(&a);

	for (int i = 0; !err && i < RTC_READ_TRIES; i++) {
		err = rtc_read_raw(&b);
		if (err)
			break;
		if (!memcmp(&a, &b, sizeof(a)))
			return rtc_decode(&b, out);
		a = b;
	}
	return err ? err : -EIO;
}

int rtc_init(void)
{
	struct rtc_time t;
	int err = rtc_read_time(&t);

	if (err) {
		pr_warn("rtc: cannot read the CMOS clock (error %d)\n", err);
		return err;
	}
	rtc_boot_time = time_unix_from_civil(t.year, t.mon, t.mday, t.hour,
					     t.min, t.sec);
	pr_info("rtc: %04d-%02u-%02u %02u:%02u:%02u UTC (%lld)\n", t.year,
		t.mon, t.mday, t.hour, t.min, t.sec, (long long)rtc_boot_time);
	return 0;
}

int64_t rtc_boot_unix_time(void)
{
	return rtc_boot_time;
}
