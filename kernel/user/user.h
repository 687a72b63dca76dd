/*
 * user.h: the user-space subsystem's interface, grouped by the file that
 * defines each function:
 *
 *   uaccess.c  copy_*, uaccess_  reach user memory; a bad pointer is -EFAULT
 *   proc.c     user_             the one user process and running it
 *   sys_*.c    sys_              the system calls (table in arch syscall.c)
 *
 * Until the scheduler lands there is one user process at a time and it
 * runs synchronously: user_run() enters ring 3 from the calling kernel
 * context and returns there when the program exits or faults (see
 * proc.c for how this will attach to struct task).
 */
#ifndef USER_USER_H
#define USER_USER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <basalt/compiler.h>
#include <basalt/vmlayout.h>

/* Marks pointers that come from user space; never dereference them. */
#define __user

/*
 * The user half of the address space: canonical addresses with bit 47
 * clear (Intel SDM Vol. 3A 4.5; the top page is left out as on Linux, so
 * no user object ends at the non-canonical boundary).
 */
#define USER_SPACE_END		0x0000800000000000ULL
#define USER_ADDR_MAX		(USER_SPACE_END - PAGE_SIZE)

/* ---- uaccess.c ---------------------------------------------------------- */

/* Turns on SMEP and SMAP when the CPU has them (CPUID 7.0 EBX). */
void uaccess_init(void);
bool uaccess_smap_enabled(void);
bool uaccess_smep_enabled(void);
/* Whether [addr, addr + len) lies inside the user half without wrapping. */
bool uaccess_range_ok(uint64_t addr, size_t len);

/* 0, or -EFAULT if any byte of either range could not be accessed. */
int copy_from_user(void *dst, const void __user *src, size_t len);
int copy_to_user(void __user *dst, const void *src, size_t len);
/*
 * Copies a NUL-terminated string of at most count bytes including the
 * NUL. Returns its length, count if no NUL came within count bytes (dst
 * then holds count bytes, unterminated, as Linux's), or -EFAULT.
 */
long strncpy_from_user(char *dst, const char __user *src, size_t count);

/* ---- proc.c ------------------------------------------------------------- */

struct vm_space;
struct trap_frame;

/*
 * What a console write by the program is also copied into, for tests;
 * bytes beyond size are counted in len but not stored.
 */
struct user_capture {
	char *buf;
	size_t size;
	size_t len;
};

/*
 * The state of one user process. It will become part of struct task
 * (kernel/proc/) when the scheduler lands: vm and the ids go to the
 * process, fs_base/gs_base/kstack to the thread, and kctx_rsp goes away
 * (exit then schedules instead of returning to user_run's caller).
 */
struct user_proc {
	struct vm_space *vm;
	int pid;
	uint64_t clear_child_tid;	/* set_tid_address(2) */
	uint64_t fs_base;		/* arch_prctl(ARCH_SET_FS) */
	uint64_t gs_base;		/* arch_prctl(ARCH_SET_GS) */
	void *kstack;			/* its kernel stack while running */
	uint64_t kctx_rsp;		/* user_run's context, for user_leave */
	int status;			/* wait(2) status once it ended */
	struct user_capture *capture;	/* NULL, or where writes also go */
};

/* Sets up SYSCALL, SSE for user code, SMEP/SMAP; after paging_init. */
void user_init(void);
/* A process owning vm (NULL on failure); it gets the next pid. */
struct user_proc *user_proc_create(struct vm_space *vm);
/* Frees the process and its address space. */
void user_proc_destroy(struct user_proc *p);
/*
 * Runs p in ring 3 from entry with stack pointer sp until it exits or
 * is killed by a fault; returns its wait(2) status (<uapi/signal.h>).
 */
int user_run(struct user_proc *p, uint64_t entry, uint64_t sp);
/* The process in ring 3 (or in a system call), or NULL. */
struct user_proc *user_current(void);
/* Ends the current process with a wait status; does not return. */
__noreturn void user_exit(int status);
/*
 * From trap.c, for an exception raised in ring 3: kills the current
 * process with the matching signal and returns to user_run's caller.
 * Returns false (the exception stays fatal) if no process runs or the
 * vector is not one a program can cause.
 */
bool user_trap(struct trap_frame *f, uint64_t cr2);

/* ---- sys_*.c: system calls (Linux semantics; see syscall(2)) ------------ */

/* write/writev to the console for a program with no file table (sys_io.c). */
long sys_console_write(struct trap_frame *f);
long sys_console_writev(struct trap_frame *f);
long sys_mmap(struct trap_frame *f);
long sys_mprotect(struct trap_frame *f);
long sys_munmap(struct trap_frame *f);
long sys_brk(struct trap_frame *f);
long sys_getpid(struct trap_frame *f);
long sys_gettid(struct trap_frame *f);
long sys_exit(struct trap_frame *f);
long sys_exit_group(struct trap_frame *f);
long sys_uname(struct trap_frame *f);
long sys_arch_prctl(struct trap_frame *f);
long sys_set_tid_address(struct trap_frame *f);

#endif /* USER_USER_H */
