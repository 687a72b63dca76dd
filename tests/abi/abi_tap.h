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
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>

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

/* The unprivileged user checks run as, and the exit status of a child that could not become it. */
#define TAP_NOBODY	65534
#define TAP_NOUSER	3

/*
 * Checks in a child that runs as uid and gid TAP_NOBODY (dropping root if
 * the test runs as root) that fn returns 0; a skip when the child cannot
 * become that user.
 */
static inline void check_as_nobody(int (*fn)(void), const char *desc)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		if (getuid() == 0 && (setgid(TAP_NOBODY) || setuid(TAP_NOBODY)))
			_exit(TAP_NOUSER);
		_exit(fn() == 0 ? 0 : 1);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		check(0, "%s (no child)", desc);
	else if (WIFEXITED(status) && WEXITSTATUS(status) == TAP_NOUSER)
		skip("%s: cannot become uid %d here", desc, TAP_NOBODY);
	else
		check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s", desc);
}

/* Runs fn in a child: its exit status, or -1 if it did not exit. */
static inline int tap_in_child(int (*fn)(void))
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn());
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* The first number in a /proc file (a sysctl), or -1. */
static inline long tap_proc_number(const char *path)
{
	FILE *f = fopen(path, "r");
	long v = -1;

	if (f) {
		if (fscanf(f, "%ld", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

/* A /proc/meminfo field in kB, or -1. */
static inline long tap_meminfo_kib(const char *field)
{
	char line[128];
	size_t len = strlen(field);
	FILE *f = fopen("/proc/meminfo", "r");
	long v = -1;

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, field, len) && line[len] == ':')
			v = strtol(line + len + 1, NULL, 10);
	if (f)
		fclose(f);
	return v;
}

static inline int tap_done(void)
{
	fflush(stdout);
	return tap_failures;
}

#endif /* ABI_TAP_H */
