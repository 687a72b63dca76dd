/*
 * enosys.c: a system call number without a handler gives ENOSYS, on
 * Linux (an unassigned number) and on Basalt alike; on Basalt such calls
 * are also counted in /proc/basalt/enosys ("<number> <name> <calls>")
 * and the first of each number is logged with the caller's pid and name
 * (read back through syslog(2)). Prints TAP; host, Basalt and Linux.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "abi_tap.h"

/*
 * Unassigned on x86_64 (335..423 are never used there); one number per
 * build, since both run in one boot and only a number's first call is
 * logged.
 */
#ifdef __NEWLIB__
#define ENOSYS_NR	402
#else
#define ENOSYS_NR	401
#endif
#define SYSLOG_READ_ALL	3		/* syslog(2): SYSLOG_ACTION_READ_ALL */
#define LOG_BUF		(256 * 1024)

static char log_buf[LOG_BUF];

/* Calls of nr in /proc/basalt/enosys, or -1 if it has no line. */
static long enosys_calls(int nr)
{
	FILE *f = fopen("/proc/basalt/enosys", "r");
	char name[64];
	long calls, found = -1;
	int n;

	while (f && fscanf(f, "%d %63s %ld", &n, name, &calls) == 3)
		if (n == nr)
			found = calls;
	if (f)
		fclose(f);
	return found;
}

int main(void)
{
	struct utsname u;
	long before, after, len;
	char want[128];

	tap_plan(4);
	check(raw(ENOSYS_NR, 0, 0, 0) == -ENOSYS && raw(ENOSYS_NR, 0, 0, 0) == -ENOSYS,
	      "an unassigned number: ENOSYS, twice");
	if (uname(&u) || !strstr(u.release, "-basalt")) {
		for (int i = 0; i < 3; i++)
			skip("/proc/basalt is Basalt's");
		return tap_done();
	}
	before = enosys_calls(ENOSYS_NR);
	raw(ENOSYS_NR, 0, 0, 0);
	after = enosys_calls(ENOSYS_NR);
	check(before >= 2, "/proc/basalt/enosys counts it (%ld calls)", before);
	check(after == before + 1, "one more call, one more count (%ld -> %ld)", before, after);
	snprintf(want, sizeof(want), "unassigned (%d) is not implemented: ENOSYS (pid %d, enosys",
		 ENOSYS_NR, (int)getpid());
	len = raw(SYS_syslog, SYSLOG_READ_ALL, log_buf, sizeof(log_buf) - 1);
	if (len > 0)
		log_buf[len] = '\0';
	check(len > 0 && strstr(log_buf, want) != NULL, "the log names the caller: \"%s\"", want);
	return tap_done();
}
