/*
 * signal_shim_abi.c: TEMPORARY. signal_pending() (signal/signal.h) until
 * kernel/signal/send.c is merged; the sleeps in sys_time.c and futex.c
 * need it. It is weak so that the real definition replaces it without a
 * link error; delete this file once kernel/signal/ defines it.
 *
 * Same rule as the contract: a signal pending on the thread or on its
 * process that the thread does not block.
 */
#include <signal/signal.h>
#include <asm/cpu.h>
#include <proc/process.h>
#include <proc/task.h>

__attribute__((weak)) bool signal_pending(struct task *t)
{
	uint64_t flags = cpu_irq_save();
	uint64_t pending = t->sig_pending;

	if (t->proc)
		pending |= t->proc->shared_pending;
	pending &= ~t->sig_blocked;
	cpu_irq_restore(flags);
	return pending != 0;
}
