/*
 * profile.c: the tick-sampling profiler (profile.h).
 *
 * A tick stores the interrupted kernel %rip in a fixed buffer; the report
 * maps each sample to the start of its function (ksym_lookup), sorts the
 * samples, counts runs and prints the PROFILE_TOP largest. Samples past
 * the buffer's end are counted but not kept: at 100 Hz the buffer holds
 * more than ten minutes of kernel time.
 *
 * Locking: ticks on every CPU sample at once, with interrupts off. Each
 * takes a slot of the buffer and counts with atomic operations, inside
 * profile_inflight; the report turns profile_on off, waits until no tick
 * is inside (a tick takes microseconds) and then owns the buffer.
 */
#include <basalt/cmdline.h>
#include <basalt/log.h>
#include <basalt/panic.h>
#include <basalt/profile.h>
#include <mm/mm.h>
#include <sched/spinlock.h>

#define PROFILE_SAMPLES_MAX	65536	/* 512 KiB of kernel %rip values */
#define PROFILE_TOP		40	/* functions the report lists */
#define PROFILE_PERMILLE	1000

static bool profile_on;
static unsigned profile_inflight;	/* ticks between their test of profile_on and the end */
static uint64_t *profile_samples;	/* kernel %rip per kernel tick */
/* profile_next: slots taken, kept or not (past PROFILE_SAMPLES_MAX: lost). */
static uint64_t profile_next, profile_user, profile_idle;

void profile_init(void)
{
	if (!boot_cmdline.profile)
		return;
	profile_samples = kmalloc(PROFILE_SAMPLES_MAX * sizeof(uint64_t));
	if (!profile_samples) {
		pr_warn("profile: no memory for %u samples\n", PROFILE_SAMPLES_MAX);
		return;
	}
	profile_on = true;
	pr_info("profile: sampling every tick, report at power off\n");
}

void profile_tick(uint64_t rip, bool user, bool idle)
{
	uint64_t slot;

	if (!__atomic_load_n(&profile_on, __ATOMIC_RELAXED))
		return;
	__atomic_add_fetch(&profile_inflight, 1, __ATOMIC_SEQ_CST);
	if (!__atomic_load_n(&profile_on, __ATOMIC_SEQ_CST)) {
		/* The report started: the buffer is its own now. */
	} else if (idle) {
		__atomic_add_fetch(&profile_idle, 1, __ATOMIC_RELAXED);
	} else if (user) {
		__atomic_add_fetch(&profile_user, 1, __ATOMIC_RELAXED);
	} else {
		slot = __atomic_fetch_add(&profile_next, 1, __ATOMIC_RELAXED);
		if (slot < PROFILE_SAMPLES_MAX)
			profile_samples[slot] = rip;
	}
	__atomic_sub_fetch(&profile_inflight, 1, __ATOMIC_RELEASE);
}

/* Heapsort (in place, no allocation: the report runs on the way down). */
static void profile_sift(uint64_t *a, size_t root, size_t n)
{
	for (size_t child; (child = 2 * root + 1) < n; root = child) {
		uint64_t t;

		if (child + 1 < n && a[child + 1] > a[child])
			child++;
		if (a[root] >= a[child])
			return;
		t = a[root];
		a[root] = a[child];
		a[child] = t;
	}
}

static void profile_sort(uint64_t *a, size_t n)
{
	for (size_t i = n / 2; i-- > 0;)
		profile_sift(a, i, n);
	for (size_t end = n; end-- > 1;) {
		uint64_t t = a[0];

		a[0] = a[end];
		a[end] = t;
		profile_sift(a, 0, end);
	}
}

static unsigned profile_permille(uint64_t part, uint64_t whole)
{
	return whole ? (unsigned)(part * PROFILE_PERMILLE / whole) : 0;
}

void profile_report(void)
{
	uint64_t total, kernel, lost, *a = profile_samples;
	size_t n;

	if (!__atomic_exchange_n(&profile_on, false, __ATOMIC_SEQ_CST))
		return;
	/* A tick on another CPU may be writing its sample: let it finish. */
	while (__atomic_load_n(&profile_inflight, __ATOMIC_ACQUIRE))
		cpu_relax();
	kernel = profile_next;
	n = kernel < PROFILE_SAMPLES_MAX ? (size_t)kernel : PROFILE_SAMPLES_MAX;
	lost = kernel - n;
	total = kernel + profile_user + profile_idle;
	pr_notice("profile: %llu ticks: kernel %llu, user %llu, idle %llu (%llu not kept)\n",
		  (unsigned long long)total, (unsigned long long)kernel,
		  (unsigned long long)profile_user, (unsigned long long)profile_idle,
		  (unsigned long long)lost);
	/* Each sample becomes its function's start address, then runs are counted. */
	for (size_t i = 0; i < n; i++) {
		uint64_t off;

		if (ksym_lookup(a[i], &off, NULL))
			a[i] -= off;
	}
	profile_sort(a, n);
	for (unsigned rank = 0; rank < PROFILE_TOP; rank++) {
		size_t best = n, best_len = 0;
		const char *name;
		unsigned pm;

		for (size_t i = 0, len; i < n; i += len) {
			for (len = 1; i + len < n && a[i + len] == a[i]; len++)
				;
			if (a[i] && len > best_len) {
				best = i;
				best_len = len;
			}
		}
		if (best == n)
			break;
		name = ksym_lookup(a[best], NULL, NULL);
		pm = profile_permille(best_len, total);
		pr_notice("profile: %6zu %3u.%u%% %s\n", best_len, pm / 10, pm % 10,
			  name ? name : "?");
		/* Taken: zero the run so that the next pass skips it. */
		for (size_t i = best; i < best + best_len; i++)
			a[i] = 0;
	}
}
