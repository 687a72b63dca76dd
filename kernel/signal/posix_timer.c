/*
 * posix_timer.c: POSIX per-process timers: timer_create(2),
 * timer_settime(2), timer_gettime(2), timer_getoverrun(2),
 * timer_delete(2), as Linux 6.1's kernel/time/posix-timers.c.
 *
 * A timer runs on CLOCK_REALTIME, CLOCK_MONOTONIC or CLOCK_BOOTTIME
 * (their *_ALARM forms for root: Basalt never suspends, as timerfd.c).
 * Every one of them runs at the monotonic clock's rate on Basalt, so a
 * timer is a monotonic deadline on the tick's timer list (resolution one
 * tick); an absolute CLOCK_REALTIME time is converted when it is set,
 * and again when the realtime clock is set (posix_timers_clock_was_set).
 * The CPU-time clocks are not offered for timers (EINVAL): Basalt charges
 * CPU time in whole ticks at the tick, and has no per-tick check of
 * CPU-time deadlines.
 *
 * Notification (sigevent(7)): SIGEV_SIGNAL (and SIGEV_THREAD, which is
 * the same to the kernel: libc makes the thread) queue sigev_signo to
 * the process, SIGEV_THREAD_ID to one of its threads, with si_code
 * SI_TIMER, si_timerid, si_overrun and si_value; SIGEV_NONE only counts
 * time, which timer_gettime reads.
 *
 * Overruns: while a timer's signal is still queued (blocked, or not yet
 * delivered), further expirations do not queue another one but add to
 * its si_overrun, as Linux's send_sigqueue does; expirations the tick
 * ran late for count the same way. timer_getoverrun returns the
 * si_overrun of the last signal delivered: a signal of the timer that is
 * no longer queued was delivered (looked at under the siglock). Linux
 * stops an interval timer while its signal is queued and counts the
 * periods missed when it is delivered; the count is the same.
 *
 * Signals are sent by a kernel thread ("posixtimer"), not by the tick:
 * a thread target is looked up by its tid under tasklist_lock, which no
 * interrupt handler may take. The tick only counts the expiration, puts
 * the timer on posix_timer_due and wakes the thread.
 *
 * Each timer holds one RLIMIT_SIGPENDING unit of its creator's real uid
 * for its lifetime (Linux's preallocated sigqueue): timer_create fails
 * with EAGAIN past the limit. Timers go at exec and exit
 * (posix_timers_exit), not across fork.
 *
 * Locking: posix_timer_lock (a spinlock, interrupts off: the tick takes
 * it) guards every timer, the processes' posix_timers lists and next
 * ids, and posix_timer_due. Order: tasklist_lock -> posix_timer_lock ->
 * a siglock -> sigpending_lock, sched_lock. A timer's memory: pending
 * counts its tick timer's arms not yet run (on the tick's list, or taken
 * off it by a tick that is about to call posix_timer_fire); a deleted
 * timer with pending arms is freed by the last of them.
 */
#include <basalt/compiler.h>
#include <basalt/string.h>
#include <basalt/syscalls.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <proc/task.h>
#include <sched/mutex.h>
#include <sched/sched.h>
#include <sched/spinlock.h>
#include <sched/timer.h>
#include <sched/wait.h>
#include <signal/internal.h>
#include <signal/posix_timer.h>
#include <time/sys_time.h>
#include <time/time.h>
#include <uapi/errno.h>
#include <uapi/resource.h>
#include <uapi/signal.h>
#include <uapi/time.h>
#include <user/user.h>

/* Linux's DELAYTIMER_MAX (timer_getoverrun(2)): the count saturates here. */
#define POSIX_TIMER_OVERRUN_MAX	INT32_MAX
/* Timer ids run 0..INT_MAX and wrap, as Linux's next_posix_timer_id. */
#define POSIX_TIMER_ID_MAX	INT32_MAX

