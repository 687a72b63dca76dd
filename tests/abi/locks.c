/*
 * locks.c: advisory file locks and the other per-file and per-thread
 * bits of fcntl(2) and prctl(2): POSIX record locks between processes
 * (F_GETLK's report after a split, negative l_len, SEEK_END, F_SETLKW
 * waiting for the holder and giving up with EINTR, any close and exit
 * releasing), their EBADF/EINVAL cases, flock(2) owned by the open file
 * description (LOCK_NB, dup, last close, EINTR) and independent of
 * POSIX locks, F_SETOWN/F_GETOWN(_EX), and PR_SET_NAME seen in
 * /proc/self/comm and stat. Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include "abi_tap.h"

#define PLAN		32
#define SETTLE_NS	100000000L	/* long enough for a child to block */
#define ALARM_S		1
#define LONG_NAME	"a-very-long-thread-name"
#define SHORT_NAME	"a-very-long-thr"	/* 15 bytes and the NUL */
#define BAD_TYPE	7
#define BAD_WHENCE	9
#define BAD_FLOCK_OP	(LOCK_SH | LOCK_EX)	/* one of them, not both */
#define BAD_PRCTL	12345

/* fcntl(2)'s F_SETOWN_EX/F_GETOWN_EX (not in every libc's headers). */
#define ABI_F_SETOWN_EX		15
#define ABI_F_GETOWN_EX		16
#define ABI_F_OWNER_TID		0
#define ABI_F_OWNER_PGRP	2
struct abi_owner_ex {
	int type;
	int pid;
};

static char path[4096];

static void on_alarm(int sig)
{
	(void)sig;
}

static void settle(void)
{
	struct timespec ts = { 0, SETTLE_NS };

	nanosleep(&ts, NULL);
}

static int set_lock(int fd, int cmd, short type, short whence, off_t start, off_t len)
{
	struct flock fl;

	memset(&fl, 0, sizeof(fl));
	fl.l_type = type;
	fl.l_whence = whence;
	fl.l_start = start;
	fl.l_len = len;
	return fcntl(fd, cmd, &fl);
}

/* F_GETLK for a write lock over [start, start + len) from another process's view. */
static int get_lock(int fd, off_t start, off_t len, struct flock *fl)
{
	memset(fl, 0, sizeof(*fl));
	fl->l_type = F_WRLCK;
	fl->l_whence = SEEK_SET;
	fl->l_start = start;
	fl->l_len = len;
	return fcntl(fd, F_GETLK, fl);
}

/* Runs fn in a child with its own open of the file; returns its exit status or -1. */
static int in_child(int (*fn)(int fd))
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn(open(path, O_RDWR)));
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* Child views: 0 when what they see is right. */
static int child_sees_split(int fd)
{
	struct flock fl;
	int bad = 0;

	bad += get_lock(fd, 0, 0, &fl) != 0 || fl.l_type != F_WRLCK || fl.l_start != 0 ||
	       fl.l_len != 3 || fl.l_pid != getppid() || fl.l_whence != SEEK_SET;
	bad += get_lock(fd, 3, 3, &fl) != 0 || fl.l_type != F_UNLCK;
	bad += get_lock(fd, 4, 10, &fl) != 0 || fl.l_start != 6 || fl.l_len != 4;
	bad += set_lock(fd, F_SETLK, F_RDLCK, SEEK_SET, 3, 3) != 0;	/* the hole is free */
	return bad;
}

static int child_sees_negative_and_end(int fd)
{
	struct flock fl;
	int bad = 0;

	bad += get_lock(fd, 10, 0, &fl) != 0 || fl.l_start != 15 || fl.l_len != 5;
	bad += get_lock(fd, 100, 1, &fl) != 0 || fl.l_start != 26 || fl.l_len != 0;
	return bad;
}

static int child_waits(int fd)
{
	return set_lock(fd, F_SETLKW, F_WRLCK, SEEK_SET, 0, 1) != 0;
}

static int child_interrupted(int fd)
{
	struct sigaction sa;
	int bad = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;	/* no SA_RESTART: the wait ends with EINTR */
	sigaction(SIGALRM, &sa, NULL);
	alarm(ALARM_S);
	bad += set_lock(fd, F_SETLKW, F_WRLCK, SEEK_SET, 0, 1) != -1 || errno != EINTR;
	alarm(ALARM_S);
	bad += flock(fd, LOCK_EX) != -1 || errno != EINTR;
	return bad;
}

static int child_sees_nothing(int fd)
{
	struct flock fl;

	return get_lock(fd, 0, 0, &fl) != 0 || fl.l_type != F_UNLCK;
}

/*
 * Holds byte 1, then waits for byte 0, which the parent holds; the parent
 * then asks for byte 1 and closes the circle. Exits 0 once it got byte 0.
 */
