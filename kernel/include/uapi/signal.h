/*
 * Signal numbers of the Linux x86_64 ABI (signal(7)) and the wait status
 * encoding of wait(2): exit code in bits 15..8, or the terminating
 * signal in bits 6..0.
 */
#ifndef UAPI_SIGNAL_H
#define UAPI_SIGNAL_H

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15

#define W_EXITCODE(code, sig)	(((code) & 0xff) << 8 | ((sig) & 0x7f))
#define WIFEXITED(status)	(((status) & 0x7f) == 0)
#define WEXITSTATUS(status)	(((status) >> 8) & 0xff)
#define WTERMSIG(status)	((status) & 0x7f)

#endif /* UAPI_SIGNAL_H */
