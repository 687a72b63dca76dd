/*
 * epoll.c: epoll_create(2), epoll_create1, epoll_ctl, epoll_wait,
 * epoll_pwait: level-triggered, EPOLLET and EPOLLONESHOT on pipes;
 * EPOLLOUT and EPOLLHUP; maxevents taking turns; eventfd, timerfd and
 * signalfd as sources; blocking waits woken by another process; a
 * timeout (at least its length); nesting and ELOOP; a registration
 * ending with the last close of its file (not of one duplicate); an
 * EPOLLET writer not reported for a wake-up that announces only EPOLLIN;
 * epoll_pwait's signal mask; the packed 12-byte struct epoll_event;
 * and EEXIST, ENOENT, EINVAL, EBADF, EPERM, EFAULT. Prints TAP; exits
 * with the failure count.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <time.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include "abi_tap.h"

#define PLAN		50
#define DELAY_US	20000
#define SHORT_MS	30
#define LONG_MS		5000	/* a generous bound for what must happen */
#define TIMER_MS	10
#define MAXEV		8
#define KERNEL_ADDR	0xffff800000000000UL	/* never a user address */

static struct epoll_event evs[MAXEV];

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int add(int ep, int op, int fd, uint32_t events, uint64_t data)
{
	struct epoll_event ev = { .events = events, .data.u64 = data };

	return epoll_ctl(ep, op, fd, &ev);
}

static int wait0(int ep)
{
	return epoll_wait(ep, evs, MAXEV, 0);
}

/* One event with these bits and data. */
static int one(int n, uint32_t events, uint64_t data)
{
	return n == 1 && evs[0].events == events && evs[0].data.u64 == data;
}

static void put8(int fd, uint64_t v)
{
	if (write(fd, &v, sizeof(v)) != sizeof(v))
		exit(99);
}

static volatile sig_atomic_t got_usr1;

static void on_usr1(int sig)
{
	(void)sig;
	got_usr1 = 1;
}