static int child_half_of_a_deadlock(int fd)
{
	return set_lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 1, 1) != 0 ||
	       set_lock(fd, F_SETLKW, F_WRLCK, SEEK_SET, 0, 1) != 0;
}

static int child_locks_and_exits(int fd)
{
	return set_lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 0) != 0;
}

static int child_posix_beside_flock(int fd)
{
	return set_lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 0) != 0 ||
	       (flock(fd, LOCK_SH | LOCK_NB) != -1 || errno != EWOULDBLOCK);
}

static void test_posix(int fd)
{
	struct sigaction sa, old_sa;
	int fd2, status;
	pid_t pid;

	check(set_lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 10) == 0 &&
	      set_lock(fd, F_SETLK, F_UNLCK, SEEK_SET, 3, 3) == 0, "F_SETLK, then unlock a hole");
	check(in_child(child_sees_split) == 0,
	      "F_GETLK in another process: both halves, the owner's pid, the hole free");
	set_lock(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0);
	check(set_lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 20, -5) == 0 &&
	      set_lock(fd, F_SETLK, F_WRLCK, SEEK_END, 10, 0) == 0 &&
	      in_child(child_sees_negative_and_end) == 0,
	      "negative l_len covers the bytes before l_start; SEEK_END with l_len 0 to EOF");
	set_lock(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0);

	set_lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 1);
	pid = fork();
	if (pid == 0)
		_exit(child_waits(open(path, O_RDWR)));
	settle();
	check(waitpid(pid, &status, WNOHANG) == 0, "F_SETLKW waits for the holder");
	set_lock(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 1);
	check(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "F_SETLKW gets the lock once it is released");

	/* Two processes each waiting for the other's byte: EDEADLK for the second. */
	set_lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 1);
	pid = fork();
	if (pid == 0)
		_exit(child_half_of_a_deadlock(open(path, O_RDWR)));
	settle();
	/* Without detection the wait would never end: an alarm ends it (EINTR). */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, &old_sa);
	alarm(ALARM_S);
	errno = 0;
	check(waitpid(pid, &status, WNOHANG) == 0 &&
	      set_lock(fd, F_SETLKW, F_WRLCK, SEEK_SET, 1, 1) == -1 && errno == EDEADLK,
	      "F_SETLKW that would close a circle of waiters: EDEADLK");
	alarm(0);
	sigaction(SIGALRM, &old_sa, NULL);
	set_lock(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 1);
	check(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "the other waiter goes on once the lock it waits for is released");

	set_lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 1);
	flock(fd, LOCK_EX);
	check(in_child(child_interrupted) == 0, "a signal ends F_SETLKW and flock waits: EINTR");
	flock(fd, LOCK_UN);

	fd2 = open(path, O_RDONLY);
	close(fd2);
	check(in_child(child_sees_nothing) == 0,
	      "closing another descriptor of the file drops the process's locks");
	check(in_child(child_locks_and_exits) == 0 &&
	      set_lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 0) == 0, "exit drops a process's locks");
	set_lock(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0);
}

static void test_posix_errors(int fd)
{
	struct flock fl;
	int ro = open(path, O_RDONLY), wo = open(path, O_WRONLY);

	errno = 0;
	check(set_lock(wo, F_SETLK, F_RDLCK, SEEK_SET, 0, 1) == -1 && errno == EBADF,
	      "F_RDLCK on a write-only descriptor: EBADF");
	errno = 0;
	check(set_lock(ro, F_SETLK, F_WRLCK, SEEK_SET, 0, 1) == -1 && errno == EBADF,
	      "F_WRLCK on a read-only descriptor: EBADF");
	errno = 0;
	check(set_lock(fd, F_SETLK, BAD_TYPE, SEEK_SET, 0, 1) == -1 && errno == EINVAL,
	      "a bad l_type: EINVAL");
	errno = 0;
	check(set_lock(fd, F_SETLK, F_RDLCK, BAD_WHENCE, 0, 1) == -1 && errno == EINVAL,
	      "a bad l_whence: EINVAL");
	errno = 0;
	check(set_lock(fd, F_SETLK, F_RDLCK, SEEK_SET, -1, 1) == -1 && errno == EINVAL,
	      "a range before the start of the file: EINVAL");
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_UNLCK;
	errno = 0;
	check(fcntl(fd, F_GETLK, &fl) == -1 && errno == EINVAL, "F_GETLK of F_UNLCK: EINVAL");
	errno = 0;
	check(set_lock(-1, F_SETLK, F_RDLCK, SEEK_SET, 0, 1) == -1 && errno == EBADF,
	      "F_SETLK on a bad descriptor: EBADF");
	close(ro);
	close(wo);
}

