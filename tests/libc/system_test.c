/* system_test.c: statfs, statvfs, sysinfo, sys/sysmacros.h, mount/umount errors, getauxval, sigaltstack. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/auxv.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/sysinfo.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <unistd.h>

#include "tap.h"

#define PATH_SIZE 128
#define PAGE 4096

static volatile sig_atomic_t on_alt_stack;
#define ALT_STACK_SIZE 65536
static char alt_stack[ALT_STACK_SIZE];

static void alt_handler(int sig)
{
	char local;

	(void)sig;
	on_alt_stack = &local >= alt_stack && &local < alt_stack + sizeof(alt_stack);
}

/* A child tries the locks its parent holds; its exit status is the number of surprises. */
static int lock_child(const char *path)
{
	struct flock lock = { 0 };
	int fd = open(path, O_RDWR), surprises = 0;

	surprises += flock(fd, LOCK_EX | LOCK_NB) != -1 || errno != EWOULDBLOCK;
	lock.l_type = F_WRLCK;
	lock.l_whence = SEEK_SET;
	lock.l_start = 0;
	lock.l_len = 10;
	surprises += fcntl(fd, F_SETLK, &lock) != -1 || (errno != EAGAIN && errno != EACCES);
	surprises += fcntl(fd, F_GETLK, &lock) != 0 || lock.l_type != F_WRLCK ||
		     lock.l_pid != getppid();
	return surprises;
}

static void test_locks_prctl_sleep(void)
{
	struct flock lock = { 0 };
	struct timespec start, now, request = { 0, 20000000 };
	char path[PATH_SIZE], name[32];
	int fd, status;
	pid_t pid;

	snprintf(path, sizeof(path), "/tmp/basalt-lock.%d", (int)getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	write(fd, "0123456789abcdef", 16);
	lock.l_type = F_WRLCK;
	lock.l_whence = SEEK_SET;
	lock.l_start = 0;
	lock.l_len = 10;
	tap_ok(flock(fd, LOCK_EX) == 0 && fcntl(fd, F_SETLK, &lock) == 0, "flock, fcntl F_SETLK");
	lock.l_type = F_RDLCK;
	tap_ok(fcntl(fd, F_GETLK, &lock) == 0 && lock.l_type == F_UNLCK,
	       "F_GETLK: our own lock does not conflict");
	pid = fork();
	if (pid == 0)
		_exit(lock_child(path));
	waitpid(pid, &status, 0);
	tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "another process meets both locks, F_GETLK names the owner (%d)",
	       WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	lock.l_type = F_UNLCK;
	tap_ok(fcntl(fd, F_SETLK, &lock) == 0 && flock(fd, LOCK_UN) == 0, "unlock both");
	tap_ok(fcntl(fd, F_SETOWN, getpid()) == 0 && fcntl(fd, F_GETOWN) == getpid(),
	       "F_SETOWN, F_GETOWN");
	close(fd);
	unlink(path);

	tap_ok(prctl(PR_SET_NAME, "basalt-test", 0, 0, 0) == 0 &&
	       prctl(PR_GET_NAME, name, 0, 0, 0) == 0 && strcmp(name, "basalt-test") == 0,
	       "prctl PR_SET_NAME/PR_GET_NAME");

	clock_gettime(CLOCK_MONOTONIC, &start);
	tap_ok(clock_nanosleep(CLOCK_MONOTONIC, 0, &request, NULL) == 0, "clock_nanosleep");
	now = start;
	now.tv_sec += 1;
	now.tv_nsec = 0;	/* a time already passed would return at once */
	clock_gettime(CLOCK_MONOTONIC, &now);
	tap_ok(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &now, NULL) == 0,
	       "clock_nanosleep TIMER_ABSTIME");
	tap_ok(clock_nanosleep((clockid_t)12345, 0, &request, NULL) == EINVAL,
	       "clock_nanosleep on a bad clock: EINVAL (returned, not in errno)");
}

