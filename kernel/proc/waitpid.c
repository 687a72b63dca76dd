/*
 * waitpid.c: wait4(2) and waitid(2): a parent collects its children's
 * exits (reaping the zombie) and, when asked, their stops and continues.
 */
#include <proc/process.h>
#include <asm/cpu.h>
#include <basalt/string.h>
#include <basalt/syscalls.h>
#include <proc/child_status.h>
#include <proc/pidfd.h>
#include <signal/signal.h>
#include <time/time.h>
#include <uapi/errno.h>
#include <uapi/resource.h>
#include <user/user.h>

/* wait4/waitid options (Linux's include/uapi/linux/wait.h). */
#define WNOHANG		0x00000001
#define WUNTRACED	0x00000002	/* wait4; waitid calls it WSTOPPED */
#define WSTOPPED	WUNTRACED
#define WEXITED		0x00000004
#define WCONTINUED	0x00000008
#define WNOWAIT		0x01000000
#define __WNOTHREAD	0x20000000
#define __WALL		0x40000000
#define __WCLONE	0x80000000u
#define WAIT4_VALID	(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE)
#define WAITID_VALID	(WNOHANG | WSTOPPED | WEXITED | WCONTINUED | WNOWAIT | \
			 __WNOTHREAD | __WALL | __WCLONE)

/* waitid idtype. */
#define P_ALL		0
#define P_PID		1
#define P_PGID		2
#define P_PIDFD		3

#define USEC_PER_TICK	(1000000 / TIME_HZ)

/* Which children a call is about: pid > 0, a group, or any. */
struct wait_target {
	int kind;		/* P_ALL, P_PID, P_PGID */
	int id;
	unsigned options;
};

/* What was found for the caller. */
struct wait_result {
	int pid;
	int status;		/* wait(2) status word */
	uint32_t uid;
	uint64_t utime_ticks, stime_ticks;
};

static bool wait_matches(const struct wait_target *w, const struct process *c)
{
	switch (w->kind) {
	case P_PID:
		return c->pid == w->id;
	case P_PGID:
		return c->pgid == w->id;
	default:
		return true;
	}
}

/*
 * One look at the children under tasklist_lock: 1 with *res filled when
 * one has something to report (a zombie is reaped unless WNOWAIT), 0 if
 * matching children exist but have nothing yet, -ECHILD if none match.
 */
static int wait_scan(struct process *me, const struct wait_target *w, struct wait_result *res)
{
	struct process *c, *reap = NULL;
	bool any = false;
	int found = 0;

	list_for_each_entry(c, &me->children, sibling) {
		if (!wait_matches(w, c))
			continue;
		any = true;
		res->pid = c->pid;
		res->uid = c->cred.uid;
		res->utime_ticks = c->utime_ticks + c->cutime_ticks;
		res->stime_ticks = c->stime_ticks + c->cstime_ticks;
		if (c->state == PROCESS_ZOMBIE && (w->options & WEXITED)) {
			res->status = c->exit_status;
			if (!(w->options & WNOWAIT))
				reap = c;
			found = 1;
			break;
		}
		if (c->report_pending && c->state == PROCESS_ALIVE) {
			bool stop = (c->report_status & 0xff) == W_STOPPED_MARK;

			if ((stop && (w->options & WUNTRACED)) ||
			    (!stop && (w->options & WCONTINUED))) {
				res->status = c->report_status;
				if (!(w->options & WNOWAIT))
					c->report_pending = false;
				found = 1;
				break;
			}
		}
	}
	if (reap) {
		me->cutime_ticks += res->utime_ticks;
		me->cstime_ticks += res->stime_ticks;
		process_release_locked(reap);
	}
	if (found)
		return 1;
	return any ? 0 : -ECHILD;
}

/* Sleeps until a child reports: 0, -ECHILD, or -ERESTARTSYS for a signal. */
static int wait_for_child(const struct wait_target *w, struct wait_result *res)
{
	struct process *me = process_current();
	int ret;

	spin_lock(&tasklist_lock);
	for (;;) {
		ret = wait_scan(me, w, res);
		if (ret != 0)
			break;
		if (w->options & WNOHANG) {
			res->pid = 0;
			ret = 1;
			break;
		}
		if (signal_pending(task_current())) {
			ret = -ERESTARTSYS;
			break;
		}
		wait_block_lock(&me->child_wait, 0, &tasklist_lock);
	}
	spin_unlock(&tasklist_lock);
	return ret < 0 ? ret : 0;
}

