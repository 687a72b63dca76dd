/* linux_signal.h: the signal numbers of the Linux x86_64 ABI. */
/*
 * Values from signal(7) ("Standard signals", the x86 column) and Linux's
 * arch/x86/include/uapi/asm/signal.h. newlib's generic <signal.h> numbers
 * some signals differently; signal_numbers.c translates.
 */
#ifndef BASALT_LIBC_LINUX_SIGNAL_H
#define BASALT_LIBC_LINUX_SIGNAL_H

#define LINUX_SIGHUP		1
#define LINUX_SIGINT		2
#define LINUX_SIGQUIT		3
#define LINUX_SIGILL		4
#define LINUX_SIGTRAP		5
#define LINUX_SIGABRT		6
#define LINUX_SIGBUS		7
#define LINUX_SIGFPE		8
#define LINUX_SIGKILL		9
#define LINUX_SIGUSR1		10
#define LINUX_SIGSEGV		11
#define LINUX_SIGUSR2		12
#define LINUX_SIGPIPE		13
#define LINUX_SIGALRM		14
#define LINUX_SIGTERM		15
#define LINUX_SIGSTKFLT		16
#define LINUX_SIGCHLD		17
#define LINUX_SIGCONT		18
#define LINUX_SIGSTOP		19
#define LINUX_SIGTSTP		20
#define LINUX_SIGTTIN		21
#define LINUX_SIGTTOU		22
#define LINUX_SIGURG		23
#define LINUX_SIGXCPU		24
#define LINUX_SIGXFSZ		25
#define LINUX_SIGVTALRM		26
#define LINUX_SIGPROF		27
#define LINUX_SIGWINCH		28
#define LINUX_SIGIO		29
#define LINUX_SIGPWR		30
#define LINUX_SIGSYS		31

#endif /* BASALT_LIBC_LINUX_SIGNAL_H */
