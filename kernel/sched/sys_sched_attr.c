/*
 * sys_sched_attr.c: scheduling policies (sched(7)): sched_setscheduler(2),
 * sched_getscheduler(2), sched_setparam(2), sched_getparam(2),
 * sched_setattr(2) and sched_getattr(2), with the checks and errnos of
 * Linux's __sched_setscheduler (kernel/sched/core.c, 6.1).
 *
 * What the scheduler honours (sched.h): SCHED_OTHER and SCHED_BATCH by
 * nice value, SCHED_IDLE with the shortest slice, SCHED_FIFO and
 * SCHED_RR ahead of them by static priority. SCHED_DEADLINE parameters
 * are checked as Linux does, and then admission control refuses every
 * task (-EBUSY, Linux's answer when the deadline bandwidth is used up):
 * there is no EDF scheduler to admit it to. Utilization clamps are not
 * built in (-EOPNOTSUPP, Linux without CONFIG_UCLAMP_TASK).
 *
 * Privilege: CAP_SYS_NICE is root's (euid 0). Unprivileged callers get
 * Linux's rules: real-time only within RLIMIT_RTPRIO, nice lowered only
 * within RLIMIT_NICE, no SCHED_DEADLINE, only their own threads.
 *
 * Locking: the target thread is found and changed under tasklist_lock,
 * which keeps it from being reaped; sched_set_policy takes sched_lock.
 */
#include <basalt/string.h>
#include <basalt/syscalls.h>
#include <proc/process.h>
#include <proc/task.h>
#include <sched/sched.h>
#include <uapi/errno.h>
#include <uapi/resource.h>
#include <uapi/sched.h>
#include <user/user.h>

/* Linux's SETPARAM_POLICY: sched_setparam keeps the policy. */
#define SCHED_KEEP_POLICY	(-1)
/* __checkparam_dl: the runtime is kept in units of 2^DL_SCALE ns. */
#define SCHED_DL_RUNTIME_MIN	(1ULL << 10)
#define SCHED_DL_MSB		(1ULL << 63)
/* kernel.sched_deadline_period_{min,max}_us defaults, in ns. */
#define SCHED_DL_PERIOD_MIN	(100ULL * 1000)
#define SCHED_DL_PERIOD_MAX	((1ULL << 22) * 1000)
/* sched_setattr and sched_getattr take at most a page (Linux's PAGE_SIZE). */
#define SCHED_ATTR_SIZE_MAX	4096
/* can_nice: RLIMIT_NICE counts 20 - nice (setrlimit(2)). */
#define SCHED_NICE_RLIM_BASE	20

static bool sched_policy_rt(int policy)
{
	return policy == SCHED_FIFO || policy == SCHED_RR;
}

/* Linux's fair_policy: the policies a nice value applies to. */
static bool sched_policy_fair(int policy)
{
	return policy == SCHED_OTHER || policy == SCHED_BATCH;
}

static bool sched_policy_valid(int policy)
{
	return sched_policy_rt(policy) || sched_policy_fair(policy) ||
	       policy == SCHED_IDLE || policy == SCHED_DEADLINE;
}

/* __checkparam_dl: runtime <= deadline <= period, all in range. */
static bool sched_dl_params_ok(const struct sched_attr *a)
{
	uint64_t period = a->sched_period ? a->sched_period : a->sched_deadline;

	if (a->sched_deadline == 0 || a->sched_runtime < SCHED_DL_RUNTIME_MIN)
		return false;
	if ((a->sched_deadline & SCHED_DL_MSB) || (a->sched_period & SCHED_DL_MSB))
		return false;
	if (period < a->sched_deadline || a->sched_deadline < a->sched_runtime)
		return false;
	return period >= SCHED_DL_PERIOD_MIN && period <= SCHED_DL_PERIOD_MAX;
}

/* can_nice: whether t's process may run at nice without privilege. */
static bool sched_can_nice(const struct task *t, int nice)
{
	uint64_t need = (uint64_t)(SCHED_NICE_RLIM_BASE - nice);

	return need <= t->proc->rlim[RLIMIT_NICE].rlim_cur;
}