static void test_flock(int fd)
{
	int other = open(path, O_RDONLY), copy;

	check(flock(fd, LOCK_EX) == 0, "flock LOCK_EX");
	errno = 0;
	check(flock(other, LOCK_SH | LOCK_NB) == -1 && errno == EWOULDBLOCK,
	      "another open of the file in the same process: EWOULDBLOCK");
	check(in_child(child_posix_beside_flock) == 0,
	      "POSIX locks ignore flock locks, flock locks still conflict in a child");
	copy = dup(fd);
	check(flock(fd, LOCK_SH) == 0 && flock(other, LOCK_SH | LOCK_NB) == 0 &&
	      flock(other, LOCK_UN) == 0, "conversion to LOCK_SH lets readers in");
	flock(fd, LOCK_EX);
	close(fd);
	errno = 0;
	check(flock(other, LOCK_EX | LOCK_NB) == -1 && errno == EWOULDBLOCK,
	      "a dup keeps the open file description's lock");
	close(copy);
	check(flock(other, LOCK_EX | LOCK_NB) == 0, "the last close releases it");
	errno = 0;
	check(flock(other, BAD_FLOCK_OP) == -1 && errno == EINVAL, "a bad operation: EINVAL");
	errno = 0;
	check(flock(-1, LOCK_SH) == -1 && errno == EBADF, "flock on a bad descriptor: EBADF");
	close(other);
}

static void test_owner_and_name(void)
{
	struct abi_owner_ex ex = { ABI_F_OWNER_TID, (int)syscall(SYS_gettid) };
	char name[32], comm[64], stat[512];
	int fd = open(path, O_RDONLY), n;
	FILE *f;

	/*
	 * Lead a process group of our own, so its id is our pid: small inside
	 * Basalt, where a raw F_GETOWN's -pgid below 4096 looks like an error
	 * return (fcntl(2), BUGS); the libc must not report it as one.
	 */
	if (getpgrp() != getpid())
		setpgid(0, 0);
	check(fcntl(fd, F_SETOWN, getpid()) == 0 && fcntl(fd, F_GETOWN) == getpid() &&
	      fcntl(fd, F_SETOWN, -getpgrp()) == 0 && fcntl(fd, F_GETOWN) == -getpgrp(),
	      "F_SETOWN and F_GETOWN, a process and a process group");
	errno = 0;
	check(getpgrp() == getpid() && fcntl(fd, F_GETOWN) == -getpid() && errno == 0,
	      "F_GETOWN of a process group is its negated id, not an error");
	check(syscall(SYS_fcntl, fd, ABI_F_SETOWN_EX, &ex) == 0 &&
	      (memset(&ex, 0, sizeof(ex)), syscall(SYS_fcntl, fd, ABI_F_GETOWN_EX, &ex)) == 0 &&
	      ex.type == ABI_F_OWNER_TID && ex.pid == (int)syscall(SYS_gettid),
	      "F_SETOWN_EX and F_GETOWN_EX with a thread");
	fcntl(fd, F_SETOWN, -getpgrp());
	check(syscall(SYS_fcntl, fd, ABI_F_GETOWN_EX, &ex) == 0 && ex.type == ABI_F_OWNER_PGRP &&
	      ex.pid == getpgrp(), "F_GETOWN_EX of a process group");
	close(fd);

	check(prctl(PR_SET_NAME, LONG_NAME, 0, 0, 0) == 0 &&
	      prctl(PR_GET_NAME, name, 0, 0, 0) == 0 && strcmp(name, SHORT_NAME) == 0,
	      "PR_SET_NAME truncates to 15 bytes, PR_GET_NAME reads it back");
	f = fopen("/proc/self/comm", "r");
	n = f && fgets(comm, sizeof(comm), f) ? 1 : 0;
	if (f)
		fclose(f);
	f = fopen("/proc/self/stat", "r");
	n += f && fgets(stat, sizeof(stat), f) ? 1 : 0;
	if (f)
		fclose(f);
	check(n == 2 && strcmp(comm, SHORT_NAME "\n") == 0 &&
	      strstr(stat, "(" SHORT_NAME ")") != NULL, "/proc/self/comm and stat show the name");
	errno = 0;
	check(prctl(BAD_PRCTL, 0, 0, 0, 0) == -1 && errno == EINVAL, "an unknown prctl: EINVAL");
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	int fd;

	tap_plan(PLAN);
	snprintf(path, sizeof(path), "%s/abi-locks-XXXXXX", tmp ? tmp : "/tmp");
	fd = mkstemp(path);
	if (fd < 0 || write(fd, "0123456789abcdef", 16) != 16)
		return 99;
	test_posix(fd);
	test_posix_errors(fd);
	test_flock(fd);
	test_owner_and_name();
	unlink(path);
	return tap_failures;
}
