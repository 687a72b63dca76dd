/* mqueue.h: POSIX message queues (mq_overview(7)), Linux's layout (glibc's interface). */
#ifndef _MQUEUE_H
#define _MQUEUE_H

#include <fcntl.h>
#include <signal.h>
#include <sys/types.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A queue descriptor is a file descriptor, as on Linux. */
typedef int mqd_t;

struct mq_attr {
	long mq_flags;
	long mq_maxmsg;
	long mq_msgsize;
	long mq_curmsgs;
	long __pad[4];
};

/* mq_open's oflag uses newlib's O_* values; the wrapper translates them. */
mqd_t mq_open(const char *name, int oflag, ...);
int mq_close(mqd_t mqdes);
int mq_unlink(const char *name);
int mq_getattr(mqd_t mqdes, struct mq_attr *attr);
int mq_setattr(mqd_t mqdes, const struct mq_attr *newattr, struct mq_attr *oldattr);
int mq_send(mqd_t mqdes, const char *msg, size_t len, unsigned int prio);
int mq_timedsend(mqd_t mqdes, const char *msg, size_t len, unsigned int prio,
		 const struct timespec *abstime);
ssize_t mq_receive(mqd_t mqdes, char *msg, size_t len, unsigned int *prio);
ssize_t mq_timedreceive(mqd_t mqdes, char *msg, size_t len, unsigned int *prio,
			const struct timespec *abstime);
int mq_notify(mqd_t mqdes, const struct sigevent *sevp);

#ifdef __cplusplus
}
#endif

#endif /* _MQUEUE_H */
