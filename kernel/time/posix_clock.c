/*
 * posix_clock.c: the clock ids of clock_gettime(2) (see sys_time.h for
 * what each one is on Basalt).
 *
 * Locking: the clocks read hardware counters and fields that only their
 * owner changes; the CPU-time sum walks the process's thread list under
 * its siglock (process.h: proc_link changes under tasklist_lock and the
 * siglock, and a thread exit folds its ticks into utime_ticks under both).
 */
#include <time/sys_time.h>
#include <time/time.h>
#include <asm/cpu.h>
#include <asm/vdso.h>
#include <drivers/rtc/rtc.h>
#include <proc/process.h>
#include <proc/task.h>
#include <signal/signal.h>
#include <uapi/errno.h>

/*
 * hrtimer resolution Linux reports for its high-resolution clocks; our
 * clock source counts in ~10 ns steps (HPET) or finer (TSC), and a
 * wait_block deadline is honoured to the tick, but clock_getres(2)
 * describes the reading, which is nanosecond-granular.
 */
#define TIME_HIRES_NS		1

/* What clock_settime(2) and friends moved the realtime clock by (clock_set.c); atomic. */
static int64_t time_realtime_shift_ns;

int64_t time_realtime_ns(void)
{
	/*
	 * The RTC was read once, at boot, right after the monotonic clock
	 * started (kmain: time_init then rtc_init), with one second of
	 * resolution; the monotonic origin is within that second.
	 */
	return rtc_boot_unix_time() * (int64_t)NSEC_PER_SEC +
	       (int64_t)time_monotonic_ns() +
	       __atomic_load_n(&time_realtime_shift_ns, __ATOMIC_RELAXED);
}

void time_realtime_shift(int64_t delta_ns)
{
	__atomic_add_fetch(&time_realtime_shift_ns, delta_ns, __ATOMIC_RELAXED);
	vdso_clock_was_set();
}

static int64_t time_coarse(int64_t ns)
{
	return ns - ns % (int64_t)TIME_TICK_NS;
}

/* Ticks the running thread, and its whole process, have been charged. */
static uint64_t time_thread_ticks(void)
{
	return task_current()->runtime_ticks;
}

static uint64_t time_process_ticks(void)
{
	struct task *self = task_current();
	struct process *p = self->proc;
	struct list_node *n;
	uint64_t flags, ticks;

	/* A kernel thread (or the pre-process user path) is its own process. */
	if (!p)
		return self->runtime_ticks;
	flags = signal_lock_irqsave(p);
	ticks = p->utime_ticks + p->stime_ticks;
	list_for_each(n, &p->threads)
		ticks += list_entry(n, struct task, proc_link)->runtime_ticks;
	signal_unlock_irqrestore(p, flags);
	return ticks;
}

/*
 * Negative ids name the CPU clock of a process or thread
 * (clock_getcpuclockid(3), pthread_getcpuclockid(3)); Linux encodes
 * them as (~pid << 3) | (thread ? 4 : 0) | type, type 0 PROF, 1 VIRT,
 * 2 SCHED (3 is invalid). Only the caller's own process and thread can
 * be found here (pid 0 means the caller); other ids are -EINVAL, as
 * Linux says for a pid that does not exist.
 */
#define CPUCLOCK_TYPE_MASK	3
#define CPUCLOCK_TYPE_MAX	2
#define CPUCLOCK_PERTHREAD	4
#define CPUCLOCK_PID_SHIFT	3

static int time_cpuclock_decode(int64_t clockid, int64_t *mapped)
{
	int64_t pid = ~(clockid >> CPUCLOCK_PID_SHIFT);
	bool thread = clockid & CPUCLOCK_PERTHREAD;
	struct task *self = task_current();

	if ((clockid & CPUCLOCK_TYPE_MASK) > CPUCLOCK_TYPE_MAX)
		return -EINVAL;
	if (thread) {
		if (pid != 0 && pid != self->tid)
			return -EINVAL;
		*mapped = CLOCK_THREAD_CPUTIME_ID;
		return 0;
	}
	if (pid != 0 && !(self->proc && pid == self->proc->pid) && pid != self->tid)
		return -EINVAL;
	*mapped = CLOCK_PROCESS_CPUTIME_ID;
	return 0;
}

int time_clock_read(int64_t clockid, int64_t *ns)
{
	if (clockid < 0) {
		int err = time_cpuclock_decode(clockid, &clockid);

		if (err)
			return err;
	}
	switch (clockid) {
	case CLOCK_REALTIME:
		*ns = time_realtime_ns();
		return 0;
	case CLOCK_REALTIME_COARSE:
		/* The last tick's, as the vDSO reads it (asm/vdso.h). */
		if (!vdso_coarse_ns(true, ns))
			*ns = time_coarse(time_realtime_ns());
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_BOOTTIME:
		*ns = (int64_t)time_monotonic_ns();
		return 0;
	case CLOCK_MONOTONIC_COARSE:
		if (!vdso_coarse_ns(false, ns))
			*ns = time_coarse((int64_t)time_monotonic_ns());
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID:
		*ns = (int64_t)(time_process_ticks() * TIME_TICK_NS);
		return 0;
	case CLOCK_THREAD_CPUTIME_ID:
		*ns = (int64_t)(time_thread_ticks() * TIME_TICK_NS);
		return 0;
	default:
		/*
		 * The alarm clocks and TAI are not kept: Linux says EINVAL
		 * for ids it does not know.
		 */
		return -EINVAL;
	}
}

int time_clock_res(int64_t clockid, int64_t *ns)
{
	if (clockid < 0) {
		int err = time_cpuclock_decode(clockid, &clockid);

		if (err)
			return err;
	}
	switch (clockid) {
	case CLOCK_REALTIME:
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_BOOTTIME:
		*ns = TIME_HIRES_NS;
		return 0;
	case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		*ns = (int64_t)TIME_TICK_NS;
		return 0;
	default:
		return -EINVAL;
	}
}

int time_clock_deadline(int64_t clockid, int64_t abs_ns, uint64_t *deadline)
{
	int64_t now;
	uint64_t mono = time_monotonic_ns();

	switch (clockid) {
	case CLOCK_MONOTONIC:
	case CLOCK_BOOTTIME:
		*deadline = abs_ns > (int64_t)mono ? (uint64_t)abs_ns : 0;
		return 0;
	case CLOCK_REALTIME:
		now = time_realtime_ns();
		if (abs_ns <= now)
			*deadline = 0;
		else if ((uint64_t)(abs_ns - now) > UINT64_MAX - mono)
			*deadline = UINT64_MAX;
		else
			*deadline = mono + (uint64_t)(abs_ns - now);
		return 0;
	default:
		return -EINVAL;
	}
}
