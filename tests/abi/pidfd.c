/*
 * pidfd.c: process file descriptors: pidfd_open(2) (flags, errors, the
 * descriptor's flags and /proc/self/fd name), pidfd_send_signal(2) (to a
 * child, to ourselves with a siginfo, the EPERM/EINVAL/EBADF/ESRCH
 * cases), poll (readable when the process exits), waitid(2) P_PIDFD
 * (with PIDFD_NONBLOCK: EAGAIN), pidfd_getfd(2) (the same open file, the
 * ptrace permission: same uid but not dumpable is EPERM), clone(2) and
 * clone3(2) with CLONE_PIDFD. Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include "abi_tap.h"

#define PLAN		47
#define PIDFD_NONBLOCK_FLAG	04000	/* Linux's O_NONBLOCK (newlib's differs) */
#define CLONE_PIDFD_FLAG	0x00001000
#define CLONE_PARENT_SETTID_FLAG 0x00100000
#define P_PIDFD_TYPE		3
#define CHILD_FD		42	/* where the child puts the descriptor pidfd_getfd takes */
#define POLL_WAIT_MS		10000
#define EXIT_CLONE3		5
#define EXIT_CLONE		6
#define QUEUE_VALUE		1234
#define BAD_FLAGS		0x100	/* no pidfd_send_signal flag (6.9 added 1, 2, 4) */

/* clone3(2)'s argument, version 0 (64 bytes). */
struct clone_args_v0 {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
};

static long popen_(int pid, unsigned flags)
{
	return raw(SYS_pidfd_open, pid, flags, 0);
}

static long psig(int pidfd, int sig, siginfo_t *info, unsigned flags)
{
	return raw6(SYS_pidfd_send_signal, pidfd, sig, (long)info, flags, 0, 0);
}

static long pgetfd(int pidfd, int fd, unsigned flags)
{
	return raw(SYS_pidfd_getfd, pidfd, fd, flags);
}

static long waitid_pidfd(int pidfd, siginfo_t *si, int options)
{
	memset(si, 0, sizeof(*si));
	return raw6(SYS_waitid, P_PIDFD_TYPE, pidfd, (long)si, options, 0, 0);
}

static short revents(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, ms) < 0 ? -1 : p.revents;
}

static volatile sig_atomic_t got_code, got_value;

static void on_usr2(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)ctx;
	got_code = si->si_code;
	got_value = si->si_value.sival_int;
}

static int thread_pipe[2], go_pipe[2];

/* Says its tid, then waits until the pipe is closed. */
static void *thread_tid(void *arg)
{
	char c;

	(void)arg;
	*(volatile long *)arg = syscall(SYS_gettid);
	write(thread_pipe[1], "t", 1);
	read(go_pipe[0], &c, 1);
	return NULL;
}

static void test_open(void)
{
	char link[64], path[64];
	pthread_t th;
	long tid = 0, n;
	int fd = (int)popen_(getpid(), 0);

	check(fd >= 0, "pidfd_open(getpid(), 0) (%d)", fd);
	check(fcntl(fd, F_GETFD) == FD_CLOEXEC, "a pidfd is close-on-exec");
	check((fcntl(fd, F_GETFL) & (O_ACCMODE | O_NONBLOCK)) == O_RDWR, "O_RDWR, blocking");
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, path, sizeof(path) - 1);
	path[n > 0 ? n : 0] = '\0';
	check(!strcmp(path, "anon_inode:[pidfd]"), "/proc/self/fd name: '%s'", path);
	check(revents(fd, 0) == 0, "a live process: not readable");
	check(psig(fd, 0, NULL, 0) == 0, "signal 0 to ourselves: 0");
	close(fd);
	fd = (int)popen_(getpid(), PIDFD_NONBLOCK_FLAG);
	check(fd >= 0 && (fcntl(fd, F_GETFL) & O_NONBLOCK), "PIDFD_NONBLOCK: O_NONBLOCK");
	close(fd);
	check(popen_(0, 0) == -EINVAL, "pid 0: EINVAL");
	check(popen_(-1, 0) == -EINVAL, "pid -1: EINVAL");
	check(popen_(getpid(), 1) == -EINVAL, "an unknown flag: EINVAL");
	if (pipe(thread_pipe) == 0 && pipe(go_pipe) == 0 && pthread_create(&th, NULL, thread_tid, &tid) == 0) {
		char c;

		read(thread_pipe[0], &c, 1);
		n = popen_((int)tid, 0);
		/* Linux 6.1 says EINVAL; later kernels (pidfs) say ENOENT. */
		check(tid > 0 && tid != getpid() && (n == -EINVAL || n == -ENOENT),
		      "a thread that leads no process: EINVAL (%ld)", n);
		write(go_pipe[1], "x", 1);
		pthread_join(th, NULL);
	} else {
		check(0, "a thread");
	}
}

