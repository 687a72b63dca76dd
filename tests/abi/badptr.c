/*
 * badptr.c: bad pointers and absurd lengths given to system calls get
 * EFAULT (or Linux's errno for the case) and the program survives:
 * NULL, unmapped, kernel-half (0xffff800000000000), a range running off
 * the top of user space, and misaligned but valid pointers (which must
 * work). Raw system calls throughout: glibc would crash first in some
 * wrappers (the vDSO clocks) or check things itself. Prints TAP; exits
 * with the failure count.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <linux/futex.h>
#include <sys/uio.h>
#include "abi_tap.h"

#define PLAN		30
#define NUL		0L
#define UNMAPPED	0x100000000000L
#define KERNEL		0xffff800000000000L
#define USER_TOP	0x00007ffffffff000L	/* last user page (not mapped) */
#define SIGSET_BYTES	8			/* the kernel's sigset_t */
#define IOV_TOO_MANY	1025			/* UIO_MAXIOV + 1 */

static long efault3(long nr, long a, long b, long c)
{
	return raw(nr, a, b, c);
}

int main(void)
{
	int p[2];
	char buf[64] __attribute__((aligned(16)));
	struct iovec iov[2];
	long r;

	tap_plan(PLAN);
	if (pipe(p))
		return 99;
	if (write(p[1], "data", 4) != 4)
		return 99;

	check(efault3(SYS_read, p[0], NUL, 4) == -EFAULT, "read into NULL: EFAULT");
	check(efault3(SYS_read, p[0], UNMAPPED, 4) == -EFAULT, "read into unmapped memory: EFAULT");
	check(efault3(SYS_read, p[0], KERNEL, 4) == -EFAULT, "read into the kernel half: EFAULT");
	check(efault3(SYS_read, p[0], (long)buf, -1L) == -EFAULT, "read of SIZE_MAX bytes: EFAULT");
	check(efault3(SYS_read, p[0], (long)buf + 1, 4) == 4 && !memcmp(buf + 1, "data", 4),
	      "read into a misaligned buffer works, and the data was still there");
	check(efault3(SYS_write, p[1], NUL, 4) == -EFAULT &&
	      efault3(SYS_write, p[1], UNMAPPED, 4) == -EFAULT &&
	      efault3(SYS_write, p[1], KERNEL, 4) == -EFAULT, "write from NULL, unmapped, kernel: EFAULT");
	check(efault3(SYS_write, p[1], (long)buf, -1L) == -EFAULT, "write of SIZE_MAX bytes: EFAULT");
	check(efault3(SYS_write, p[1], USER_TOP - 8, 0x2000) == -EFAULT,
	      "write from a range crossing the top of user space: EFAULT");

	iov[0] = (struct iovec){ buf, 1 };
	iov[1] = (struct iovec){ NULL, 4 };
	check(raw(SYS_writev, p[1], iov, 2) == -EFAULT || raw(SYS_writev, p[1], iov, 2) == 1,
	      "writev with a NULL second buffer: EFAULT or the first part");
	check(raw(SYS_writev, p[1], iov, IOV_TOO_MANY) == -EINVAL, "writev of 1025 iovecs: EINVAL");
	check(raw(SYS_writev, p[1], KERNEL, 1) == -EFAULT, "writev with a kernel iovec array: EFAULT");

	check(raw(SYS_open, NUL, O_RDONLY, 0) == -EFAULT && raw(SYS_open, UNMAPPED, O_RDONLY, 0) == -EFAULT &&
	      raw(SYS_open, KERNEL, O_RDONLY, 0) == -EFAULT, "open of a bad path pointer: EFAULT");
	check(raw(SYS_stat, NUL, buf, 0) == -EFAULT && raw(SYS_stat, "/", NUL, 0) == -EFAULT &&
	      raw(SYS_stat, "/", KERNEL, 0) == -EFAULT, "stat with a bad path or buffer: EFAULT");
	check(raw(SYS_chdir, NUL, 0, 0) == -EFAULT, "chdir(NULL): EFAULT");
	check(raw(SYS_getcwd, NUL, sizeof(buf), 0) == -EFAULT, "getcwd into NULL: EFAULT");

	check(raw(SYS_clock_gettime, CLOCK_MONOTONIC, NUL, 0) == -EFAULT &&
	      raw(SYS_clock_gettime, CLOCK_MONOTONIC, KERNEL, 0) == -EFAULT,
	      "clock_gettime to NULL or the kernel: EFAULT");
	check(raw(SYS_clock_gettime, CLOCK_MONOTONIC, buf + 3, 0) == 0,
	      "clock_gettime to a misaligned buffer works");
	check(raw(SYS_gettimeofday, KERNEL, 0, 0) == -EFAULT && raw(SYS_nanosleep, NUL, 0, 0) == -EFAULT,
	      "gettimeofday and nanosleep with bad pointers: EFAULT");
	check(raw(SYS_uname, NUL, 0, 0) == -EFAULT && raw(SYS_uname, UNMAPPED, 0, 0) == -EFAULT &&
	      raw(SYS_uname, USER_TOP - 8, 0, 0) == -EFAULT,
	      "uname to NULL, unmapped, across the top of user space: EFAULT");
	check(raw(SYS_sysinfo, KERNEL, 0, 0) == -EFAULT, "sysinfo to the kernel: EFAULT");
	check(raw(SYS_getrandom, NUL, 16, 0) == -EFAULT && raw(SYS_getrandom, KERNEL, 16, 0) == -EFAULT,
	      "getrandom into NULL or the kernel: EFAULT");
	check(raw(SYS_getrandom, NUL, 0, 0) == 0, "getrandom of 0 bytes into NULL: 0");
	check(raw(SYS_pipe, NUL, 0, 0) == -EFAULT && raw(SYS_pipe2, KERNEL, 0, 0) == -EFAULT &&
	      raw(SYS_pipe2, UNMAPPED, 0, 0) == -EFAULT, "pipe/pipe2 into bad memory: EFAULT");
	check(raw(SYS_poll, NUL, 1, 0) == -EFAULT && raw(SYS_poll, KERNEL, 1, 0) == -EFAULT,
	      "poll of a bad array: EFAULT");
	check(raw6(SYS_rt_sigaction, SIGUSR1, UNMAPPED, 0, SIGSET_BYTES, 0, 0) == -EFAULT &&
	      raw6(SYS_rt_sigaction, SIGUSR1, 0, KERNEL, SIGSET_BYTES, 0, 0) == -EFAULT,
	      "rt_sigaction with a bad act or oldact: EFAULT");
	check(raw6(SYS_rt_sigprocmask, SIG_BLOCK, UNMAPPED, 0, SIGSET_BYTES, 0, 0) == -EFAULT,
	      "rt_sigprocmask with a bad set: EFAULT");
	check(raw(SYS_sched_getaffinity, 0, SIGSET_BYTES, NUL) == -EFAULT,
	      "sched_getaffinity into NULL: EFAULT");
	r = raw6(SYS_futex, NUL, FUTEX_WAIT_PRIVATE, 0, 0, 0, 0);
	check(r == -EFAULT && raw6(SYS_futex, KERNEL, FUTEX_WAKE_PRIVATE, 1, 0, 0, 0) == -EFAULT,
	      "futex wait on NULL, wake in the kernel half: EFAULT");
	check(raw6(SYS_futex, (long)buf + 1, FUTEX_WAIT_PRIVATE, 0, 0, 0, 0) == -EINVAL,
	      "futex on a misaligned word: EINVAL");
	check(raw6(SYS_futex, NUL, FUTEX_WAKE_PRIVATE, 1, 0, 0, 0) == 0,
	      "private FUTEX_WAKE on NULL touches no memory: 0 woken");
	return tap_done();
}
