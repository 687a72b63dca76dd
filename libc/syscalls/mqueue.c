/*
 * mqueue.c: POSIX message queues (mq_overview(7)) over Linux's mq_*
 * calls, as glibc: mq_open drops the name's leading '/' (the kernel takes
 * the name inside the mqueue file system, EINVAL without the slash),
 * mq_send/receive are the timed calls without a timeout, mq_getattr and
 * mq_setattr are mq_getsetattr. O_* flags and mq_flags's O_NONBLOCK are
 * translated between newlib's values and Linux's.
 */
#include <errno.h>
#include <mqueue.h>
#include <stdarg.h>

#include "linux_syscall.h"

_Static_assert(sizeof(struct mq_attr) == 64, "struct mq_attr must be Linux's");

mqd_t mq_open(const char *name, int oflag, ...)
{
	unsigned mode = 0;
	struct mq_attr *attr = NULL;

	if (name[0] != '/') {
		errno = EINVAL;
		return -1;
	}
	if (oflag & O_CREAT) {
		va_list ap;

		va_start(ap, oflag);
		mode = va_arg(ap, unsigned);
		attr = va_arg(ap, struct mq_attr *);
		va_end(ap);
	}
	return linux_syscall_result(linux_syscall4(SYS_mq_open, (long)(name + 1),
						   open_flags_to_linux(oflag), mode, (long)attr));
}

int mq_close(mqd_t mqdes)
{
	return linux_syscall_result(linux_syscall1(SYS_close, mqdes));
}

int mq_unlink(const char *name)
{
	if (name[0] != '/') {
		errno = ENOENT;
		return -1;
	}
	return linux_syscall_result(linux_syscall1(SYS_mq_unlink, (long)(name + 1)));
}

int mq_getattr(mqd_t mqdes, struct mq_attr *attr)
{
	long r = linux_syscall_result(linux_syscall3(SYS_mq_getsetattr, mqdes, 0, (long)attr));

	if (r == 0)
		attr->mq_flags = open_flags_from_linux(attr->mq_flags);
	return (int)r;
}

int mq_setattr(mqd_t mqdes, const struct mq_attr *newattr, struct mq_attr *oldattr)
{
	struct mq_attr linux_attr = *newattr;
	long r;

	linux_attr.mq_flags = open_flags_to_linux((int)newattr->mq_flags);
	r = linux_syscall_result(linux_syscall3(SYS_mq_getsetattr, mqdes, (long)&linux_attr,
						(long)oldattr));
	if (r == 0 && oldattr)
		oldattr->mq_flags = open_flags_from_linux(oldattr->mq_flags);
	return (int)r;
}

int mq_timedsend(mqd_t mqdes, const char *msg, size_t len, unsigned int prio,
		 const struct timespec *abstime)
{
	return linux_syscall_result(linux_syscall5(SYS_mq_timedsend, mqdes, (long)msg, (long)len,
						   prio, (long)abstime));
}

int mq_send(mqd_t mqdes, const char *msg, size_t len, unsigned int prio)
{
	return mq_timedsend(mqdes, msg, len, prio, NULL);
}

ssize_t mq_timedreceive(mqd_t mqdes, char *msg, size_t len, unsigned int *prio,
			const struct timespec *abstime)
{
	return linux_syscall_result(linux_syscall5(SYS_mq_timedreceive, mqdes, (long)msg,
						   (long)len, (long)prio, (long)abstime));
}

ssize_t mq_receive(mqd_t mqdes, char *msg, size_t len, unsigned int *prio)
{
	return mq_timedreceive(mqdes, msg, len, prio, NULL);
}

int mq_notify(mqd_t mqdes, const struct sigevent *sevp)
{
	return linux_syscall_result(linux_syscall2(SYS_mq_notify, mqdes, (long)sevp));
}
