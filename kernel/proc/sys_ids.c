/*
 * sys_ids.c: who a process is and what it may use: pids, process groups
 * and sessions (setpgid(2), setsid(2)), real/effective/saved ids
 * (credentials(7), setresuid(2)), supplementary groups, resource limits
 * (getrlimit(2), prlimit(2)) and usage (getrusage(2), times(2)).
 *
 * CPU time: the scheduler charges whole ticks to the running task and
 * does not tell user from kernel time yet, so all of it is reported as
 * user time and system time stays 0.
 */
#include <proc/process.h>
#include <asm/cpu.h>
#include <basalt/string.h>
#include <basalt/syscalls.h>
#include <fs/file.h>
#include <mm/vm.h>
#include <time/time.h>
#include <uapi/errno.h>
#include <uapi/resource.h>
#include <user/user.h>

#define ID_UNCHANGED		((uint32_t)-1)	/* setreuid(2): "-1 keeps it" */
#define USEC_PER_TICK		(1000000 / TIME_HZ)
#define NSEC_PER_TICK		(1000000000ULL / TIME_HZ)
/* Linux's fs.nr_open default: the highest RLIMIT_NOFILE may go. */
#define RLIMIT_NOFILE_CEILING	FD_NR_OPEN

static bool cred_is_root(const struct cred *c)
{
	return c->euid == 0;
}

SYSCALL_DEFINE0(getpid)
{
	return process_current()->pid;
}

SYSCALL_DEFINE0(gettid)
{
	return task_current()->tid;
}

/* Linux reports 0 for a process whose parent is outside its namespace. */
SYSCALL_DEFINE0(getppid)
{
	struct process *parent = process_current()->parent;

	return parent ? parent->pid : 0;
}

/*
 * Remembers where to clear the thread id and futex-wake when the thread
 * exits (pthread_join waits there).
 */
SYSCALL_DEFINE1(set_tid_address, int __user *, tidptr)
{
	task_current()->clear_child_tid = (uint64_t)tidptr;
	return task_current()->tid;
}

/* ---- process groups and sessions ------------------------------------- */

struct pgrp_probe {
	int pgid;
	int sid;
	bool found;
};

static int pgrp_probe_fn(struct process *p, void *arg)
{
	struct pgrp_probe *probe = arg;

	if (p->state == PROCESS_ALIVE && p->pgid == probe->pgid && p->sid == probe->sid) {
		probe->found = true;
		return 1;
	}
	return 0;
}

/* setpgid(2)'s checks and change, under tasklist_lock (process.h). */
static long setpgid_locked(struct process *me, int pid, int pgid)
{
	struct process *target = pid ? process_find_locked(pid) : me;
	struct pgrp_probe probe;

	if (!target || target->state != PROCESS_ALIVE ||
	    (target != me && target->parent != me))
		return -ESRCH;
	if (target != me && target->did_exec)
		return -EACCES;
	if (target->sid != me->sid || target->pid == target->sid)
		return -EPERM;
	if (!pgid)
		pgid = target->pid;
	if (pgid != target->pid) {
		probe = (struct pgrp_probe){ .pgid = pgid, .sid = me->sid };
		process_for_each_locked(pgrp_probe_fn, &probe);
		if (!probe.found)
			return -EPERM;
	}
	target->pgid = pgid;
	return 0;
}

SYSCALL_DEFINE2(setpgid, int, pid, int, pgid)
{
	struct process *me = process_current();
	long err;

	if (pgid < 0)
		return -EINVAL;
	/* tasklist_lock held: the target cannot be reaped or change meanwhile. */
	spin_lock(&tasklist_lock);
	err = setpgid_locked(me, pid, pgid);
	spin_unlock(&tasklist_lock);
	return err;
}

SYSCALL_DEFINE1(getpgid, int, pid)
{
	struct process *p;
	long ret;

	spin_lock(&tasklist_lock);	/* p stays while we read it */
	p = pid ? process_find_locked(pid) : process_current();
	ret = p ? p->pgid : -ESRCH;
	spin_unlock(&tasklist_lock);
	return ret;
}

SYSCALL_DEFINE0(getpgrp)
{
	return process_current()->pgid;
}

static int pgrp_leader_probe_fn(struct process *p, void *arg)
{
	return p->pgid == *(int *)arg;
}

SYSCALL_DEFINE0(setsid)
{
	struct process *me = process_current();
	int pid = me->pid;

	/* A group leader, or a pid that names some group, cannot (setsid(2)). */
	spin_lock(&tasklist_lock);
	if (process_for_each_locked(pgrp_leader_probe_fn, &pid)) {
		spin_unlock(&tasklist_lock);
		return -EPERM;
	}
	me->sid = me->pgid = me->pid;
	me->ctty = NULL;
	spin_unlock(&tasklist_lock);
	return me->sid;
}

