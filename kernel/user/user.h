/*
 * user.h: the user-space subsystem's interface, grouped by the file that
 * defines each function:
 *
 *   mm/uaccess.c copy_*, uaccess_ reach user memory; a bad pointer is -EFAULT
 *   proc.c     user_             user thread state, the way back to ring 3,
 *                                user faults, user_run (a program started
 *                                by the kernel: the ktests)
 *
 * arch_prctl(2) is in arch/x86_64/proc/sys_arch_prctl.c, prctl(2) in
 * proc/prctl.c.
 */
#ifndef USER_USER_H
#define USER_USER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <basalt/compiler.h>
#include <basalt/vmlayout.h>

/*
 * The end of user space: the canonical addresses with bit 47 clear
 * (Intel SDM Vol. 3A 4.5) but the top page, as Linux's TASK_SIZE_MAX.
 * Nothing is mapped or reached there, so no instruction ends at the
 * non-canonical boundary: a SYSCALL in the last bytes of that page would
 * make SYSRET return to a non-canonical RIP, which faults in ring 0 on
 * Intel CPUs (SDM Vol. 2B SYSRET; CVE-2012-0217).
 */
#define USER_SPACE_END		0x00007ffffffff000ULL

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
 * Copy until the first byte that faults: return how many bytes were
 * copied (len when none faulted; 0 for a range outside the user half).
 * For read(2) and write(2), which report a short count, not EFAULT, when
 * part of the buffer was accessible (Linux's copy_to_user returns the
 * bytes not copied for the same use).
 */
size_t copy_from_user_upto(void *dst, const void __user *src, size_t len);
size_t copy_to_user_upto(void __user *dst, const void *src, size_t len);
/*
 * Copies a NUL-terminated string of at most count bytes including the
 * NUL. Returns its length, count if no NUL came within count bytes (dst
 * then holds count bytes, unterminated, as Linux's), or -EFAULT.
 */
long strncpy_from_user(char *dst, const char __user *src, size_t count);
/* The length of a user string, count if no NUL within count bytes, or -EFAULT. */
long strnlen_user(const char __user *src, size_t count);

/* ---- proc.c ------------------------------------------------------------- */

struct vm_space;
struct trap_frame;
struct task;
struct process;

/* FXSAVE's area (Intel SDM Vol. 1 10.5.1): the whole user FPU/SSE state. */
#define USER_FPU_SIZE		512
#define USER_FPU_ALIGN		16

/* Sets up SYSCALL, SSE for user code, SMEP/SMAP, processes; after paging_init. */
void user_init(void);
/*
 * Runs p (from process_create_kernel) in ring 3 from entry with stack
 * pointer sp until it ends; returns its wait(2) status (<uapi/signal.h>).
 * Its descriptors 0, 1 and 2 are a capture file (fs/capture.h): what it
 * and its children write goes to the console and into capture (if not
 * NULL). For the kernel's own callers (tests); the caller then releases p.
 */
struct user_capture;
int user_run(struct process *p, uint64_t entry, uint64_t sp, struct user_capture *capture);
/*
 * From trap.c, for an exception raised in ring 3: resolves a page fault
 * (vm_fault) or raises the matching signal, delivered on the way back
 * to ring 3. Returns false (the exception stays fatal) if no process
 * runs or the vector is not one a program can cause.
 */
bool user_trap(struct trap_frame *f, uint64_t cr2);
/* A USER_FPU_SIZE area holding a copy of from, or the initial state if NULL. */
void *user_fpu_alloc(const void *from);
/* Stores the live FPU registers in t->fpu_state (t is the running thread). */
void user_fpu_save_current(struct task *t);
/* The scheduler's hook: FPU, FS/GS bases and CR3 follow the thread. */
void user_switch_state(struct task *prev, struct task *next);
/*
 * On every return to ring 3 (entry.S, isr.S), interrupts off on entry
 * and exit: ends the thread if its process is exiting or execing, and
 * delivers pending signals (which may rewrite f).
 */
void user_return_work(struct trap_frame *f);
/*
 * execve's point of no return: the new image replaces the process's,
 * and cred (execve.c's, after set-id bits) the credentials; secure is
 * its AT_SECURE, which also clears the parent-death signal.
 */
struct exec_layout;
struct cred;
void process_exec_commit(struct vm_space *vm, uint64_t entry, uint64_t sp,
			 const char *comm, const char *exe, const struct exec_layout *layout,
			 const struct cred *cred, bool secure);
/* entry.S: user_return_work, then iretq to the user state in *f. */
__noreturn void user_return_to(struct trap_frame *f);

/* ---- sys_*.c: system calls (Linux semantics; see syscall(2)) ------------ */



#endif /* USER_USER_H */
