/* flockfile_test.c: flockfile/funlockfile/ftrylockfile (POSIX "Thread-safe stdio"): the lock is recursive, another thread's ftrylockfile fails while it is held and succeeds after, and a thread's locked run of getc_unlocked/putc_unlocked calls is never interleaved with another thread's output. */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>

#include "tap.h"

#define RUN_LEN 200
#define RUNS 20

static FILE *lock_file;

static void *try_other(void *arg)
{
	int *result = arg;

	*result = ftrylockfile(lock_file);
	if (*result == 0)
		funlockfile(lock_file);
	return NULL;
}

/* Writes RUNS runs of RUN_LEN copies of its letter, each under the lock, yielding inside. */
static void *writer(void *arg)
{
	int letter = *(char *)arg, run, i;

	for (run = 0; run < RUNS; run++) {
		flockfile(lock_file);
		for (i = 0; i < RUN_LEN; i++) {
			putc_unlocked(letter, lock_file);
			if (i % 50 == 0)
				sched_yield();
		}
		funlockfile(lock_file);
	}
	return NULL;
}

static int try_from_thread(void)
{
	pthread_t thread;
	int result = -1;

	if (pthread_create(&thread, NULL, try_other, &result) != 0)
		return -1;
	pthread_join(thread, NULL);
	return result;
}

int main(void)
{
	char letters[2] = { 'a', 'b' };
	pthread_t threads[2];
	int c, runs_ok = 1, count = 0, prev = -1, len = 0;

	tap_plan(6);
	lock_file = tmpfile();
	if (!lock_file) {
		tap_ok(0, "tmpfile");
		return tap_done();
	}
	tap_ok(ftrylockfile(lock_file) == 0, "ftrylockfile of a free stream succeeds");
	tap_ok(ftrylockfile(lock_file) == 0, "and again in the same thread (recursive)");
	tap_ok(try_from_thread() != 0, "another thread's ftrylockfile fails while it is held");
	funlockfile(lock_file);
	flockfile(lock_file);
	funlockfile(lock_file);
	funlockfile(lock_file);
	tap_ok(try_from_thread() == 0, "and succeeds once every hold is released");

	pthread_create(&threads[0], NULL, writer, &letters[0]);
	pthread_create(&threads[1], NULL, writer, &letters[1]);
	pthread_join(threads[0], NULL);
	pthread_join(threads[1], NULL);
	rewind(lock_file);
	flockfile(lock_file);
	while ((c = getc_unlocked(lock_file)) != EOF) {
		if (c != prev) {
			if (prev != -1 && len % RUN_LEN != 0)
				runs_ok = 0;
			len = 0;
			prev = c;
		}
		len++;
		count++;
	}
	funlockfile(lock_file);
	if (len % RUN_LEN != 0)
		runs_ok = 0;
	tap_ok(count == 2 * RUNS * RUN_LEN, "every byte written (%d)", count);
	tap_ok(runs_ok, "no locked run was interleaved with the other thread's");
	fclose(lock_file);
	return tap_done();
}
