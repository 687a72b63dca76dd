/*
 * fds.c: file descriptors: dup(2), dup2, dup3 (EINVAL for the same fd
 * and bad flags), fcntl(2) F_DUPFD with a minimum, F_DUPFD_CLOEXEC,
 * F_GETFD/F_SETFD, F_GETFL/F_SETFL, shared offsets between duplicates,
 * lowest-free allocation, and EBADF everywhere it belongs. Prints TAP;
 * exits with the failure count.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include "abi_tap.h"

#define PLAN		21
#define DUP_MIN		100
#define BAD_FCNTL_CMD	12345

int main(void)
{
	char path[4096], buf[8];
	const char *tmp = getenv("TMPDIR");
	int fd, d, d2, lowest;
	struct rlimit rl;

	tap_plan(PLAN);
	snprintf(path, sizeof(path), "%s/abi-fds-XXXXXX", tmp ? tmp : "/tmp");
	fd = mkstemp(path);
	if (fd < 0)
		return 99;
	unlink(path);
	if (write(fd, "abcdef", 6) != 6)
		return 99;
	getrlimit(RLIMIT_NOFILE, &rl);

	d = dup(fd);
	check(d > fd, "dup returns a new descriptor (%d)", d);
	close(d);
	lowest = dup(fd);
	check(lowest == d, "the lowest free number is reused");
	close(lowest);

	check(lseek(fd, 1, SEEK_SET) == 1 && (d = dup(fd)) >= 0 && lseek(d, 0, SEEK_CUR) == 1 &&
	      read(d, buf, 2) == 2 && lseek(fd, 0, SEEK_CUR) == 3,
	      "duplicates share the file offset");
	check(fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 && fcntl(d, F_GETFD) == 0,
	      "FD_CLOEXEC is per descriptor: dup does not copy it");
	fcntl(fd, F_SETFD, 0);
	check(fcntl(fd, F_SETFL, O_APPEND) == 0 && (fcntl(d, F_GETFL) & O_APPEND),
	      "status flags are shared: O_APPEND set on one shows on the other");
	check((fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR, "F_SETFL leaves the access mode");
	fcntl(fd, F_SETFL, 0);
	close(d);

	check(dup2(fd, fd) == fd, "dup2(fd, fd) returns fd");
	errno = 0;
	check(dup3(fd, fd, 0) == -1 && errno == EINVAL, "dup3(fd, fd, 0): EINVAL");
	d = dup(fd);
	errno = 0;
	check(dup3(fd, d, 0x4) == -1 && errno == EINVAL, "dup3 with a flag other than O_CLOEXEC: EINVAL");
	check(dup3(fd, d, O_CLOEXEC) == d && fcntl(d, F_GETFD) == FD_CLOEXEC,
	      "dup3(O_CLOEXEC) over an open descriptor sets FD_CLOEXEC");
	d2 = open("/dev/null", O_RDONLY);
	check(dup2(fd, d2) == d2 && lseek(d2, 0, SEEK_CUR) == lseek(fd, 0, SEEK_CUR) &&
	      fcntl(d2, F_GETFD) == 0, "dup2 onto an open descriptor replaces it, no FD_CLOEXEC");
	close(d);
	close(d2);

	d = fcntl(fd, F_DUPFD, DUP_MIN);
	check(d >= DUP_MIN, "F_DUPFD with a minimum of %d gives %d", DUP_MIN, d);
	d2 = fcntl(fd, F_DUPFD_CLOEXEC, DUP_MIN);
	check(d2 > d && fcntl(d2, F_GETFD) == FD_CLOEXEC, "F_DUPFD_CLOEXEC: next free above, FD_CLOEXEC");
	close(d);
	close(d2);
	errno = 0;
	check(fcntl(fd, F_DUPFD, (int)rl.rlim_cur) == -1 && errno == EINVAL,
	      "F_DUPFD at RLIMIT_NOFILE: EINVAL");
	errno = 0;
	check(dup2(fd, (int)rl.rlim_cur) == -1 && errno == EBADF, "dup2 to RLIMIT_NOFILE: EBADF");

	d = dup(fd);
	close(d);
	errno = 0;
	check(close(d) == -1 && errno == EBADF, "closing twice: EBADF");
	errno = 0;
	check(close(-1) == -1 && errno == EBADF, "close(-1): EBADF");
	errno = 0;
	check(read(d, buf, 1) == -1 && errno == EBADF && write(d, buf, 1) == -1 && errno == EBADF,
	      "read and write on a closed descriptor: EBADF");
	errno = 0;
	check(dup(d) == -1 && errno == EBADF && fcntl(d, F_GETFD) == -1 && errno == EBADF &&
	      dup2(d, fd) == -1 && errno == EBADF, "dup, fcntl, dup2 of a closed descriptor: EBADF");
	d = open("/dev/null", O_RDONLY);
	errno = 0;
	check(write(d, "x", 1) == -1 && errno == EBADF, "write to an O_RDONLY descriptor: EBADF");
	close(d);
	errno = 0;
	check(fcntl(fd, BAD_FCNTL_CMD) == -1 && errno == EINVAL, "an unknown fcntl command: EINVAL");
	close(fd);
	return tap_done();
}
