/*
 * sys_priority.c: nice values and priority ranges: getpriority(2),
 * setpriority(2), sched_get_priority_max(2), sched_get_priority_min(2)
 * and sched_rr_get_interval(2). The policies themselves are
 * sys_sched_attr.c's.
 *
 * A nice value belongs to a thread (Linux: PRIO_PROCESS names a thread
 * id); a new thread takes its creator's (fork.c).
 *
 * Locking: the walks run under tasklist_lock (process_for_each), which
 * keeps the processes and their thread lists; a nice value is an int
 * that sched_set_nice stores atomically.
 */
#include <basalt/syscalls.h>
#include <proc/process.h>
#include <proc/task.h>
#include <sched/sched.h>
#include <time/time.h>
#include <uapi/errno.h>
#include <uapi/resource.h>
#include <uapi/sched.h>
#include <user/user.h>

/* getpriority(2): the raw call returns 20 - nice, so that it is never negative. */
#define PRIO_RAW_BASE		20
#define PRIO_NSEC_PER_SEC	1000000000ULL
/* A scheduler tick (1 / TIME_HZ s) in nanoseconds. */
#define PRIO_NSEC_PER_TICK	(PRIO_NSEC_PER_SEC / TIME_HZ)

struct prio_walk {
	int which, who;
	int nice;		/* setpriority: the new value */
	bool set;
	int found;		/* threads matched */
	int best;		/* getpriority: the lowest nice seen */
	int err;		/* setpriority: -EPERM or -EACCES seen */
	const struct cred *me;
};

static bool prio_matches(const struct prio_walk *w, const struct process *p,
			 const struct task *t)
{
	switch (w->which) {
	case PRIO_PROCESS:
		return t->tid == w->who;
	case PRIO_PGRP:
		return p->pgid == w->who;
	default:
		return p->cred.uid == (uint32_t)w->who;
	}
}

/*
 * setpriority(2) on one thread: the caller must be root or have the
 * target's real or effective uid as its effective uid (EPERM); lowering
 * the nice value needs root or RLIMIT_NICE (EACCES), as Linux's
 * set_one_prio and can_nice.
 */
static int prio_set_one(struct prio_walk *w, struct process *p, struct task *t)
{
	uint64_t nice_limit = PRIO_RAW_BASE - (uint64_t)w->nice;

	if (w->me->euid != 0 && w->me->euid != p->cred.uid && w->me->euid != p->cred.euid)
		return -EPERM;
	if (w->nice < t->nice && w->me->euid != 0 &&
	    nice_limit > process_current()->rlim[RLIMIT_NICE].rlim_cur)
		return -EACCES;
	return sched_set_nice(t, w->nice);
}

static int prio_walk_fn(struct process *p, void *arg)
{
	struct prio_walk *w = arg;
	struct task *t;

	if (p->state != PROCESS_ALIVE)
		return 0;
	list_for_each_entry(t, &p->threads, proc_link) {
		if (!prio_matches(w, p, t))
			continue;
		w->found++;
		if (w->set) {
			int err = prio_set_one(w, p, t);

			if (err)
				w->err = err;
		} else if (t->nice < w->best) {
			w->best = t->nice;
		}
	}
	return 0;
}

/* Resolves who 0 to the caller's thread, process group or uid. */
static int prio_walk_init(struct prio_walk *w, int which, int who)
{
	const struct process *me = process_current();

	if (which != PRIO_PROCESS && which != PRIO_PGRP && which != PRIO_USER)
		return -EINVAL;
	w->which = which;
	w->who = who;
	w->me = &me->cred;
	w->best = TASK_NICE_MAX + 1;
	if (!who)
		w->who = which == PRIO_PROCESS ? task_current()->tid :
			 which == PRIO_PGRP ? me->pgid : (int)me->cred.uid;
	return 0;
}

SYSCALL_DEFINE2(getpriority, int, which, int, who)
{
	struct prio_walk w = { 0 };
	int err = prio_walk_init(&w, which, who);

	if (err)
		return err;
	process_for_each(prio_walk_fn, &w);
	return w.found ? PRIO_RAW_BASE - w.best : -ESRCH;
}

SYSCALL_DEFINE3(setpriority, int, which, int, who, int, niceval)
{
	struct prio_walk w = { 0 };
	int err = prio_walk_init(&w, which, who);

	if (err)
		return err;
	/* setpriority(2): values out of range are clamped. */
	w.nice = niceval < TASK_NICE_MIN ? TASK_NICE_MIN :
		 niceval > TASK_NICE_MAX ? TASK_NICE_MAX : niceval;
	w.set = true;
	process_for_each(prio_walk_fn, &w);
	if (!w.found)
		return -ESRCH;
	return w.err;
}

/* The thread pid names (0: the caller) exists: 0, -EINVAL or -ESRCH. */
static int prio_thread_exists(int pid)
{
	bool found;

	if (pid < 0)
		return -EINVAL;
	if (pid == 0)
		return 0;
	found = process_find_thread(pid) != NULL;
	return found ? 0 : -ESRCH;
}

static int prio_policy_valid(int policy)
{
	return policy == SCHED_OTHER || policy == SCHED_FIFO || policy == SCHED_RR ||
	       policy == SCHED_BATCH || policy == SCHED_IDLE || policy == SCHED_DEADLINE;
}

SYSCALL_DEFINE1(sched_get_priority_max, int, policy)
{
	if (!prio_policy_valid(policy))
		return -EINVAL;
	return policy == SCHED_FIFO || policy == SCHED_RR ? SCHED_RT_PRIO_MAX : 0;
}

SYSCALL_DEFINE1(sched_get_priority_min, int, policy)
{
	if (!prio_policy_valid(policy))
		return -EINVAL;
	return policy == SCHED_FIFO || policy == SCHED_RR ? SCHED_RT_PRIO_MIN : 0;
}

/* The slice the thread's policy gives it: 0 under SCHED_FIFO (sched_task_slice). */
SYSCALL_DEFINE2(sched_rr_get_interval, int, pid, void __user *, interval)
{
	struct task *t;
	uint64_t ns;
	int64_t ts[2];
	int err = prio_thread_exists(pid);

	if (err)
		return err;
	spin_lock(&tasklist_lock);	/* t stays while we read it */
	t = pid ? process_find_thread_locked(pid) : task_current();
	ns = t ? sched_task_slice(t) * PRIO_NSEC_PER_TICK : 0;
	spin_unlock(&tasklist_lock);
	ts[0] = (int64_t)(ns / PRIO_NSEC_PER_SEC);
	ts[1] = (int64_t)(ns % PRIO_NSEC_PER_SEC);
	return copy_to_user(interval, ts, sizeof(ts)) ? -EFAULT : 0;
}
