/*
 * abi_tap.h: the TAP helpers the tests/abi programs share. Each program
 * prints "1..N", one "ok"/"not ok" line per check, and exits with the
 * number of failures. Built static against glibc; runs on Linux and on
 * Basalt alike.
 */
#ifndef ABI_TAP_H
#define ABI_TAP_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/syscall.h>

static int tap_failures, tap_no;

static inline void tap_plan(int n)
{
	printf("1..%d\n", n);
	fflush(stdout);
}

static inline __attribute__((format(printf, 2, 3))) void check(int ok, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", ok ? "" : "not ", ++tap_no);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (!ok)
		tap_failures++;
}

static inline __attribute__((format(printf, 1, 2))) void skip(const char *fmt, ...)
{
	va_list ap;

	printf("ok %d - # SKIP ", ++tap_no);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

static inline __attribute__((format(printf, 1, 2))) void diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

/* A raw system call: the result, or -errno, as the kernel returned it. */
static inline long raw6(long nr, long a, long b, long c, long d, long e, long f)
{
	long r = syscall(nr, a, b, c, d, e, f);

	return r == -1 ? -errno : r;
}
#define raw(nr, a, b, c)	raw6(nr, (long)(a), (long)(b), (long)(c), 0, 0, 0)

static inline int tap_done(void)
{
	fflush(stdout);
	return tap_failures;
}

#endif /* ABI_TAP_H */
