/* linux_syscall.h: the syscall instruction; translations between Linux's values and newlib's. */
/*
 * Internal to the syscall layer (not installed). syscall(2), "Architecture
 * calling conventions", x86-64: number in %rax, arguments in %rdi, %rsi,
 * %rdx, %r10, %r8, %r9; the instruction clobbers %rcx (return address) and
 * %r11 (saved rflags); the result is in %rax, -errno on failure.
 */
#ifndef BASALT_LIBC_LINUX_SYSCALL_H
#define BASALT_LIBC_LINUX_SYSCALL_H

#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>

#include "linux_stat.h"

static inline long linux_syscall0(long number)
{
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(number)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long linux_syscall1(long number, long arg1)
{
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(number), "D"(arg1)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long linux_syscall2(long number, long arg1, long arg2)
{
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(number), "D"(arg1), "S"(arg2)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long linux_syscall3(long number, long arg1, long arg2, long arg3)
{
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(number), "D"(arg1), "S"(arg2), "d"(arg3)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long linux_syscall4(long number, long arg1, long arg2, long arg3,
				  long arg4)
{
	register long r10 __asm__("r10") = arg4;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(number), "D"(arg1), "S"(arg2), "d"(arg3), "r"(r10)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long linux_syscall5(long number, long arg1, long arg2, long arg3,
				  long arg4, long arg5)
{
	register long r10 __asm__("r10") = arg4;
	register long r8 __asm__("r8") = arg5;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(number), "D"(arg1), "S"(arg2), "d"(arg3), "r"(r10),
			   "r"(r8)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long linux_syscall6(long number, long arg1, long arg2, long arg3,
				  long arg4, long arg5, long arg6)
{
	register long r10 __asm__("r10") = arg4;
	register long r8 __asm__("r8") = arg5;
	register long r9 __asm__("r9") = arg6;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(number), "D"(arg1), "S"(arg2), "d"(arg3), "r"(r10),
			   "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

/*
 * The C result of a system call: a return in [-LINUX_MAX_ERRNO, -1] is an
 * error, stored in errno (as newlib numbers it) and turned into -1; any
 * other value is returned as is. (syscall_result.c)
 */
long linux_syscall_result(long ret);

/* newlib's errno value for a Linux error number. (errno_from_linux.c) */
int errno_from_linux(int linux_errno);

/* Linux's open(2) flags for newlib's O_* flags, and back. (open_flags.c) */
long open_flags_to_linux(int flags);
int open_flags_from_linux(long linux_flags);

/* Linux's directory descriptor for an *at(2) call (the same: AT_FDCWD is Linux's). (at_flags.c) */
long at_dirfd_to_linux(int dirfd);

/*
 * The AT_* flags for Linux (our header's are Linux's), in *linux_flags; -1
 * with errno EINVAL when a flag is not one of those the call accepts. (at_flags.c)
 */
int at_flags_to_linux(int flags, int accepted, long *linux_flags);

struct flock;
/* fcntl's F_GETLK, F_SETLK, F_SETLKW with newlib's struct flock. (fcntl_lock.c) */
int fcntl_lock(int fd, int cmd, struct flock *lock);

/* Linux's clock ID for a newlib clockid_t, or -1 when Linux has none. (clock_ids.c) */
long clock_id_to_linux(clockid_t clock_id);

/* Fill newlib's struct stat from the kernel's. (stat_from_linux.c) */
void stat_from_linux(struct stat *st, const struct linux_stat *kst);

#endif /* BASALT_LIBC_LINUX_SYSCALL_H */