struct posix_timer {
	struct list_node proc_link;	/* on proc->posix_timers */
	struct list_node due_link;	/* on posix_timer_due while a signal is owed */
	struct process *proc;
	int id;
	int clockid;			/* REALTIME, MONOTONIC or BOOTTIME */
	int notify;			/* SIGEV_SIGNAL, SIGEV_NONE or SIGEV_THREAD_ID */
	int signo;
	int tid;			/* SIGEV_THREAD_ID's thread */
	union sigval value;
	uint32_t uid;			/* charged one RLIMIT_SIGPENDING unit */
	struct timer timer;		/* the tick's, while expires is set */
	unsigned pending;		/* arms of timer not run yet (see the top) */
	bool dead;			/* deleted: the last pending arm frees it */
	uint64_t expires;		/* monotonic ns of the next expiry; 0: disarmed */
	uint64_t interval;		/* ns; 0: one-shot */
	bool abs_realtime;		/* set with TIMER_ABSTIME on CLOCK_REALTIME */
	int64_t real_expires;		/* that absolute time, for a clock change */
	uint64_t due;			/* expirations not signalled yet */
	uint32_t gen;			/* timer_settime's: older signals are not ours */
	bool sig_queued;		/* our signal of this gen may still be queued */
	int32_t sig_overrun;		/* its si_overrun */
	int32_t overrun_last;		/* timer_getoverrun */
};

/* guards: see the top */
static struct spinlock posix_timer_lock = SPINLOCK_INIT("posix_timer_lock");
static struct list_node posix_timer_due = { &posix_timer_due, &posix_timer_due };
/* The sending thread sleeps here until posix_timer_due has work. */
static struct wait_queue posix_timer_wq = WAIT_QUEUE_INIT(posix_timer_wq);
/* guards: posix_timer_worker_started, the thread's creation */
static struct mutex posix_timer_worker_lock = MUTEX_INIT(posix_timer_worker_lock);
static bool posix_timer_worker_started;

static int32_t posix_timer_add_overrun(int32_t a, uint64_t b)
{
	uint64_t sum = (uint64_t)a + b;

	return sum > POSIX_TIMER_OVERRUN_MAX ? POSIX_TIMER_OVERRUN_MAX : (int32_t)sum;
}

/* ---- the tick's timer -------------------------------------------------- */

/* (Re)arms the tick timer at pt->expires, counting a new arm. posix_timer_lock held. */
static void posix_timer_arm(struct posix_timer *pt)
{
	/* Moved if still on the list; a new arm if not (or in flight). */
	if (!sched_timer_cancel(&pt->timer))
		pt->pending++;
	sched_timer_arm(&pt->timer, pt->expires);
}

/* Takes the tick timer off the list. posix_timer_lock held. */
static void posix_timer_disarm(struct posix_timer *pt)
{
	if (sched_timer_cancel(&pt->timer))
		pt->pending--;
}

/*
 * Counts the expirations due at now and moves expires past now (an
 * interval timer) or to 0 (a one-shot one); returns the count.
 */
static uint64_t posix_timer_forward(struct posix_timer *pt, uint64_t now)
{
	uint64_t periods;

	if (!pt->expires || now < pt->expires)
		return 0;
	if (!pt->interval) {
		pt->expires = 0;
		return 1;
	}
	periods = (now - pt->expires) / pt->interval + 1;
	pt->expires += periods * pt->interval;
	return periods;
}

/* The tick ran out a timer's time (interrupts off, from the tick). */
static void posix_timer_fire(struct timer *t)
{
	struct posix_timer *pt = container_of(t, struct posix_timer, timer);
	uint64_t flags = spin_lock_irqsave(&posix_timer_lock);
	uint64_t periods;

	pt->pending--;
	if (pt->dead) {
		bool last = pt->pending == 0;

		spin_unlock_irqrestore(&posix_timer_lock, flags);
		if (last)
			kfree(pt);
		return;
	}
	/* Re-set or disarmed since it was armed: nothing is due (then forward gives 0). */
	periods = posix_timer_forward(pt, time_monotonic_ns());
	if (periods) {
		pt->due += periods;
		if (!list_node_linked(&pt->due_link))
			list_add_tail(&posix_timer_due, &pt->due_link);
		wake_up(&posix_timer_wq);
		if (pt->expires)
			posix_timer_arm(pt);
	}
	spin_unlock_irqrestore(&posix_timer_lock, flags);
}

/* ---- sending ------------------------------------------------------------ */

/* Our signal of this generation in queue, or NULL. p's siglock held. */
static struct sigqueue_entry *posix_timer_find_queued(struct posix_timer *pt,
						      struct list_node *queue)
{
	struct list_node *pos;

