/*
 * threads.c: POSIX threads over clone(2) and futex(2): create/join with
 * return values, four threads counting under a mutex, a condition
 * variable ping-pong, a barrier, thread-local storage, thread ids, and
 * futex(2) called directly: EAGAIN on a value mismatch, ETIMEDOUT for
 * relative and absolute timeouts, a wake of a waiting thread, EINVAL
 * for a misaligned word, ENOSYS for an unknown operation. Prints TAP;
 * exits with the failure count.
 */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "abi_tap.h"

#define PLAN		15
#define NTHREADS	4
#define COUNT_PER	20000
#define PINGPONG	200
#define TIMEOUT_NS	20000000L
#define WAKE_TRIES	2000
#define UNKNOWN_FUTEX_OP 99

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static pthread_barrier_t barrier;
static long counter;
static int turn;	/* ping-pong: whose turn, under lock */
static __thread int tls_value = 42;
static pid_t tids[NTHREADS];
static int tls_ok[NTHREADS];
static uint32_t futex_word;
static volatile long futex_wait_ret = 1;

static long futex(uint32_t *uaddr, int op, uint32_t val, const struct timespec *ts,
		  uint32_t val3)
{
	return raw6(SYS_futex, (long)uaddr, op, val, (long)ts, 0, val3);
}

static void *counter_thread(void *arg)
{
	int id = (int)(intptr_t)arg;

	tids[id] = gettid();
	/* Each thread has its own copy, starting at the initial value. */
	tls_ok[id] = tls_value == 42;
	tls_value = id;
	for (int i = 0; i < COUNT_PER; i++) {
		pthread_mutex_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
	}
	pthread_barrier_wait(&barrier);
	tls_ok[id] &= tls_value == id;
	return (void *)(intptr_t)(id * 10);
}

static void *pong_thread(void *arg)
{
	(void)arg;
	for (int i = 0; i < PINGPONG; i++) {
		pthread_mutex_lock(&lock);
		while (turn != 1)
			pthread_cond_wait(&cond, &lock);
		turn = 0;
		pthread_cond_signal(&cond);
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

static void *futex_waiter(void *arg)
{
	(void)arg;
	futex_wait_ret = futex(&futex_word, FUTEX_WAIT_PRIVATE, 0, NULL, 0);
	return NULL;
}

int main(void)
{
	pthread_t th[NTHREADS], pong;
	void *ret;
	int joined = 0, distinct = 1, all_tls = 1;
	struct timespec ts, t0, t1;

	tap_plan(PLAN);
	pthread_barrier_init(&barrier, NULL, NTHREADS);
	for (int i = 0; i < NTHREADS; i++)
		if (pthread_create(&th[i], NULL, counter_thread, (void *)(intptr_t)i))
			return 99;
	for (int i = 0; i < NTHREADS; i++)
		if (pthread_join(th[i], &ret) == 0 && ret == (void *)(intptr_t)(i * 10))
			joined++;
	check(joined == NTHREADS, "pthread_join returns each thread's value");
	check(counter == (long)NTHREADS * COUNT_PER, "4 threads counting under a mutex: %ld",
	      counter);
	for (int i = 0; i < NTHREADS; i++) {
		all_tls &= tls_ok[i];
		distinct &= tids[i] > 0 && tids[i] != getpid();
		for (int j = 0; j < i; j++)
			distinct &= tids[i] != tids[j];
	}
	check(all_tls && tls_value == 42, "thread-local storage: own copy per thread");
	check(distinct, "each thread has its own tid, none is the pid");
	check(gettid() == getpid(), "the main thread's tid is the pid");

	if (pthread_create(&pong, NULL, pong_thread, NULL))
		return 99;
	for (int i = 0; i < PINGPONG; i++) {
		pthread_mutex_lock(&lock);
		turn = 1;
		pthread_cond_signal(&cond);
		while (turn != 0)
			pthread_cond_wait(&cond, &lock);
		pthread_mutex_unlock(&lock);
	}
	check(pthread_join(pong, NULL) == 0, "condition variable ping-pong, %d rounds", PINGPONG);

	futex_word = 1;
	check(futex(&futex_word, FUTEX_WAIT_PRIVATE, 2, NULL, 0) == -EAGAIN,
	      "FUTEX_WAIT with a different value: EAGAIN");
	ts = (struct timespec){ 0, TIMEOUT_NS };
	clock_gettime(CLOCK_MONOTONIC, &t0);
	check(futex(&futex_word, FUTEX_WAIT_PRIVATE, 1, &ts, 0) == -ETIMEDOUT,
	      "FUTEX_WAIT with a relative timeout: ETIMEDOUT");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	check((t1.tv_sec - t0.tv_sec) * 1000000000L + t1.tv_nsec - t0.tv_nsec >= TIMEOUT_NS,
	      "... not before the timeout");
	ts = (struct timespec){ 0, 1 };	/* 1 ns after boot: long past */
	check(futex(&futex_word, FUTEX_WAIT_BITSET_PRIVATE, 1, &ts, FUTEX_BITSET_MATCH_ANY) ==
	      -ETIMEDOUT, "FUTEX_WAIT_BITSET with a past absolute time: ETIMEDOUT");
	ts = (struct timespec){ 0, 1000000000L };
	check(futex(&futex_word, FUTEX_WAIT_PRIVATE, 1, &ts, 0) == -EINVAL,
	      "FUTEX_WAIT with tv_nsec = 1e9: EINVAL");
	check(futex((uint32_t *)((char *)&futex_word + 1), FUTEX_WAKE, 1, NULL, 0) == -EINVAL,
	      "a misaligned futex: EINVAL");
	check(futex(&futex_word, UNKNOWN_FUTEX_OP, 0, NULL, 0) == -ENOSYS,
	      "an unknown futex operation: ENOSYS");

	futex_word = 0;
	if (pthread_create(&th[0], NULL, futex_waiter, NULL))
		return 99;
	{
		long woken = 0;
		struct timespec ms = { 0, 1000000L };

		for (int i = 0; i < WAKE_TRIES && woken == 0; i++) {
			woken = futex(&futex_word, FUTEX_WAKE_PRIVATE, 1, NULL, 0);
			if (!woken)
				nanosleep(&ms, NULL);
		}
		pthread_join(th[0], NULL);
		check(woken == 1 && futex_wait_ret == 0,
		      "FUTEX_WAKE wakes the waiting thread (woken %ld, wait returned %ld)",
		      woken, futex_wait_ret);
	}
	check(futex(&futex_word, FUTEX_WAKE_PRIVATE, 1, NULL, 0) == 0,
	      "FUTEX_WAKE with nobody waiting: 0");
	return tap_done();
}
