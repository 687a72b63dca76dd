/*
 * eventfd.c: eventfd(2) and eventfd2: the counter a read takes whole (or
 * by one with EFD_SEMAPHORE), EAGAIN when empty or full with
 * EFD_NONBLOCK, EINVAL for short buffers, the value 2^64-1 and bad
 * flags, EFAULT, EFD_CLOEXEC/EFD_NONBLOCK, poll readiness, a blocking
 * read woken by a writer and a blocking write woken by a reader in
 * another process, and the /proc/self/fd name. Prints TAP; exits with
 * the failure count.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <sys/wait.h>
#include "abi_tap.h"

#define PLAN		24
#define DELAY_US	20000	/* the other process acts after this */
#define COUNT_MAX	0xfffffffffffffffeULL	/* eventfd(2): the largest count */

static long rd(int fd, uint64_t *v)
{
	return read(fd, v, sizeof(*v));
}

static long wr(int fd, uint64_t v)
{
	return write(fd, &v, sizeof(v));
}

static short revents(int fd, short events)
{
	struct pollfd p = { .fd = fd, .events = events };

	return poll(&p, 1, 0) < 0 ? -1 : p.revents;
}

int main(void)
{
	uint64_t v = 0, big[2];
	char link[64], path[64];
	uint32_t small = 1;
	int fd, status;
	long n;
	pid_t pid;

	tap_plan(PLAN);
	fd = eventfd(5, EFD_NONBLOCK);
	check(fd >= 0, "eventfd(5, EFD_NONBLOCK) gives a descriptor");
	n = rd(fd, &v);
	check(n == 8 && v == 5, "read takes the whole count: 5 (n=%ld v=%llu)", n,
	      (unsigned long long)v);
	errno = 0;
	check(rd(fd, &v) == -1 && errno == EAGAIN, "read of 0 with EFD_NONBLOCK: EAGAIN");
	check(revents(fd, POLLIN | POLLOUT) == POLLOUT, "count 0: POLLOUT only");
	errno = 0;
	check(read(fd, &small, sizeof(small)) == -1 && errno == EINVAL,
	      "read of 4 bytes: EINVAL");
	errno = 0;
	check(write(fd, &small, sizeof(small)) == -1 && errno == EINVAL,
	      "write of 4 bytes: EINVAL");
	errno = 0;
	check(wr(fd, UINT64_MAX) == -1 && errno == EINVAL, "write of 2^64-1: EINVAL");
	check(wr(fd, 3) == 8 && wr(fd, 4) == 8, "writes of 3 and 4 succeed with 8");
	check(revents(fd, POLLIN | POLLOUT) == (POLLIN | POLLOUT), "count 7: POLLIN|POLLOUT");
	n = read(fd, big, sizeof(big));
	check(n == 8 && big[0] == 7, "read into 16 bytes returns 8 with the sum 7 (n=%ld)", n);
	check(wr(fd, COUNT_MAX) == 8, "write of 2^64-2 reaches the maximum");
	check(revents(fd, POLLIN | POLLOUT) == POLLIN, "count at the maximum: POLLIN only");
	errno = 0;
	check(wr(fd, 1) == -1 && errno == EAGAIN, "one more with EFD_NONBLOCK: EAGAIN");
	check(rd(fd, &v) == 8 && v == COUNT_MAX, "read gives 2^64-2 back");
	errno = 0;
	check(wr(fd, 1) == 8 && syscall(SYS_read, fd, NULL, 8) == -1 && errno == EFAULT,
	      "read of a count of 1 into NULL: EFAULT");
	errno = 0;
	check(syscall(SYS_write, fd, NULL, 8) == -1 && errno == EFAULT, "write from NULL: EFAULT");
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = 0;
	check(!strcmp(link, "anon_inode:[eventfd]"), "/proc/self/fd names it %s", link);
	close(fd);

	fd = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK | EFD_CLOEXEC);
	check(rd(fd, &v) == 8 && v == 1 && rd(fd, &v) == 8 && v == 1 &&
	      rd(fd, &v) == -1 && errno == EAGAIN,
	      "EFD_SEMAPHORE: 2 reads of 1, then EAGAIN");
	check(fcntl(fd, F_GETFD) == FD_CLOEXEC && (fcntl(fd, F_GETFL) & O_NONBLOCK),
	      "EFD_CLOEXEC and EFD_NONBLOCK show in F_GETFD and F_GETFL");
	close(fd);
	errno = 0;
	check(syscall(SYS_eventfd2, 0, 2) == -1 && errno == EINVAL, "eventfd2 with flag 2: EINVAL");
	fd = (int)syscall(SYS_eventfd, 9);
	check(fd >= 0 && rd(fd, &v) == 8 && v == 9, "eventfd(9) (the old call) starts at 9");
	close(fd);

	/* Blocking: a read waits for a writer, a write for a reader. */
	fd = eventfd(0, 0);
	pid = fork();
	if (pid == 0) {
		usleep(DELAY_US);
		_exit(wr(fd, 42) == 8 ? 0 : 1);
	}
	n = rd(fd, &v);
	check(n == 8 && v == 42, "a blocking read returns the 42 another process wrote");
	waitpid(pid, &status, 0);
	check(wr(fd, COUNT_MAX) == 8, "fill to the maximum");
	pid = fork();
	if (pid == 0) {
		uint64_t got = 0;

		usleep(DELAY_US);
		_exit(rd(fd, &got) == 8 && got == COUNT_MAX ? 0 : 1);
	}
	n = wr(fd, 5);
	waitpid(pid, &status, 0);
	check(n == 8 && WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
	      rd(fd, &v) == 8 && v == 5,
	      "a blocking write of 5 completes once another process reads");
	close(fd);
	return tap_done();
}
