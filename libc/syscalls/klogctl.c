/* klogctl.c: klogctl, syslog(2) (the kernel log buffer, not syslog(3)). */
#include <sys/klog.h>

#include "linux_syscall.h"

int klogctl(int type, char *bufp, int len)
{
	return (int)linux_syscall_result(linux_syscall3(SYS_syslog, type,
							(long)bufp, len));
}
