/*
 * tap.h: a minimal TAP producer for the libc tests, which must build with
 * any C library (the host's glibc and our newlib), so no cmocka.
 * tap_plan(N) first, then one tap_ok() per test; tap_done() is the exit
 * status (non-zero when a test failed).
 */
#ifndef TESTS_LIBC_TAP_H
#define TESTS_LIBC_TAP_H

#include <stdarg.h>
#include <stdio.h>

static int tap_number;
static int tap_failed;

static inline void tap_plan(int count)
{
	printf("1..%d\n", count);
	fflush(stdout);
}

/* Reports one test; the name is a printf format. Returns the condition. */
__attribute__((format(printf, 2, 3)))
static inline int tap_ok(int condition, const char *name, ...)
{
	va_list ap;

	tap_number++;
	if (!condition)
		tap_failed++;
	printf("%sok %d - ", condition ? "" : "not ", tap_number);
	va_start(ap, name);
	vprintf(name, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	return condition;
}

/* A diagnostic line, shown by run-suites.sh when a suite fails. */
__attribute__((format(printf, 1, 2)))
static inline void tap_diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

static inline int tap_done(void)
{
	return tap_failed ? 1 : 0;
}

#endif /* TESTS_LIBC_TAP_H */