	if (!queue->next)
		return NULL;	/* never set up: nothing was ever queued */
	list_for_each(pos, queue) {
		struct sigqueue_entry *e = list_entry(pos, struct sigqueue_entry, link);

		if (e->info.si_code == SI_TIMER && e->info.si_signo == pt->signo &&
		    e->info.f.timer.tid == pt->id &&
		    (uint32_t)e->info.f.timer.sys_private == pt->gen)
			return e;
	}
	return NULL;
}

/* The queued signal of pt, in the process's queue or any thread's. siglock held. */
static struct sigqueue_entry *posix_timer_queued(struct posix_timer *pt)
{
	struct process *p = pt->proc;
	struct sigqueue_entry *e = posix_timer_find_queued(pt, &p->shared_queue);
	struct list_node *pos;

	if (e)
		return e;
	list_for_each(pos, &p->threads) {
		e = posix_timer_find_queued(pt, &list_entry(pos, struct task, proc_link)->sig_queue);
		if (e)
			return e;
	}
	return NULL;
}

/*
 * Whether pt's last signal is still queued; a signal no longer queued was
 * delivered, and its si_overrun becomes timer_getoverrun's. Adds more to
 * a queued one's si_overrun. posix_timer_lock held.
 */
static bool posix_timer_still_queued(struct posix_timer *pt, uint64_t more)
{
	struct process *p = pt->proc;
	struct sigqueue_entry *e = NULL;
	uint64_t flags;

	if (!pt->sig_queued || !p->sighand)
		return false;
	flags = signal_lock_irqsave(p);
	e = posix_timer_queued(pt);
	if (e && more) {
		e->info.f.timer.overrun = posix_timer_add_overrun(e->info.f.timer.overrun, more);
		pt->sig_overrun = e->info.f.timer.overrun;
	}
	signal_unlock_irqrestore(p, flags);
	if (!e) {
		pt->overrun_last = pt->sig_overrun;
		pt->sig_queued = false;
	}
	return e != NULL;
}

/* Sends what pt owes. tasklist_lock and posix_timer_lock held. */
static void posix_timer_send(struct posix_timer *pt)
{
	struct process *p = pt->proc;
	uint64_t due = pt->due;
	struct siginfo info;
	int err;

	pt->due = 0;
	if (!due || pt->notify == SIGEV_NONE || p->state != PROCESS_ALIVE)
		return;
	if (posix_timer_still_queued(pt, due))
		return;
	memset(&info, 0, sizeof(info));
	info.si_signo = pt->signo;
	info.si_code = SI_TIMER;
	info.f.timer.tid = pt->id;
	info.f.timer.overrun = posix_timer_add_overrun(0, due - 1);
	info.f.timer.value = pt->value;
	info.f.timer.sys_private = (int32_t)pt->gen;
	if (pt->notify == SIGEV_THREAD_ID) {
		struct task *t = process_find_thread_locked(pt->tid);

		/* The thread is gone: Linux's send fails and the timer stops. */
		err = t && t->proc == p ? signal_send_thread_locked(t, pt->signo, &info) : -ESRCH;
		if (err) {
			posix_timer_disarm(pt);
			pt->expires = 0;
			return;
		}
	} else {
		err = signal_send_process_locked(p, pt->signo, &info);
	}
	if (!err) {
		pt->sig_queued = true;
		pt->sig_overrun = info.f.timer.overrun;
	}
}

/* The "posixtimer" thread: sends the signals the tick found due. */
static int posix_timer_worker(void *arg __unused)
{
	for (;;) {
		uint64_t flags = spin_lock_irqsave(&posix_timer_lock);

		while (list_empty(&posix_timer_due))
			wait_block_lock(&posix_timer_wq, 0, &posix_timer_lock);
		spin_unlock_irqrestore(&posix_timer_lock, flags);
		spin_lock(&tasklist_lock);
		flags = spin_lock_irqsave(&posix_timer_lock);
		while (!list_empty(&posix_timer_due)) {
			struct posix_timer *pt = list_first_entry(&posix_timer_due,
								  struct posix_timer, due_link);

			list_del(&pt->due_link);
			posix_timer_send(pt);
		}
		spin_unlock_irqrestore(&posix_timer_lock, flags);
		spin_unlock(&tasklist_lock);
	}
	return 0;
}

