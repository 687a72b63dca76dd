/* unistd_test.c: pipes, dup2, fcntl, directories, links, modes and IDs (unistd.h, sys/stat.h), creat and utime. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

#include "tap.h"

#define PATH_SIZE 128
#define BUF_SIZE 64
#define TRUNCATED_SIZE 3

static void test_pipe_dup(void)
{
	char buf[BUF_SIZE];
	int fds[2], copy;

	tap_ok(pipe(fds) == 0, "pipe");
	tap_ok(write(fds[1], "magma", 5) == 5 && read(fds[0], buf, sizeof(buf)) == 5 &&
	       memcmp(buf, "magma", 5) == 0, "what goes into a pipe comes out");
	copy = dup(fds[1]);
	tap_ok(copy >= 0 && copy != fds[1] && write(copy, "x", 1) == 1 &&
	       read(fds[0], buf, 1) == 1 && buf[0] == 'x', "dup");
	tap_ok(dup2(fds[1], copy) == copy, "dup2 onto an open descriptor");
	tap_ok(fcntl(fds[0], F_SETFD, FD_CLOEXEC) == 0 &&
	       fcntl(fds[0], F_GETFD) == FD_CLOEXEC, "fcntl F_SETFD/F_GETFD");
	tap_ok(fcntl(fds[0], F_SETFL, O_NONBLOCK) == 0 &&
	       (fcntl(fds[0], F_GETFL) & O_NONBLOCK), "fcntl F_SETFL/F_GETFL O_NONBLOCK");
	errno = 0;
	tap_ok(read(fds[0], buf, 1) == -1 && errno == EAGAIN,
	       "reading an empty non-blocking pipe: EAGAIN");
	close(copy);
	close(fds[0]);
	close(fds[1]);
}

#define UTIME_ATIME 1000000000
#define UTIME_MTIME 1234567890

/* In the current directory: creat(2) and utime(2), whose declaration <utime.h> gives. */
static void test_creat_utime(void)
{
	struct utimbuf times = { .actime = UTIME_ATIME, .modtime = UTIME_MTIME };
	struct stat st;
	int fd;

	fd = creat("created", 0640);
	tap_ok(fd >= 0 && write(fd, "lava", 4) == 4 && fstat(fd, &st) == 0 &&
	       (fcntl(fd, F_GETFL) & O_ACCMODE) == O_WRONLY, "creat opens for writing");
	close(fd);
	fd = creat("created", 0600);
	tap_ok(fd >= 0 && fstat(fd, &st) == 0 && st.st_size == 0 && (st.st_mode & 0777) == 0640,
	       "creat of an existing file truncates it and keeps its mode");
	close(fd);
	tap_ok(utime("created", &times) == 0 && stat("created", &st) == 0 &&
	       st.st_atime == UTIME_ATIME && st.st_mtime == UTIME_MTIME, "utime sets both times");
	unlink("created");
}

static void test_directories_links(void)
{
	char dir[PATH_SIZE], cwd[PATH_SIZE], start[PATH_SIZE], buf[PATH_SIZE];
	struct stat st;
	ssize_t length;
	int fd;

	snprintf(dir, sizeof(dir), "/tmp/basalt-unistd-test.%d", (int)getpid());
	tap_ok(getcwd(start, sizeof(start)) != NULL, "getcwd");
	tap_ok(mkdir(dir, 0755) == 0 && chdir(dir) == 0 &&
	       getcwd(cwd, sizeof(cwd)) != NULL && strcmp(cwd, dir) == 0,
	       "mkdir, chdir, getcwd agree");
	errno = 0;
	tap_ok(getcwd(cwd, 2) == NULL && errno == ERANGE,
	       "getcwd into a small buffer: ERANGE");

	fd = open("file", O_RDWR | O_CREAT | O_TRUNC, 0644);
	tap_ok(fd >= 0 && write(fd, "basalt", 6) == 6 && fsync(fd) == 0 &&
	       ftruncate(fd, TRUNCATED_SIZE) == 0 && fstat(fd, &st) == 0 &&
	       st.st_size == TRUNCATED_SIZE, "ftruncate shrinks the file");
	tap_ok(fchmod(fd, 0600) == 0 && fstat(fd, &st) == 0 &&
	       (st.st_mode & 0777) == 0600, "fchmod");
	close(fd);
	tap_ok(chmod("file", 0640) == 0 && stat("file", &st) == 0 &&
	       (st.st_mode & 0777) == 0640, "chmod");

	tap_ok(symlink("file", "link") == 0, "symlink");
	length = readlink("link", buf, sizeof(buf));
	tap_ok(length == 4 && memcmp(buf, "file", 4) == 0, "readlink");
	tap_ok(lstat("link", &st) == 0 && S_ISLNK(st.st_mode) &&
	       stat("link", &st) == 0 && S_ISREG(st.st_mode),
	       "lstat sees the link, stat its target");
	tap_ok(link("file", "hard") == 0 && stat("file", &st) == 0 &&
	       st.st_nlink == 2, "link makes a second name");
	tap_ok(rename("hard", "renamed") == 0 && access("renamed", F_OK) == 0 &&
	       access("hard", F_OK) == -1, "rename");
	test_creat_utime();

	errno = 0;
	tap_ok(rmdir(dir) == -1 && errno == ENOTEMPTY,
	       "rmdir of a full directory: ENOTEMPTY (Linux 39, newlib %d)",
	       ENOTEMPTY);
	unlink("link");
	unlink("renamed");
	unlink("file");
	tap_ok(chdir(start) == 0 && rmdir(dir) == 0, "rmdir");
}

static void test_ids_umask(void)
{
	mode_t old_mask;

	tap_ok(getppid() > 0 && getppid() != getpid(), "getppid");
	tap_ok(getuid() == geteuid() && getgid() == getegid(),
	       "real and effective IDs of a non-setuid program");
	old_mask = umask(027);
	tap_ok(umask(old_mask) == 027, "umask returns the previous mask");
}

int main(void)
{
	tap_plan(26);
	test_pipe_dup();
	test_directories_links();
	test_ids_umask();
	return tap_done();
}
