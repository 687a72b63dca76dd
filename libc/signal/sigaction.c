/* sigaction.c: sigaction(2) over rt_sigaction, with our trampoline as the restorer. */
#include <errno.h>
#include <signal.h>
#include <string.h>

#include "linux_syscall.h"
#include "signal_impl.h"

int sigaction(int sig, const struct sigaction *__restrict act,
	      struct sigaction *__restrict oldact)
{
	struct signal_kernel_action kact, kold;
	long ret;

	if (act) {
		/*
		 * x86_64 Linux has no default restorer: a handler without
		 * SA_RESTORER would return to nowhere (sigreturn(2)).
		 */
		kact.handler = (void *)act->sa_handler;
		kact.flags = (unsigned int)act->sa_flags | SA_RESTORER;
		kact.restorer = __restore_rt;
		kact.mask = act->sa_mask;
	}
	ret = linux_syscall_result(linux_syscall4(SYS_rt_sigaction, sig,
						  act ? (long)&kact : 0,
						  oldact ? (long)&kold : 0,
						  SIGNAL_SET_SIZE));
	if (ret < 0)
		return -1;
	if (oldact) {
		memset(oldact, 0, sizeof(*oldact));
		oldact->sa_handler = (_sig_func_ptr)kold.handler;
		oldact->sa_flags = (int)kold.flags;
		oldact->sa_restorer = kold.restorer;
		oldact->sa_mask = kold.mask;
	}
	return 0;
}

/* siginterrupt(3): whether the signal interrupts system calls (no SA_RESTART). */
int siginterrupt(int sig, int flag)
{
	struct sigaction action;

	if (sigaction(sig, NULL, &action) < 0)
		return -1;
	if (flag)
		action.sa_flags &= ~SA_RESTART;
	else
		action.sa_flags |= SA_RESTART;
	return sigaction(sig, &action, NULL);
}
