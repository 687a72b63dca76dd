/*
 * pit.c: busy waits counted by the 8254 PIT's channel 2 (Intel 82C54
 * datasheet; port 0x61 is the PC's "NMI status and control" register).
 * Channel 2 is the speaker channel, gated by software, and its OUT pin is
 * readable in port 0x61, so it can time an interval without interrupts:
 * the classic way to calibrate other clocks, and the fallback when there
 * is no HPET.
 *
 * Locking: callers run with interrupts off or on the boot CPU alone;
 * nothing else touches channel 2.
 */
#include <time/time.h>
#include <asm/io.h>
#include <uapi/errno.h>

#define PIT_CH2_DATA		0x42
#define PIT_COMMAND		0x43
#define PC_PORT_B		0x61	/* NMI status and control */
#define PORT_B_CH2_GATE		0x01	/* bit 0: channel 2 gate */
#define PORT_B_SPEAKER		0x02	/* bit 1: speaker data enable */
#define PORT_B_CH2_OUT		0x20	/* bit 5: channel 2 OUT, read only */

/*
 * 82C54 control word: SC = 10 (channel 2), RW = 11 (low then high
 * byte), mode 0 (interrupt on terminal count: OUT rises at zero), binary.
 */
#define PIT_CMD_CH2_MODE0	0xB0
#define PIT_COUNT_MAX		0xFFFF
#define BYTE_SHIFT		8
#define BYTE_MASK		0xFF

/* Far more port reads than a 50 ms wait can take (each is ~1 us or more). */
#define PIT_POLL_LIMIT		10000000

int pit_wait_us(unsigned us)
{
	uint32_t count = (uint32_t)((uint64_t)us * PIT_HZ / USEC_PER_SEC);
	uint8_t portb;

	if (us == 0 || us > PIT_MAX_WAIT_US || count > PIT_COUNT_MAX)
		return -EINVAL;
	if (count == 0)
		count = 1;
	/* Gate on, speaker off: the count runs silently. */
	portb = (inb(PC_PORT_B) & ~PORT_B_SPEAKER) | PORT_B_CH2_GATE;
	outb(PC_PORT_B, portb);
	outb(PIT_COMMAND, PIT_CMD_CH2_MODE0);
	outb(PIT_CH2_DATA, count & BYTE_MASK);
	outb(PIT_CH2_DATA, (count >> BYTE_SHIFT) & BYTE_MASK);
	for (long i = 0; i < PIT_POLL_LIMIT; i++)
		if (inb(PC_PORT_B) & PORT_B_CH2_OUT)
			return 0;
	return -ETIMEDOUT;
}
