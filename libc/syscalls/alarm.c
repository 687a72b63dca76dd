/* alarm.c: alarm(2), pause(2), getitimer(2), setitimer(2) (ITIMER_* are Linux's values in newlib too). */
#include <sys/time.h>
#include <unistd.h>

#include "linux_syscall.h"

unsigned alarm(unsigned seconds)
{
	/* alarm(2) cannot fail: it returns the seconds left on the previous alarm. */
	return linux_syscall1(SYS_alarm, seconds);
}

int pause(void)
{
	return linux_syscall_result(linux_syscall0(SYS_pause));
}

int getitimer(int which, struct itimerval *value)
{
	return linux_syscall_result(linux_syscall2(SYS_getitimer, which, (long)value));
}

int setitimer(int which, const struct itimerval *__restrict value,
	      struct itimerval *__restrict old)
{
	return linux_syscall_result(linux_syscall3(SYS_setitimer, which, (long)value,
						   (long)old));
}
