/*
 * signalfd.c: signalfd(2) and signalfd4: reading blocked pending signals
 * of the mask as 128-byte struct signalfd_siginfo records (signo, code,
 * pid, uid), taking them off the pending set, several records per read,
 * EAGAIN with SFD_NONBLOCK, a blocking read woken by a signal from
 * another process, poll readiness, replacing the mask of an existing
 * signalfd, SFD_CLOEXEC, and EINVAL, EFAULT, EBADF. Prints TAP; exits
 * with the failure count.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include "abi_tap.h"

#define PLAN		22
#define DELAY_US	20000
/* si_code values (siginfo.h): kill(2) and tgkill(2). */
#define CODE_USER	0
#define CODE_TKILL	(-6)
#define RECORD		128	/* sizeof(struct signalfd_siginfo) */

static sigset_t set_of(int sig)
{
	sigset_t s;

	sigemptyset(&s);
	if (sig)
		sigaddset(&s, sig);
	return s;
}

static short readable(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, 0) == 1 && p.revents == POLLIN;
}

static int is_pending(int sig)
{
	sigset_t s;

	sigpending(&s);
	return sigismember(&s, sig);
}

int main(void)
{
	struct signalfd_siginfo si[2];
	sigset_t blocked, mask;
	char link[64], path[64];
	int fd, fd2, status, p[2];
	long n;
	pid_t pid;

	tap_plan(PLAN);
	check(sizeof(struct signalfd_siginfo) == RECORD, "struct signalfd_siginfo is 128 bytes");
	sigemptyset(&blocked);
	sigaddset(&blocked, SIGUSR1);
	sigaddset(&blocked, SIGUSR2);
	sigaddset(&blocked, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &blocked, NULL);

	mask = set_of(SIGUSR1);
	fd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
	check(fd >= 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC && (fcntl(fd, F_GETFL) & O_NONBLOCK),
	      "signalfd(-1, {SIGUSR1}, SFD_NONBLOCK|SFD_CLOEXEC)");
	errno = 0;
	check(read(fd, si, RECORD) == -1 && errno == EAGAIN, "nothing pending: EAGAIN");
	check(!readable(fd), "nothing pending: not readable");
	kill(getpid(), SIGUSR1);
	check(readable(fd), "SIGUSR1 pending: POLLIN");
	errno = 0;
	check(read(fd, si, RECORD - 1) == -1 && errno == EINVAL, "read of 127 bytes: EINVAL");
	memset(si, 0, sizeof(si));
	n = read(fd, si, sizeof(si));
	check(n == RECORD && si[0].ssi_signo == SIGUSR1 && si[0].ssi_code == CODE_USER &&
	      si[0].ssi_pid == (uint32_t)getpid() && si[0].ssi_uid == (uint32_t)getuid(),
	      "read: one record, SIGUSR1 from kill by us (n=%ld signo=%u code=%d pid=%u)", n,
	      si[0].ssi_signo, si[0].ssi_code, si[0].ssi_pid);
	check(!is_pending(SIGUSR1) && !readable(fd), "the read took it off the pending set");

	kill(getpid(), SIGUSR2);
	errno = 0;
	check(read(fd, si, RECORD) == -1 && errno == EAGAIN && is_pending(SIGUSR2),
	      "SIGUSR2, not in the mask: EAGAIN, still pending");
	mask = set_of(SIGUSR2);
	check(signalfd(fd, &mask, 0) == fd, "signalfd(fd, {SIGUSR2}) replaces the mask");
	check(readable(fd) && read(fd, si, RECORD) == RECORD && si[0].ssi_signo == SIGUSR2,
	      "now SIGUSR2 reads");

	mask = set_of(SIGRTMIN);
	sigaddset(&mask, SIGKILL);	/* silently dropped from the mask */
	fd2 = signalfd(-1, &mask, SFD_NONBLOCK);
	check(fd2 >= 0 && fd2 != fd, "a second signalfd, SIGKILL in the mask is accepted");
	kill(getpid(), SIGRTMIN);
	kill(getpid(), SIGRTMIN);
	n = read(fd2, si, sizeof(si));
	check(n == 2 * RECORD && si[0].ssi_signo == (uint32_t)SIGRTMIN &&
	      si[1].ssi_signo == (uint32_t)SIGRTMIN,
	      "two queued SIGRTMIN: one read returns both records (n=%ld)", n);
	syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGRTMIN);
	check(read(fd2, si, RECORD) == RECORD && si[0].ssi_code == CODE_TKILL,
	      "a thread-directed tgkill reads with SI_TKILL (%d)", si[0].ssi_code);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd2);
	n = readlink(path, link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = 0;
	check(!strcmp(link, "anon_inode:[signalfd]"), "/proc/self/fd names it %s", link);
	close(fd2);

	/* A blocking read, woken by a signal another process sends. */
	mask = set_of(SIGUSR1);
	fd2 = signalfd(-1, &mask, 0);
	pid = fork();
	if (pid == 0) {
		usleep(DELAY_US);
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	n = read(fd2, si, RECORD);
	waitpid(pid, &status, 0);
	check(n == RECORD && si[0].ssi_signo == SIGUSR1 && si[0].ssi_pid == (uint32_t)pid,
	      "a blocking read returns the SIGUSR1 a child sent (pid %u)", si[0].ssi_pid);
	close(fd2);

	/* Errors. */
	errno = 0;
	check(signalfd(-1, &mask, 1) == -1 && errno == EINVAL, "flag 1: EINVAL");
	errno = 0;
	check(syscall(SYS_signalfd4, -1, &mask, 4, 0) == -1 && errno == EINVAL,
	      "a 4-byte mask size: EINVAL");
	errno = 0;
	check(syscall(SYS_signalfd4, -1, NULL, 8, 0) == -1 && errno == EFAULT, "NULL mask: EFAULT");
	if (pipe(p))
		return 99;
	errno = 0;
	check(signalfd(p[0], &mask, 0) == -1 && errno == EINVAL, "a pipe as the signalfd: EINVAL");
	errno = 0;
	check(signalfd(p[1] + 100, &mask, 0) == -1 && errno == EBADF,
	      "a closed descriptor: EBADF");
	fd2 = (int)syscall(SYS_signalfd, -1, &mask, 8);
	check(fd2 >= 0, "signalfd (the old call) makes one too");
	return tap_done();
}
