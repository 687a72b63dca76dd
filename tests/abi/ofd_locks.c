/*
 * ofd_locks.c: open file description locks (fcntl(2), "Open file
 * description locks (non-POSIX)"): F_OFD_SETLK, F_OFD_SETLKW and
 * F_OFD_GETLK. They belong to the open file description, so two opens
 * of a file in one process conflict, dup'd descriptors share them, and
 * closing another descriptor of the file leaves them (where a classic
 * POSIX lock would go); they go with the description's last close.
 * F_OFD_GETLK reports l_pid -1 for them; they conflict with classic
 * POSIX locks, even of the same process; l_pid other than 0 is EINVAL;
 * F_OFD_SETLKW waits until the holder's description closes.
 * Prints TAP; runs on the host, inside Basalt and under Linux.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "abi_tap.h"

#ifndef F_OFD_GETLK
#define F_OFD_GETLK	36
#define F_OFD_SETLK	37
#define F_OFD_SETLKW	38
#endif

#define PLAN		11
#define HOLD_MS		100

static char path[] = "/tmp/ofd_locks.XXXXXX";

static int lk(int fd, int cmd, short type, off_t start, off_t len)
{
	struct flock fl;

	memset(&fl, 0, sizeof(fl));
	fl.l_type = type;
	fl.l_whence = SEEK_SET;
	fl.l_start = start;
	fl.l_len = len;
	return fcntl(fd, cmd, &fl) ? -errno : 0;
}

/* F_OFD_GETLK (or F_GETLK) for type over [start, start + len): *out filled. */
static int getlk(int fd, int cmd, short type, off_t start, off_t len, struct flock *out)
{
	memset(out, 0, sizeof(*out));
	out->l_type = type;
	out->l_whence = SEEK_SET;
	out->l_start = start;
	out->l_len = len;
	return fcntl(fd, cmd, out) ? -errno : 0;
}

int main(void)
{
	struct flock fl;
	int fd = mkstemp(path), a, b, d, r, r2, status;
	pid_t pid;

	tap_plan(PLAN);
	if (fd < 0 || ftruncate(fd, 100)) {
		check(0, "a scratch file");
		return 1;
	}
	close(fd);
	a = open(path, O_RDWR);
	b = open(path, O_RDWR);

	r = lk(a, F_OFD_SETLK, F_WRLCK, 0, 10);
	r2 = lk(b, F_OFD_SETLK, F_WRLCK, 5, 10);
	check(r == 0 && r2 == -EAGAIN,
	      "two opens in one process: the second F_OFD_SETLK conflicts (%d %d)", r, r2);
	r = getlk(b, F_OFD_GETLK, F_RDLCK, 0, 0, &fl);
	check(r == 0 && fl.l_type == F_WRLCK && fl.l_pid == -1 && fl.l_start == 0 && fl.l_len == 10,
	      "F_OFD_GETLK: the holder's F_WRLCK over 0+10, l_pid -1 (%d %d %d %ld+%ld)", r,
	      fl.l_type, (int)fl.l_pid, (long)fl.l_start, (long)fl.l_len);
	r = getlk(a, F_OFD_GETLK, F_WRLCK, 0, 0, &fl);
	check(r == 0 && fl.l_type == F_UNLCK, "F_OFD_GETLK on its own description: F_UNLCK (%d)",
	      fl.l_type);
	r = lk(b, F_SETLK, F_RDLCK, 0, 5);
	r2 = getlk(b, F_GETLK, F_RDLCK, 0, 0, &fl);
	check(r == -EAGAIN && r2 == 0 && fl.l_type == F_WRLCK && fl.l_pid == -1,
	      "a classic F_SETLK of the same process conflicts; F_GETLK shows l_pid -1 (%d %d)", r,
	      (int)fl.l_pid);

	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_RDLCK;
	fl.l_pid = getpid();
	r = fcntl(b, F_OFD_SETLK, &fl) ? -errno : 0;
	check(r == -EINVAL, "F_OFD_SETLK with l_pid not 0: EINVAL (%d)", r);

	/* dup shares the lock; closing the dup keeps it (an OFD lock). */
	d = dup(a);
	close(d);
	r = lk(b, F_OFD_SETLK, F_RDLCK, 0, 1);
	check(r == -EAGAIN, "closing a dup of the holder's descriptor keeps the lock (%d)", r);

	/* A classic lock through b in a range a does not hold; OFD b then conflicts with it. */
	r = lk(b, F_SETLK, F_WRLCK, 50, 10);
	r2 = lk(a, F_OFD_SETLK, F_RDLCK, 55, 1);
	check(r == 0 && r2 == -EAGAIN, "an OFD lock conflicts with the process's own POSIX lock (%d %d)",
	      r, r2);
	lk(b, F_SETLK, F_UNLCK, 50, 10);

	/* Unlocking part of the range splits it. */
	r = lk(a, F_OFD_SETLK, F_UNLCK, 0, 5);
	r2 = getlk(b, F_OFD_GETLK, F_WRLCK, 0, 0, &fl);
	check(r == 0 && r2 == 0 && fl.l_type == F_WRLCK && fl.l_start == 5 && fl.l_len == 5,
	      "F_UNLCK over 0+5 leaves 5+5 (%ld+%ld)", (long)fl.l_start, (long)fl.l_len);

	/* Another process's F_OFD_SETLKW waits for the description's last close. */
	pid = fork();
	if (pid == 0) {
		int c;

		/* Its copies of a and b would keep the description open. */
		close(a);
		close(b);
		c = open(path, O_RDWR);

		_exit(c >= 0 && lk(c, F_OFD_SETLKW, F_WRLCK, 0, 10) == 0 ? 0 : 1);
	}
	{
		struct timespec ts = { 0, HOLD_MS * 1000000L };

		nanosleep(&ts, NULL);
	}
	r = waitpid(pid, &status, WNOHANG);
	check(r == 0, "the child's F_OFD_SETLKW waits while the lock is held (%d)", r);
	close(a);	/* the last descriptor of the description: the lock goes */
	r = waitpid(pid, &status, 0);
	check(r == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "the last close releases it and the waiter gets the lock");
	r = getlk(b, F_OFD_GETLK, F_WRLCK, 0, 0, &fl);
	check(r == 0 && fl.l_type == F_UNLCK,
	      "the child's lock went with its exit (its last close) (%d)", fl.l_type);
	close(b);
	unlink(path);
	return tap_failures;
}
