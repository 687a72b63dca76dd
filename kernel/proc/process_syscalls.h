/*
 * process_syscalls.h: the system calls of kernel/proc/ (Linux semantics,
 * see each man page), by file:
 *
 *   fork.c      fork, vfork, clone, clone3
 *   exit.c      exit, exit_group
 *   waitpid.c   wait4, waitid
 *   sys_ids.c   pids, process groups, sessions, credentials, limits, usage
 *   futex.c     futex (proc/futex.h)
 * and execve in kernel/exec/execve.c.
 */
#ifndef PROC_PROCESS_SYSCALLS_H
#define PROC_PROCESS_SYSCALLS_H

#include <arch/x86_64/syscall/syscall.h>

long sys_fork(struct trap_frame *f);
long sys_vfork(struct trap_frame *f);
long sys_clone(struct trap_frame *f);
long sys_clone3(struct trap_frame *f);
long sys_execve(struct trap_frame *f);
long sys_exit(struct trap_frame *f);
long sys_exit_group(struct trap_frame *f);
long sys_wait4(struct trap_frame *f);
long sys_waitid(struct trap_frame *f);

long sys_getpid(struct trap_frame *f);
long sys_getppid(struct trap_frame *f);
long sys_gettid(struct trap_frame *f);
long sys_set_tid_address(struct trap_frame *f);
long sys_setpgid(struct trap_frame *f);
long sys_getpgid(struct trap_frame *f);
long sys_getpgrp(struct trap_frame *f);
long sys_setsid(struct trap_frame *f);
long sys_getsid(struct trap_frame *f);
long sys_getuid(struct trap_frame *f);
long sys_geteuid(struct trap_frame *f);
long sys_getgid(struct trap_frame *f);
long sys_getegid(struct trap_frame *f);
long sys_setuid(struct trap_frame *f);
long sys_setgid(struct trap_frame *f);
long sys_setreuid(struct trap_frame *f);
long sys_setregid(struct trap_frame *f);
long sys_setresuid(struct trap_frame *f);
long sys_setresgid(struct trap_frame *f);
long sys_getresuid(struct trap_frame *f);
long sys_getresgid(struct trap_frame *f);
long sys_setfsuid(struct trap_frame *f);
long sys_setfsgid(struct trap_frame *f);
long sys_getgroups(struct trap_frame *f);
long sys_setgroups(struct trap_frame *f);
long sys_getrlimit(struct trap_frame *f);
long sys_setrlimit(struct trap_frame *f);
long sys_prlimit64(struct trap_frame *f);
long sys_getrusage(struct trap_frame *f);
long sys_times(struct trap_frame *f);

#endif /* PROC_PROCESS_SYSCALLS_H */