static int posix_timer_worker_start(void)
{
	struct task *t;
	int err = 0;

	mutex_lock(&posix_timer_worker_lock);
	if (!posix_timer_worker_started) {
		t = kthread_create(posix_timer_worker, NULL, "posixtimer");
		if (t) {
			kthread_detach(t);
			posix_timer_worker_started = true;
		} else {
			err = -EAGAIN;	/* timer_create(2): "temporary" lack of resources */
		}
	}
	mutex_unlock(&posix_timer_worker_lock);
	return err;
}

/* ---- the timers of a process -------------------------------------------- */

static struct list_node *posix_timer_list(struct process *p)
{
	if (!p->posix_timers.next)
		list_init(&p->posix_timers);	/* a zeroed process: set up on first use */
	return &p->posix_timers;
}

/* p's timer id, or NULL. posix_timer_lock held. */
static struct posix_timer *posix_timer_find(struct process *p, int id)
{
	struct list_node *pos;

	list_for_each(pos, posix_timer_list(p)) {
		struct posix_timer *pt = list_entry(pos, struct posix_timer, proc_link);

		if (pt->id == id)
			return pt;
	}
	return NULL;
}

/* The next free id of p, as Linux's posix_timer_add. posix_timer_lock held. */
static int posix_timer_new_id(struct process *p)
{
	for (int tries = 0; tries <= POSIX_TIMER_ID_MAX; tries++) {
		int id = p->posix_timer_next_id;

		p->posix_timer_next_id = id == POSIX_TIMER_ID_MAX ? 0 : id + 1;
		if (!posix_timer_find(p, id))
			return id;
	}
	return -EAGAIN;
}

/* Unlinks and frees pt (or leaves it to its last pending arm). posix_timer_lock held. */
static void posix_timer_destroy(struct posix_timer *pt)
{
	posix_timer_disarm(pt);
	list_del(&pt->proc_link);
	if (list_node_linked(&pt->due_link))
		list_del(&pt->due_link);
	sigpending_uncharge(pt->uid);
	pt->dead = true;
	if (!pt->pending)
		kfree(pt);
}

void posix_timers_exit(struct process *p)
{
	uint64_t flags = spin_lock_irqsave(&posix_timer_lock);
	struct list_node *head = posix_timer_list(p);

	while (!list_empty(head))
		posix_timer_destroy(list_first_entry(head, struct posix_timer, proc_link));
	spin_unlock_irqrestore(&posix_timer_lock, flags);
}

/* ---- the system calls ----------------------------------------------------- */

/*
 * The base clock of a timer on clockid, or an errno as Linux's
 * do_timer_create: EINVAL for no such clock, EOPNOTSUPP for a clock
 * without timers, EPERM for the alarm clocks without CAP_WAKE_ALARM.
 */
static int posix_timer_clock(int clockid)
{
	switch (clockid) {
	case CLOCK_REALTIME:
	case CLOCK_MONOTONIC:
	case CLOCK_BOOTTIME:
		return clockid;
	case CLOCK_REALTIME_ALARM:
	case CLOCK_BOOTTIME_ALARM:
		if (process_current()->cred.euid != 0)
			return -EPERM;
		return clockid == CLOCK_REALTIME_ALARM ? CLOCK_REALTIME : CLOCK_BOOTTIME;
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC_COARSE:
		return -EOPNOTSUPP;
	default:
		/* The CPU-time clocks, TAI and unknown ids (see the top). */
		return -EINVAL;
	}
}

/* Linux's good_sigevent: what the event asks is possible. tasklist_lock held. */
static int posix_timer_check_event(const struct sigevent *ev)
{
	struct task *t;

	switch (ev->sigev_notify) {
	case SIGEV_NONE:
		return 0;
	case SIGEV_THREAD_ID:
		/* A thread of the caller's own process (Linux's same_thread_group). */
		t = process_find_thread_locked(ev->un.tid);
		if (!t || t->proc != process_current())
			return -EINVAL;
		break;
	case SIGEV_SIGNAL:
	case SIGEV_THREAD:
		break;
	default:
		return -EINVAL;
	}
	return ev->sigev_signo <= 0 || ev->sigev_signo > NSIG ? -EINVAL : 0;
}

