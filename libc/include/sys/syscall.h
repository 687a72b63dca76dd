/* sys/syscall.h: the Linux x86_64 system call numbers (SYS_name), the ABI Basalt speaks. */
/*
 * Numbers from the x86_64 column of syscall(2)'s table and Linux's
 * arch/x86/entry/syscalls/syscall_64.tbl (the "common" and "64" ABI rows).
 * Only the calls our libc uses or will use soon are listed; add more from
 * the same table as they are needed. The number goes in %rax, the arguments
 * in %rdi, %rsi, %rdx, %r10, %r8, %r9 (syscall(2), "Architecture calling
 * conventions"); the result comes back in %rax, -errno on failure.
 */
#ifndef _SYS_SYSCALL_H
#define _SYS_SYSCALL_H

#define SYS_read		0
#define SYS_write		1
#define SYS_open		2
#define SYS_close		3
#define SYS_stat		4
#define SYS_fstat		5
#define SYS_lstat		6
#define SYS_poll		7
#define SYS_lseek		8
#define SYS_mmap		9
#define SYS_mprotect		10
#define SYS_munmap		11
#define SYS_brk			12
#define SYS_rt_sigaction	13
#define SYS_rt_sigprocmask	14
#define SYS_rt_sigreturn	15
#define SYS_ioctl		16
#define SYS_pread64		17
#define SYS_pwrite64		18
#define SYS_readv		19
#define SYS_writev		20
#define SYS_access		21
#define SYS_pipe		22
#define SYS_select		23
#define SYS_sched_yield		24
#define SYS_dup			32
#define SYS_dup2		33
#define SYS_pause		34
#define SYS_nanosleep		35
#define SYS_getitimer		36
#define SYS_alarm		37
#define SYS_setitimer		38
#define SYS_getpid		39
#define SYS_clone		56
#define SYS_fork		57
#define SYS_vfork		58
#define SYS_execve		59
#define SYS_exit		60
#define SYS_wait4		61
#define SYS_kill		62
#define SYS_uname		63
#define SYS_fcntl		72
#define SYS_fsync		74
#define SYS_ftruncate		77
#define SYS_getcwd		79
#define SYS_chdir		80
#define SYS_fchdir		81
#define SYS_rename		82
#define SYS_mkdir		83
#define SYS_rmdir		84
#define SYS_link		86
#define SYS_unlink		87
#define SYS_symlink		88
#define SYS_readlink		89
#define SYS_chmod		90
#define SYS_fchmod		91
#define SYS_chown		92
#define SYS_umask		95
#define SYS_gettimeofday	96
#define SYS_getrlimit		97
#define SYS_getrusage		98
#define SYS_times		100
#define SYS_getuid		102
#define SYS_getgid		104
#define SYS_setuid		105
#define SYS_setgid		106
#define SYS_geteuid		107
#define SYS_getegid		108
#define SYS_setpgid		109
#define SYS_getppid		110
#define SYS_getpgrp		111
#define SYS_setsid		112
#define SYS_getdents64		217
#define SYS_clock_gettime	228
#define SYS_clock_getres	229
#define SYS_clock_nanosleep	230
#define SYS_exit_group		231
#define SYS_openat		257
#define SYS_mkdirat		258
#define SYS_newfstatat		262
#define SYS_unlinkat		263
#define SYS_renameat		264
#define SYS_dup3		292
#define SYS_pipe2		293
#define SYS_getrandom		318

#endif /* _SYS_SYSCALL_H */