int main(void)
{
	int ep, ep2, ep3, p[2], efd, e2, tfd, sfd, dir, n, status;
	struct itimerspec its = { .it_value = { 0, TIMER_MS * 1000000L } };
	struct signalfd_siginfo si;
	sigset_t mask, empty, cur;
	char buf[64], link[64], path[64];
	uint64_t v;
	long t0;
	pid_t pid;

	tap_plan(PLAN);
	check(sizeof(struct epoll_event) == 12, "struct epoll_event is packed: 12 bytes");
	ep = epoll_create1(EPOLL_CLOEXEC);
	check(ep >= 0 && fcntl(ep, F_GETFD) == FD_CLOEXEC, "epoll_create1(EPOLL_CLOEXEC)");
	errno = 0;
	check(epoll_create1(1) == -1 && errno == EINVAL, "epoll_create1 with flag 1: EINVAL");
	errno = 0;
	check(epoll_create(0) == -1 && errno == EINVAL, "epoll_create(0): EINVAL");
	ep2 = epoll_create(1);
	check(ep2 >= 0, "epoll_create(1)");
	if (pipe(p))
		return 99;

	/* Level-triggered, edge-triggered, one-shot on a pipe's read end. */
	check(add(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 7) == 0 && wait0(ep) == 0,
	      "add an empty pipe: nothing ready");
	errno = 0;
	check(add(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 7) == -1 && errno == EEXIST,
	      "add it again: EEXIST");
	if (write(p[1], "ab", 2) != 2)
		return 99;
	check(one(wait0(ep), EPOLLIN, 7), "after a write: EPOLLIN with data 7");
	check(one(wait0(ep), EPOLLIN, 7), "level-triggered: reported again");
	check(add(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLET, 8) == 0 &&
	      one(wait0(ep), EPOLLIN, 8), "MOD to EPOLLET while ready: reported once with data 8");
	check(wait0(ep) == 0, "EPOLLET: not again without a new write");
	if (write(p[1], "c", 1) != 1)
		return 99;
	check(one(wait0(ep), EPOLLIN, 8) && wait0(ep) == 0,
	      "EPOLLET: a new write reports it once more");
	check(add(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLONESHOT, 9) == 0 &&
	      one(wait0(ep), EPOLLIN, 9) && wait0(ep) == 0,
	      "EPOLLONESHOT: once, then disabled though data remains");
	if (write(p[1], "d", 1) != 1)
		return 99;
	check(wait0(ep) == 0, "EPOLLONESHOT: a new write does not re-enable it");
	check(add(ep, EPOLL_CTL_MOD, p[0], EPOLLIN, 10) == 0 && one(wait0(ep), EPOLLIN, 10),
	      "MOD re-arms it");
	check(add(ep, EPOLL_CTL_DEL, p[0], 0, 0) == 0 && wait0(ep) == 0, "DEL: gone");
	errno = 0;
	check(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL) == -1 && errno == ENOENT,
	      "DEL again (NULL event): ENOENT");
	errno = 0;
	check(add(ep, EPOLL_CTL_MOD, p[0], EPOLLIN, 0) == -1 && errno == ENOENT,
	      "MOD of what is not there: ENOENT");

	/* Several ready: maxevents 1 takes turns. */
	check(add(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 1) == 0 &&
	      add(ep, EPOLL_CTL_ADD, p[1], EPOLLOUT, 2) == 0 && wait0(ep) == 2,
	      "a pipe with data and room: both ends ready");
	n = epoll_wait(ep, evs, 1, 0);
	v = evs[0].data.u64;
	n += epoll_wait(ep, evs, 1, 0);
	check(n == 2 && v != evs[0].data.u64, "maxevents 1: two calls report both ends (%llu, %llu)",
	      (unsigned long long)v, (unsigned long long)evs[0].data.u64);

	/* The last close of the write end ends its registration; HUP on the read end. */
	if (read(p[0], buf, sizeof(buf)) <= 0)
		return 99;
	close(p[1]);
	n = wait0(ep);
	check(one(n, EPOLLHUP, 1), "write end closed: only the read end, with EPOLLHUP (n=%d, %#x)",
	      n, n > 0 ? evs[0].events : 0);
	close(p[0]);
	check(wait0(ep) == 0, "read end closed: nothing left");

	/* eventfd: a blocking wait woken by another process; EPOLLET. */
	efd = eventfd(0, EFD_NONBLOCK);
	add(ep, EPOLL_CTL_ADD, efd, EPOLLIN | EPOLLET, 20);
	pid = fork();
	if (pid == 0) {
		usleep(DELAY_US);
		put8(efd, 1);
		_exit(0);
	}
	n = epoll_wait(ep, evs, MAXEV, LONG_MS);
	waitpid(pid, &status, 0);
	check(one(n, EPOLLIN, 20), "a blocking epoll_wait wakes on another process's eventfd write");
	check(wait0(ep) == 0, "EPOLLET on the eventfd: once");
	e2 = dup(efd);
	close(efd);
	put8(e2, 1);
	check(one(wait0(ep), EPOLLIN, 20),
	      "closing one of two descriptors keeps the registration");
	close(e2);
	check(wait0(ep) == 0, "closing the last one ends it");

	/* EPOLLET for writing: an eventfd write announces only EPOLLIN. */
	e2 = eventfd(0, EFD_NONBLOCK);
	ep3 = epoll_create1(0);
	check(add(ep3, EPOLL_CTL_ADD, e2, EPOLLOUT | EPOLLET, 70) == 0 &&
	      one(wait0(ep3), EPOLLOUT, 70) && wait0(ep3) == 0,
	      "EPOLLET|EPOLLOUT on an eventfd: reported once when added");
	put8(e2, 1);
	check(wait0(ep3) == 0, "a write (EPOLLIN) does not report the EPOLLOUT edge item");
	if (read(e2, &v, sizeof(v)) != sizeof(v))
		return 99;
	check(one(wait0(ep3), EPOLLOUT, 70), "a read (EPOLLOUT) does");
	close(ep3);
	close(e2);

	efd = eventfd(0, EFD_NONBLOCK);
	add(ep, EPOLL_CTL_ADD, efd, EPOLLIN, 21);

	/* A timeout: at least its length. */
	t0 = now_ms();
	n = epoll_wait(ep, evs, MAXEV, SHORT_MS);
	t0 = now_ms() - t0;
	check(n == 0 && t0 >= SHORT_MS - 1, "timeout of %d ms: 0 after %ld ms", SHORT_MS, t0);

	/* timerfd and signalfd. */
	tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
	add(ep, EPOLL_CTL_ADD, tfd, EPOLLIN, 30);
	timerfd_settime(tfd, 0, &its, NULL);
	n = epoll_wait(ep, evs, MAXEV, LONG_MS);
	check(one(n, EPOLLIN, 30), "an expiring timerfd wakes epoll_wait");
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR2);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	sfd = signalfd(-1, &mask, SFD_NONBLOCK);
	add(ep, EPOLL_CTL_ADD, sfd, EPOLLIN, 40);
	if (read(tfd, &v, sizeof(v)) != sizeof(v))
		return 99;
	check(wait0(ep) == 0, "timerfd read, no signal yet: nothing");
	kill(getpid(), SIGUSR2);
	check(one(wait0(ep), EPOLLIN, 40), "a blocked SIGUSR2 makes the signalfd ready");

	/* Nesting: ep2 inside ep (the signal read first). */
	while (read(sfd, &si, sizeof(si)) > 0)
		;
	check(add(ep2, EPOLL_CTL_ADD, efd, EPOLLIN, 50) == 0 &&
	      add(ep, EPOLL_CTL_ADD, ep2, EPOLLIN, 60) == 0 && wait0(ep) == 0,
	      "an epoll inside an epoll, nothing ready");
	put8(efd, 1);
	n = wait0(ep);
	check(n == 2 && ((evs[0].data.u64 == 21 && evs[1].data.u64 == 60) ||
			 (evs[0].data.u64 == 60 && evs[1].data.u64 == 21)),
	      "an eventfd write: the eventfd and the inner epoll are ready (n=%d)", n);
	check(epoll_wait(ep2, evs, MAXEV, 0) == 1 && evs[0].data.u64 == 50,
	      "the inner epoll reports the eventfd");
	errno = 0;
	check(add(ep2, EPOLL_CTL_ADD, ep, EPOLLIN, 0) == -1 && errno == ELOOP,
	      "adding the outer epoll to the inner: ELOOP");
	errno = 0;
	check(add(ep, EPOLL_CTL_ADD, ep, EPOLLIN, 0) == -1 && errno == EINVAL,
	      "adding an epoll to itself: EINVAL");
	snprintf(path, sizeof(path), "/proc/self/fd/%d", ep);
	n = (int)readlink(path, link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = 0;
	check(!strcmp(link, "anon_inode:[eventpoll]"), "/proc/self/fd names it %s", link);

	/* epoll_pwait's mask: SIGUSR1 blocked, pending, let in for the wait. */
	signal(SIGUSR1, on_usr1);
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	kill(getpid(), SIGUSR1);
	sigemptyset(&empty);
	errno = 0;
	n = epoll_pwait(ep2, evs, MAXEV, -1, &empty);
	sigprocmask(SIG_BLOCK, NULL, &cur);
	/* The eventfd is still ready in ep2: either the signal or it comes first. */
	check((n == -1 && errno == EINTR && got_usr1) || (n == 1 && !got_usr1),
	      "epoll_pwait with an empty mask: the pending SIGUSR1 interrupts (n=%d)", n);
	check(sigismember(&cur, SIGUSR1), "the mask is back after epoll_pwait");
	if (read(efd, &v, sizeof(v)) != sizeof(v))
		return 99;
	got_usr1 = 0;
	n = epoll_pwait(ep2, evs, MAXEV, -1, &empty);
	check(n == -1 && errno == EINTR && got_usr1,
	      "nothing ready: the signal interrupts with EINTR (n=%d)", n);

	/* Errors. */
	dir = open("/etc/passwd", O_RDONLY);
	errno = 0;
	check(dir >= 0 && add(ep, EPOLL_CTL_ADD, dir, EPOLLIN, 0) == -1 && errno == EPERM,
	      "a regular file: EPERM");
	errno = 0;
	check(add(efd, EPOLL_CTL_ADD, dir, EPOLLIN, 0) == -1 && errno == EPERM &&
	      add(efd, EPOLL_CTL_ADD, tfd, EPOLLIN, 0) == -1 && errno == EINVAL,
	      "not an epoll: EPERM first for a regular file, then EINVAL");
	errno = 0;
	check(add(ep, EPOLL_CTL_ADD, 999, EPOLLIN, 0) == -1 && errno == EBADF &&
	      add(999, EPOLL_CTL_ADD, tfd, EPOLLIN, 0) == -1 && errno == EBADF,
	      "a closed descriptor or epoll: EBADF");
	errno = 0;
	check(add(ep, 99, tfd, EPOLLIN, 0) == -1 && errno == EINVAL, "op 99: EINVAL");
	errno = 0;
	check(epoll_ctl(ep, EPOLL_CTL_ADD, tfd, NULL) == -1 && errno == EFAULT,
	      "ADD with a NULL event: EFAULT");
	errno = 0;
	check(add(ep, EPOLL_CTL_ADD, tfd, EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT, 0) == -1 &&
	      errno == EINVAL, "EPOLLEXCLUSIVE with EPOLLONESHOT: EINVAL");
	errno = 0;
	check(epoll_wait(ep, evs, 0, 0) == -1 && errno == EINVAL &&
	      epoll_wait(efd, evs, 1, 0) == -1 && errno == EINVAL &&
	      epoll_wait(999, evs, 1, 0) == -1 && errno == EBADF,
	      "epoll_wait: maxevents 0 or not an epoll: EINVAL; closed: EBADF");
	put8(efd, 1);
	errno = 0;
	check(syscall(SYS_epoll_wait, ep, NULL, 1, 0) == -1 && errno == EFAULT &&
	      syscall(SYS_epoll_wait, ep, KERNEL_ADDR, 1, 0) == -1 && errno == EFAULT,
	      "events at NULL (something ready) or a kernel address: EFAULT");
	return tap_done();
}
