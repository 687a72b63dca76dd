/*
 * proc_churn.c: reading /proc while processes come and go, as ps and top
 * do: one process reads every /proc/PID/{stat,status,cmdline,environ} and
 * lists every fd/ directory over and over, while the parent forks
 * children (each with a pipe open, some with several threads' worth of
 * descriptors) that exit at once and are reaped. A process may vanish
 * between the listing and the read (ENOENT or ESRCH, or an empty read):
 * what must hold is that the reader and the kernel survive, that reads
 * of live processes keep succeeding, and that every stat line read whole
 * has the form of proc(5). Listing an fd/ directory must end (each
 * getdents refreshes it). Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include "abi_tap.h"

#define PLAN		5
#ifndef CHILDREN
#define CHILDREN	150
#endif
#define EXTRA_FDS	8
#ifndef READER_ROUNDS
#define READER_ROUNDS	30
#endif
#define TEXT_MAX	8192
/* More entries than any fd/ here has: a listing that never ends is cut. */
#define FD_LIST_MAX	4096

static const char *const pid_files[] = { "stat", "status", "cmdline", "environ" };

/* 1 if a read stat text looks like proc(5)'s: "PID (comm) S ..." */
static int stat_well_formed(const char *text, const char *pid)
{
	size_t n = strlen(pid);
	const char *close = strrchr(text, ')');

	return !strncmp(text, pid, n) && text[n] == ' ' && text[n + 1] == '(' && close &&
	       close[1] == ' ' && strchr("RSDTtZXI", close[2]) && close[2] != '\0';
}

static long read_text(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	long n, total = 0;

	if (fd < 0)
		return -errno;
	while ((n = read(fd, buf + total, size - 1 - (size_t)total)) > 0)
		total += n;
	close(fd);
	buf[total] = '\0';
	return n < 0 ? -errno : total;
}

/* Counts what one pass over /proc read; returns -1 on an unexpected error. */
static int reader_pass(long *reads, long *bad_stat)
{
	static char text[TEXT_MAX];
	char path[300];
	struct dirent *e, *fe;
	DIR *proc = opendir("/proc"), *fds;
	long n;

	if (!proc)
		return -1;
	while ((e = readdir(proc))) {
		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		for (size_t i = 0; i < sizeof(pid_files) / sizeof(pid_files[0]); i++) {
			snprintf(path, sizeof(path), "/proc/%s/%s", e->d_name, pid_files[i]);
			n = read_text(path, text, sizeof(text));
			if (n < 0 && n != -ENOENT && n != -ESRCH && n != -EACCES && n != -EPERM) {
				closedir(proc);
				return -1;
			}
			if (n > 0)
				(*reads)++;
			if (n > 0 && i == 0 && !stat_well_formed(text, e->d_name))
				(*bad_stat)++;
		}
		snprintf(path, sizeof(path), "/proc/%s/fd", e->d_name);
		fds = opendir(path);
		if (fds) {
			long entries = 0;

			while ((fe = readdir(fds)) && entries < FD_LIST_MAX)
				entries++;
			closedir(fds);
			if (entries >= FD_LIST_MAX) {
				closedir(proc);
				return -1;
			}
		}
	}
	closedir(proc);
	return 0;
}

static int reader(void)
{
	long reads = 0, bad_stat = 0;

	for (int round = 0; round < READER_ROUNDS; round++)
		if (reader_pass(&reads, &bad_stat) < 0)
			return 2;
	return reads > 0 && bad_stat == 0 ? 0 : 1;
}

/* Lists /proc/self/fd: 1 if the listing ends and names 0, 1 and 2. */
static int list_own_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int entries = 0, std = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)) && entries < FD_LIST_MAX) {
		entries++;
		std += !strcmp(e->d_name, "0") + !strcmp(e->d_name, "1") + !strcmp(e->d_name, "2");
	}
	closedir(d);
	return entries < FD_LIST_MAX && std == 3;
}

int main(void)
{
	int status, reaped = 0, p[2];
	pid_t reader_pid, pid;

	tap_plan(PLAN);
	check(list_own_fds(), "a listing of /proc/self/fd ends, with 0, 1 and 2 in it");
	reader_pid = fork();
	if (reader_pid == 0)
		_exit(reader());
	for (int i = 0; i < CHILDREN; i++) {
		pid = fork();
		if (pid == 0) {
			if (pipe(p) == 0)
				for (int k = 0; k < EXTRA_FDS && i % 2; k++)
					dup(p[k % 2]);
			_exit(0);
		}
		if (pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status))
			reaped++;
	}
	check(reaped == CHILDREN, "%d short-lived children forked and reaped", reaped);
	check(waitpid(reader_pid, &status, 0) == reader_pid && WIFEXITED(status),
	      "the /proc reader survived the churn");
	check(WIFEXITED(status) && WEXITSTATUS(status) != 2,
	      "its reads failed only with ENOENT, ESRCH, EACCES or EPERM");
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "it read /proc/PID files, and every stat line had proc(5)'s form");
	return tap_done();
}
