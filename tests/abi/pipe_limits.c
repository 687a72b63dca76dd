/*
 * pipe_limits.c: pipe capacity as Linux's (pipe(7), fcntl(2)): 64 KiB
 * by default, F_SETPIPE_SZ rounds up to a power of two of pages and keeps
 * the data, EBUSY below what the pipe holds, EINVAL past 2 GiB, EBADF on
 * other files, EPERM past /proc/sys/fs/pipe-max-size for a user; the
 * three /proc/sys/fs/pipe-* files; and an unprivileged process that
 * opens as many pipes as it may pins little memory (pages come with data).
 * Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include "abi_tap.h"

#define PLAN		14
#define PAGE		4096
#define DEFAULT_SIZE	(16 * PAGE)
#define HELD		(3 * PAGE)	/* bytes in the pipe when shrinking */
#define USER_MAX_SIZE	(1 << 20)	/* pipe-max-size's default */
#define PIPES_MAX	8192		/* the most pipes the memory check opens */
#define KIB		1024

static long setsize(int fd, long size)
{
	long r = fcntl(fd, F_SETPIPE_SZ, size);

	return r < 0 ? -errno : r;
}

static int user_past_max_size(void)
{
	int p[2];

	return pipe(p) == 0 && setsize(p[1], 2 * USER_MAX_SIZE) == -EPERM ? 0 : 1;
}

static int user_cannot_tune(void)
{
	return open("/proc/sys/fs/pipe-max-size", O_WRONLY) < 0 && errno == EACCES ? 0 : 1;
}

/*
 * Opens pipes until the descriptors run out (or PIPES_MAX) and checks
 * the memory left: empty pipes must not hold their capacity.
 */
static int user_many_pipes(void)
{
	struct rlimit nofile;
	long before = tap_meminfo_kib("MemAvailable"), after;
	int p[2], n = 0, err = 0;

	if (getrlimit(RLIMIT_NOFILE, &nofile) == 0) {
		nofile.rlim_cur = nofile.rlim_max;
		setrlimit(RLIMIT_NOFILE, &nofile);
	}
	while (n < PIPES_MAX && !(err = pipe(p) ? errno : 0))
		n++;
	/* Two descriptors back, to read /proc/meminfo with. */
	if (n) {
		close(p[0]);
		close(p[1]);
	}
	after = tap_meminfo_kib("MemAvailable");
	diag("%d pipes (then errno %d), MemAvailable %ld kB before, %ld kB after", n, err,
	     before, after);
	/* 8192 pipes of 64 KiB would be 512 MiB; allow 64 MiB of bookkeeping. */
	if (n < 1000 || (err && err != EMFILE && err != ENFILE))
		return 1;
	return after > 0 && before - after < 64 * KIB ? 0 : 2;
}

int main(void)
{
	char buf[HELD], back[HELD];
	int p[2], q[2], fd;
	long r, written;
	ssize_t got;
	size_t same;

	tap_plan(PLAN);
	if (pipe(p) || pipe2(q, O_NONBLOCK)) {
		check(0, "pipe");
		return tap_done();
	}
	r = fcntl(p[0], F_GETPIPE_SZ);
	check(r == DEFAULT_SIZE, "a new pipe holds 64 KiB (%ld)", r);
	r = setsize(p[1], 5000);
	check(r == 2 * PAGE && fcntl(p[0], F_GETPIPE_SZ) == 2 * PAGE,
	      "F_SETPIPE_SZ 5000 gives two pages on both ends (%ld)", r);
	r = setsize(p[1], 0);
	check(r == PAGE, "F_SETPIPE_SZ 0 gives one page (%ld)", r);
	r = setsize(p[1], -1);
	check(r == -EINVAL, "F_SETPIPE_SZ past 2 GiB: EINVAL (%ld)", r);
	fd = open("/dev/null", O_RDONLY);
	r = fcntl(fd, F_GETPIPE_SZ) < 0 ? -errno : 0;
	check(r == -EBADF, "F_GETPIPE_SZ of /dev/null: EBADF (%ld)", r);
	close(fd);

	/* Data survives a resize; shrinking below it is EBUSY. */
	setsize(p[1], DEFAULT_SIZE);
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (char)(i * 7 + 3);
	written = write(p[1], buf, sizeof(buf));
	r = setsize(p[1], PAGE);
	check(written == HELD && r == -EBUSY, "F_SETPIPE_SZ below the %d bytes held: EBUSY (%ld)",
	      HELD, r);
	r = setsize(p[1], 4 * PAGE);
	got = read(p[0], back, sizeof(back));
	same = 0;
	while (got > 0 && same < (size_t)got && buf[same] == back[same])
		same++;
	check(r == 4 * PAGE && got == HELD && same == HELD,
	      "a resize keeps the bytes in order (%ld; read %zd, %zu the same)", r, got, same);

	/* A one-page pipe takes one page, then EAGAIN. */
	setsize(q[1], PAGE);
	written = write(q[1], buf, sizeof(buf));
	r = write(q[1], buf, 1) < 0 ? -errno : 0;
	check(written == PAGE && r == -EAGAIN, "a one-page pipe takes %ld bytes, then EAGAIN (%ld)",
	      written, r);

	r = tap_proc_number("/proc/sys/fs/pipe-max-size");
	check(r == USER_MAX_SIZE, "/proc/sys/fs/pipe-max-size is 1 MiB (%ld)", r);
	r = tap_proc_number("/proc/sys/fs/pipe-user-pages-soft");
	check(r == 16384, "pipe-user-pages-soft is 16384 (%ld)", r);
	r = tap_proc_number("/proc/sys/fs/pipe-user-pages-hard");
	check(r == 0, "pipe-user-pages-hard is 0, no hard limit (%ld)", r);
	check_as_nobody(user_past_max_size, "a user asking past pipe-max-size: EPERM");
	check_as_nobody(user_cannot_tune, "a user cannot write pipe-max-size (EACCES)");
	check_as_nobody(user_many_pipes,
			"a user opening thousands of empty pipes pins little memory");
	return tap_done();
}
