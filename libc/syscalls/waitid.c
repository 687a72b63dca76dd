/* waitid(2) over the Linux waitid system call (siginfo_t is the kernel's layout). */
#include <sys/wait.h>

#include "linux_syscall.h"

int waitid(idtype_t idtype, id_t id, siginfo_t *info, int options)
{
	/* The fifth argument, a struct rusage, is Linux's own extension. */
	return linux_syscall_result(linux_syscall5(SYS_waitid, idtype, id,
						   (long)info, options, 0));
}
