/*
 * oom_shell.c: issue 11's memory-pressure acceptance, in a small guest (abi-basalt
 * boots Basalt with 512 MiB, tests/run-suites.sh):
 *
 * - a shell runs a program that touches more anonymous memory than the
 *   machine has: the OOM killer kills that program (SIGKILL: the shell
 *   sees status 137) and logs "Out of memory: Killed process PID (comm)",
 *   the shell survives and runs its next command;
 * - files written to /tmp (tmpfs, limited to half of memory by default)
 *   until it is full (the writer asks for more than all of memory): the write
 *   that does not fit fails cleanly with ENOSPC (the writer is not
 *   killed), everything written before reads back intact, and unlinking
 *   the files gives the space back.
 *
 * Only in a test guest (MemTotal under 2 GiB): on a real host it would
 * press the host's own memory. Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "abi_tap.h"

#define PLAN		7
#define KIB		1024UL
#define MIB		(1024 * KIB)
#define GUEST_MAX_KIB	(2 * 1024 * 1024UL)	/* MemTotal of a test guest, at most */
#define EXTRA_KIB	(64 * 1024UL)		/* the hog goes past MemTotal by this */
#define PAGE		4096UL
#define LOG_BUF		(256 * 1024)
#define SYSLOG_READ_ALL	3			/* syslog(2) SYSLOG_ACTION_READ_ALL */
#define OUT_MAX		512
#define FILE_MIB	16			/* each /tmp file at most */
#define MAX_FILES	256
#define CHUNK		(64 * KIB)
#define STATUS_KILLED	(128 + SIGKILL)		/* a shell's $? for a SIGKILLed child */

static char chunk[CHUNK], back[CHUNK];

/* Touches a page at a time of more memory than there is; never returns normally. */
static int hog(unsigned long kib)
{
	size_t len = kib * KIB;
	volatile char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED)
		return 2;
	for (size_t off = 0; off < len; off += PAGE)
		p[off] = 1;
	return 3;	/* it all fit: not out of memory after all */
}

/* Whether the kernel log has "Out of memory: Killed process PID (", -1 if unreadable. */
static int log_names(long pid)
{
	char want[64], *buf = malloc(LOG_BUF);
	int n, found;

	if (!buf)
		return -1;
	n = klogctl(SYSLOG_READ_ALL, buf, LOG_BUF - 1);
	if (n < 0) {
		free(buf);
		return -1;
	}
	buf[n] = '\0';
	snprintf(want, sizeof(want), "Out of memory: Killed process %ld (", pid);
	found = strstr(buf, want) != NULL;
	free(buf);
	return found;
}

/* sh -c SCRIPT with self as $0; its output in out, its wait status. */
static int run_shell(const char *self, const char *script, char *out, size_t size)
{
	int fds[2], status = -1;
	size_t got = 0;
	ssize_t n;
	pid_t pid;

	if (pipe(fds))
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execl("/bin/sh", "sh", "-c", script, self, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	while (got + 1 < size && (n = read(fds[0], out + got, size - 1 - got)) > 0)
		got += (size_t)n;
	out[got] = '\0';
	close(fds[0]);
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static void shell_survives(const char *self)
{
	char out[OUT_MAX], *p;
	long status = -1, pid = -1;
	int wstatus, logged;

	wstatus = run_shell(self, "\"$0\" hog & p=$!; wait $p; echo \"status=$? pid=$p\"; "
			    "echo next command runs", out, sizeof(out));
	p = strstr(out, "status=");
	if (p)
		sscanf(p, "status=%ld pid=%ld", &status, &pid);
	check(status == STATUS_KILLED,
	      "a program of the shell touching %lu kB past MemTotal is SIGKILLed (status %ld)",
	      EXTRA_KIB, status);
	logged = log_names(pid);
	if (logged < 0)
		skip("the kernel log needs root");
	else
		check(logged == 1, "the log says \"Out of memory: Killed process %ld (\"", pid);
	check(strstr(out, "next command runs") != NULL, "the shell survives and runs the next command");
	check(WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0,
	      "and exits 0 (wait status %#x)", wstatus);
}

/* Writes file i (FILE_MIB at most, byte pattern i) until done or an error: the errno, or 0. */
static int write_file(const char *name, int i, size_t *written)
{
	int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0600), err = 0;

	*written = 0;
	if (fd < 0)
		return errno;
	memset(chunk, 'a' + i % 26, sizeof(chunk));
	while (*written < FILE_MIB * MIB) {
		ssize_t n = write(fd, chunk, sizeof(chunk));

		if (n < 0) {
			err = errno;
			break;
		}
		*written += (size_t)n;
		if ((size_t)n < sizeof(chunk)) {
			/* A short write at the limit: the next one says why. */
			n = write(fd, chunk, sizeof(chunk));
			err = n < 0 ? errno : 0;
			break;
		}
	}
	close(fd);
	return err;
}

/* Whether file i holds exactly len bytes of its pattern. */
static int reads_back(const char *name, int i, size_t len)
{
	int fd = open(name, O_RDONLY), ok = fd >= 0;
	size_t done = 0;

	while (ok && done < len) {
		ssize_t n = read(fd, back, sizeof(back));

		if (n <= 0)
			break;
		for (ssize_t k = 0; k < n; k++)
			ok &= back[k] == 'a' + i % 26;
		done += (size_t)n;
	}
	ok &= done == len && read(fd, back, 1) == 0;
	if (fd >= 0)
		close(fd);
	return ok;
}

static void tmpfs_full(long total_kib)
{
	static size_t sizes[MAX_FILES];
	char name[64];
	int files = 0, err = 0, intact = 1;
	size_t sum = 0;

	/* As many files as fit, up to more than all of memory. */
	while (!err && files < MAX_FILES && sum / KIB < (size_t)total_kib) {
		snprintf(name, sizeof(name), "/tmp/oom_shell.%d.%d", (int)getpid(), files);
		err = write_file(name, files, &sizes[files]);
		sum += sizes[files];
		files++;
	}
	check(err == ENOSPC, "writing %d files to /tmp ends with ENOSPC after %zu MiB (errno %d)",
	      files, sum / MIB, err);
	for (int i = 0; i < files; i++) {
		snprintf(name, sizeof(name), "/tmp/oom_shell.%d.%d", (int)getpid(), i);
		intact &= reads_back(name, i, sizes[i]);
	}
	check(intact, "every byte written reads back");
	for (int i = 0; i < files; i++) {
		snprintf(name, sizeof(name), "/tmp/oom_shell.%d.%d", (int)getpid(), i);
		unlink(name);
	}
	snprintf(name, sizeof(name), "/tmp/oom_shell.%d.again", (int)getpid());
	err = write_file(name, 0, &sum);
	check(err == 0 && sum == FILE_MIB * MIB, "unlinked, the space comes back (errno %d)", err);
	unlink(name);
}

int main(int argc, char **argv)
{
	long total = tap_meminfo_kib("MemTotal");
	char self[256];
	ssize_t n;

	if (argc > 1 && !strcmp(argv[1], "hog"))
		return hog((unsigned long)total + EXTRA_KIB);
	tap_plan(PLAN);
	if (total <= 0 || (unsigned long)total > GUEST_MAX_KIB) {
		for (int i = 0; i < PLAN; i++)
			skip("MemTotal %ld kB: not a small test machine", total);
		return tap_done();
	}
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0) {
		check(0, "/proc/self/exe");
		return tap_done();
	}
	self[n] = '\0';
	shell_survives(self);
	tmpfs_full(total);
	return tap_done();
}
