/*
 * sighand.c: the table of signal actions a process has (shared by its
 * threads and by CLONE_SIGHAND processes), its reference count, and what
 * execve does to it (execve(2): handled signals go back to SIG_DFL,
 * ignored ones stay ignored).
 */
#include <asm/cpu.h>
#include <basalt/string.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <signal/internal.h>

struct sighand *sighand_create(void)
{
	/* All zero: every handler SIG_DFL, no flags, empty masks. */
	struct sighand *sh = kzalloc(sizeof(*sh));

	if (sh)
		sh->refcount = 1;
	return sh;
}

struct sighand *sighand_clone(struct sighand *src)
{
	struct sighand *sh = kmalloc(sizeof(*sh));
	uint64_t flags;

	if (!sh)
		return NULL;
	flags = rspin_lock_irqsave(&process_lock);
	memcpy(sh->action, src->action, sizeof(sh->action));
	rspin_unlock_irqrestore(&process_lock, flags);
	sh->refcount = 1;
	return sh;
}

void sighand_get(struct sighand *sh)
{
	__atomic_add_fetch(&sh->refcount, 1, __ATOMIC_RELAXED);
}

void sighand_put(struct sighand *sh)
{
	if (!sh)
		return;
	/* Acquire-release: the freeing side sees every sharer's writes. */
	if (__atomic_sub_fetch(&sh->refcount, 1, __ATOMIC_ACQ_REL) == 0)
		kfree(sh);
}

struct kernel_sigaction *sighand_action(struct process *p, int sig)
{
	return &p->sighand->action[sig - 1];
}

bool signal_parent_nocldstop(struct process *parent)
{
	return (signal_get_action(parent, SIGCHLD).sa_flags & SA_NOCLDSTOP) != 0;
}

struct kernel_sigaction signal_get_action(struct process *p, int sig)
{
	struct kernel_sigaction ka = { 0 };
	uint64_t flags;

	if (p && p->sighand && signal_valid(sig)) {
		flags = rspin_lock_irqsave(&process_lock);
		ka = *sighand_action(p, sig);
		rspin_unlock_irqrestore(&process_lock, flags);
	}
	return ka;
}

void signal_exec_reset(struct process *p)
{
	uint64_t flags;

	if (!p || !p->sighand)
		return;
	/* A table shared with another process (CLONE_SIGHAND) is unshared. */
	if (p->sighand->refcount > 1) {
		struct sighand *own = sighand_clone(p->sighand);

		if (own) {
			sighand_put(p->sighand);
			p->sighand = own;
		}
	}
	flags = rspin_lock_irqsave(&process_lock);
	for (int sig = 1; sig <= NSIG; sig++) {
		struct kernel_sigaction *ka = sighand_action(p, sig);

		if (ka->sa_handler != SIG_IGN) {
			ka->sa_handler = SIG_DFL;
			ka->sa_flags = 0;
			ka->sa_restorer = 0;
			ka->sa_mask = 0;
		}
	}
	rspin_unlock_irqrestore(&process_lock, flags);
	/* The old image's alternate stack is gone with it (sigaltstack(2)). */
	task_current()->altstack_sp = 0;
	task_current()->altstack_size = 0;
	task_current()->altstack_flags = SS_DISABLE;
}
