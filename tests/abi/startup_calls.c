/*
 * startup_calls.c: calls that programs and libraries make as they start
 * or set themselves up: personality(2) (ADDR_NO_RANDOMIZE, inherited by
 * fork and exec), getpriority(2)/setpriority(2) (nice values, their
 * permission rules, inheritance), the sched_* parameter calls of a
 * SCHED_OTHER thread, capget(2)/capset(2) (root's sets, nobody's, the
 * version probe) and close_range(2). Raw system calls, so both libcs make
 * the same ones. Prints TAP; runs on the host, in Basalt and under Linux.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/wait.h>
#include <unistd.h>

#include "abi_tap.h"

#define PERSONALITY_QUERY	0xffffffffUL
#define ADDR_NO_RANDOMIZE	0x0040000
#define PRIO_PROCESS		0
#define PRIO_RAW_BASE		20	/* the raw getpriority returns 20 - nice */
#define SCHED_OTHER_POLICY	0
#define SCHED_FIFO_POLICY	1
#define SCHED_BAD_POLICY	77
#define CAP_V3			0x20080522
#define CAP_HIGH_FULL		0x1ff	/* capabilities 32..40 */
#define CAP_DAC_OVERRIDE_BIT	(1u << 1)
#define CAP_SETUID_BIT		(1u << 7)
#define CLOSE_RANGE_UNSHARE	(1U << 1)
#define CLOSE_RANGE_CLOEXEC	(1U << 2)
#define NO_SUCH_TID		0x3ffffff0

struct cap_header {
	uint32_t version;
	int pid;
};

struct cap_data {
	uint32_t effective, permitted, inheritable;
};

/* The child mode: prints AT_RANDOM's address and the personality. */
static int child_report(void)
{
	printf("%lx %lx\n", getauxval(AT_RANDOM), (unsigned long)raw(SYS_personality,
	       PERSONALITY_QUERY, 0, 0));
	return 0;
}

/* Runs argv0 in child mode; its line in out. */
static int run_child(const char *argv0, char *out, size_t len)
{
	int fds[2], status;
	ssize_t n;
	pid_t pid;

	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid == 0) {
		char *const av[] = { (char *)argv0, "report", NULL };

		dup2(fds[1], 1);
		close(fds[0]);
		execv(argv0, av);
		_exit(127);
	}
	close(fds[1]);
	n = read(fds[0], out, len - 1);
	out[n > 0 ? n : 0] = '\0';
	out[strcspn(out, "\n")] = '\0';
	close(fds[0]);
	waitpid(pid, &status, 0);
	return status;
}

/* As nobody (check_as_nobody): 0 when the expected error came. */
static int nobody_lowers_nice(void)
{
	long raw_prio = raw(SYS_getpriority, PRIO_PROCESS, 0, 0);
	int nice = PRIO_RAW_BASE - (int)raw_prio;

	return raw(SYS_setpriority, PRIO_PROCESS, 0, nice - 1) == -EACCES ? 0 : 1;
}

static int nobody_renices_root(void)
{
	return raw(SYS_setpriority, PRIO_PROCESS, getppid(), 0) == -EPERM ? 0 : 1;
}

static int nobody_has_no_caps(void)
{
	struct cap_header h = { CAP_V3, 0 };
	struct cap_data d[2];

	return raw(SYS_capget, &h, d, 0) == 0 && !d[0].effective && !d[0].permitted &&
	       !d[1].effective && !d[1].permitted ? 0 : 1;
}

static void test_personality(const char *argv0)
{
	char a[128], b[128], want[32];

	check(raw(SYS_personality, PERSONALITY_QUERY, 0, 0) == 0, "personality: PER_LINUX");
	check(raw(SYS_personality, ADDR_NO_RANDOMIZE, 0, 0) == 0 &&
	      raw(SYS_personality, PERSONALITY_QUERY, 0, 0) == ADDR_NO_RANDOMIZE,
	      "personality(ADDR_NO_RANDOMIZE) returns the old value and sets it");
	snprintf(want, sizeof(want), " %x", ADDR_NO_RANDOMIZE);
	check(run_child(argv0, a, sizeof(a)) == 0 && run_child(argv0, b, sizeof(b)) == 0 &&
	      strstr(a, want) != NULL, "fork and exec keep it (%s)", a);
	check(!strcmp(a, b), "two execs without randomization lay the stack out alike");
	raw(SYS_personality, 0, 0, 0);
}