SYSCALL_DEFINE1(getsid, int, pid)
{
	struct process *p;
	long ret;

	spin_lock(&tasklist_lock);	/* p stays while we read it */
	p = pid ? process_find_locked(pid) : process_current();
	ret = p ? p->sid : -ESRCH;
	spin_unlock(&tasklist_lock);
	return ret;
}

/* ---- credentials ----------------------------------------------------- */

SYSCALL_DEFINE0(getuid)
{
	return process_current()->cred.uid;
}

SYSCALL_DEFINE0(geteuid)
{
	return process_current()->cred.euid;
}

SYSCALL_DEFINE0(getgid)
{
	return process_current()->cred.gid;
}

SYSCALL_DEFINE0(getegid)
{
	return process_current()->cred.egid;
}

/* One of the three ids, as an unprivileged process may switch among. */
static bool id_is_one_of(uint32_t id, uint32_t a, uint32_t b, uint32_t c)
{
	return id == a || id == b || id == c;
}

/*
 * The common rule of setresuid/setresgid: each id not ID_UNCHANGED must
 * be one of the current three unless privileged; fs id follows effective.
 */
static long cred_set_res(uint32_t *r, uint32_t *e, uint32_t *s, uint32_t *fs,
			 uint32_t nr, uint32_t ne, uint32_t ns, bool root)
{
	if (!root && ((nr != ID_UNCHANGED && !id_is_one_of(nr, *r, *e, *s)) ||
		      (ne != ID_UNCHANGED && !id_is_one_of(ne, *r, *e, *s)) ||
		      (ns != ID_UNCHANGED && !id_is_one_of(ns, *r, *e, *s))))
		return -EPERM;
	if (nr != ID_UNCHANGED)
		*r = nr;
	if (ne != ID_UNCHANGED)
		*e = ne;
	if (ns != ID_UNCHANGED)
		*s = ns;
	*fs = *e;
	return 0;
}

/* setreuid(2): the saved id follows the new effective one when the real changes. */
static long cred_set_re(uint32_t *r, uint32_t *e, uint32_t *s, uint32_t *fs,
			uint32_t nr, uint32_t ne, bool root)
{
	uint32_t old_r = *r;

	if (!root && ((nr != ID_UNCHANGED && nr != *r && nr != *e) ||
		      (ne != ID_UNCHANGED && !id_is_one_of(ne, *r, *e, *s))))
		return -EPERM;
	if (nr != ID_UNCHANGED)
		*r = nr;
	if (ne != ID_UNCHANGED)
		*e = ne;
	if (nr != ID_UNCHANGED || (ne != ID_UNCHANGED && ne != old_r))
		*s = *e;
	*fs = *e;
	return 0;
}

/* setuid(2): root sets all three; others only the effective id. */
static long cred_set_one(uint32_t *r, uint32_t *e, uint32_t *s, uint32_t *fs,
			 uint32_t id, bool root)
{
	if (id == ID_UNCHANGED)
		return -EINVAL;
	if (root) {
		*r = *e = *s = *fs = id;
		return 0;
	}
	if (id != *r && id != *s)
		return -EPERM;
	*e = *fs = id;
	return 0;
}

SYSCALL_DEFINE1(setuid, uint32_t, uid)
{
	struct process *p = process_current();
	struct cred *c = &p->cred, old = *c;
	long ret = cred_set_one(&c->uid, &c->euid, &c->suid, &c->fsuid, uid, cred_is_root(c));

	process_creds_changed(p, &old);
	return ret;
}

SYSCALL_DEFINE1(setgid, uint32_t, gid)
{
	struct process *p = process_current();
	struct cred *c = &p->cred, old = *c;
	long ret = cred_set_one(&c->gid, &c->egid, &c->sgid, &c->fsgid, gid, cred_is_root(c));

	process_creds_changed(p, &old);
	return ret;
}

SYSCALL_DEFINE2(setreuid, uint32_t, ruid, uint32_t, euid)
{
	struct process *p = process_current();
	struct cred *c = &p->cred, old = *c;
	long ret = cred_set_re(&c->uid, &c->euid, &c->suid, &c->fsuid, ruid, euid,
			   cred_is_root(c));

	process_creds_changed(p, &old);
	return ret;
}

