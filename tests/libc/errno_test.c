/* errno_test.c: errno after failing open, fopen, close, unlink, mkdir, isatty and stat. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"

#define PATH_SIZE 64
#define MISSING_PATH "/nonexistent-basalt-dir/file"

int main(void)
{
	char path[PATH_SIZE];
	struct stat st;
	int fd;

	tap_plan(11);

	errno = 0;
	fd = open(MISSING_PATH, O_RDONLY);
	tap_ok(fd == -1 && errno == ENOENT, "open of a missing file: ENOENT (%s)",
	       strerror(errno));
	errno = 0;
	tap_ok(fopen(MISSING_PATH, "r") == NULL && errno == ENOENT,
	       "fopen of a missing file: ENOENT");
	errno = 0;
	tap_ok(close(-1) == -1 && errno == EBADF, "close(-1): EBADF");
	errno = 0;
	tap_ok(unlink(MISSING_PATH) == -1 && errno == ENOENT,
	       "unlink of a missing file: ENOENT");

	snprintf(path, sizeof(path), "/tmp/basalt-errno-test.%d", (int)getpid());
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	tap_ok(fd >= 0, "open with O_CREAT | O_EXCL creates");
	tap_ok(write(fd, "12345", 5) == 5 && close(fd) == 0, "write and close");
	errno = 0;
	tap_ok(open(path, O_WRONLY | O_CREAT | O_EXCL, 0600) == -1 &&
	       errno == EEXIST, "O_EXCL on an existing file: EEXIST");
	tap_ok(stat(path, &st) == 0 && st.st_size == 5 && S_ISREG(st.st_mode) &&
	       (st.st_mode & 0777) == 0600, "stat: size, type and mode");
	fd = open(path, O_RDONLY);
	errno = 0;
	tap_ok(fd >= 0 && isatty(fd) == 0 && errno == ENOTTY,
	       "isatty of a regular file: 0, ENOTTY");
	close(fd);
	unlink(path);
	errno = 0;
	tap_ok(mkdir("/tmp", 0700) == -1 && errno == EEXIST,
	       "mkdir of an existing directory: EEXIST");
	errno = 0;
	tap_ok(stat(MISSING_PATH, &st) == -1 && errno == ENOENT,
	       "stat of a missing file: ENOENT");

	return tap_done();
}
