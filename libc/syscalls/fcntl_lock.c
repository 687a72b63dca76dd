/* fcntl_lock.c: fcntl(2)'s record locks (F_GETLK, F_SETLK, F_SETLKW, and the F_OFD_ ones, whose numbers are Linux's), translating newlib's struct flock and lock types. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>

#include "linux_fcntl.h"
#include "linux_syscall.h"

/* newlib numbers F_RDLCK, F_WRLCK, F_UNLCK 1, 2, 3; Linux 0, 1, 2. */
static int lock_type_to_linux(short type)
{
	switch (type) {
	case F_RDLCK:
		return LINUX_F_RDLCK;
	case F_WRLCK:
		return LINUX_F_WRLCK;
	case F_UNLCK:
		return LINUX_F_UNLCK;
	default:
		return -1;
	}
}

static short lock_type_from_linux(short type)
{
	switch (type) {
	case LINUX_F_RDLCK:
		return F_RDLCK;
	case LINUX_F_WRLCK:
		return F_WRLCK;
	default:
		return F_UNLCK;
	}
}

int fcntl_lock(int fd, int cmd, struct flock *lock)
{
	struct linux_flock klock;
	long linux_cmd;
	int type = lock_type_to_linux(lock->l_type);

	if (type < 0) {
		errno = EINVAL;
		return -1;
	}
	bool ofd = cmd == LINUX_F_OFD_GETLK || cmd == LINUX_F_OFD_SETLK || cmd == LINUX_F_OFD_SETLKW;
	bool getlk = cmd == F_GETLK || cmd == LINUX_F_OFD_GETLK;

	if (ofd)
		linux_cmd = cmd;
	else
		linux_cmd = cmd == F_GETLK ? LINUX_F_GETLK : cmd == F_SETLK ? LINUX_F_SETLK :
			    LINUX_F_SETLKW;
	klock.l_type = (short)type;
	klock.l_whence = lock->l_whence;	/* SEEK_* are the same */
	klock.l_start = lock->l_start;
	klock.l_len = lock->l_len;
	/* The OFD commands want l_pid 0 and say EINVAL otherwise: the kernel checks. */
	klock.l_pid = ofd ? lock->l_pid : 0;
	if (linux_syscall_result(linux_syscall3(SYS_fcntl, fd, linux_cmd, (long)&klock)) < 0)
		return -1;
	if (getlk) {
		lock->l_type = lock_type_from_linux(klock.l_type);
		lock->l_whence = klock.l_whence;
		lock->l_start = klock.l_start;
		lock->l_len = klock.l_len;
		lock->l_pid = (short)klock.l_pid;	/* newlib's field is a short */
	}
	return 0;
}
