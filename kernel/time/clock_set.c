/*
 * clock_set.c: setting the realtime clock, root's business (CAP_SYS_TIME:
 * euid 0): clock_settime(2) (CLOCK_REALTIME; the other clocks cannot be
 * set), settimeofday(2) with its time zone, and the basics of
 * adjtimex(2)/clock_adjtime(2), as Linux 6.1's kernel/time/time.c,
 * posix-timers.c and ntp.c.
 *
 * The realtime clock is the boot-time RTC reading plus the monotonic
 * clock plus a shift (posix_clock.c); setting it changes the shift, so
 * gettimeofday, clock_gettime, time(2), file times and the timers set
 * afterwards all see the new time, and POSIX timers armed at an absolute
 * CLOCK_REALTIME time are moved to expire at that wall time still
 * (posix_timers_clock_was_set, and timerfds: timerfd_clock_was_set,
 * which also cancels those set with TFD_TIMER_CANCEL_ON_SET), as Linux's
 * clock_was_set does.
 *
 * adjtimex: reading the state; ADJ_SETOFFSET (a step, as clock_settime);
 * ADJ_STATUS, ADJ_MAXERROR, ADJ_ESTERROR, ADJ_TIMECONST, ADJ_NANO and
 * ADJ_MICRO are kept and reported as Linux keeps them. Not done: the
 * clock discipline itself (ADJ_OFFSET, ADJ_FREQUENCY, ADJ_TICK, adjtime's
 * ADJ_OFFSET_SINGLESHOT, ADJ_TAI): EINVAL, since Basalt cannot slew its
 * clock; maxerror does not grow by 500 us/s as Linux's second_overflow
 * makes it, and STA_INS/STA_DEL insert no leap second.
 *
 * Locking: time_set_lock (a mutex) guards the read-modify-write of the
 * shift and the adjtimex state; time_tz_lock (a spinlock) the time zone,
 * which gettimeofday reads.
 */
#include <basalt/string.h>
#include <basalt/syscalls.h>
#include <fs/timerfd.h>
#include <proc/process.h>
#include <sched/mutex.h>
#include <sched/spinlock.h>
#include <signal/posix_timer.h>
#include <time/sys_time.h>
#include <time/time.h>
#include <uapi/errno.h>
#include <uapi/time.h>
#include <uapi/timex.h>
#include <user/user.h>

/*
 * Linux's TIME_SETTOD_SEC_MAX: KTIME_SEC_MAX less 30 years of uptime,
 * the latest time settimeofday accepts (timespec64_valid_settod).
 */
#define CLOCK_SET_SEC_MAX	(9223372036LL - 30LL * 365 * 24 * 3600)
/* settimeofday(2): the time zone is within 15 hours of UTC. */
#define CLOCK_TZ_MINUTES_MAX	(15 * 60)
/* ntp.c's defaults: NTP_PHASE_LIMIT (us), the PLL constant, its bound MAXTC. */
#define NTP_PHASE_LIMIT		16000000LL
#define NTP_CONSTANT_DEFAULT	2
#define NTP_MAXTC		10
#define NTP_CONSTANT_US_BIAS	4	/* added to a time constant given in us mode */
/* MAXFREQ_SCALED / PPM_SCALE: 500 ppm in ppm << 16, what tolerance reports. */
#define NTP_TOLERANCE		32768000LL
#define NTP_PRECISION_US	1
/* USEC_PER_SEC / USER_HZ: tick_usec with Linux's USER_HZ of 100. */
#define NTP_TICK_USEC		10000LL
/* adjtimex's modes that only read (Linux's ADJ_ADJTIME, ADJ_OFFSET_READONLY). */
#define ADJ_ADJTIME		0x8000
#define ADJ_OFFSET_READONLY	0x2000
/* What Basalt keeps (see the top); the other modes are EINVAL. */
#define ADJ_KEPT		(ADJ_STATUS | ADJ_MAXERROR | ADJ_ESTERROR | ADJ_TIMECONST | \
				 ADJ_SETOFFSET | ADJ_NANO | ADJ_MICRO)

static int64_t clock_clamp(int64_t v, int64_t lo, int64_t hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* guards: the shift's changes (with the timers' move), ntp_* below */
static struct mutex time_set_lock = MUTEX_INIT(time_set_lock);
static int32_t ntp_status = STA_UNSYNC;
static int64_t ntp_maxerror = NTP_PHASE_LIMIT;
static int64_t ntp_esterror = NTP_PHASE_LIMIT;
static int64_t ntp_constant = NTP_CONSTANT_DEFAULT;

