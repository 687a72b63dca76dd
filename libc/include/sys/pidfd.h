/* sys/pidfd.h: process file descriptors (pidfd_open(2), pidfd_send_signal(2), pidfd_getfd(2)), as glibc's. */
#ifndef _SYS_PIDFD_H
#define _SYS_PIDFD_H

#include <signal.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* pidfd_open flag: Linux's O_NONBLOCK (not newlib's). */
#define PIDFD_NONBLOCK		00004000

int pidfd_open(pid_t pid, unsigned int flags);
int pidfd_getfd(int pidfd, int targetfd, unsigned int flags);
int pidfd_send_signal(int pidfd, int sig, siginfo_t *info, unsigned int flags);

#ifdef __cplusplus
}
#endif

#endif /* _SYS_PIDFD_H */
