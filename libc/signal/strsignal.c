/* strsignal.c: strsignal(3) with the descriptions Linux programs print (replaces newlib's, which lacks some of Linux's signals). */
#include <signal.h>
#include <stdio.h>
#include <string.h>

/* "Unknown signal " or "Real-time signal " and a number. */
#define STRSIGNAL_BUFFER_SIZE	32

/* The wording of signal(7)'s list as C libraries on Linux print it. */
static const char *const strsignal_names[SIGSYS + 1] = {
	[SIGHUP] = "Hangup",
	[SIGINT] = "Interrupt",
	[SIGQUIT] = "Quit",
	[SIGILL] = "Illegal instruction",
	[SIGTRAP] = "Trace/breakpoint trap",
	[SIGABRT] = "Aborted",
	[SIGBUS] = "Bus error",
	[SIGFPE] = "Floating point exception",
	[SIGKILL] = "Killed",
	[SIGUSR1] = "User defined signal 1",
	[SIGSEGV] = "Segmentation fault",
	[SIGUSR2] = "User defined signal 2",
	[SIGPIPE] = "Broken pipe",
	[SIGALRM] = "Alarm clock",
	[SIGTERM] = "Terminated",
	[SIGSTKFLT] = "Stack fault",
	[SIGCHLD] = "Child exited",
	[SIGCONT] = "Continued",
	[SIGSTOP] = "Stopped (signal)",
	[SIGTSTP] = "Stopped",
	[SIGTTIN] = "Stopped (tty input)",
	[SIGTTOU] = "Stopped (tty output)",
	[SIGURG] = "Urgent I/O condition",
	[SIGXCPU] = "CPU time limit exceeded",
	[SIGXFSZ] = "File size limit exceeded",
	[SIGVTALRM] = "Virtual timer expired",
	[SIGPROF] = "Profiling timer expired",
	[SIGWINCH] = "Window changed",
	[SIGIO] = "I/O possible",
	[SIGPWR] = "Power failure",
	[SIGSYS] = "Bad system call",
};

char *strsignal(int sig)
{
	static char buffer[STRSIGNAL_BUFFER_SIZE];

	if (sig > 0 && sig <= SIGSYS && strsignal_names[sig])
		return (char *)strsignal_names[sig];
	if (sig >= SIGRTMIN && sig <= SIGRTMAX)
		snprintf(buffer, sizeof(buffer), "Real-time signal %d", sig - SIGRTMIN);
	else
		snprintf(buffer, sizeof(buffer), "Unknown signal %d", sig);
	return buffer;
}