static void test_child(void)
{
	siginfo_t si, q;
	int fd, nb, ctl[2], p[2];
	struct stat st;
	ino_t child_ino = 0;
	long newfd, n;
	pid_t pid;

	if (pipe(ctl) || pipe(p)) {
		check(0, "pipes");
		return;
	}
	pid = fork();
	if (pid == 0) {
		int mine[2];
		struct stat s;
		char c;

		close(ctl[0]);
		close(p[1]);
		if (pipe(mine) || dup2(mine[1], CHILD_FD) != CHILD_FD || fstat(CHILD_FD, &s))
			_exit(1);
		write(ctl[1], &s.st_ino, sizeof(s.st_ino));
		read(p[0], &c, 1);	/* until the parent kills us */
		_exit(0);
	}
	close(ctl[1]);
	close(p[0]);
	read(ctl[0], &child_ino, sizeof(child_ino));
	fd = (int)popen_(pid, 0);
	nb = (int)popen_(pid, PIDFD_NONBLOCK_FLAG);
	check(fd >= 0 && nb >= 0, "pidfd_open of a child, blocking and not");
	check(revents(fd, 0) == 0, "the child is alive: not readable");
	check(waitid_pidfd(nb, &si, WEXITED) == -EAGAIN,
	      "waitid(P_PIDFD) of a live child with PIDFD_NONBLOCK: EAGAIN");
	check(waitid_pidfd(fd, &si, WEXITED | WNOHANG) == 0 && si.si_pid == 0,
	      "waitid(P_PIDFD, WNOHANG): 0, nothing to report");
	newfd = pgetfd(fd, CHILD_FD, 0);
	check(newfd >= 0 && fstat((int)newfd, &st) == 0 && st.st_ino == child_ino &&
	      S_ISFIFO(st.st_mode), "pidfd_getfd: the child's pipe (%ld)", newfd);
	check(newfd >= 0 && fcntl((int)newfd, F_GETFD) == FD_CLOEXEC,
	      "pidfd_getfd's descriptor is close-on-exec");
	if (newfd >= 0)
		close((int)newfd);
	check(pgetfd(fd, 1000, 0) == -EBADF, "pidfd_getfd of a closed descriptor: EBADF");
	check(pgetfd(fd, CHILD_FD, 1) == -EINVAL, "pidfd_getfd with flags: EINVAL");
	check(pgetfd(p[1], CHILD_FD, 0) == -EBADF, "pidfd_getfd on a pipe: EBADF");
	memset(&q, 0, sizeof(q));
	q.si_signo = SIGUSR1;
	q.si_code = SI_USER;
	check(psig(fd, SIGUSR1, &q, 0) == -EPERM,
	      "a siginfo claiming kill(2) (SI_USER) to another process: EPERM");
	check(psig(fd, SIGUSR2, &q, 0) == -EINVAL, "si_signo other than sig: EINVAL");
	check(psig(fd, SIGUSR1, (siginfo_t *)8, 0) == -EFAULT, "a bad siginfo: EFAULT");
	check(psig(fd, SIGUSR1, NULL, BAD_FLAGS) == -EINVAL, "unknown flags: EINVAL");
	check(psig(fd, 100, NULL, 0) == -EINVAL, "signal 100: EINVAL");
	check(psig(p[1], SIGUSR1, NULL, 0) == -EBADF, "on a pipe: EBADF");
	check(psig(-1, SIGUSR1, NULL, 0) == -EBADF, "on -1: EBADF");
	check(psig(fd, SIGKILL, NULL, 0) == 0, "SIGKILL through the pidfd: 0");
	check(revents(fd, POLL_WAIT_MS) & POLLIN, "poll wakes when the child dies: POLLIN");
	n = waitid_pidfd(fd, &si, WEXITED);
	check(n == 0 && si.si_pid == pid &&
	      si.si_code == CLD_KILLED && si.si_status == SIGKILL,
	      "waitid(P_PIDFD): killed by SIGKILL (pid %d code %d status %d)", (int)si.si_pid,
	      si.si_code, si.si_status);
	check(revents(fd, 0) & POLLIN, "reaped: still readable");
	check(psig(fd, 0, NULL, 0) == -ESRCH, "a signal after the reap: ESRCH");
	check(pgetfd(fd, CHILD_FD, 0) == -ESRCH, "pidfd_getfd after the reap: ESRCH");
	check(waitid_pidfd(fd, &si, WEXITED) == -ECHILD, "waitid(P_PIDFD) after the reap: ECHILD");
	close(fd);
	close(nb);
	close(ctl[0]);
	close(p[1]);
}

