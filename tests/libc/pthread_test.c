/* pthread_test.c: POSIX threads: per-thread errno and TLS, mutex kinds, timed waits, once, keys, rwlocks, barriers, detach, cleanup, stdio and malloc from many threads, pthread_atfork, clone. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

#define PLAN		27
#define NTHREADS	4
#define MALLOC_ROUNDS	2000
#define RW_ROUNDS	500
#define TIMEOUT_NS	20000000L	/* 20 ms */
#define NS_PER_SEC	1000000000L
#define SMALL_STACK	(64 * 1024)

static __thread int tls_counter = 7;

/* errno is per thread: a failure in one thread leaves another's errno alone. */
static void *errno_thread(void *arg)
{
	(void)arg;
	errno = 0;
	if (close(-1) == 0 || errno != EBADF)
		return (void *)1;
	return (void *)(intptr_t)(errno == EBADF && tls_counter == 7 ? 2 : 3);
}

static void test_errno_and_tls(void)
{
	pthread_t t;
	void *ret = NULL;

	errno = ENOENT;
	tls_counter = 99;
	tap_ok(pthread_create(&t, NULL, errno_thread, NULL) == 0 &&
	       pthread_join(t, &ret) == 0 && ret == (void *)2,
	       "a thread has its own errno and its own copy of a __thread variable");
	tap_ok(errno == ENOENT && tls_counter == 99, "the main thread's errno and TLS are unchanged");
}

static void test_mutex_kinds(void)
{
	pthread_mutexattr_t attr;
	pthread_mutex_t m;
	int kind = -1;

	pthread_mutexattr_init(&attr);
	tap_ok(pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE) == 0 &&
	       pthread_mutexattr_gettype(&attr, &kind) == 0 && kind == PTHREAD_MUTEX_RECURSIVE &&
	       pthread_mutexattr_settype(&attr, 99) == EINVAL,
	       "mutexattr settype/gettype; EINVAL for an unknown type");
	pthread_mutex_init(&m, &attr);
	tap_ok(pthread_mutex_lock(&m) == 0 && pthread_mutex_lock(&m) == 0 &&
	       pthread_mutex_trylock(&m) == 0 && pthread_mutex_unlock(&m) == 0 &&
	       pthread_mutex_unlock(&m) == 0 && pthread_mutex_unlock(&m) == 0 &&
	       pthread_mutex_unlock(&m) == EPERM,
	       "a recursive mutex: locked three times, unlocked three times, then EPERM");
	pthread_mutex_destroy(&m);

	pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutex_init(&m, &attr);
	tap_ok(pthread_mutex_unlock(&m) == EPERM && pthread_mutex_lock(&m) == 0 &&
	       pthread_mutex_lock(&m) == EDEADLK && pthread_mutex_trylock(&m) == EBUSY &&
	       pthread_mutex_unlock(&m) == 0,
	       "an error-checking mutex: EPERM unlocking it free, EDEADLK relocking, EBUSY trying");
	pthread_mutex_destroy(&m);
	pthread_mutexattr_destroy(&attr);
}

static pthread_mutex_t held = PTHREAD_MUTEX_INITIALIZER;

static void *trylock_thread(void *arg)
{
	(void)arg;
	return (void *)(intptr_t)pthread_mutex_trylock(&held);
}

static long elapsed_ns(const struct timespec *a, const struct timespec *b)
{
	return (b->tv_sec - a->tv_sec) * NS_PER_SEC + b->tv_nsec - a->tv_nsec;
}

static void deadline_in(struct timespec *ts, clockid_t clock, long ns)
{
	clock_gettime(clock, ts);
	ts->tv_nsec += ns;
	if (ts->tv_nsec >= NS_PER_SEC) {
		ts->tv_sec++;
		ts->tv_nsec -= NS_PER_SEC;
	}
}