static void wait_fill_rusage(struct rusage *ru, const struct wait_result *res)
{
	memset(ru, 0, sizeof(*ru));
	ru->ru_utime.tv_sec = (int64_t)(res->utime_ticks / TIME_HZ);
	ru->ru_utime.tv_usec = (int64_t)(res->utime_ticks % TIME_HZ) * USEC_PER_TICK;
	ru->ru_stime.tv_sec = (int64_t)(res->stime_ticks / TIME_HZ);
	ru->ru_stime.tv_usec = (int64_t)(res->stime_ticks % TIME_HZ) * USEC_PER_TICK;
}

/* wait4(pid, wstatus, options, rusage) */
SYSCALL_DEFINE4(wait4, int, pid, int __user *, ustatus, int, options,
		struct rusage __user *, urusage)
{
	struct wait_target w = { .kind = P_ALL };
	struct wait_result res;
	int err;

	if (options & ~WAIT4_VALID)
		return -EINVAL;
	/* INT_MIN has no positive group id (Linux: ESRCH). */
	if (pid == (int)0x80000000)
		return -ESRCH;
	if (pid > 0) {
		w.kind = P_PID;
		w.id = pid;
	} else if (pid == 0) {
		w.kind = P_PGID;
		w.id = process_current()->pgid;
	} else if (pid < -1) {
		w.kind = P_PGID;
		w.id = -pid;
	}
	w.options = (unsigned int)options | WEXITED;
	err = wait_for_child(&w, &res);
	if (err)
		return err;
	if (res.pid && ustatus &&
	    copy_to_user(ustatus, &res.status, sizeof(res.status)))
		return -EFAULT;
	if (res.pid && urusage) {
		struct rusage ru;

		wait_fill_rusage(&ru, &res);
		if (copy_to_user(urusage, &ru, sizeof(ru)))
			return -EFAULT;
	}
	return res.pid;
}

/* waitid(idtype, id, infop, options, rusage) */
SYSCALL_DEFINE5(waitid, int, idtype, int, id, struct siginfo __user *, uinfo, int, options,
		struct rusage __user *, urusage)
{
	struct wait_target w = { .kind = idtype, .id = id, .options = (unsigned int)options };
	struct siginfo info;
	struct wait_result res;
	bool nonblock = false;
	int err;

	if ((options & ~WAITID_VALID) || !(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	switch (idtype) {
	case P_ALL:
		break;
	case P_PID:
	case P_PGID:
		if (id < 0)
			return -EINVAL;
		if (idtype == P_PGID && id == 0)
			w.id = process_current()->pgid;
		break;
	case P_PIDFD:
		/* The pidfd's process, as P_PID (-1, matching nothing, once reaped). */
		if (id < 0)
			return -EINVAL;
		err = pidfd_wait_target(id, &w.id, &nonblock);
		if (err)
			return err;
		w.kind = P_PID;
		if (nonblock)
			w.options |= WNOHANG;
		break;
	default:
		return -EINVAL;
	}
	err = wait_for_child(&w, &res);
	if (err)
		return err;
	/* PIDFD_NONBLOCK without WNOHANG and nothing yet: EAGAIN (Linux's kernel_waitid). */
	if (nonblock && !(options & WNOHANG) && !res.pid)
		return -EAGAIN;
	memset(&info, 0, sizeof(info));
	if (res.pid) {
		info.si_signo = SIGCHLD;
		info.f.chld.pid = res.pid;
		info.f.chld.uid = res.uid;
		info.f.chld.utime = (int64_t)res.utime_ticks;
		info.f.chld.stime = (int64_t)res.stime_ticks;
		siginfo_chld_from_status(&info, res.status);
	}
	/* With WNOHANG and nothing to report, Linux zeroes the siginfo. */
	if (uinfo && copy_to_user(uinfo, &info, sizeof(info)))
		return -EFAULT;
	if (urusage) {
		struct rusage ru;

		wait_fill_rusage(&ru, &res);
		if (copy_to_user(urusage, &ru, sizeof(ru)))
			return -EFAULT;
	}
	return 0;
}
