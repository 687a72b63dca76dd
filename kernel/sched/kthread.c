/*
 * kthread.c: creating, ending, joining and freeing kernel threads
 * (task.h). Task structures come from their own slab cache; each has a
 * KSTACK_SIZE kernel stack with an unmapped guard page below it.
 */
#include <asm/cpu.h>
#include <basalt/compiler.h>
#include <basalt/panic.h>
#include <basalt/string.h>
#include <mm/mm.h>
#include <sched/sched.h>
#include <uapi/errno.h>

/* tids 0 and 1 are the idle task and kmain (sched.c). */
#define KTHREAD_FIRST_TID	2

static struct kmem_cache *task_cache;
/*
 * guards: kthread_next_tid, every task's TASK_FLAG_DETACHED and
 * TASK_FLAG_JOINING, and the ZOMBIE -> DEAD step (kthread_reap), which
 * a joiner waits for. irqsave: kthread_reap runs in the switch, with
 * interrupts off. Nests inside nothing but sched_lock inside it.
 */
static struct spinlock kthread_lock = SPINLOCK_INIT("kthread_lock");
static int kthread_next_tid = KTHREAD_FIRST_TID;

void kthread_init(void)
{
	task_cache = kmem_cache_create("task", sizeof(struct task),
				       _Alignof(struct task));
	if (!task_cache)
		panic("kthread: cannot create the task cache");
}

struct task *task_alloc(int (*fn)(void *), void *arg, const char *name)
{
	struct task *t = kmem_cache_alloc(task_cache);
	uint64_t flags;

	if (!t)
		return NULL;
	memset(t, 0, sizeof(*t));
	t->kstack_base = kstack_alloc();
	if (!t->kstack_base) {
		kmem_cache_free(task_cache, t);
		return NULL;
	}
	t->kstack_top = (uint64_t)t->kstack_base + KSTACK_SIZE;
	strlcpy(t->name, name, sizeof(t->name));
	t->state = TASK_BLOCKED;	/* not runnable until sched_start */
	t->nice = TASK_NICE_DEFAULT;
	t->cpus_allowed = ~0ULL;	/* any CPU (fork copies the parent's) */
	list_init(&t->run_link);
	list_init(&t->all_link);
	wait_task_init(t);
	context_init_kthread(&t->context, t->kstack_top, fn, arg);
	flags = spin_lock_irqsave(&kthread_lock);
	t->tid = kthread_next_tid++;
	spin_unlock_irqrestore(&kthread_lock, flags);
	return t;
}

void task_discard(struct task *t)
{
	if (kstack_free(t->kstack_base))
		panic("kthread: task %d (%s) had a bad stack %p", t->tid,
		      t->name, t->kstack_base);
	kfree(t->fpu_state);
	kmem_cache_free(task_cache, t);
}

void task_release(struct task *t)
{
	sched_forget(t);
	if (t->flags & TASK_FLAG_BOOT)
		return;		/* static structure on the boot stack */
	task_discard(t);
}

struct task *kthread_create_mask(int (*fn)(void *), void *arg, const char *name,
				 uint64_t cpus)
{
	struct task *t = task_alloc(fn, arg, name);

	if (t) {
		t->cpus_allowed = cpus;
		sched_start(t);
	}
	return t;
}

struct task *kthread_create(int (*fn)(void *), void *arg, const char *name)
{
	return kthread_create_mask(fn, arg, name, ~0ULL);
}

void kthread_start(struct task *prev, int (*fn)(void *), void *arg)
{
	sched_switch_finish(prev);
	cpu_irq_enable();
	kthread_exit(fn(arg));
}

void kthread_exit(int code)
{
	struct task *me = task_current();

	/* Scheduler core: the switch away must not be interrupted. */
	cpu_irq_disable();
	BUG_ON(me->flags & TASK_FLAG_IDLE);
	me->exit_code = code;
	me->state = TASK_ZOMBIE;
	schedule();
	panic("kthread: task %d (%s) ran after exiting", me->tid, me->name);
}

void kthread_reap(struct task *t)
{
	uint64_t flags = spin_lock_irqsave(&kthread_lock);
	bool detached = t->flags & TASK_FLAG_DETACHED;

	t->state = TASK_DEAD;
	if (!detached)
		wake_up_all(&t->exit_wait);
	spin_unlock_irqrestore(&kthread_lock, flags);
	if (detached)
		task_release(t);
}

int kthread_join(struct task *t, int *code)
{
	uint64_t flags;

	if (t == task_current())
		return -EINVAL;
	flags = spin_lock_irqsave(&kthread_lock);
	if (t->flags & (TASK_FLAG_DETACHED | TASK_FLAG_JOINING)) {
		spin_unlock_irqrestore(&kthread_lock, flags);
		return -EINVAL;
	}
	t->flags |= TASK_FLAG_JOINING;
	while (t->state != TASK_DEAD)
		wait_block_lock(&t->exit_wait, 0, &kthread_lock);
	spin_unlock_irqrestore(&kthread_lock, flags);
	if (code)
		*code = t->exit_code;
	task_release(t);
	return 0;
}

void kthread_detach(struct task *t)
{
	uint64_t flags = spin_lock_irqsave(&kthread_lock);
	bool dead = t->state == TASK_DEAD;

	if (!dead)
		t->flags |= TASK_FLAG_DETACHED;
	spin_unlock_irqrestore(&kthread_lock, flags);
	if (dead)
		task_release(t);
}