static void test_timed_waits(void)
{
	pthread_cond_t cond;
	pthread_condattr_t cattr;
	pthread_t t;
	void *ret = NULL;
	struct timespec deadline, t0, t1, bad = { 0, NS_PER_SEC };
	clockid_t clock = CLOCK_REALTIME;
	int r;

	pthread_mutex_lock(&held);
	pthread_create(&t, NULL, trylock_thread, NULL);
	pthread_join(t, &ret);
	tap_ok(ret == (void *)(intptr_t)EBUSY, "trylock from another thread: EBUSY");

	pthread_mutex_unlock(&held);

	pthread_condattr_init(&cattr);
	tap_ok(pthread_condattr_setclock(&cattr, CLOCK_MONOTONIC) == 0 &&
	       pthread_condattr_getclock(&cattr, &clock) == 0 && clock == CLOCK_MONOTONIC,
	       "condattr setclock(CLOCK_MONOTONIC)");
	pthread_cond_init(&cond, &cattr);
	pthread_mutex_lock(&held);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	deadline_in(&deadline, CLOCK_MONOTONIC, TIMEOUT_NS);
	r = pthread_cond_timedwait(&cond, &held, &deadline);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	tap_ok(r == ETIMEDOUT && elapsed_ns(&t0, &t1) >= TIMEOUT_NS,
	       "cond_timedwait on CLOCK_MONOTONIC: ETIMEDOUT, not early (%d)", r);
	tap_ok(pthread_cond_timedwait(&cond, &held, &bad) == EINVAL,
	       "cond_timedwait with tv_nsec = 1e9: EINVAL");
	pthread_mutex_unlock(&held);
	pthread_cond_destroy(&cond);
	pthread_condattr_destroy(&cattr);
}

static pthread_mutex_t timed = PTHREAD_MUTEX_INITIALIZER;

static void *timedlock_thread(void *arg)
{
	struct timespec deadline;

	(void)arg;
	deadline_in(&deadline, CLOCK_REALTIME, TIMEOUT_NS);
	return (void *)(intptr_t)pthread_mutex_timedlock(&timed, &deadline);
}

