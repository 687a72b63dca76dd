/* sys/wait.h: wait, waitpid, waitid, wait3, wait4 with Linux's options and status layout (replaces newlib's). */
/*
 * The status word is Linux's (wait(2), kernel/exit.c): exit status in bits
 * 8-15 when bits 0-6 are 0; the terminating signal in bits 0-6, bit 7 for a
 * core dump; 0x7f in bits 0-7 and the stopping signal in bits 8-15 for a
 * stopped child; 0xffff for a continued one. The options are Linux's.
 */
#ifndef _SYS_WAIT_H
#define _SYS_WAIT_H

#include <sys/types.h>
#include <sys/signal.h>

#ifdef __cplusplus
extern "C" {
#endif

/* waitpid(2) and wait4(2) options. */
#define WNOHANG		0x00000001
#define WUNTRACED	0x00000002
/* waitid(2) options. */
#define WSTOPPED	WUNTRACED
#define WEXITED		0x00000004
#define WCONTINUED	0x00000008
#define WNOWAIT		0x01000000
/* Linux's own. */
#define __WNOTHREAD	0x20000000
#define __WALL		0x40000000
#define __WCLONE	0x80000000

#define WEXITSTATUS(w)	(((w) & 0xff00) >> 8)
#define WTERMSIG(w)	((w) & 0x7f)
#define WSTOPSIG(w)	WEXITSTATUS(w)
#define WIFEXITED(w)	(WTERMSIG(w) == 0)
#define WIFSTOPPED(w)	(((w) & 0xff) == 0x7f)
#define WIFSIGNALED(w)	(((w) & 0x7f) != 0 && ((w) & 0x7f) != 0x7f)
#define WIFCONTINUED(w)	((w) == 0xffff)
#define WCOREFLAG	0x80
#define WCOREDUMP(w)	((w) & WCOREFLAG)
#define W_EXITCODE(ret, sig)	((ret) << 8 | (sig))
#define W_STOPCODE(sig)	((sig) << 8 | 0x7f)

#define WAIT_ANY	(-1)
#define WAIT_MYPGRP	0

/* waitid(2) id types. */
typedef enum {
	P_ALL = 0,
	P_PID = 1,
	P_PGID = 2,
	P_PIDFD = 3
} idtype_t;

struct rusage;

pid_t wait(int *);
pid_t waitpid(pid_t, int *, int);
int waitid(idtype_t, id_t, siginfo_t *, int);
pid_t wait3(int *, int, struct rusage *);
pid_t wait4(pid_t, int *, int, struct rusage *);

#ifdef __cplusplus
}
#endif

#endif /* _SYS_WAIT_H */
