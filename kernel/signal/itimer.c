/*
 * itimer.c: alarm(2), setitimer(2) and getitimer(2).
 *
 * ITIMER_REAL is a timer on the tick's list (sched/timer.h) that sends
 * SIGALRM and re-arms itself with the interval; resolution one tick.
 * ITIMER_VIRTUAL and ITIMER_PROF count CPU time in whole ticks: each
 * tick that finds a thread of the process running (in ring 3 for
 * VIRTUAL) charges a full tick, as signal_itimer_tick is told by the
 * scheduler's tick. That is the approximation: a tick is charged to
 * whoever it interrupts, not the time actually used.
 *
 * Locking: the fields in struct process under its siglock (the
 * tick reads and re-arms them).
 */
#include <asm/cpu.h>
#include <basalt/string.h>
#include <basalt/syscalls.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <signal/internal.h>
#include <signal/posix_timer.h>
#include <time/time.h>
#include <uapi/errno.h>
#include <uapi/itimer.h>
#include <user/user.h>

#define ITIMER_TICK_NS		(NSEC_PER_SEC / TIME_HZ)
#define ITIMER_CPU_VIRTUAL	0	/* index in itimer_cpu_*_ns */
#define ITIMER_CPU_PROF		1
/*
 * Linux caps itimer seconds so the sum fits; a value this large is
 * "forever" anyway (about 292 years in nanoseconds).
 */
#define ITIMER_MAX_SEC		((int64_t)(UINT64_MAX / NSEC_PER_SEC / 2))

/* The tick ran a process's ITIMER_REAL: SIGALRM, then the next period. */
static void itimer_real_fire(struct timer *timer)
{
	struct process *p = timer->data;
	struct siginfo info;

	memset(&info, 0, sizeof(info));
	info.si_signo = SIGALRM;
	info.si_code = SI_KERNEL;
	if (p->state != PROCESS_ALIVE)
		return;
	signal_send_process(p, SIGALRM, &info);
	if (p->itimer_real_interval_ns) {
		uint64_t now = time_monotonic_ns();
		uint64_t next = timer->expires_ns + p->itimer_real_interval_ns;

		/* Missed periods (a long tick gap) are not made up in a burst. */
		sched_timer_arm(timer, next > now ? next : now + p->itimer_real_interval_ns);
	}
}

/* A process from a zeroed allocation gets its timer set up on first use. */
static void itimer_real_init(struct process *p)
{
	if (p->itimer_real.fn != itimer_real_fire)
		timer_init(&p->itimer_real, itimer_real_fire, p);
}

void signal_process_exit(struct process *p)
{
	uint64_t flags = signal_lock_irqsave(p);

	if (p->itimer_real.fn == itimer_real_fire)
		sched_timer_cancel(&p->itimer_real);
	p->itimer_real_interval_ns = 0;
	memset(p->itimer_cpu_left_ns, 0, sizeof(p->itimer_cpu_left_ns));
	signal_unlock_irqrestore(p, flags);
	signal_flush_queue(p, &p->shared_queue, &p->shared_pending);
	posix_timers_exit(p);
}

void signal_itimer_tick(struct task *t, bool user_mode)
{
	static const int itimer_cpu_sig[2] = { SIGVTALRM, SIGPROF };
	struct process *p = t->proc;

	if (!p || p->state != PROCESS_ALIVE)
		return;
	for (int i = 0; i < 2; i++) {
		uint64_t *left = &p->itimer_cpu_left_ns[i];

		if (!*left || (i == ITIMER_CPU_VIRTUAL && !user_mode))
			continue;
		if (*left > ITIMER_TICK_NS) {
			*left -= ITIMER_TICK_NS;
			continue;
		}
		*left = p->itimer_cpu_interval_ns[i];
		signal_send_process(p, itimer_cpu_sig[i], NULL);
	}
}

static int itimer_to_ns(const struct itimer_timeval *tv, uint64_t *ns)
{
	if (tv->tv_sec < 0 || tv->tv_usec < 0 || tv->tv_usec >= (int64_t)USEC_PER_SEC)
		return -EINVAL;
	if (tv->tv_sec > ITIMER_MAX_SEC) {
		*ns = (uint64_t)ITIMER_MAX_SEC * NSEC_PER_SEC;
		return 0;
	}
	*ns = (uint64_t)tv->tv_sec * NSEC_PER_SEC + (uint64_t)tv->tv_usec * NSEC_PER_USEC;
	return 0;
}

