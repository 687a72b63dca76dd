/*
 * context.h: what a kernel thread keeps while it is switched out
 * (kernel/arch/x86_64/proc/switch.S). A switch happens inside a function
 * call, so only the registers the System V x86-64 ABI (3.2.1, figure
 * 3.4) makes the callee preserve need saving: rbx, rbp, r12-r15 and rsp.
 * The return address of the call into the switch is on the saved stack.
 * rflags is not saved: every switch happens with interrupts off, and
 * each caller restores its own interrupt state when it runs again.
 *
 * No FPU/SSE state: the kernel is built with -mgeneral-regs-only, so a
 * kernel thread never touches those registers (see struct task.fpu_state).
 */
#ifndef ARCH_X86_64_PROC_CONTEXT_H
#define ARCH_X86_64_PROC_CONTEXT_H

/* Byte offsets in struct task_context, for switch.S. */
#define CTX_RSP		0
#define CTX_RBX		8
#define CTX_RBP		16
#define CTX_R12		24
#define CTX_R13		32
#define CTX_R14		40
#define CTX_R15		48

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

struct task;

struct task_context {
	uint64_t rsp;
	uint64_t rbx, rbp, r12, r13, r14, r15;
};

_Static_assert(offsetof(struct task_context, rsp) == CTX_RSP, "CTX_RSP");
_Static_assert(offsetof(struct task_context, rbx) == CTX_RBX, "CTX_RBX");
_Static_assert(offsetof(struct task_context, rbp) == CTX_RBP, "CTX_RBP");
_Static_assert(offsetof(struct task_context, r12) == CTX_R12, "CTX_R12");
_Static_assert(offsetof(struct task_context, r13) == CTX_R13, "CTX_R13");
_Static_assert(offsetof(struct task_context, r14) == CTX_R14, "CTX_R14");
_Static_assert(offsetof(struct task_context, r15) == CTX_R15, "CTX_R15");

/*
 * Saves the callee-saved registers and rsp in *prev, loads them from
 * *next and returns on next's stack. What it returns there is prev_task:
 * the thread that switched away, which the resumed thread then finishes
 * off (sched.c, sched_switch_finish). Interrupts must be off.
 */
struct task *context_switch(struct task_context *prev,
			    const struct task_context *next,
			    struct task *prev_task);

/*
 * Sets ctx up so that the first switch to it enters kthread_start(prev,
 * fn, arg) on the stack whose highest address is stack_top.
 */
void context_init_kthread(struct task_context *ctx, uint64_t stack_top,
			  int (*fn)(void *), void *arg);

/* Where the first switch to a new kernel thread lands (switch.S). */
void context_kthread_entry(void);

#endif /* __ASSEMBLER__ */
#endif /* ARCH_X86_64_PROC_CONTEXT_H */
