/*
 * limits.c: getrlimit(2), setrlimit(2), prlimit64 round trips and
 * errors, RLIMIT_NOFILE enforced (EMFILE from open, dup, pipe; EINVAL
 * from F_DUPFD), and RLIMIT_NPROC bounding a fork bomb with EAGAIN.
 * The NPROC check does not apply to root, and CI runs as root: the
 * test forks a child that drops to uid/gid 65534 (nobody) first, which
 * works as root; as a non-root user it runs as that user. Prints TAP;
 * exits with the failure count.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include "abi_tap.h"

#define PLAN		16
#define NOFILE_SMALL	16
#define NPROC_LIMIT	8
#define BOMB_MAX	64	/* forks tried before calling it unbounded */
#define BAD_RESOURCE	99
#define BAD_ADDR	0x100000000000L
/* Exit codes of the NPROC child. */
#define NPROC_OK	0
#define NPROC_NO_EAGAIN	1
#define NPROC_SETUP	2
#define NPROC_NOUSER	TAP_NOUSER

/* As nobody: raising the hard limit on descriptors is refused. */
static int unprivileged_raise_refused(void)
{
	struct rlimit r;

	getrlimit(RLIMIT_NOFILE, &r);
	if (r.rlim_max == RLIM_INFINITY)
		return 1;
	r.rlim_max++;
	return !(setrlimit(RLIMIT_NOFILE, &r) == -1 && errno == EPERM);
}

/* In a child: become nobody, cap processes, fork until refused. */
static int nproc_child(void)
{
	struct rlimit rl = { NPROC_LIMIT, NPROC_LIMIT };
	pid_t kids[BOMB_MAX];
	int n = 0, result = NPROC_NO_EAGAIN;

	if (getuid() == 0 && (setgid(TAP_NOBODY) || setuid(TAP_NOBODY)))
		return NPROC_NOUSER;
	if (setrlimit(RLIMIT_NPROC, &rl))
		return NPROC_SETUP;
	while (n < BOMB_MAX) {
		pid_t pid = fork();

		if (pid == 0) {
			pause();
			_exit(0);
		}
		if (pid < 0) {
			result = errno == EAGAIN ? NPROC_OK : NPROC_NO_EAGAIN;
			break;
		}
		kids[n++] = pid;
	}
	for (int i = 0; i < n; i++)
		kill(kids[i], SIGKILL);
	while (wait(NULL) > 0)
		;
	return result;
}

#define AS_LIMIT	(256UL << 20)	/* RLIMIT_AS for the memory checks */
#define AS_ASK		(512UL << 20)	/* more than that */
#define STACK_LIMIT	(1UL << 20)	/* RLIMIT_STACK for the overflow */
#define STACK_FRAME	(64 * 1024)	/* bytes each recursion level touches */

/*
 * Recurses, touching every frame, until the stack limit stops it (the
 * bound only keeps the compiler from calling it infinite).
 */
static int stack_eater(int depth, int max)
{
	volatile char frame[STACK_FRAME];

	memset((char *)frame, depth, sizeof(frame));
	if (depth == max)
		return frame[0];
	return stack_eater(depth + 1, max) + frame[depth % STACK_FRAME];
}

/*
 * Past its limits a process gets ENOMEM (address space) or SIGSEGV
 * (stack), and everything else lives on: both run in children.
 */
static void memory_limit_checks(void)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		struct rlimit r = { AS_LIMIT, AS_LIMIT };
		void *p;

		if (setrlimit(RLIMIT_AS, &r))
			_exit(2);
		errno = 0;
		p = mmap(NULL, AS_ASK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p != MAP_FAILED || errno != ENOMEM)
			_exit(3);
		_exit(malloc(AS_ASK) == NULL ? 0 : 4);
	}
	waitpid(pid, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "mmap and malloc beyond RLIMIT_AS: ENOMEM (status %#x)", status);

	pid = fork();
	if (pid == 0) {
		struct rlimit r = { STACK_LIMIT, STACK_LIMIT };

		if (setrlimit(RLIMIT_STACK, &r))
			_exit(2);
		/* 64 levels of 64 KiB: four times the limit. */
		_exit(stack_eater(0, (int)(4 * STACK_LIMIT / STACK_FRAME)) ? 5 : 6);
	}
	waitpid(pid, &status, 0);
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	      "recursing past RLIMIT_STACK: SIGSEGV (status %#x)", status);
}