SYSCALL_DEFINE3(timer_create, int, which_clock, struct sigevent __user *, uevent,
		int __user *, created_timer_id)
{
	struct process *p = process_current();
	struct sigevent ev;
	struct posix_timer *pt;
	uint64_t flags;
	int clock, err, id;

	if (uevent && copy_from_user(&ev, uevent, sizeof(ev)))
		return -EFAULT;
	clock = posix_timer_clock(which_clock);
	if (clock < 0)
		return clock;
	err = posix_timer_worker_start();
	if (err)
		return err;
	pt = kzalloc(sizeof(*pt));
	if (!pt)
		return -EAGAIN;
	pt->uid = p->cred.uid;
	if (!sigpending_charge(pt->uid, p->rlim[RLIMIT_SIGPENDING].rlim_cur, false)) {
		kfree(pt);
		return -EAGAIN;
	}
	timer_init(&pt->timer, posix_timer_fire, pt);
	list_init(&pt->due_link);
	pt->proc = p;
	pt->clockid = clock;
	if (uevent) {
		spin_lock(&tasklist_lock);
		err = posix_timer_check_event(&ev);
		spin_unlock(&tasklist_lock);
		pt->notify = ev.sigev_notify == SIGEV_THREAD ? SIGEV_SIGNAL : ev.sigev_notify;
		pt->signo = ev.sigev_signo;
		pt->value = ev.sigev_value;
		pt->tid = ev.un.tid;
	} else {
		pt->notify = SIGEV_SIGNAL;
		pt->signo = SIGALRM;
	}
	flags = spin_lock_irqsave(&posix_timer_lock);
	id = err ? err : posix_timer_new_id(p);
	if (id >= 0) {
		pt->id = id;
		if (!uevent)
			pt->value.sival_int = id;	/* Linux: the id is the default value */
		list_add_tail(posix_timer_list(p), &pt->proc_link);
	}
	spin_unlock_irqrestore(&posix_timer_lock, flags);
	if (id < 0) {
		sigpending_uncharge(pt->uid);
		kfree(pt);
		return id;
	}
	if (copy_to_user(created_timer_id, &id, sizeof(id))) {
		flags = spin_lock_irqsave(&posix_timer_lock);
		posix_timer_destroy(pt);
		spin_unlock_irqrestore(&posix_timer_lock, flags);
		return -EFAULT;
	}
	return 0;
}

static struct timespec posix_timer_ts(uint64_t ns)
{
	return timespec_from_ns((int64_t)ns);
}

/* timer_gettime's answer. posix_timer_lock held. */
static void posix_timer_get(struct posix_timer *pt, struct itimerspec *cur)
{
	uint64_t now = time_monotonic_ns(), left = 0;

	/* SIGEV_NONE never arms: its time is counted on reading (Linux's sig_none). */
	if (pt->notify == SIGEV_NONE)
		posix_timer_forward(pt, now);
	if (pt->expires) {
		/* Due but not yet run by the tick: Linux says 1 ns for such a timer. */
		left = pt->expires > now ? pt->expires - now : 1;
	}
	cur->it_interval = posix_timer_ts(pt->interval);
	cur->it_value = posix_timer_ts(left);
}

/*
 * Converts a valid it_value to a monotonic deadline (0: already due, to
 * fire at the next tick).
 */
static uint64_t posix_timer_deadline(int clock, bool abs, const struct timespec *v,
				     bool *abs_realtime, int64_t *real)
{
	int64_t ns = timespec_to_ns(v);
	uint64_t now = time_monotonic_ns(), deadline;

	*abs_realtime = abs && clock == CLOCK_REALTIME;
	*real = ns;
	if (!abs)
		return (uint64_t)ns > UINT64_MAX - now ? UINT64_MAX : now + (uint64_t)ns;
	time_clock_deadline(clock, ns, &deadline);
	return deadline ? deadline : now;
}

