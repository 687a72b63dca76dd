/* signal_numbers.c: translates signal numbers between newlib's <signal.h> and Linux's. */
#include <signal.h>

#include "linux_signal.h"
#include "linux_syscall.h"

/*
 * newlib's generic <sys/signal.h> numbers SIGBUS, SIGUSR1, SIGCHLD, SIGSTOP...
 * differently from Linux, and has SIGEMT, which Linux lacks (no entry: -1).
 */
static const int signal_table[NSIG] = {
	[SIGHUP] = LINUX_SIGHUP,
	[SIGINT] = LINUX_SIGINT,
	[SIGQUIT] = LINUX_SIGQUIT,
	[SIGILL] = LINUX_SIGILL,
	[SIGTRAP] = LINUX_SIGTRAP,
	[SIGABRT] = LINUX_SIGABRT,
	[SIGBUS] = LINUX_SIGBUS,
	[SIGFPE] = LINUX_SIGFPE,
	[SIGKILL] = LINUX_SIGKILL,
	[SIGUSR1] = LINUX_SIGUSR1,
	[SIGSEGV] = LINUX_SIGSEGV,
	[SIGUSR2] = LINUX_SIGUSR2,
	[SIGPIPE] = LINUX_SIGPIPE,
	[SIGALRM] = LINUX_SIGALRM,
	[SIGTERM] = LINUX_SIGTERM,
	[SIGCHLD] = LINUX_SIGCHLD,
	[SIGCONT] = LINUX_SIGCONT,
	[SIGSTOP] = LINUX_SIGSTOP,
	[SIGTSTP] = LINUX_SIGTSTP,
	[SIGTTIN] = LINUX_SIGTTIN,
	[SIGTTOU] = LINUX_SIGTTOU,
	[SIGURG] = LINUX_SIGURG,
	[SIGXCPU] = LINUX_SIGXCPU,
	[SIGXFSZ] = LINUX_SIGXFSZ,
	[SIGVTALRM] = LINUX_SIGVTALRM,
	[SIGPROF] = LINUX_SIGPROF,
	[SIGWINCH] = LINUX_SIGWINCH,
	[SIGIO] = LINUX_SIGIO,
	[SIGSYS] = LINUX_SIGSYS,
};

int signal_to_linux(int sig)
{
	if (sig == 0)
		return 0;	/* kill(2): signal 0 only checks the target exists */
	if (sig < 0 || sig >= NSIG || signal_table[sig] == 0)
		return -1;
	return signal_table[sig];
}

int signal_from_linux(int linux_sig)
{
	int sig;

	for (sig = 1; sig < NSIG; sig++) {
		if (signal_table[sig] == linux_sig)
			return sig;
	}
	return -1;
}
