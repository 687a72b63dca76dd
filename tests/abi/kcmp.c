/*
 * kcmp.c: kcmp(2) and membarrier(2).
 *
 * kcmp: 0 for the same kernel object, 1 or 2 otherwise, the two orders
 * opposite (kcmp(a, b) == 1 exactly when kcmp(b, a) == 2): a descriptor
 * and its dup share a file, two opens do not; a process shares its
 * address space, table, fs context and signal actions with itself, a
 * forked child none of them but shares each open file; ESRCH, EBADF,
 * EINVAL. membarrier: QUERY's mask has the seven commands every x86_64
 * Linux has (GLOBAL through the SYNC_CORE pair), flags other than 0 and
 * unknown commands are EINVAL, the private commands EPERM until their
 * registration. Raw system calls, so both libcs make the same calls.
 * Prints TAP; runs on the host, in Basalt and under Linux.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "abi_tap.h"

#ifndef SYS_kcmp
#define SYS_kcmp		312
#endif
#ifndef SYS_membarrier
#define SYS_membarrier		324
#endif
#define KCMP_FILE		0
#define KCMP_VM			1
#define KCMP_FILES		2
#define KCMP_FS			3
#define KCMP_SIGHAND		4
#define KCMP_BAD_TYPE		99
#define NO_SUCH_PID		0x3ffffff0
#define MB_QUERY		0
#define MB_GLOBAL		(1 << 0)
#define MB_GLOBAL_EXPEDITED	(1 << 1)
#define MB_REGISTER_GLOBAL_EXP	(1 << 2)
#define MB_PRIVATE_EXPEDITED	(1 << 3)
#define MB_REGISTER_PRIVATE_EXP	(1 << 4)
#define MB_PRIVATE_SYNC_CORE	(1 << 5)
#define MB_REGISTER_SYNC_CORE	(1 << 6)
#define MB_X86_COMMANDS		0x7f
#define MB_UNKNOWN		(1 << 20)

static long kc(int p1, int p2, int type, long i1, long i2)
{
	return raw6(SYS_kcmp, p1, p2, type, i1, i2, 0);
}

/* Different, and the two orders opposite. */
static int differ(int p1, int p2, int type, long i1, long i2)
{
	long a = kc(p1, p2, type, i1, i2), b = kc(p2, p1, type, i2, i1);

	return (a == 1 && b == 2) || (a == 2 && b == 1);
}

static void check_kcmp(void)
{
	int me = (int)getpid(), fd = open("/", O_RDONLY), fd2 = dup(fd), fd3 = open("/", O_RDONLY);
	int go[2], done[2];
	pid_t child;
	char c;

	check(kc(me, me, KCMP_FILE, fd, fd2) == 0, "KCMP_FILE: a dup is the same file");
	check(differ(me, me, KCMP_FILE, fd, fd3), "KCMP_FILE: two opens differ, orders opposite");
	check(kc(me, me, KCMP_VM, 0, 0) == 0 && kc(me, me, KCMP_FILES, 0, 0) == 0 &&
	      kc(me, me, KCMP_FS, 0, 0) == 0 && kc(me, me, KCMP_SIGHAND, 0, 0) == 0,
	      "a process shares everything with itself");
	check(kc(me, me, KCMP_FILE, fd, 999) == -EBADF, "KCMP_FILE: a closed descriptor is EBADF");
	check(kc(me, NO_SUCH_PID, KCMP_VM, 0, 0) == -ESRCH, "no such pid: ESRCH");
	check(kc(me, me, KCMP_BAD_TYPE, 0, 0) == -EINVAL, "an unknown type: EINVAL");
	if (pipe(go) || pipe(done))
		return;
	child = fork();
	if (child == 0) {
		close(go[1]);
		if (read(go[0], &c, 1) < 0)
			_exit(1);
		_exit(0);
	}
	check(child > 0 && differ(me, child, KCMP_VM, 0, 0) && differ(me, child, KCMP_FILES, 0, 0) &&
	      differ(me, child, KCMP_FS, 0, 0) && differ(me, child, KCMP_SIGHAND, 0, 0),
	      "a forked child has its own space, table, fs context and actions");
	check(child > 0 && kc(me, child, KCMP_FILE, fd, fd) == 0,
	      "a forked child shares the open files");
	if (write(go[1], "x", 1) != 1)
		diag("write: %s", strerror(errno));
	waitpid(child, NULL, 0);
	close(fd);
	close(fd2);
	close(fd3);
}

static void check_membarrier(void)
{
	long mask = raw(SYS_membarrier, MB_QUERY, 0, 0);

	check(mask >= 0 && (mask & MB_X86_COMMANDS) == MB_X86_COMMANDS,
	      "membarrier QUERY has the x86_64 commands (%#lx)", mask);
	check(raw(SYS_membarrier, MB_QUERY, 1, 0) == -EINVAL, "flags other than 0: EINVAL");
	check(raw(SYS_membarrier, MB_UNKNOWN, 0, 0) == -EINVAL, "an unknown command: EINVAL");
	check(raw(SYS_membarrier, MB_PRIVATE_EXPEDITED, 0, 0) == -EPERM,
	      "PRIVATE_EXPEDITED before registering: EPERM");
	check(raw(SYS_membarrier, MB_REGISTER_PRIVATE_EXP, 0, 0) == 0 &&
	      raw(SYS_membarrier, MB_PRIVATE_EXPEDITED, 0, 0) == 0,
	      "PRIVATE_EXPEDITED after registering");
	check(raw(SYS_membarrier, MB_PRIVATE_SYNC_CORE, 0, 0) == -EPERM,
	      "PRIVATE_EXPEDITED_SYNC_CORE needs its own registration");
	check(raw(SYS_membarrier, MB_REGISTER_SYNC_CORE, 0, 0) == 0 &&
	      raw(SYS_membarrier, MB_PRIVATE_SYNC_CORE, 0, 0) == 0,
	      "PRIVATE_EXPEDITED_SYNC_CORE after registering");
	check(raw(SYS_membarrier, MB_GLOBAL, 0, 0) == 0 &&
	      raw(SYS_membarrier, MB_REGISTER_GLOBAL_EXP, 0, 0) == 0 &&
	      raw(SYS_membarrier, MB_GLOBAL_EXPEDITED, 0, 0) == 0,
	      "GLOBAL, REGISTER_GLOBAL_EXPEDITED, GLOBAL_EXPEDITED");
}

int main(void)
{
	tap_plan(16);
	check_kcmp();
	check_membarrier();
	return tap_done();
}