/* guards: time_tz */
static struct spinlock time_tz_lock = SPINLOCK_INIT("time_tz_lock");
static struct timezone time_tz;

struct timezone time_get_timezone(void)
{
	uint64_t flags = spin_lock_irqsave(&time_tz_lock);
	struct timezone tz = time_tz;

	spin_unlock_irqrestore(&time_tz_lock, flags);
	return tz;
}

static bool clock_may_set(void)
{
	struct process *p = process_current();

	return !p || p->cred.euid == 0;
}

/* Linux's timespec64_valid_settod. */
static bool clock_settod_valid(const struct timespec *ts)
{
	return timespec_valid(ts) && ts->tv_sec < CLOCK_SET_SEC_MAX;
}

/* Moves the realtime clock by delta_ns and the timers with it. time_set_lock held. */
static void clock_step_locked(int64_t delta_ns)
{
	time_realtime_shift(delta_ns);
	posix_timers_clock_was_set(delta_ns);
	timerfd_clock_was_set(delta_ns);
}

/* Sets the realtime clock to ts (valid). */
static void clock_set_realtime(const struct timespec *ts)
{
	mutex_lock(&time_set_lock);
	clock_step_locked(timespec_to_ns(ts) - time_realtime_ns());
	mutex_unlock(&time_set_lock);
}

SYSCALL_DEFINE2(clock_settime, int, which_clock, const struct timespec __user *, utp)
{
	struct timespec ts;

	/*
	 * Linux's order: a clock that cannot be set, the copy, the time, the
	 * permission. Only CLOCK_REALTIME can be set; Linux 6.1 says EINVAL
	 * for the CPU-time clocks too (measured under Debian's kernel).
	 */
	if (which_clock != CLOCK_REALTIME)
		return -EINVAL;
	if (copy_from_user(&ts, utp, sizeof(ts)))
		return -EFAULT;
	if (!clock_settod_valid(&ts))
		return -EINVAL;
	if (!clock_may_set())
		return -EPERM;
	clock_set_realtime(&ts);
	return 0;
}

SYSCALL_DEFINE2(settimeofday, const struct timeval __user *, utv,
		const struct timezone __user *, utz)
{
	struct timespec ts = { 0, 0 };
	struct timeval tv;
	struct timezone tz;
	uint64_t flags;

	if (utv) {
		if (copy_from_user(&tv, utv, sizeof(tv)))
			return -EFAULT;
		/* tv_usec 1000000 passes here and fails as 1e9 ns below, as Linux. */
		if (tv.tv_usec > (int64_t)USEC_PER_SEC || tv.tv_usec < 0)
			return -EINVAL;
		ts.tv_sec = tv.tv_sec;
		ts.tv_nsec = tv.tv_usec * (int64_t)NSEC_PER_USEC;
	}
	if (utz && copy_from_user(&tz, utz, sizeof(tz)))
		return -EFAULT;
	/* do_sys_settimeofday64: the time, the permission, the zone. */
	if (utv && !clock_settod_valid(&ts))
		return -EINVAL;
	if (!clock_may_set())
		return -EPERM;
	if (utz) {
		if (tz.tz_minuteswest > CLOCK_TZ_MINUTES_MAX ||
		    tz.tz_minuteswest < -CLOCK_TZ_MINUTES_MAX)
			return -EINVAL;
		flags = spin_lock_irqsave(&time_tz_lock);
		time_tz = tz;
		spin_unlock_irqrestore(&time_tz_lock, flags);
	}
	if (utv)
		clock_set_realtime(&ts);
	return 0;
}

/* Linux's timekeeping_validate_timex, in its order. */
static int clock_adjtimex_validate(const struct kernel_timex *tx)
{
	if (tx->modes & ADJ_ADJTIME) {
		if (!(tx->modes & ADJ_OFFSET_READONLY) && !clock_may_set())
			return -EPERM;
	} else if (tx->modes && !clock_may_set()) {
		return -EPERM;
	}
	if (tx->modes & ADJ_SETOFFSET) {
		int64_t limit = (tx->modes & ADJ_NANO) ? (int64_t)NSEC_PER_SEC :
			       (int64_t)USEC_PER_SEC;

		if (tx->time.tv_usec < 0 || tx->time.tv_usec >= limit)
			return -EINVAL;
	}
	/* Not done (see the top): the discipline's modes. adjtime's read is fine. */
	if (tx->modes == ADJ_OFFSET_SS_READ)
		return 0;
	if (tx->modes & ~(uint32_t)ADJ_KEPT)
		return -EINVAL;
	return 0;
}