static void test_self_signal(void)
{
	struct sigaction sa = { .sa_sigaction = on_usr2, .sa_flags = SA_SIGINFO };
	siginfo_t q;
	int fd = (int)popen_(getpid(), 0);

	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR2, &sa, NULL);
	memset(&q, 0, sizeof(q));
	q.si_signo = SIGUSR2;
	q.si_code = SI_QUEUE;
	q.si_value.sival_int = QUEUE_VALUE;
	check(psig(fd, SIGUSR2, &q, 0) == 0, "a siginfo with SI_QUEUE to ourselves: 0");
	check(got_code == SI_QUEUE && got_value == QUEUE_VALUE,
	      "the handler got it: code %d value %d", (int)got_code, (int)got_value);
	got_code = 0;
	check(psig(fd, SIGUSR2, NULL, 0) == 0 && got_code == SI_USER,
	      "no siginfo: SI_USER (%d)", (int)got_code);
	close(fd);
}

static void test_clone(void)
{
	struct clone_args_v0 args = { .flags = CLONE_PIDFD_FLAG, .exit_signal = SIGCHLD };
	int pidfd = -1, pidfd2 = -1;
	siginfo_t si;
	long pid, r;

	args.pidfd = (uint64_t)(uintptr_t)&pidfd;
	pid = raw(SYS_clone3, &args, sizeof(args), 0);
	if (pid == 0)
		_exit(EXIT_CLONE3);
	check(pid > 0 && pidfd >= 0, "clone3(CLONE_PIDFD): a child and a pidfd (%ld, %d)", pid, pidfd);
	check(pidfd >= 0 && fcntl(pidfd, F_GETFD) == FD_CLOEXEC, "the pidfd is close-on-exec");
	r = waitid_pidfd(pidfd, &si, WEXITED);
	check(r == 0 && si.si_pid == pid &&
	      si.si_code == CLD_EXITED && si.si_status == EXIT_CLONE3,
	      "waitid(P_PIDFD) on it: exited with %d", si.si_status);
	if (pidfd >= 0)
		close(pidfd);
	pid = raw6(SYS_clone, CLONE_PIDFD_FLAG | SIGCHLD, 0, (long)&pidfd2, 0, 0, 0);
	if (pid == 0)
		_exit(EXIT_CLONE);
	check(pid > 0 && pidfd2 >= 0, "clone(CLONE_PIDFD): the pidfd at parent_tid (%d)", pidfd2);
	r = waitid_pidfd(pidfd2, &si, WEXITED);
	check(r == 0 && si.si_pid == pid &&
	      si.si_status == EXIT_CLONE, "waitid(P_PIDFD): exited with %d", si.si_status);
	if (pidfd2 >= 0)
		close(pidfd2);
	check(raw6(SYS_clone, CLONE_PIDFD_FLAG | CLONE_PARENT_SETTID_FLAG | SIGCHLD, 0,
		   (long)&pidfd2, 0, 0, 0) == -EINVAL,
	      "clone(CLONE_PIDFD | CLONE_PARENT_SETTID): EINVAL");
	args.pidfd = 8;
	pid = raw(SYS_clone3, &args, sizeof(args), 0);
	if (pid == 0)
		_exit(EXIT_CLONE3);
	check(pid == -EFAULT, "clone3 with a bad pidfd pointer: EFAULT (%ld)", pid);
	check(waitpid(-1, NULL, WNOHANG) == -1 && errno == ECHILD, "and no child was made");
}

/* As nobody: a child of ours, dumpable, then not. */
static int getfd_dumpable(void)
{
	int ctl[2], go[2], fd, ok = 0;
	char c = 0;
	pid_t pid;

	/* Becoming nobody made us not dumpable (setuid from root): be so again. */
	if (pipe(ctl) || pipe(go) || prctl(PR_SET_DUMPABLE, 1, 0, 0, 0))
		return 1;
	pid = fork();
	if (pid == 0) {
		write(ctl[1], "r", 1);
		read(go[0], &c, 1);
		prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
		write(ctl[1], "n", 1);
		read(go[0], &c, 1);
		_exit(0);
	}
	read(ctl[0], &c, 1);
	fd = (int)popen_(pid, 0);
	fd = pgetfd(fd, 0, 0) >= 0 ? fd : -1;	/* same uid, dumpable: allowed */
	write(go[1], "g", 1);
	read(ctl[0], &c, 1);
	if (fd >= 0 && pgetfd(fd, 0, 0) == -EPERM)	/* same uid, not dumpable: EPERM */
		ok = 1;
	write(go[1], "g", 1);
	waitpid(pid, NULL, 0);
	return ok ? 0 : 1;
}

/* As nobody: init (root) may not be looked into nor signalled. */
static int other_user(void)
{
	int fd = (int)popen_(1, 0);

	if (fd < 0)
		return 1;
	return pgetfd(fd, 0, 0) == -EPERM && psig(fd, 0, NULL, 0) == -EPERM ? 0 : 1;
}

int main(void)
{
	tap_plan(PLAN);
	test_open();
	test_child();
	test_self_signal();
	test_clone();
	check_as_nobody(getfd_dumpable,
			"pidfd_getfd as the same uid: allowed, EPERM once not dumpable");
	check_as_nobody(other_user, "another user's process: pidfd_getfd and signals EPERM");
	return tap_failures;
}