static void test_timedlock(void)
{
	pthread_t t;
	void *ret = NULL;

	pthread_mutex_lock(&timed);
	pthread_create(&t, NULL, timedlock_thread, NULL);
	pthread_join(t, &ret);
	pthread_mutex_unlock(&timed);
	tap_ok(ret == (void *)(intptr_t)ETIMEDOUT, "mutex_timedlock on a held mutex: ETIMEDOUT");
	pthread_create(&t, NULL, timedlock_thread, NULL);
	pthread_join(t, &ret);
	tap_ok(ret == 0, "mutex_timedlock on a free mutex: 0");
	pthread_mutex_unlock(&timed);	/* the thread took it and exited */
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;

static void once_routine(void)
{
	once_runs++;
	sched_yield();
}

static void *once_thread(void *arg)
{
	(void)arg;
	pthread_once(&once, once_routine);
	return (void *)(intptr_t)once_runs;
}

static void test_once(void)
{
	pthread_t t[NTHREADS];
	int all_saw_one = 1;

	for (int i = 0; i < NTHREADS; i++)
		pthread_create(&t[i], NULL, once_thread, NULL);
	for (int i = 0; i < NTHREADS; i++) {
		void *ret = NULL;

		pthread_join(t[i], &ret);
		all_saw_one &= ret == (void *)1;
	}
	tap_ok(once_runs == 1 && all_saw_one, "pthread_once: one run, every caller returns after it");
}

static pthread_key_t key;
static int destructor_calls;
static void *destructor_value;

static void key_destructor(void *value)
{
	destructor_calls++;
	destructor_value = value;
}

static void *key_thread(void *arg)
{
	void *before = pthread_getspecific(key);

	pthread_setspecific(key, arg);
	return pthread_getspecific(key) == arg && before == NULL ? arg : NULL;
}

static void test_keys(void)
{
	static int token;
	pthread_t t;
	void *ret = NULL;
	pthread_key_t second;

	tap_ok(pthread_key_create(&key, key_destructor) == 0 &&
	       pthread_setspecific(key, &destructor_calls) == 0, "key_create, setspecific");
	pthread_create(&t, NULL, key_thread, &token);
	pthread_join(t, &ret);
	tap_ok(ret == &token && destructor_calls == 1 && destructor_value == &token &&
	       pthread_getspecific(key) == &destructor_calls,
	       "a key's value is per thread; the destructor ran at the thread's exit");
	tap_ok(pthread_key_delete(key) == 0 && pthread_key_create(&second, NULL) == 0 &&
	       pthread_getspecific(second) == NULL && pthread_key_delete(second) == 0,
	       "a new key reads NULL after the old one is deleted");
}

static pthread_rwlock_t rwlock = PTHREAD_RWLOCK_INITIALIZER;
static long rw_value[2];	/* writers keep both equal */
static int rw_torn;

static void *rw_thread(void *arg)
{
	int writer = (int)(intptr_t)arg;

	for (int i = 0; i < RW_ROUNDS; i++) {
		if (writer) {
			pthread_rwlock_wrlock(&rwlock);
			rw_value[0]++;
			sched_yield();
			rw_value[1]++;
		} else {
			pthread_rwlock_rdlock(&rwlock);
			if (rw_value[0] != rw_value[1])
				rw_torn = 1;
		}
		pthread_rwlock_unlock(&rwlock);
	}
	return NULL;
}

static void test_rwlock(void)
{
	pthread_t t[NTHREADS];

	tap_ok(pthread_rwlock_rdlock(&rwlock) == 0 && pthread_rwlock_tryrdlock(&rwlock) == 0 &&
	       pthread_rwlock_trywrlock(&rwlock) == EBUSY && pthread_rwlock_unlock(&rwlock) == 0 &&
	       pthread_rwlock_unlock(&rwlock) == 0 && pthread_rwlock_trywrlock(&rwlock) == 0 &&
	       pthread_rwlock_tryrdlock(&rwlock) == EBUSY && pthread_rwlock_unlock(&rwlock) == 0,
	       "rwlock: readers share, a writer excludes (try forms: EBUSY)");
	for (int i = 0; i < NTHREADS; i++)
		pthread_create(&t[i], NULL, rw_thread, (void *)(intptr_t)(i % 2));
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(t[i], NULL);
	tap_ok(!rw_torn && rw_value[0] == (long)(NTHREADS / 2) * RW_ROUNDS,
	       "rwlock: readers never see a writer's half-done update");
}

static pthread_barrier_t barrier;
static int serial_count;

static void *barrier_thread(void *arg)
{
	(void)arg;
	for (int round = 0; round < 3; round++) {
		if (pthread_barrier_wait(&barrier) == PTHREAD_BARRIER_SERIAL_THREAD)
			__atomic_add_fetch(&serial_count, 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

static void test_barrier(void)
{
	pthread_t t[NTHREADS];

	tap_ok(pthread_barrier_init(&barrier, NULL, 0) == EINVAL, "barrier_init with count 0: EINVAL");
	pthread_barrier_init(&barrier, NULL, NTHREADS);
	for (int i = 0; i < NTHREADS; i++)
		pthread_create(&t[i], NULL, barrier_thread, NULL);
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(t[i], NULL);
	tap_ok(serial_count == 3, "barrier: three cycles, one serial thread each (%d)", serial_count);
	pthread_barrier_destroy(&barrier);
}

static volatile int detached_ran;
static int cleanup_arg_seen;

static void cleanup_handler(void *arg)
{
	cleanup_arg_seen = *(int *)arg;
}

static void *detached_thread(void *arg)
{
	static int value = 5;

	(void)arg;
	pthread_cleanup_push(cleanup_handler, &value);
	__atomic_store_n(&detached_ran, 1, __ATOMIC_RELEASE);
	pthread_exit(NULL);
	pthread_cleanup_pop(0);
	return NULL;
}

static void test_detach_and_cleanup(void)
{
	pthread_attr_t attr;
	pthread_t t;
	int state = -1;
	size_t size = 0;

	pthread_attr_init(&attr);
	tap_ok(pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED) == 0 &&
	       pthread_attr_getdetachstate(&attr, &state) == 0 &&
	       state == PTHREAD_CREATE_DETACHED && pthread_attr_setstacksize(&attr, SMALL_STACK) == 0 &&
	       pthread_attr_getstacksize(&attr, &size) == 0 && size == SMALL_STACK &&
	       pthread_attr_setstacksize(&attr, 1) == EINVAL,
	       "attr: detach state and stack size (EINVAL below PTHREAD_STACK_MIN)");
	tap_ok(pthread_create(&t, &attr, detached_thread, NULL) == 0, "a detached thread starts");
	for (int i = 0; i < 100000 && !__atomic_load_n(&detached_ran, __ATOMIC_ACQUIRE); i++)
		sched_yield();
	for (int i = 0; i < 100000 && cleanup_arg_seen != 5; i++)
		sched_yield();
	tap_ok(detached_ran && cleanup_arg_seen == 5,
	       "pthread_exit runs the cleanup handler of a detached thread");
	pthread_attr_destroy(&attr);
}

static void *stdio_malloc_thread(void *arg)
{
	int id = (int)(intptr_t)arg;
	char line[64];
	int ok = 1;

	for (int i = 0; i < MALLOC_ROUNDS; i++) {
		size_t n = (size_t)(16 + (i * 37 + id * 11) % 500);
		unsigned char *p = malloc(n);

		if (!p) {
			ok = 0;
			break;
		}
		memset(p, id, n);
		snprintf(line, sizeof(line), "%d:%d", id, i);
		for (size_t j = 0; j < n; j++)
			ok &= p[j] == (unsigned char)id;
		free(p);
	}
	printf("# thread %d done (%s)\n", id, line);
	return (void *)(intptr_t)ok;
}

static void test_stdio_malloc(void)
{
	pthread_t t[NTHREADS];
	int all_ok = 1;

	for (int i = 0; i < NTHREADS; i++)
		pthread_create(&t[i], NULL, stdio_malloc_thread, (void *)(intptr_t)(i + 1));
	for (int i = 0; i < NTHREADS; i++) {
		void *ret = NULL;

		pthread_join(t[i], &ret);
		all_ok &= ret == (void *)1;
	}
	fflush(stdout);
	tap_ok(all_ok, "malloc, free and printf from %d threads at once", NTHREADS);
}

static void *self_thread(void *arg)
{
	(void)arg;
	return (void *)pthread_self();
}

static void test_self_and_kill(void)
{
	pthread_t t;
	void *ret = NULL;

	pthread_create(&t, NULL, self_thread, NULL);
	pthread_join(t, &ret);
	tap_ok(pthread_equal((pthread_t)ret, t) && !pthread_equal(t, pthread_self()),
	       "pthread_self in the thread equals what pthread_create returned");
	tap_ok(pthread_kill(pthread_self(), 0) == 0 && pthread_join(pthread_self(), NULL) == EDEADLK,
	       "pthread_kill(self, 0): 0; joining oneself: EDEADLK");
}

static char atfork_order[8];
static int atfork_len;

static void atfork_prepare(void)
{
	atfork_order[atfork_len++] = 'p';
}

static void atfork_parent(void)
{
	atfork_order[atfork_len++] = 'P';
}

static void atfork_child(void)
{
	atfork_order[atfork_len++] = 'C';
}

/* fork with a second thread alive: the handlers run, and the child can malloc and print. */
static void *sleeper_thread(void *arg)
{
	(void)arg;
	for (int i = 0; i < 1000; i++) {
		free(malloc(64));
		sched_yield();
	}
	return NULL;
}

static void test_atfork(void)
{
	pthread_t t;
	pid_t pid;
	int status = -1;

	pthread_atfork(atfork_prepare, atfork_parent, atfork_child);
	pthread_create(&t, NULL, sleeper_thread, NULL);
	pid = fork();
	if (pid == 0) {
		char *p = malloc(128);

		snprintf(p, 128, "%s", atfork_order);
		_exit(strcmp(p, "pC") == 0 && printf("# child\n") > 0 && fflush(stdout) == 0 ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	pthread_join(t, NULL);
	tap_ok(pid > 0 && strcmp(atfork_order, "pP") == 0 && WIFEXITED(status) &&
	       WEXITSTATUS(status) == 0,
	       "pthread_atfork: prepare, then parent / child; the child mallocs and prints (%s)",
	       atfork_order);
}

static volatile int clone_flag;

static int clone_child(void *arg)
{
	clone_flag = *(int *)arg;
	return 0;
}

/* clone(2)'s wrapper: fn(arg) on the given stack, memory shared with CLONE_VM. */
static void test_clone(void)
{
	size_t size = SMALL_STACK;
	char *stack = malloc(size);
	int value = 42, status = -1;
	pid_t pid = clone(clone_child, stack + size, CLONE_VM | SIGCHLD, &value);

	tap_ok(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	       WEXITSTATUS(status) == 0 && clone_flag == 42,
	       "clone(CLONE_VM): the child ran fn(arg) in our memory");
	free(stack);
}

int main(void)
{
	tap_plan(PLAN);
	test_errno_and_tls();
	test_mutex_kinds();
	test_timed_waits();
	test_timedlock();
	test_once();
	test_keys();
	test_rwlock();
	test_barrier();
	test_detach_and_cleanup();
	test_stdio_malloc();
	test_self_and_kill();
	test_atfork();
	test_clone();
	return tap_done();
}