/* __sched_setscheduler's checks for a caller without CAP_SYS_NICE. */
static int sched_check_unprivileged(const struct task *t, int policy,
				    const struct sched_attr *a, bool reset_on_fork)
{
	const struct cred *me = &process_current()->cred, *them = &t->proc->cred;
	uint64_t rtprio = t->proc->rlim[RLIMIT_RTPRIO].rlim_cur;

	if (sched_policy_fair(policy) && a->sched_nice < t->nice &&
	    !sched_can_nice(t, a->sched_nice))
		return -EPERM;
	if (sched_policy_rt(policy)) {
		if (policy != t->policy && !rtprio)
			return -EPERM;
		if (a->sched_priority > t->rt_priority && a->sched_priority > rtprio)
			return -EPERM;
	}
	if (policy == SCHED_DEADLINE)
		return -EPERM;
	/* SCHED_IDLE counts as nice 20: leaving it needs RLIMIT_NICE. */
	if (t->policy == SCHED_IDLE && policy != SCHED_IDLE && !sched_can_nice(t, t->nice))
		return -EPERM;
	if (me->euid != them->euid && me->euid != them->uid)
		return -EPERM;
	if (t->reset_on_fork && !reset_on_fork)
		return -EPERM;
	return 0;
}

/* Linux's get_params: the priority or nice value t runs with now. */
static void sched_get_params(const struct task *t, struct sched_attr *a)
{
	if (sched_policy_rt(t->policy))
		a->sched_priority = t->rt_priority;
	else
		a->sched_nice = t->nice;
}

/* __sched_setscheduler on t (tasklist_lock held). */
static int sched_apply(struct task *t, int policy, const struct sched_attr *a)
{
	bool reset_on_fork;
	int err;

	if (policy == SCHED_KEEP_POLICY) {
		reset_on_fork = t->reset_on_fork;
		policy = t->policy;
	} else {
		reset_on_fork = (a->sched_flags & SCHED_FLAG_RESET_ON_FORK) != 0;
		if (!sched_policy_valid(policy))
			return -EINVAL;
	}
	if (a->sched_flags & ~SCHED_FLAG_ALL)
		return -EINVAL;
	if (a->sched_priority > SCHED_RT_PRIO_MAX)
		return -EINVAL;
	if ((policy == SCHED_DEADLINE && !sched_dl_params_ok(a)) ||
	    sched_policy_rt(policy) != (a->sched_priority != 0))
		return -EINVAL;
	if (process_current()->cred.euid != 0) {
		err = sched_check_unprivileged(t, policy, a, reset_on_fork);
		if (err)
			return err;
	}
	if (a->sched_flags & (SCHED_FLAG_UTIL_CLAMP_MIN | SCHED_FLAG_UTIL_CLAMP_MAX))
		return -EOPNOTSUPP;
	if (policy == SCHED_DEADLINE)
		return -EBUSY;
	if (sched_policy_fair(policy))
		sched_set_nice(t, a->sched_nice);
	sched_set_policy(t, (unsigned)policy, a->sched_priority, reset_on_fork);
	return 0;
}

/*
 * Runs fn on the thread pid names (0: the caller) under tasklist_lock:
 * -ESRCH if there is none.
 */
static int sched_on_thread(int pid, int (*fn)(struct task *, int, void *), int policy, void *arg)
{
	struct task *t;
	int err;

	spin_lock(&tasklist_lock);
	t = pid ? process_find_thread_locked(pid) : task_current();
	err = t && t->proc ? fn(t, policy, arg) : -ESRCH;
	spin_unlock(&tasklist_lock);
	return err;
}

static int sched_apply_fn(struct task *t, int policy, void *arg)
{
	struct sched_attr *a = arg;

	/* sched_setscheduler and sched_setparam keep the nice value. */
	a->sched_nice = t->nice;
	return sched_apply(t, policy, a);
}

/* do_sched_setscheduler: sched_setscheduler(2) and sched_setparam(2). */
static int sched_setscheduler_common(int pid, int policy, const struct sched_param __user *param)
{
	struct sched_param sp;
	struct sched_attr a = { 0 };

	if (!param || pid < 0)
		return -EINVAL;
	if (copy_from_user(&sp, param, sizeof(sp)))
		return -EFAULT;
	/* The legacy flag in the policy (Linux's _sched_setscheduler). */
	if (policy != SCHED_KEEP_POLICY && (policy & SCHED_RESET_ON_FORK)) {
		a.sched_flags |= SCHED_FLAG_RESET_ON_FORK;
		policy &= ~SCHED_RESET_ON_FORK;
	}
	/* A negative priority fails the range check, as Linux's unsigned field. */
	a.sched_priority = (uint32_t)sp.sched_priority;
	return sched_on_thread(pid, sched_apply_fn, policy, &a);
}

SYSCALL_DEFINE3(sched_setscheduler, int, pid, int, policy, const struct sched_param __user *, param)
{
	if (policy < 0)
		return -EINVAL;
	return sched_setscheduler_common(pid, policy, param);
}