int main(void)
{
	struct rlimit orig, rl, old;
	int fds[NOFILE_SMALL + 1], n = 0, p[2], status;
	pid_t pid;

	tap_plan(PLAN);
	n = getrlimit(RLIMIT_NOFILE, &orig);
	check(n == 0 && orig.rlim_cur > 0 &&
	      orig.rlim_cur <= orig.rlim_max, "getrlimit(RLIMIT_NOFILE): %llu / %llu",
	      (unsigned long long)orig.rlim_cur, (unsigned long long)orig.rlim_max);
	n = 0;
	rl = (struct rlimit){ NOFILE_SMALL, orig.rlim_max };
	check(setrlimit(RLIMIT_NOFILE, &rl) == 0 && getrlimit(RLIMIT_NOFILE, &old) == 0 &&
	      old.rlim_cur == NOFILE_SMALL && old.rlim_max == orig.rlim_max,
	      "setrlimit then getrlimit round trip");
	check(prlimit(0, RLIMIT_NOFILE, NULL, &old) == 0 && old.rlim_cur == NOFILE_SMALL,
	      "prlimit64 reads the same limit");
	rl.rlim_cur = NOFILE_SMALL + 1;
	check(prlimit(0, RLIMIT_NOFILE, &rl, &old) == 0 && old.rlim_cur == NOFILE_SMALL &&
	      getrlimit(RLIMIT_NOFILE, &old) == 0 && old.rlim_cur == NOFILE_SMALL + 1,
	      "prlimit64 sets the new limit and returns the old one at once");
	rl.rlim_cur = NOFILE_SMALL;
	setrlimit(RLIMIT_NOFILE, &rl);

	rl = (struct rlimit){ 10, 5 };
	errno = 0;
	check(setrlimit(RLIMIT_CORE, &rl) == -1 && errno == EINVAL, "soft above hard: EINVAL");
	errno = 0;
	check(raw(SYS_getrlimit, BAD_RESOURCE, &rl, 0) == -EINVAL &&
	      raw(SYS_setrlimit, BAD_RESOURCE, &rl, 0) == -EINVAL, "an unknown resource: EINVAL");
	check(raw(SYS_getrlimit, RLIMIT_NOFILE, BAD_ADDR, 0) == -EFAULT &&
	      raw(SYS_setrlimit, RLIMIT_NOFILE, BAD_ADDR, 0) == -EFAULT, "bad pointers: EFAULT");

	/* Fill the table up to the soft limit. */
	for (;;) {
		int fd = open("/dev/null", O_RDONLY);

		if (fd < 0)
			break;
		fds[n++] = fd;
		if (n > NOFILE_SMALL)
			break;
	}
	check(errno == EMFILE && n <= NOFILE_SMALL && fds[n - 1] == NOFILE_SMALL - 1,
	      "open stops with EMFILE at the limit (last fd %d)", n ? fds[n - 1] : -1);
	errno = 0;
	check(dup(0) == -1 && errno == EMFILE, "dup at the limit: EMFILE");
	errno = 0;
	check(pipe(p) == -1 && errno == EMFILE, "pipe at the limit: EMFILE");
	errno = 0;
	check(fcntl(0, F_DUPFD, NOFILE_SMALL) == -1 && errno == EINVAL,
	      "F_DUPFD at the limit: EINVAL");
	while (n > 0)
		close(fds[--n]);
	check(setrlimit(RLIMIT_NOFILE, &orig) == 0 && getrlimit(RLIMIT_NOFILE, &rl) == 0 &&
	      rl.rlim_cur == orig.rlim_cur, "the original limit restored");

	/* As nobody, raising a hard limit is refused. */
	check_as_nobody(unprivileged_raise_refused,
			"an unprivileged process raising its hard limit: EPERM");

	pid = fork();
	if (pid == 0)
		_exit(nproc_child());
	waitpid(pid, &status, 0);
	if (WIFEXITED(status) && WEXITSTATUS(status) == NPROC_NOUSER)
		skip("RLIMIT_NPROC: cannot become uid %d here, and root is exempt", TAP_NOBODY);
	else
		check(WIFEXITED(status) && WEXITSTATUS(status) == NPROC_OK,
		      "a fork bomb under RLIMIT_NPROC %d gets EAGAIN (status %#x)", NPROC_LIMIT,
		      status);
	memory_limit_checks();
	return tap_done();
}
