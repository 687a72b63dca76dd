/*
 * errors.c: bad input gets an errno and the program lives: NULL,
 * unmapped, kernel-half and wrapping pointers, bad descriptors, unknown
 * system call numbers and arch_prctl codes. Run on the host and on
 * Basalt; prints TAP, exits with the failure count.
 */
#define _GNU_SOURCE
#include <asm/prctl.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <unistd.h>

#define KERNEL_ADDR	((void *)0xffffffff80000000ULL)
#define UNMAPPED_ADDR	((void *)0x100000000000ULL)
#define UNASSIGNED_NR	400	/* x86_64 leaves 335..423 unassigned */
#define PLAN		11

static int failures, test_no;

static void check(int ok, const char *what)
{
	printf("%sok %d - %s\n", ok ? "" : "not ", ++test_no, what);
	if (!ok)
		failures++;
}

/* -errno or the result, straight from the kernel. */
static long raw(long nr, long a, long b, long c)
{
	long r = syscall(nr, a, b, c);

	return r == -1 ? -errno : r;
}

int main(void)
{
	struct iovec iov[2] = {
		{ .iov_base = "", .iov_len = 0 },
		{ .iov_base = NULL, .iov_len = 4 },
	};
	unsigned long fs = 0;

	printf("1..%d\n", PLAN);
	fflush(stdout);
	check(raw(SYS_write, 1, 0, 4) == -EFAULT, "write from NULL: EFAULT");
	check(raw(SYS_write, 1, (long)UNMAPPED_ADDR, 4) == -EFAULT,
	      "write from an unmapped address: EFAULT");
	check(raw(SYS_write, 1, (long)KERNEL_ADDR, 4) == -EFAULT,
	      "write from a kernel address: EFAULT");
	check(raw(SYS_write, 1, (long)&fs, -1L) == -EFAULT,
	      "write of a range that wraps: EFAULT");
	check(raw(SYS_write, 42, (long)"x", 1) == -EBADF, "write to a closed descriptor: EBADF");
	check(raw(SYS_writev, 1, (long)iov, 2) == -EFAULT, "writev with a NULL buffer: EFAULT");
	check(raw(SYS_uname, 0, 0, 0) == -EFAULT &&
	      raw(SYS_uname, (long)KERNEL_ADDR, 0, 0) == -EFAULT, "uname to NULL or the kernel: EFAULT");
	check(raw(UNASSIGNED_NR, 0, 0, 0) == -ENOSYS && raw(-1, 0, 0, 0) == -ENOSYS,
	      "unassigned system call numbers: ENOSYS");
	check(raw(SYS_arch_prctl, ARCH_SET_FS, (long)KERNEL_ADDR, 0) == -EPERM &&
	      raw(SYS_arch_prctl, 0x9999, 0, 0) == -EINVAL,
	      "arch_prctl: kernel FS base EPERM, unknown code EINVAL");
	check(raw(SYS_arch_prctl, ARCH_GET_FS, (long)&fs, 0) == 0 && fs != 0 &&
	      raw(SYS_arch_prctl, ARCH_GET_FS, (long)KERNEL_ADDR, 0) == -EFAULT,
	      "arch_prctl(ARCH_GET_FS) reads back the TLS base; bad pointer EFAULT");
	/* glibc's errno lives at %fs: it still works if the base survived. */
	errno = 0;
	check(write(42, "x", 1) == -1 && errno == EBADF, "errno (TLS through FS) still works");
	printf("# %d failed\n", failures);
	return failures;
}
