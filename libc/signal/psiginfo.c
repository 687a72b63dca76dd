/* psiginfo.c: psiginfo(3): psignal(3) for the signal a siginfo_t describes. */
#include <signal.h>

void psiginfo(const siginfo_t *info, const char *message)
{
	psignal(info->si_signo, message);
}