SYSCALL_DEFINE2(setregid, uint32_t, rgid, uint32_t, egid)
{
	struct process *p = process_current();
	struct cred *c = &p->cred, old = *c;
	long ret = cred_set_re(&c->gid, &c->egid, &c->sgid, &c->fsgid, rgid, egid,
			   cred_is_root(c));

	process_creds_changed(p, &old);
	return ret;
}

SYSCALL_DEFINE3(setresuid, uint32_t, ruid, uint32_t, euid, uint32_t, suid)
{
	struct process *p = process_current();
	struct cred *c = &p->cred, old = *c;
	long ret = cred_set_res(&c->uid, &c->euid, &c->suid, &c->fsuid, ruid, euid, suid,
			    cred_is_root(c));

	process_creds_changed(p, &old);
	return ret;
}

SYSCALL_DEFINE3(setresgid, uint32_t, rgid, uint32_t, egid, uint32_t, sgid)
{
	struct process *p = process_current();
	struct cred *c = &p->cred, old = *c;
	long ret = cred_set_res(&c->gid, &c->egid, &c->sgid, &c->fsgid, rgid, egid, sgid,
			    cred_is_root(c));

	process_creds_changed(p, &old);
	return ret;
}

static long cred_get_res(uint32_t r, uint32_t e, uint32_t s, uint32_t __user *ur,
			 uint32_t __user *ue, uint32_t __user *us)
{
	if (copy_to_user(ur, &r, sizeof(r)) ||
	    copy_to_user(ue, &e, sizeof(e)) ||
	    copy_to_user(us, &s, sizeof(s)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE3(getresuid, uint32_t __user *, ruid, uint32_t __user *, euid,
		uint32_t __user *, suid)
{
	const struct cred *c = &process_current()->cred;

	return cred_get_res(c->uid, c->euid, c->suid, ruid, euid, suid);
}

SYSCALL_DEFINE3(getresgid, uint32_t __user *, rgid, uint32_t __user *, egid,
		uint32_t __user *, sgid)
{
	const struct cred *c = &process_current()->cred;

	return cred_get_res(c->gid, c->egid, c->sgid, rgid, egid, sgid);
}

/* setfsuid(2) returns the previous fs id whether or not it changed it. */
static long cred_set_fs(uint32_t *fs, uint32_t r, uint32_t e, uint32_t s, uint32_t id,
			bool root)
{
	uint32_t old = *fs;

	if (root || id_is_one_of(id, r, e, s) || id == old)
		*fs = id;
	return old;
}

SYSCALL_DEFINE1(setfsuid, uint32_t, uid)
{
	struct process *p = process_current();
	struct cred *c = &p->cred, old = *c;
	long ret = cred_set_fs(&c->fsuid, c->uid, c->euid, c->suid, uid, cred_is_root(c));

	process_creds_changed(p, &old);
	return ret;
}

SYSCALL_DEFINE1(setfsgid, uint32_t, gid)
{
	struct process *p = process_current();
	struct cred *c = &p->cred, old = *c;
	long ret = cred_set_fs(&c->fsgid, c->gid, c->egid, c->sgid, gid, cred_is_root(c));

	process_creds_changed(p, &old);
	return ret;
}

SYSCALL_DEFINE2(getgroups, int, size, uint32_t __user *, grouplist)
{
	const struct cred *c = &process_current()->cred;

	if (size < 0)
		return -EINVAL;
	if (size == 0)
		return c->ngroups;
	if ((unsigned)size < c->ngroups)
		return -EINVAL;
	if (copy_to_user(grouplist, c->groups, c->ngroups * sizeof(c->groups[0])))
		return -EFAULT;
	return c->ngroups;
}

SYSCALL_DEFINE2(setgroups, int, size, const uint32_t __user *, grouplist)
{
	struct cred *c = &process_current()->cred;
	uint32_t groups[CRED_GROUPS_MAX];

	if (!cred_is_root(c))
		return -EPERM;
	if (size < 0 || size > CRED_GROUPS_MAX)
		return -EINVAL;
	if (copy_from_user(groups, grouplist, (size_t)size * sizeof(groups[0])))
		return -EFAULT;
	memcpy(c->groups, groups, (size_t)size * sizeof(groups[0]));
	c->ngroups = (unsigned)size;
	return 0;
}

/* ---- limits ---------------------------------------------------------- */

/* Whether the caller may read or change target's limits (prlimit(2)). */
static bool rlimit_may_access(const struct process *me, const struct process *target)
{
	const struct cred *a = &me->cred, *b = &target->cred;

	if (me == target || cred_is_root(a))
		return true;
	return a->uid == b->uid && a->uid == b->euid && a->uid == b->suid &&
	       a->gid == b->gid && a->gid == b->egid && a->gid == b->sgid;
}

static long rlimit_update(struct process *me, struct process *target, unsigned resource,
			  const struct rlimit64 *new, struct rlimit64 *old)
{
	struct rlimit64 *cur = &target->rlim[resource];

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (old)
		*old = *cur;
	if (!new)
		return 0;
	if (new->rlim_cur > new->rlim_max)
		return -EINVAL;
	if (new->rlim_max > cur->rlim_max && !cred_is_root(&me->cred))
		return -EPERM;
	if (resource == RLIMIT_NOFILE && new->rlim_max > RLIMIT_NOFILE_CEILING)
		return -EPERM;
	*cur = *new;
	return 0;
}

SYSCALL_DEFINE2(getrlimit, unsigned int, resource, struct rlimit64 __user *, rlim)
{
	struct process *me = process_current();
	struct rlimit64 old;
	long err = rlimit_update(me, me, resource, NULL, &old);

	if (err)
		return err;
	return copy_to_user(rlim, &old, sizeof(old));
}

SYSCALL_DEFINE2(setrlimit, unsigned int, resource, const struct rlimit64 __user *, rlim)
{
	struct process *me = process_current();
	struct rlimit64 new;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (copy_from_user(&new, rlim, sizeof(new)))
		return -EFAULT;
	return rlimit_update(me, me, resource, &new, NULL);
}

/* prlimit64(pid, resource, new_limit, old_limit) */
SYSCALL_DEFINE4(prlimit64, int, pid, unsigned int, resource,
		const struct rlimit64 __user *, unew, struct rlimit64 __user *, uold)
{
	struct process *me = process_current(), *target;
	struct rlimit64 new, old;
	long err;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (unew && copy_from_user(&new, unew, sizeof(new)))
		return -EFAULT;
	spin_lock(&tasklist_lock);		/* the target stays while we change it */
	target = pid ? process_find_locked(pid) : me;
	if (!target || target->state != PROCESS_ALIVE)
		err = -ESRCH;
	else if (!rlimit_may_access(me, target))
		err = -EPERM;
	else
		err = rlimit_update(me, target, resource, unew ? &new : NULL, &old);
	spin_unlock(&tasklist_lock);
	if (err)
		return err;
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* ---- usage ----------------------------------------------------------- */

static void rusage_from_ticks(struct rusage *ru, uint64_t uticks, uint64_t sticks)
{
	memset(ru, 0, sizeof(*ru));
	ru->ru_utime.tv_sec = (int64_t)(uticks / TIME_HZ);
	ru->ru_utime.tv_usec = (int64_t)(uticks % TIME_HZ) * USEC_PER_TICK;
	ru->ru_stime.tv_sec = (int64_t)(sticks / TIME_HZ);
	ru->ru_stime.tv_usec = (int64_t)(sticks % TIME_HZ) * USEC_PER_TICK;
}

SYSCALL_DEFINE2(getrusage, int, who, struct rusage __user *, uru)
{
	struct process *me = process_current();
	struct task *self = task_current();
	uint64_t user, system;
	struct rusage ru;

	switch (who) {
	case RUSAGE_SELF:
		process_cpu_times(me, &user, &system);
		rusage_from_ticks(&ru, user, system);
		break;
	case RUSAGE_CHILDREN:
		rusage_from_ticks(&ru, me->cutime_ticks, me->cstime_ticks);
		break;
	case RUSAGE_THREAD:
		rusage_from_ticks(&ru, self->runtime_ticks - self->system_ticks, self->system_ticks);
		break;
	default:
		return -EINVAL;
	}
	/* ru_maxrss: the peak resident set in KiB (the children's is not kept yet). */
	if (who != RUSAGE_CHILDREN && me->vm)
		ru.ru_maxrss = (int64_t)(vm_rss_peak(me->vm) * (PAGE_SIZE / 1024));
	return copy_to_user(uru, &ru, sizeof(ru));
}

/* times(2): the tick count since boot, and the four times if buf is set. */
SYSCALL_DEFINE1(times, struct tms __user *, ubuf)
{
	struct process *me = process_current();

	if (ubuf) {
		uint64_t user, system;
		struct tms t;

		process_cpu_times(me, &user, &system);
		t = (struct tms){
			.tms_utime = (int64_t)user,
			.tms_stime = (int64_t)system,
			.tms_cutime = (int64_t)me->cutime_ticks,
			.tms_cstime = (int64_t)me->cstime_ticks,
		};

		if (copy_to_user(ubuf, &t, sizeof(t)))
			return -EFAULT;
	}
	return (long)(time_monotonic_ns() / NSEC_PER_TICK);
}
