/*
 * rw2.c: preadv2(2) and pwritev2(2): position -1 as the file's own (and
 * moved), other negative positions EINVAL, unknown flags EOPNOTSUPP;
 * RWF_APPEND writes at the end (the file position stays for an explicit
 * one, goes to the end for -1); RWF_DSYNC, RWF_SYNC and RWF_HIPRI
 * accepted; RWF_NOWAIT on a socket: EAGAIN when empty (or full), data
 * otherwise, where the kernel takes it on sockets (later ones than 6.1),
 * else EOPNOTSUPP (Linux 6.1 and Basalt, also for pipes and tmpfs);
 * ESPIPE for a position on a pipe. Raw system calls, so both
 * libcs make the same calls. Prints TAP; runs on the host, in Basalt
 * and under Linux.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "abi_tap.h"

#ifndef SYS_preadv2
#define SYS_preadv2		327
#endif
#ifndef SYS_pwritev2
#define SYS_pwritev2		328
#endif
#define RWF_HIPRI		0x01
#define RWF_DSYNC		0x02
#define RWF_SYNC		0x04
#define RWF_NOWAIT		0x08
#define RWF_APPEND		0x10
#define RWF_UNKNOWN		(1 << 30)	/* above every flag Linux has defined */
#define PIPE_FILL_CHUNK		4096

struct k_iovec {
	void *base;
	uint64_t len;
};

static long rv2(int fd, void *buf, size_t len, long pos, int flags)
{
	struct k_iovec v = { buf, len };

	return raw6(SYS_preadv2, fd, (long)&v, 1, pos, 0, flags);
}

static long wv2(int fd, const void *buf, size_t len, long pos, int flags)
{
	struct k_iovec v = { (void *)buf, len };

	return raw6(SYS_pwritev2, fd, (long)&v, 1, pos, 0, flags);
}

static int file_is(const char *path, const char *want)
{
	char buf[64] = "";
	int fd = open(path, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

	if (fd >= 0)
		close(fd);
	if (n >= 0 && (size_t)n == strlen(want) && !memcmp(buf, want, (size_t)n))
		return 1;
	diag("%s holds \"%.*s\"", path, n > 0 ? (int)n : 0, buf);
	return 0;
}

int main(void)
{
	char path[128], buf[PIPE_FILL_CHUNK];
	int fd, p[2], sp[2];
	long n;

	tap_plan(17);
	snprintf(path, sizeof(path), "/tmp/rw2.%d", (int)getpid());
	fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);
	if (fd < 0 || write(fd, "hello world", 11) != 11 || lseek(fd, 6, SEEK_SET) != 6 ||
	    pipe(p) || socketpair(AF_UNIX, SOCK_STREAM, 0, sp)) {
		diag("cannot set up %s", path);
		return tap_done();
	}
	memset(buf, 0, sizeof(buf));
	check(rv2(fd, buf, 5, 0, 0) == 5 && !memcmp(buf, "hello", 5) &&
	      lseek(fd, 0, SEEK_CUR) == 6, "preadv2 at 0 reads there and keeps the position");
	check(rv2(fd, buf, 5, -1, 0) == 5 && !memcmp(buf, "world", 5) &&
	      lseek(fd, 0, SEEK_CUR) == 11, "preadv2 at -1 reads at the position and moves it");
	check(rv2(fd, buf, 5, -2, 0) == -EINVAL, "preadv2 at -2 is EINVAL");
	check(rv2(fd, buf, 5, 0, RWF_UNKNOWN) == -EOPNOTSUPP, "an unknown flag is EOPNOTSUPP");
	check(wv2(fd, buf, 5, 0, RWF_UNKNOWN) == -EOPNOTSUPP, "pwritev2: an unknown flag is EOPNOTSUPP");
	check(rv2(fd, buf, 5, 0, RWF_HIPRI) == 5, "RWF_HIPRI is accepted");
	lseek(fd, 2, SEEK_SET);
	check(wv2(fd, "!", 1, 0, RWF_APPEND) == 1 && file_is(path, "hello world!") &&
	      lseek(fd, 0, SEEK_CUR) == 2, "RWF_APPEND at 0 writes at the end, the position stays");
	check(wv2(fd, "?", 1, -1, RWF_APPEND) == 1 && file_is(path, "hello world!?") &&
	      lseek(fd, 0, SEEK_CUR) == 13, "RWF_APPEND at -1 writes at the end and moves there");
	check(wv2(fd, "J", 1, 0, RWF_DSYNC) == 1 && wv2(fd, "H", 1, 0, RWF_SYNC) == 1 &&
	      file_is(path, "Hello world!?"), "RWF_DSYNC and RWF_SYNC write");
	check(wv2(fd, "W", 1, 6, 0) == 1 && file_is(path, "Hello World!?") &&
	      lseek(fd, 0, SEEK_CUR) == 13, "pwritev2 at 6 writes there, the position stays");
	check(wv2(fd, "x", 1, -5, 0) == -EINVAL, "pwritev2 at -5 is EINVAL");
	n = rv2(sp[0], buf, 1, -1, RWF_NOWAIT);
	check(n == -EAGAIN || n == -EOPNOTSUPP,
	      "RWF_NOWAIT on an empty socket: EAGAIN, or EOPNOTSUPP as 6.1 (%ld)", n);
	n = write(sp[1], "ab", 2) == 2 ? rv2(sp[0], buf, 2, -1, RWF_NOWAIT) : -1;
	check((n == 2 && !memcmp(buf, "ab", 2)) || n == -EOPNOTSUPP,
	      "RWF_NOWAIT on a socket with data reads it, or EOPNOTSUPP as 6.1 (%ld)", n);
	n = rv2(p[0], buf, 1, -1, RWF_NOWAIT);
	check(rv2(p[0], buf, 1, 0, 0) == -ESPIPE && (n == -EAGAIN || n == -EOPNOTSUPP),
	      "a pipe: ESPIPE at 0; RWF_NOWAIT EAGAIN, or EOPNOTSUPP as 6.1 (%ld)", n);
	memset(buf, 'x', sizeof(buf));
	while (send(sp[1], buf, sizeof(buf), MSG_DONTWAIT) > 0)
		;
	while (send(sp[1], buf, 1, MSG_DONTWAIT) > 0)
		;
	n = wv2(sp[1], buf, 1, -1, RWF_NOWAIT);
	check(n == -EAGAIN || n == -EOPNOTSUPP,
	      "RWF_NOWAIT on a full socket: EAGAIN, or EOPNOTSUPP as 6.1 (%ld)", n);
	check(rv2(-1, buf, 1, -1, 0) == -EBADF && rv2(-1, buf, 1, -1, RWF_NOWAIT) == -EBADF,
	      "a bad descriptor is EBADF, with RWF_NOWAIT too");
	n = wv2(fd, buf, 1, 0, RWF_NOWAIT);
	check(n == 1 || n == -EOPNOTSUPP || n == -EAGAIN,
	      "RWF_NOWAIT on a regular file: written, or refused as the file system says (%ld)", n);
	close(fd);
	close(p[0]);
	close(p[1]);
	close(sp[0]);
	close(sp[1]);
	unlink(path);
	return tap_done();
}