SYSCALL_DEFINE2(sched_setparam, int, pid, const struct sched_param __user *, param)
{
	return sched_setscheduler_common(pid, SCHED_KEEP_POLICY, param);
}

static int sched_getscheduler_fn(struct task *t, int policy, void *arg)
{
	(void)policy;
	(void)arg;
	return t->policy | (t->reset_on_fork ? SCHED_RESET_ON_FORK : 0);
}

SYSCALL_DEFINE1(sched_getscheduler, int, pid)
{
	if (pid < 0)
		return -EINVAL;
	return sched_on_thread(pid, sched_getscheduler_fn, 0, NULL);
}

static int sched_getattr_fn(struct task *t, int policy, void *arg)
{
	struct sched_attr *a = arg;

	(void)policy;
	a->sched_policy = t->policy;
	if (t->reset_on_fork)
		a->sched_flags |= SCHED_FLAG_RESET_ON_FORK;
	sched_get_params(t, a);
	return 0;
}

SYSCALL_DEFINE2(sched_getparam, int, pid, struct sched_param __user *, param)
{
	struct sched_attr a = { 0 };
	struct sched_param sp;
	int err;

	if (!param || pid < 0)
		return -EINVAL;
	err = sched_on_thread(pid, sched_getattr_fn, 0, &a);
	if (err)
		return err;
	sp.sched_priority = (int)a.sched_priority;
	return copy_to_user(param, &sp, sizeof(sp)) ? -EFAULT : 0;
}

/* sched_copy_attr: size 0 means VER0; a bad size is E2BIG and reports ours. */
static int sched_copy_attr(struct sched_attr *a, struct sched_attr __user *ua)
{
	uint32_t size, ours = sizeof(*a);
	int err;

	memset(a, 0, sizeof(*a));
	if (copy_from_user(&size, &ua->size, sizeof(size)))
		return -EFAULT;
	if (!size)
		size = SCHED_ATTR_SIZE_VER0;
	err = size < SCHED_ATTR_SIZE_VER0 || size > SCHED_ATTR_SIZE_MAX ? -E2BIG :
	      copy_struct_from_user(a, sizeof(*a), ua, size);
	if (err == -E2BIG) {
		copy_to_user(&ua->size, &ours, sizeof(ours));
		return -E2BIG;
	}
	if (err)
		return err;
	if ((a->sched_flags & (SCHED_FLAG_UTIL_CLAMP_MIN | SCHED_FLAG_UTIL_CLAMP_MAX)) &&
	    size < SCHED_ATTR_SIZE_VER1)
		return -EINVAL;
	/* Out-of-range nice values are clamped, as setpriority(2)'s. */
	if (a->sched_nice < TASK_NICE_MIN)
		a->sched_nice = TASK_NICE_MIN;
	if (a->sched_nice > TASK_NICE_MAX)
		a->sched_nice = TASK_NICE_MAX;
	return 0;
}

static int sched_setattr_fn(struct task *t, int policy, void *arg)
{
	struct sched_attr *a = arg;

	if (a->sched_flags & SCHED_FLAG_KEEP_PARAMS)
		sched_get_params(t, a);
	return sched_apply(t, policy, a);
}

SYSCALL_DEFINE3(sched_setattr, int, pid, struct sched_attr __user *, uattr, unsigned, flags)
{
	struct sched_attr a;
	int policy, err;

	if (!uattr || pid < 0 || flags)
		return -EINVAL;
	err = sched_copy_attr(&a, uattr);
	if (err)
		return err;
	if ((int)a.sched_policy < 0)
		return -EINVAL;
	policy = (a.sched_flags & SCHED_FLAG_KEEP_POLICY) ? SCHED_KEEP_POLICY : (int)a.sched_policy;
	return sched_on_thread(pid, sched_setattr_fn, policy, &a);
}

SYSCALL_DEFINE4(sched_getattr, int, pid, struct sched_attr __user *, uattr, unsigned, usize,
		unsigned, flags)
{
	struct sched_attr a = { 0 };
	int err;

	if (!uattr || pid < 0 || usize > SCHED_ATTR_SIZE_MAX || usize < SCHED_ATTR_SIZE_VER0 || flags)
		return -EINVAL;
	err = sched_on_thread(pid, sched_getattr_fn, 0, &a);
	if (err)
		return err;
	/* sched_attr_copy_to_user: as much as both sides know, size saying how much. */
	a.size = usize < sizeof(a) ? usize : sizeof(a);
	return copy_to_user(uattr, &a, a.size) ? -EFAULT : 0;
}