static void test_priority(void)
{
	long p0 = raw(SYS_getpriority, PRIO_PROCESS, 0, 0);
	int nice0 = PRIO_RAW_BASE - (int)p0, status;
	pid_t pid;

	check(p0 >= 1 && p0 <= 40, "getpriority: 20 - nice (%ld)", p0);
	check(raw(SYS_setpriority, PRIO_PROCESS, 0, nice0 + 1) == 0 &&
	      raw(SYS_getpriority, PRIO_PROCESS, 0, 0) == p0 - 1,
	      "setpriority(nice + 1), read back");
	pid = fork();
	if (pid == 0)
		_exit((int)raw(SYS_getpriority, PRIO_PROCESS, 0, 0));
	waitpid(pid, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == p0 - 1, "a child inherits the nice value");
	check(raw(SYS_setpriority, PRIO_PROCESS, 0, nice0) == 0, "root lowers it again");
	check(raw(SYS_getpriority, 7, 0, 0) == -EINVAL, "an unknown which: EINVAL");
	check(raw(SYS_getpriority, PRIO_PROCESS, NO_SUCH_TID, 0) == -ESRCH, "no such thread: ESRCH");
	check_as_nobody(nobody_lowers_nice, "nobody lowering its nice value: EACCES");
	check_as_nobody(nobody_renices_root, "nobody renicing root's process: EPERM");
}

static void test_sched(void)
{
	int param = -1;

	check(raw(SYS_sched_getscheduler, 0, 0, 0) == SCHED_OTHER_POLICY, "sched_getscheduler: SCHED_OTHER");
	check(raw(SYS_sched_getparam, 0, &param, 0) == 0 && param == 0, "sched_getparam: priority 0");
	check(raw(SYS_sched_getparam, 0, NULL, 0) == -EINVAL, "sched_getparam(NULL): EINVAL");
	param = 1;
	check(raw(SYS_sched_setparam, 0, &param, 0) == -EINVAL,
	      "sched_setparam of a SCHED_OTHER thread to priority 1: EINVAL");
	check(raw(SYS_sched_get_priority_max, SCHED_FIFO_POLICY, 0, 0) == 99 &&
	      raw(SYS_sched_get_priority_min, SCHED_FIFO_POLICY, 0, 0) == 1 &&
	      raw(SYS_sched_get_priority_max, SCHED_OTHER_POLICY, 0, 0) == 0,
	      "priority ranges: FIFO 1..99, OTHER 0");
	check(raw(SYS_sched_get_priority_max, SCHED_BAD_POLICY, 0, 0) == -EINVAL,
	      "an unknown policy: EINVAL");
}

static void test_caps(void)
{
	struct cap_header h = { 0, 0 };
	struct cap_data d[2];

	check(raw(SYS_capget, &h, d, 0) == -EINVAL && h.version == CAP_V3,
	      "capget with version 0: EINVAL, and the kernel's version written back");
	h.version = CAP_V3;
	check(raw(SYS_capget, &h, d, 0) == 0 && d[0].effective == d[0].permitted &&
	      (d[0].effective & (CAP_DAC_OVERRIDE_BIT | CAP_SETUID_BIT)) ==
		      (CAP_DAC_OVERRIDE_BIT | CAP_SETUID_BIT) &&
	      d[1].effective == CAP_HIGH_FULL && d[0].inheritable == 0,
	      "root: effective = permitted, all 41 capabilities' words present");
	check(raw(SYS_capset, &h, d, 0) == 0, "capset restating root's sets");
	d[0].effective |= ~d[0].permitted | 1u;
	d[0].permitted &= ~1u;
	check(raw(SYS_capset, &h, d, 0) == -EPERM, "capset with effective beyond permitted: EPERM");
	h.pid = getppid();
	check(raw(SYS_capset, &h, d, 0) == -EPERM, "capset of another process: EPERM");
	check_as_nobody(nobody_has_no_caps, "nobody has no capabilities");
}

static void test_close_range(void)
{
	dup2(0, 10);
	dup2(0, 11);
	dup2(0, 12);
	check(raw(SYS_close_range, 10, 11, 0) == 0 && fcntl(10, F_GETFD) < 0 && fcntl(11, F_GETFD) < 0 &&
	      fcntl(12, F_GETFD) == 0, "close_range(10, 11) closes those two only");
	check(raw(SYS_close_range, 12, 12, CLOSE_RANGE_CLOEXEC) == 0 &&
	      fcntl(12, F_GETFD) == FD_CLOEXEC, "CLOSE_RANGE_CLOEXEC marks instead");
	check(raw(SYS_close_range, 12, 12, CLOSE_RANGE_UNSHARE) == 0 && fcntl(12, F_GETFD) < 0,
	      "CLOSE_RANGE_UNSHARE closes too");
	check(raw(SYS_close_range, 5, 4, 0) == -EINVAL && raw(SYS_close_range, 20, 30, 1) == -EINVAL,
	      "first > last, or an unknown flag: EINVAL");
	check(raw(SYS_close_range, 1000000, ~0U, 0) == 0, "a range past every descriptor: 0");
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "report"))
		return child_report();
	tap_plan(4 + 8 + 6 + 6 + 5);
	test_personality(argv[0]);
	test_priority();
	test_sched();
	test_caps();
	test_close_range();
	return tap_done();
}
