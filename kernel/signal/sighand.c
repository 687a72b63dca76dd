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
#include <signal/posix_timer.h>

struct sighand *sighand_create(void)
{
	/* All zero: every handler SIG_DFL, no flags, empty masks. */
	struct sighand *sh = kzalloc(sizeof(*sh));

	if (sh) {
		sh->refcount = 1;
		spin_lock_init(&sh->siglock, "sighand.siglock");
	}
	return sh;
}

uint64_t signal_lock_irqsave(struct process *p)
{
	for (;;) {
		struct sighand *sh = __atomic_load_n(&p->sighand, __ATOMIC_ACQUIRE);
		uint64_t flags = spin_lock_irqsave(&sh->siglock);

		/* execve may have given p a table of its own meanwhile. */
		if (sh == __atomic_load_n(&p->sighand, __ATOMIC_RELAXED))
			return flags;
		spin_unlock_irqrestore(&sh->siglock, flags);
	}
}

void signal_unlock_irqrestore(struct process *p, uint64_t flags)
{
	spin_unlock_irqrestore(&p->sighand->siglock, flags);
}

struct spinlock *signal_siglock(struct process *p)
{
	return &p->sighand->siglock;
}

struct sighand *sighand_clone(struct sighand *src)
{
	struct sighand *sh = kmalloc(sizeof(*sh));
	uint64_t flags;

	if (!sh)
		return NULL;
	flags = spin_lock_irqsave(&src->siglock);
	memcpy(sh->action, src->action, sizeof(sh->action));
	spin_unlock_irqrestore(&src->siglock, flags);
	sh->refcount = 1;
	spin_lock_init(&sh->siglock, "sighand.siglock");
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
		flags = signal_lock_irqsave(p);
		ka = *sighand_action(p, sig);
		signal_unlock_irqrestore(p, flags);
	}
	return ka;
}

void signal_exec_reset(struct process *p)
{
	uint64_t flags;

	if (p)
		posix_timers_exit(p);	/* execve(2): POSIX timers are not preserved */
	if (!p || !p->sighand)
		return;
	/* A table shared with another process (CLONE_SIGHAND) is unshared. */
	if (p->sighand->refcount > 1) {
		struct sighand *own = sighand_clone(p->sighand);

		if (own) {
			struct sighand *old = p->sighand;

			/*
			 * Under the old siglock: a sender holding it keeps
			 * p->sighand unchanged; one waiting for it sees the
			 * change and takes the new one (signal_lock_irqsave).
			 */
			flags = spin_lock_irqsave(&old->siglock);
			__atomic_store_n(&p->sighand, own, __ATOMIC_RELEASE);
			spin_unlock_irqrestore(&old->siglock, flags);
			sighand_put(old);
		}
	}
	flags = signal_lock_irqsave(p);
	for (int sig = 1; sig <= NSIG; sig++) {
		struct kernel_sigaction *ka = sighand_action(p, sig);

		if (ka->sa_handler != SIG_IGN) {
			ka->sa_handler = SIG_DFL;
			ka->sa_flags = 0;
			ka->sa_restorer = 0;
			ka->sa_mask = 0;
		}
	}
	signal_unlock_irqrestore(p, flags);
	/* The old image's alternate stack is gone with it (sigaltstack(2)). */
	task_current()->altstack_sp = 0;
	task_current()->altstack_size = 0;
	task_current()->altstack_flags = SS_DISABLE;
}