SYSCALL_DEFINE4(timer_settime, int, timer_id, int, tflags,
		const struct itimerspec __user *, unew, struct itimerspec __user *, uold)
{
	struct process *p = process_current();
	struct itimerspec nv, old;
	struct posix_timer *pt;
	uint64_t flags;

	if (!unew)
		return -EINVAL;
	if (copy_from_user(&nv, unew, sizeof(nv)))
		return -EFAULT;
	if (!timespec_valid(&nv.it_interval) || !timespec_valid(&nv.it_value))
		return -EINVAL;
	memset(&old, 0, sizeof(old));
	flags = spin_lock_irqsave(&posix_timer_lock);
	pt = posix_timer_find(p, timer_id);
	if (!pt) {
		spin_unlock_irqrestore(&posix_timer_lock, flags);
		return -EINVAL;
	}
	posix_timer_get(pt, &old);
	/* Linux's common_timer_set: the old expiry, overruns and owed signals go. */
	posix_timer_disarm(pt);
	pt->expires = 0;
	pt->interval = 0;
	pt->due = 0;
	pt->gen++;
	pt->sig_queued = false;
	pt->overrun_last = 0;
	pt->abs_realtime = false;
	if (list_node_linked(&pt->due_link))
		list_del(&pt->due_link);
	if (nv.it_value.tv_sec || nv.it_value.tv_nsec) {
		pt->interval = (uint64_t)timespec_to_ns(&nv.it_interval);
		pt->expires = posix_timer_deadline(pt->clockid, tflags & TIMER_ABSTIME, &nv.it_value,
						   &pt->abs_realtime, &pt->real_expires);
		if (pt->notify != SIGEV_NONE)
			posix_timer_arm(pt);
	}
	spin_unlock_irqrestore(&posix_timer_lock, flags);
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(timer_gettime, int, timer_id, struct itimerspec __user *, ucur)
{
	struct posix_timer *pt;
	struct itimerspec cur;
	uint64_t flags = spin_lock_irqsave(&posix_timer_lock);

	pt = posix_timer_find(process_current(), timer_id);
	if (pt)
		posix_timer_get(pt, &cur);
	spin_unlock_irqrestore(&posix_timer_lock, flags);
	if (!pt)
		return -EINVAL;
	return copy_to_user(ucur, &cur, sizeof(cur)) ? -EFAULT : 0;
}

SYSCALL_DEFINE1(timer_getoverrun, int, timer_id)
{
	struct posix_timer *pt;
	uint64_t flags = spin_lock_irqsave(&posix_timer_lock);
	long ret = -EINVAL;

	pt = posix_timer_find(process_current(), timer_id);
	if (pt) {
		posix_timer_still_queued(pt, 0);
		ret = pt->overrun_last;
	}
	spin_unlock_irqrestore(&posix_timer_lock, flags);
	return ret;
}

SYSCALL_DEFINE1(timer_delete, int, timer_id)
{
	struct posix_timer *pt;
	uint64_t flags = spin_lock_irqsave(&posix_timer_lock);

	pt = posix_timer_find(process_current(), timer_id);
	if (pt)
		posix_timer_destroy(pt);
	spin_unlock_irqrestore(&posix_timer_lock, flags);
	return pt ? 0 : -EINVAL;
}

/* ---- the realtime clock was set ---------------------------------------------- */

struct posix_timer_clock_walk {
	int64_t delta_ns;	/* new realtime - old realtime */
};

static int posix_timer_clock_one(struct process *p, void *arg)
{
	struct posix_timer_clock_walk *w = arg;
	struct list_node *pos;

	if (!p->posix_timers.next)
		return 0;
	list_for_each(pos, &p->posix_timers) {
		struct posix_timer *pt = list_entry(pos, struct posix_timer, proc_link);
		uint64_t now = time_monotonic_ns();
		int64_t shifted;

		if (!pt->abs_realtime || !pt->expires)
			continue;
		/* The same wall time is now delta_ns nearer (or farther). */
		shifted = (int64_t)pt->expires - w->delta_ns;
		pt->expires = shifted > (int64_t)now ? (uint64_t)shifted : now;
		if (pt->notify != SIGEV_NONE)
			posix_timer_arm(pt);
	}
	return 0;
}

void posix_timers_clock_was_set(int64_t delta_ns)
{
	struct posix_timer_clock_walk w = { .delta_ns = delta_ns };
	uint64_t flags;

	spin_lock(&tasklist_lock);
	flags = spin_lock_irqsave(&posix_timer_lock);
	process_for_each_locked(posix_timer_clock_one, &w);
	spin_unlock_irqrestore(&posix_timer_lock, flags);
	spin_unlock(&tasklist_lock);
}
