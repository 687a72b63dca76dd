/*
 * pidfd.h: process file descriptors (pidfd.c): pidfd_open(2),
 * pidfd_send_signal(2), pidfd_getfd(2), clone's CLONE_PIDFD, waitid's
 * P_PIDFD and poll on them.
 */
#ifndef PROC_PIDFD_H
#define PROC_PIDFD_H

#include <stdbool.h>
#include <stdint.h>

struct file;
struct process;

/*
 * CLONE_PIDFD, before the child exists: a pidfd bound to nothing yet
 * (O_RDWR, FD_CLOEXEC), installed; its descriptor, with *f a reference
 * of the caller's for pidfd_bind. -EMFILE, -ENOMEM.
 */
int pidfd_reserve(struct file **f);
/* Binds f (from pidfd_reserve) to p, registered and not yet started. */
void pidfd_bind(struct file *f, const struct process *p);
/*
 * waitid(P_PIDFD): the pid the pidfd fd refers to, or -1 once that
 * process was reaped; *nonblock for PIDFD_NONBLOCK. -EBADF for a bad
 * descriptor or one that is not a pidfd.
 */
int pidfd_wait_target(int fd, int *pid, bool *nonblock);
/* A process became a zombie: pollers of pidfds look again. tasklist_lock held. */
void pidfd_notify_exit(void);

#endif /* PROC_PIDFD_H */
