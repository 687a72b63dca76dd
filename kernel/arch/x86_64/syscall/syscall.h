/*
 * syscall.h: the system call entry (kernel/arch/x86_64/syscall/).
 *
 *   entry.S          syscall_entry (SYSCALL), user_enter/user_leave
 *   syscall.c        MSR setup, the per-CPU area, the table and dispatch
 *   syscall_64.tbl   the system calls: number, name, entry point (the
 *                    build generates the table and <uapi/unistd.h>)
 *
 * SYSCALL (Intel SDM Vol. 2B; Vol. 3A 5.8.8) saves RIP in RCX and RFLAGS
 * in R11, loads CS/SS from STAR and RIP from LSTAR, clears the RFLAGS
 * bits set in FMASK, and does not switch stacks: entry.S swaps GS to the
 * per-CPU area (swapgs, SDM Vol. 2B) to find the kernel stack. Linux's
 * convention: number in RAX, arguments in RDI, RSI, RDX, R10, R8, R9,
 * result in RAX, RCX and R11 clobbered.
 */
#ifndef ARCH_X86_64_SYSCALL_SYSCALL_H
#define ARCH_X86_64_SYSCALL_SYSCALL_H

/*
 * The struct percpu (proc/percpu.h) fields entry.S uses, reached through
 * %gs after swapgs; syscall.c checks them against PERCPU_KSTACK_TOP and
 * PERCPU_USER_RSP (percpu.h is C only).
 */
#define CPU_LOCAL_KERNEL_RSP	16
#define CPU_LOCAL_USER_RSP	24

/*
 * The "vector" of a trap_frame built by syscall_entry: above every IDT
 * vector, so a frame says whether it came from SYSCALL or an interrupt.
 * Its error_code slot holds the original RAX (the number), as Linux's
 * orig_ax, so a restarted system call knows what to run again.
 */
#define TRAP_SYSCALL		0x100

/* RFLAGS bits (Intel SDM Vol. 1 3.4.3). */
#define RFLAGS_TF		(1ULL << 8)
#define RFLAGS_DF		(1ULL << 10)
#define RFLAGS_NT		(1ULL << 14)
#define RFLAGS_AC		(1ULL << 18)
#define RFLAGS_RESERVED1	(1ULL << 1)	/* always 1 */

/* The trap_frame of syscall_entry and user_enter: 22 words. */
#define TRAP_FRAME_SIZE		(22 * 8)
#define TRAP_FRAME_RIP		(17 * 8)
#define TRAP_FRAME_R11		(4 * 8)
#define TRAP_FRAME_RCX		(12 * 8)
#define TRAP_FRAME_RFLAGS	(19 * 8)

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stdint.h>
#include <basalt/compiler.h>
#include <asm/trap.h>

/* Sets EFER.SCE, STAR, LSTAR and FMASK; percpu_init set the GS bases. */
void syscall_init(void);
/* The SYSCALL MSRs alone (STAR, LSTAR, FMASK, EFER.SCE): each CPU's. */
void syscall_init_cpu(void);
/*
 * Makes top the kernel stack syscall_entry (and the TSS, for interrupts)
 * switches to, for the current task: the scheduler restores it when the
 * task runs again. Returns the previous top.
 */
uint64_t syscall_set_kernel_stack(uint64_t top);

/*
 * A table entry: the wrapper SYSCALL_DEFINEn made (asm/syscall_wrapper.h),
 * which takes the arguments from the frame and calls the typed handler.
 */
typedef long (*syscall_fn_t)(struct trap_frame *f);

/* Called by entry.S with the saved user state; the result goes in rax. */
void syscall_dispatch(struct trap_frame *f);
/* The name of each number, NULL where unassigned. */
extern const char *const syscall_names[];
/* Whether unimplemented number nr was logged as such (for tests). */
bool syscall_was_logged(uint64_t nr);
unsigned syscall_implemented_count(void);

/* entry.S */
void syscall_entry(void);
/*
 * Saves the callee-saved registers and RFLAGS of the caller in *ctx_rsp's
 * stack, then irets to the user state in *f (which must lie on the
 * kernel stack set by syscall_set_kernel_stack). Returns only when
 * user_leave(ctx_rsp, value) is called, with that value.
 */
long user_enter(struct trap_frame *f, uint64_t *ctx_rsp);
__noreturn void user_leave(uint64_t *ctx_rsp, long value);
#endif

#endif /* ARCH_X86_64_SYSCALL_SYSCALL_H */