/* ADJ_SETOFFSET: a step by tx->time, refused if it would go before 1970. time_set_lock held. */
static int clock_adjtimex_step(const struct kernel_timex *tx)
{
	int64_t sub = (tx->modes & ADJ_NANO) ? tx->time.tv_usec :
		      tx->time.tv_usec * (int64_t)NSEC_PER_USEC;
	int64_t delta, now = time_realtime_ns();

	if (__builtin_mul_overflow(tx->time.tv_sec, (int64_t)NSEC_PER_SEC, &delta) ||
	    __builtin_add_overflow(delta, sub, &delta) || now + delta < 0 ||
	    (now + delta) / (int64_t)NSEC_PER_SEC >= CLOCK_SET_SEC_MAX)
		return -EINVAL;
	clock_step_locked(delta);
	return 0;
}

/* ntp.c's __do_adjtimex for the modes kept, then the report. time_set_lock held. */
static int clock_adjtimex_locked(struct kernel_timex *tx)
{
	uint32_t modes = tx->modes;
	int64_t now;
	int err;

	if (modes & ADJ_SETOFFSET) {
		err = clock_adjtimex_step(tx);
		if (err)
			return err;
	}
	if (modes != ADJ_OFFSET_SS_READ) {
		if (modes & ADJ_STATUS)
			ntp_status = (ntp_status & STA_RONLY) | (tx->status & ~STA_RONLY);
		if (modes & ADJ_NANO)
			ntp_status |= STA_NANO;
		if (modes & ADJ_MICRO)
			ntp_status &= ~STA_NANO;
		if (modes & ADJ_MAXERROR)
			ntp_maxerror = MIN(tx->maxerror, NTP_PHASE_LIMIT);
		if (modes & ADJ_ESTERROR)
			ntp_esterror = MIN(tx->esterror, NTP_PHASE_LIMIT);
		if (modes & ADJ_TIMECONST) {
			ntp_constant = clock_clamp(tx->constant, 0, NTP_MAXTC);
			if (!(ntp_status & STA_NANO))
				ntp_constant += NTP_CONSTANT_US_BIAS;
			ntp_constant = clock_clamp(ntp_constant, 0, NTP_MAXTC);
		}
	}
	now = time_realtime_ns();
	memset(tx, 0, sizeof(*tx));
	tx->modes = modes;
	tx->maxerror = ntp_maxerror;
	tx->esterror = ntp_esterror;
	tx->status = ntp_status;
	tx->constant = ntp_constant;
	tx->precision = NTP_PRECISION_US;
	tx->tolerance = NTP_TOLERANCE;
	tx->tick = NTP_TICK_USEC;
	tx->time.tv_sec = now / (int64_t)NSEC_PER_SEC;
	tx->time.tv_usec = now % (int64_t)NSEC_PER_SEC;
	if (!(ntp_status & STA_NANO))
		tx->time.tv_usec /= (int64_t)NSEC_PER_USEC;
	/* Linux's is_error_status: an unsynchronised clock reports TIME_ERROR. */
	return (ntp_status & (STA_UNSYNC | STA_CLOCKERR)) ? TIME_ERROR : TIME_OK;
}

static long clock_adjtimex(struct kernel_timex __user *utx)
{
	struct kernel_timex tx;
	int ret;

	if (copy_from_user(&tx, utx, sizeof(tx)))
		return -EFAULT;
	ret = clock_adjtimex_validate(&tx);
	if (ret)
		return ret;
	mutex_lock(&time_set_lock);
	ret = clock_adjtimex_locked(&tx);
	mutex_unlock(&time_set_lock);
	if (ret < 0)
		return ret;
	return copy_to_user(utx, &tx, sizeof(tx)) ? -EFAULT : ret;
}

SYSCALL_DEFINE1(adjtimex, struct kernel_timex __user *, utx)
{
	return clock_adjtimex(utx);
}

SYSCALL_DEFINE2(clock_adjtime, int, which_clock, struct kernel_timex __user *, utx)
{
	int64_t res;

	if (which_clock == CLOCK_REALTIME)
		return clock_adjtimex(utx);
	/* Linux: no such clock EINVAL, a clock without clock_adj EOPNOTSUPP. */
	return time_clock_res(which_clock, &res) ? -EINVAL : -EOPNOTSUPP;
}
