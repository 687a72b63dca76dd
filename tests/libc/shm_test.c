/*
 * shm_test.c: POSIX shared memory (shm_open(3), shm_unlink(3)) and file
 * advice (posix_fadvise(3), readahead(2)), as glibc gives them over
 * Linux's /dev/shm: an object made by one process and mapped MAP_SHARED
 * is the same memory for a child that opens it by name; names are
 * checked; posix_fadvise returns the error number itself.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

#define PAGE 4096

static void test_shm(void)
{
	char name[64];
	int fd, status = -1;
	volatile char *m;
	struct stat st;
	pid_t pid;

	snprintf(name, sizeof(name), "/basalt-shm-test-%d", (int)getpid());
	fd = shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0600);
	tap_ok(fd >= 0, "shm_open O_CREAT|O_EXCL makes an object");
	tap_ok(fd >= 0 && (fcntl(fd, F_GETFD) & FD_CLOEXEC), "its descriptor is close-on-exec");
	tap_ok(fd >= 0 && ftruncate(fd, PAGE) == 0 && fstat(fd, &st) == 0 && st.st_size == PAGE,
	       "ftruncate sizes it");
	m = fd >= 0 ? mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) : MAP_FAILED;
	tap_ok(m != MAP_FAILED, "mmap MAP_SHARED of it");
	if (m == MAP_FAILED)
		return;
	m[0] = 'p';
	pid = fork();
	if (pid == 0) {
		int cfd = shm_open(name, O_RDWR, 0);
		volatile char *c = cfd >= 0 ? mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED,
						   cfd, 0) : MAP_FAILED;

		if (c == MAP_FAILED || c[0] != 'p')
			_exit(1);
		c[1] = 'c';
		_exit(0);
	}
	if (pid > 0)
		waitpid(pid, &status, 0);
	tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "a child opening it by name sees the parent's byte");
	tap_ok(m[1] == 'c', "and the parent sees the child's");
	errno = 0;
	tap_ok(shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0600) == -1 && errno == EEXIST,
	       "O_EXCL on an existing object: EEXIST");
	tap_ok(shm_unlink(name) == 0, "shm_unlink");
	errno = 0;
	tap_ok(shm_open(name, O_RDWR, 0) == -1 && errno == ENOENT, "gone after shm_unlink: ENOENT");
	errno = 0;
	tap_ok(shm_unlink(name) == -1 && errno == ENOENT, "shm_unlink again: ENOENT");
	errno = 0;
	tap_ok(shm_open("/a/b", O_RDWR | O_CREAT, 0600) == -1 && errno == EINVAL,
	       "a name with a '/' inside: EINVAL");
	munmap((void *)m, PAGE);
	close(fd);
}

static void test_fadvise(void)
{
	char path[] = "/tmp/shm_test.XXXXXX";
	int fd = mkstemp(path), p[2];

	unlink(path);
	tap_ok(fd >= 0 && posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED) == 0,
	       "posix_fadvise WILLNEED on a file");
	tap_ok(posix_fadvise(fd, 0, 0, 99) == EINVAL, "unknown advice: EINVAL, returned");
	tap_ok(posix_fadvise(-1, 0, 0, POSIX_FADV_NORMAL) == EBADF, "a bad descriptor: EBADF");
	tap_ok(pipe(p) == 0 && posix_fadvise(p[0], 0, 0, POSIX_FADV_NORMAL) == ESPIPE,
	       "a pipe: ESPIPE");
	errno = 0;
	tap_ok(readahead(fd, 0, PAGE) == 0, "readahead on a file");
	errno = 0;
	tap_ok(readahead(p[0], 0, PAGE) == -1 && errno == EINVAL, "readahead on a pipe: EINVAL");
	close(p[0]);
	close(p[1]);
	close(fd);
}

int main(void)
{
	tap_plan(17);
	test_shm();
	test_fadvise();
	return tap_done();
}