static void itimer_from_ns(uint64_t ns, struct itimer_timeval *tv)
{
	tv->tv_sec = (int64_t)(ns / NSEC_PER_SEC);
	/* Rounded up: a timer with time left never reads as 0 (disarmed). */
	tv->tv_usec = (int64_t)((ns % NSEC_PER_SEC + NSEC_PER_USEC - 1) / NSEC_PER_USEC);
	if (tv->tv_usec == (int64_t)USEC_PER_SEC) {
		tv->tv_sec++;
		tv->tv_usec = 0;
	}
}

/* The current value and interval of timer which, in ns. p's siglock held. */
static void itimer_read(struct process *p, int which, uint64_t *value, uint64_t *interval)
{
	if (which == ITIMER_REAL) {
		uint64_t now = time_monotonic_ns();

		itimer_real_init(p);
		*value = 0;
		if (timer_armed(&p->itimer_real))
			*value = p->itimer_real.expires_ns > now ?
				 p->itimer_real.expires_ns - now : 1;
		*interval = p->itimer_real_interval_ns;
	} else {
		*value = p->itimer_cpu_left_ns[which - 1];
		*interval = p->itimer_cpu_interval_ns[which - 1];
	}
}

/* Arms (value != 0) or disarms timer which. p's siglock held. */
static void itimer_write(struct process *p, int which, uint64_t value, uint64_t interval)
{
	if (which == ITIMER_REAL) {
		itimer_real_init(p);
		sched_timer_cancel(&p->itimer_real);
		p->itimer_real_interval_ns = value ? interval : 0;
		if (value)
			sched_timer_arm(&p->itimer_real, time_monotonic_ns() + value);
	} else {
		p->itimer_cpu_left_ns[which - 1] = value;
		p->itimer_cpu_interval_ns[which - 1] = value ? interval : 0;
	}
}

static bool itimer_which_ok(int which)
{
	return which == ITIMER_REAL || which == ITIMER_VIRTUAL || which == ITIMER_PROF;
}

/* getitimer(2) */
SYSCALL_DEFINE2(getitimer, int, which, struct itimerval __user *, uval)
{
	struct process *p = process_current();
	struct itimerval it;
	uint64_t value, interval, flags;

	if (!p)
		return -ENOSYS;
	if (!itimer_which_ok(which))
		return -EINVAL;
	flags = signal_lock_irqsave(p);
	itimer_read(p, which, &value, &interval);
	signal_unlock_irqrestore(p, flags);
	itimer_from_ns(value, &it.it_value);
	itimer_from_ns(interval, &it.it_interval);
	return copy_to_user(uval, &it, sizeof(it)) ? -EFAULT : 0;
}

/* setitimer(2) */
SYSCALL_DEFINE3(setitimer, int, which, const struct itimerval __user *, unew,
		struct itimerval __user *, uold)
{
	struct process *p = process_current();
	struct itimerval it, old;
	uint64_t value, interval, old_value, old_interval, flags;

	if (!p)
		return -ENOSYS;
	if (!itimer_which_ok(which))
		return -EINVAL;
	/* A NULL new value is EFAULT, as Linux since 5.4 (setitimer(2)). */
	if (copy_from_user(&it, unew, sizeof(it)))
		return -EFAULT;
	if (itimer_to_ns(&it.it_value, &value) || itimer_to_ns(&it.it_interval, &interval))
		return -EINVAL;
	flags = signal_lock_irqsave(p);
	itimer_read(p, which, &old_value, &old_interval);
	itimer_write(p, which, value, interval);
	signal_unlock_irqrestore(p, flags);
	if (uold) {
		itimer_from_ns(old_value, &old.it_value);
		itimer_from_ns(old_interval, &old.it_interval);
		if (copy_to_user(uold, &old, sizeof(old)))
			return -EFAULT;
	}
	return 0;
}

/*
 * alarm(2): ITIMER_REAL one-shot in seconds; returns the seconds that
 * were left, rounded to the nearest, but at least 1 if any time was
 * left (as Linux), 0 if none.
 */
long itimer_alarm(unsigned int secs)
{
	struct process *p = process_current();
	uint64_t old_value, old_interval, flags, left;

	if (!p)
		return -ENOSYS;
	flags = signal_lock_irqsave(p);
	itimer_read(p, ITIMER_REAL, &old_value, &old_interval);
	itimer_write(p, ITIMER_REAL, (uint64_t)secs * NSEC_PER_SEC, 0);
	signal_unlock_irqrestore(p, flags);
	if (!old_value)
		return 0;
	left = (old_value + NSEC_PER_SEC / 2) / NSEC_PER_SEC;
	return (long)(left ? left : 1);
}

SYSCALL_DEFINE1(alarm, unsigned int, seconds)
{
	return itimer_alarm(seconds);
}