int main(void)
{
	struct statfs fs;
	struct statvfs vfs;
	struct sysinfo info;
	struct stat st;
	struct sigaction action;
	struct iovec iov[2];
	stack_t stack, old;
	char dir[PATH_SIZE], moved[PATH_SIZE + 8], a[3], b[4];
	dev_t dev;
	int fds[2];

	tap_plan(26);
	tap_ok(statfs("/", &fs) == 0 && fs.f_bsize > 0 && fs.f_blocks > 0 && fs.f_namelen > 0,
	       "statfs(/)");
	tap_ok(statvfs("/", &vfs) == 0 && vfs.f_blocks == fs.f_blocks && vfs.f_namemax > 0,
	       "statvfs agrees");
	errno = 0;
	tap_ok(statfs("/nonexistent/basalt", &fs) == -1 && errno == ENOENT, "statfs: ENOENT");
	tap_ok(sysinfo(&info) == 0 && info.uptime > 0 && info.totalram > 0 && info.mem_unit > 0,
	       "sysinfo");

	dev = makedev(8, 17);
	tap_ok(major(dev) == 8 && minor(dev) == 17 && dev == 0x811, "makedev, major, minor");
	dev = makedev(0x123, 0x45678);
	tap_ok(major(dev) == 0x123 && minor(dev) == 0x45678, "large major and minor");
	tap_ok(stat("/dev/null", &st) == 0 && major(st.st_rdev) == 1 && minor(st.st_rdev) == 3,
	       "/dev/null is 1:3");

	snprintf(dir, sizeof(dir), "/tmp/basalt-mount.%d", (int)getpid());
	mkdir(dir, 0755);
	errno = 0;
	tap_ok(mount("none", dir, "no-such-fs-basalt", 0, NULL) == -1 &&
	       (errno == ENODEV || errno == EPERM), "mount of an unknown type: ENODEV (or EPERM)");
	errno = 0;
	tap_ok(umount2(dir, 0) == -1 && (errno == EINVAL || errno == EPERM),
	       "umount of a directory that is no mount point: EINVAL (or EPERM)");
	rmdir(dir);

	/* rename is one system call: it moves directories and replaces files atomically. */
	snprintf(dir, sizeof(dir), "/tmp/basalt-rename.%d", (int)getpid());
	snprintf(moved, sizeof(moved), "%s.moved", dir);
	mkdir(dir, 0755);
	tap_ok(rename(dir, moved) == 0 && stat(moved, &st) == 0 && S_ISDIR(st.st_mode) &&
	       stat(dir, &st) == -1, "rename moves a directory");
	rmdir(moved);
	errno = 0;
	tap_ok(rename(dir, moved) == -1 && errno == ENOENT, "rename of a missing file: ENOENT");

	tap_ok(getauxval(AT_PAGESZ) == PAGE && getauxval(AT_UID) == getuid(), "getauxval");
	errno = 0;
	tap_ok(getauxval(12345) == 0 && errno == ENOENT, "getauxval of a missing type: ENOENT");

	stack.ss_sp = alt_stack;
	stack.ss_size = sizeof(alt_stack);
	stack.ss_flags = 0;
	tap_ok(sigaltstack(&stack, &old) == 0 && (old.ss_flags & SS_DISABLE), "sigaltstack");
	memset(&action, 0, sizeof(action));
	action.sa_handler = alt_handler;
	action.sa_flags = SA_ONSTACK;
	sigaction(SIGUSR1, &action, NULL);
	raise(SIGUSR1);
	tap_ok(on_alt_stack, "SA_ONSTACK runs the handler on the alternate stack");
	signal(SIGUSR1, SIG_DFL);

	pipe(fds);
	iov[0].iov_base = "abc";
	iov[0].iov_len = 3;
	iov[1].iov_base = "defg";
	iov[1].iov_len = 4;
	tap_ok(writev(fds[1], iov, 2) == 7, "writev");
	iov[0].iov_base = a;
	iov[0].iov_len = sizeof(a);
	iov[1].iov_base = b;
	iov[1].iov_len = sizeof(b);
	tap_ok(readv(fds[0], iov, 2) == 7 && memcmp(a, "abc", 3) == 0 && memcmp(b, "defg", 4) == 0,
	       "readv");
	close(fds[0]);
	close(fds[1]);

	test_locks_prctl_sleep();
	return tap_done();
}
