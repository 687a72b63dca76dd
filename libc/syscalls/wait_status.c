/* wait_status.c: a Linux wait(2) status word with newlib's signal numbers in it. */
#include "linux_syscall.h"

/*
 * The status word's layout is the same in Linux and in newlib's
 * <sys/wait.h> (wait(2), and Linux's kernel/exit.c): exit status in bits
 * 8-15 when bits 0-6 are 0; the terminating signal in bits 0-6, bit 7 set
 * for a core dump; 0x7f in bits 0-7 with the stopping signal in bits 8-15
 * for a stopped child; 0xffff for a continued one. Only the signal numbers
 * differ.
 */
#define WAIT_SIGNAL_MASK	0x7f
#define WAIT_STOPPED		0x7f
#define WAIT_CONTINUED		0xffff
#define WAIT_CODE_SHIFT		8
#define WAIT_CODE_MASK		0xff

int wait_status_from_linux(int linux_status)
{
	int low = linux_status & WAIT_SIGNAL_MASK;
	int sig;

	if (low == 0 || linux_status == WAIT_CONTINUED)
		return linux_status;
	if (low == WAIT_STOPPED) {
		sig = signal_from_linux((linux_status >> WAIT_CODE_SHIFT) &
					WAIT_CODE_MASK);
		if (sig < 0)
			return linux_status;
		return (linux_status & ~(WAIT_CODE_MASK << WAIT_CODE_SHIFT)) |
		       (sig << WAIT_CODE_SHIFT);
	}
	sig = signal_from_linux(low);
	if (sig < 0)
		return linux_status;
	return (linux_status & ~WAIT_SIGNAL_MASK) | sig;
}
