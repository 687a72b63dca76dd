/*
 * context.c: the initial context of a new kernel thread. The first
 * context_switch to it pops the address of context_kthread_entry as if
 * returning from a call (switch.S).
 */
#include <arch/x86_64/proc/context.h>
#include <basalt/compiler.h>
#include <basalt/string.h>

/*
 * Stack layout below stack_top, highest first: two zero words (no caller
 * frame; they keep the entry's %rsp 16-byte aligned after the ret) and
 * the "return address" context_switch pops.
 */
#define CONTEXT_ENTRY_PAD_WORDS		2
#define CONTEXT_STACK_ALIGN		16

void context_init_kthread(struct task_context *ctx, uint64_t stack_top,
			  int (*fn)(void *), void *arg)
{
	uint64_t *sp = (uint64_t *)ALIGN_DOWN(stack_top, CONTEXT_STACK_ALIGN);

	for (unsigned i = 0; i < CONTEXT_ENTRY_PAD_WORDS; i++)
		*--sp = 0;
	*--sp = (uint64_t)context_kthread_entry;
	memset(ctx, 0, sizeof(*ctx));
	ctx->rsp = (uint64_t)sp;
	ctx->rbx = (uint64_t)fn;
	ctx->r12 = (uint64_t)arg;
}
