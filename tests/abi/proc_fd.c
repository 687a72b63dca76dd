/*
 * proc_fd: /proc/PID/fd as on Linux (proc(5)): its links are magic,
 * opening /proc/self/fd/N opens that very open file (a pipe end, an
 * unlinked file) even where a path lookup could not reach it; readlink
 * says "pipe:[INO]" with INO the pipe's st_ino, or the path and
 * " (deleted)"; cwd likewise, and only for the process's owner. Then fdinfo/N, maps, task/TID, mountinfo in Linux's
 * formats, /dev/fd and /dev/std* links, and no kernel address anywhere.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "abi_tap.h"

/* Linux's maps: names start at column 73 (fs/proc/task_mmu.c, seq_pad). */
#define MAPS_NAME_COLUMN	73
#define DELETED			" (deleted)"
/* The start of x86_64 Linux's direct map, a kernel address no /proc file may show. */
#define KERNEL_ADDR_TEXT	"ffff8"
#define TEXT_MAX		65536
/* Linux's O_CLOEXEC, as fdinfo's flags show it (a libc's constant may differ). */
#define LINUX_O_CLOEXEC		02000000
#define PLAN			54
#define TASK_GONE_TRIES		100
#define TASK_GONE_STEP_NS	10000000L	/* 10 ms */

static char *fd_path(int fd, char *buf, size_t size)
{
	snprintf(buf, size, "/proc/self/fd/%d", fd);
	return buf;
}

/* readlink of /proc/self/fd/fd into buf (NUL-terminated): its length or -1. */
static long fd_link(int fd, char *buf, size_t size)
{
	char path[64];
	long n = readlink(fd_path(fd, path, sizeof(path)), buf, size - 1);

	buf[n < 0 ? 0 : n] = '\0';
	return n;
}

/* The whole text of a file into buf (NUL-terminated): its length or -1. */
static long slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	size_t len = 0;
	long n;

	if (fd < 0)
		return -1;
	while (len + 1 < size && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += (size_t)n;
	close(fd);
	buf[len] = '\0';
	return (long)len;
}

static void test_pipe_links(void)
{
	int p[2], q[2], fd, ok;
	char link[128], expect[64], path[64], buf[16];
	struct stat st, st1, sq, sl;

	if (pipe(p) || pipe(q)) {
		check(0, "pipe");
		return;
	}
	fstat(p[0], &st);
	fstat(p[1], &st1);
	fstat(q[0], &sq);
	check(S_ISFIFO(st.st_mode), "fstat of a pipe end: S_IFIFO (mode %o)", st.st_mode);
	check(st.st_ino != 0 && st.st_ino == st1.st_ino && st.st_dev == st1.st_dev,
	      "both ends of a pipe have one inode (%lu, %lu)",
	      (unsigned long)st.st_ino, (unsigned long)st1.st_ino);
	check(sq.st_ino != st.st_ino, "another pipe has another inode (%lu, %lu)",
	      (unsigned long)sq.st_ino, (unsigned long)st.st_ino);
	snprintf(expect, sizeof(expect), "pipe:[%lu]", (unsigned long)st.st_ino);
	fd_link(p[0], link, sizeof(link));
	check(!strcmp(link, expect), "readlink of a pipe's fd: %s (fstat says %s)", link, expect);
	fd_link(p[1], link, sizeof(link));
	check(!strcmp(link, expect), "readlink of the write end: %s", link);
	check(stat(fd_path(p[0], path, sizeof(path)), &sl) == 0 && S_ISFIFO(sl.st_mode) &&
	      sl.st_ino == st.st_ino, "stat through /proc/self/fd/N: the pipe's inode");
	/* The links' own modes say how each end is open: lr-x------, l-wx------. */
	memset(&sl, 0, sizeof(sl));
	ok = lstat(fd_path(p[0], path, sizeof(path)), &sl) == 0 &&
	     (sl.st_mode & 07777) == 0500 && sl.st_uid == geteuid();
	check(ok, "lstat of the read end's link: mode %o", sl.st_mode & 07777);
	memset(&sl, 0, sizeof(sl));
	ok = lstat(fd_path(p[1], path, sizeof(path)), &sl) == 0 && (sl.st_mode & 07777) == 0300;
	check(ok, "lstat of the write end's link: mode %o", sl.st_mode & 07777);

	/* A new write end of the same pipe: its bytes come out of p[0]. */
	fd = open(fd_path(p[1], path, sizeof(path)), O_WRONLY);
	check(fd >= 0, "open /proc/self/fd/W of a pipe for writing (%s)", strerror(errno));
	if (fd >= 0) {
		memset(buf, 0, sizeof(buf));
		check(write(fd, "abc", 3) == 3 && read(p[0], buf, sizeof(buf)) == 3 &&
		      !memcmp(buf, "abc", 3), "its bytes come out of the pipe's read end");
		close(fd);
	}
	/* A new read end: it reads what p[1] writes. */
	fd = open(fd_path(p[0], path, sizeof(path)), O_RDONLY);
	check(fd >= 0, "open /proc/self/fd/R of a pipe for reading (%s)", strerror(errno));
	if (fd >= 0) {
		memset(buf, 0, sizeof(buf));
		check(write(p[1], "xyz", 3) == 3 && read(fd, buf, sizeof(buf)) == 3 &&
		      !memcmp(buf, "xyz", 3), "it reads what the write end writes");
		close(fd);
	}
	/* O_CREAT | O_TRUNC, as a shell's "> /dev/stdout": the same pipe, nothing made. */
	fd = open(fd_path(p[1], path, sizeof(path)), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	check(fd >= 0, "open /proc/self/fd/W with O_CREAT|O_TRUNC (%s)", strerror(errno));
	if (fd >= 0) {
		memset(buf, 0, sizeof(buf));
		check(write(fd, "q", 1) == 1 && read(p[0], buf, sizeof(buf)) == 1 && buf[0] == 'q',
		      "and writes into the pipe");
		close(fd);
	}
	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
}

static void test_deleted(void)
{
	char name[] = "/tmp/proc_fd.XXXXXX";
	char link[PATH_MAX], path[64], buf[16];
	/*
	 * On the stack: Basalt's tmpfs write cannot yet take a fault on a
	 * file-mapped source page (it would need vfs_lock twice).
	 */
	char data[] = "data";
	int fd = mkstemp(name), fd2;
	size_t n;

	if (fd < 0) {
		check(0, "mkstemp");
		return;
	}
	check(write(fd, data, 4) == 4, "write a temporary file");
	unlink(name);
	fd_link(fd, link, sizeof(link));
	n = strlen(link);
	check(n == strlen(name) + strlen(DELETED) && !strncmp(link, name, strlen(name)) &&
	      !strcmp(link + strlen(name), DELETED),
	      "readlink of an unlinked file's fd: \"%s\"", link);
	fd2 = open(fd_path(fd, path, sizeof(path)), O_RDONLY);
	check(fd2 >= 0, "open the unlinked file through /proc/self/fd (%s)", strerror(errno));
	if (fd2 >= 0) {
		/* A new open file description: its own offset, from 0. */
		memset(buf, 0, sizeof(buf));
		check(read(fd2, buf, sizeof(buf)) == 4 && !memcmp(buf, "data", 4),
		      "it reads the file's data from offset 0");
		check(lseek(fd, 0, SEEK_CUR) == 4, "the first descriptor's offset is its own");
		close(fd2);
	}
	close(fd);
}

/* As nobody: a file in a directory nobody may search is still reached by its fd. */
static int reach_unsearchable(void)
{
	char dir[] = "/tmp/proc_fd_dir.XXXXXX", file[PATH_MAX], path[64], buf[8], x[] = "x";
	int fd, fd2, ok;

	if (!mkdtemp(dir))
		return 1;
	snprintf(file, sizeof(file), "%s/f", dir);
	fd = open(file, O_RDWR | O_CREAT, 0600);
	if (fd < 0 || write(fd, x, 1) != 1)
		return 2;
	chmod(dir, 0);
	ok = open(file, O_RDONLY) < 0 && errno == EACCES;
	fd2 = open(fd_path(fd, path, sizeof(path)), O_RDONLY);
	ok = ok && fd2 >= 0 && read(fd2, buf, 1) == 1 && buf[0] == 'x';
	chmod(dir, 0700);
	unlink(file);
	rmdir(dir);
	return ok ? 0 : 3;
}

/* Whether reading path fails with EACCES, at open (Linux) or at read. */
static int read_refused(const char *path)
{
	char buf[64];
	int fd = open(path, O_RDONLY), refused;

	if (fd < 0)
		return errno == EACCES;
	refused = read(fd, buf, sizeof(buf)) < 0 && errno == EACCES;
	close(fd);
	return refused;
}

/*
 * As nobody: root's (PID 1's) cwd and fd links may not be followed nor
 * read (readlink of cwd, root, exe), nor its maps and fdinfo read (EACCES).
 */
static int refused_for_init(void)
{
	struct stat st;
	char buf[PATH_MAX];

	if (!read_refused("/proc/1/maps"))
		return 3;
	if (!read_refused("/proc/1/fdinfo/0"))
		return 4;

	if (stat("/proc/1/cwd", &st) == 0 || errno != EACCES)
		return 1;
	/* Nor name them: readlink is refused too (Linux's proc_fd_access_allowed). */
	if (readlink("/proc/1/cwd", buf, sizeof(buf)) >= 0 || errno != EACCES)
		return 5;
	if (readlink("/proc/1/root", buf, sizeof(buf)) >= 0 || errno != EACCES)
		return 6;
	if (readlink("/proc/1/exe", buf, sizeof(buf)) >= 0 || errno != EACCES)
		return 7;
	if (stat("/proc/1/fd/0", &st) == 0 || errno != EACCES)
		return 2;
	return 0;
}

/* cwd is a magic link too: it reaches a removed directory, named " (deleted)". */
static void test_cwd(void)
{
	char dir[] = "/tmp/proc_fd_cwd.XXXXXX", link[PATH_MAX];
	struct stat st, st0;
	long n;
	int ok;

	if (!mkdtemp(dir) || stat(dir, &st0) || chdir(dir) || rmdir(dir)) {
		check(0, "a removed working directory (%s)", strerror(errno));
		check(0, "readlink of /proc/self/cwd");
		chdir("/");
		return;
	}
	ok = stat("/proc/self/cwd", &st) == 0 && S_ISDIR(st.st_mode) && st.st_ino == st0.st_ino;
	check(ok, "stat /proc/self/cwd reaches the removed working directory (%s)",
	      ok ? "yes" : strerror(errno));
	n = readlink("/proc/self/cwd", link, sizeof(link) - 1);
	link[n < 0 ? 0 : n] = '\0';
	check(n == (long)(strlen(dir) + strlen(DELETED)) && !strncmp(link, dir, strlen(dir)) &&
	      !strcmp(link + strlen(dir), DELETED), "readlink /proc/self/cwd: \"%s\"", link);
	chdir("/");
}

static void test_fdinfo(void)
{
	char path[64], text[512];
	int fd = open("/proc/self/comm", O_RDONLY);
	long long pos = -1;
	unsigned flags = 0;
	unsigned long ino = 0;
	int mnt_id = -1, ok;
	struct stat st;
	char *s;

	if (fd < 0 || read(fd, text, 2) != 2) {
		check(0, "open and read 2 bytes of /proc/self/comm");
		return;
	}
	fstat(fd, &st);
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	check(slurp(path, text, sizeof(text)) > 0, "read %s", path);
	s = strstr(text, "pos:\t");
	ok = s && sscanf(s, "pos:\t%lld", &pos) == 1 && pos == 2;
	check(ok, "fdinfo pos:\t2 (%lld)", pos);
	s = strstr(text, "flags:\t0");
	ok = s && sscanf(s, "flags:\t%o", &flags) == 1 && (flags & O_ACCMODE) == O_RDONLY;
	check(ok, "fdinfo flags:\t0%o, octal, O_RDONLY", flags);
	s = strstr(text, "mnt_id:\t");
	ok = s && sscanf(s, "mnt_id:\t%d", &mnt_id) == 1 && mnt_id > 0;
	check(ok, "fdinfo mnt_id: %d", mnt_id);
	s = strstr(text, "ino:\t");
	ok = s && sscanf(s, "ino:\t%lu", &ino) == 1 && ino == (unsigned long)st.st_ino;
	check(ok, "fdinfo ino: %lu == st_ino %lu", ino, (unsigned long)st.st_ino);
	check(!strncmp(text, "pos:\t", 5), "fdinfo starts with pos:");
	check(!(flags & LINUX_O_CLOEXEC), "no O_CLOEXEC in flags of a descriptor without FD_CLOEXEC");
	close(fd);
	/* A close-on-exec descriptor: O_CLOEXEC in its flags (Linux's seq_show). */
	fd = open("/proc/self/comm", O_RDONLY | O_CLOEXEC);
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	flags = 0;
	ok = fd >= 0 && slurp(path, text, sizeof(text)) > 0 && (s = strstr(text, "flags:\t0")) &&
	     sscanf(s, "flags:\t%o", &flags) == 1 && (flags & LINUX_O_CLOEXEC);
	check(ok, "fdinfo flags of an O_CLOEXEC descriptor: 0%o", flags);
	close(fd);
}

static void test_maps(void)
{
	static char text[TEXT_MAX];
	char exe[PATH_MAX];
	long n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	int lines = 0, good = 0, exe_text = 0, main_in = 0;
	uintptr_t here = (uintptr_t)&test_maps;

	exe[n < 0 ? 0 : n] = '\0';
	if (slurp("/proc/self/maps", text, sizeof(text)) <= 0) {
		check(0, "read /proc/self/maps");
		return;
	}
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		unsigned long start, end, ino;
		unsigned long long off;
		unsigned major, minor;
		char perms[8];
		int len = 0;

		lines++;
		if (sscanf(line, "%lx-%lx %7s %llx %x:%x %lu %n", &start, &end, perms, &off,
			   &major, &minor, &ino, &len) != 7 || strlen(perms) != 4 || start >= end)
			continue;
		/* The fields, one space, then the name at column 73 or nothing. */
		if (line[len] && (len > MAPS_NAME_COLUMN ||
				  (len < MAPS_NAME_COLUMN && line[MAPS_NAME_COLUMN - 1] != ' ')))
			continue;
		good++;
		if (line[len] && !strcmp(line + len, exe) && perms[2] == 'x')
			exe_text++;
		if (here >= start && here < end && perms[2] == 'x')
			main_in++;
	}
	check(lines > 0 && good == lines, "all %d lines of maps in Linux's format (%d good)",
	      lines, good);
	check(exe_text > 0, "maps has the program's text mapping, r-x and named %s", exe);
	check(main_in == 1, "this function's address is in an executable area");
}

/* A second thread: it reports its tid on one pipe and waits on another. */
static int task_pipes[2][2];

static void *task_thread(void *arg)
{
	long tid = raw(SYS_gettid, 0, 0, 0);
	char c;

	(void)arg;
	if (write(task_pipes[0][1], &tid, sizeof(tid)) != sizeof(tid) ||
	    read(task_pipes[1][0], &c, 1) != 1)
		return NULL;
	return NULL;
}

/* Entries of task/ that are thread ids; whether want is one of them. */
static int task_count(long want, int *found)
{
	DIR *d = opendir("/proc/self/task");
	struct dirent *e;
	int n = 0;

	*found = 0;
	while (d && (e = readdir(d))) {
		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		n++;
		if (strtol(e->d_name, NULL, 10) == want)
			*found = 1;
	}
	if (d)
		closedir(d);
	return n;
}

/* Whether /proc lists the name want (a number). */
static int proc_lists(long want)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int found = 0;

	while (d && (e = readdir(d)))
		if (e->d_name[0] >= '1' && e->d_name[0] <= '9' && strtol(e->d_name, NULL, 10) == want)
			found = 1;
	if (d)
		closedir(d);
	return found;
}

/*
 * /proc/TID of a thread that is not the leader: reachable, its status
 * giving the process's Tgid, but not listed (Linux's proc_pid_lookup
 * finds any task, proc_pid_readdir lists thread group leaders).
 */
static void test_thread_dir(long tid)
{
	static char text[TEXT_MAX];
	char path[64], want[64];
	struct stat st;
	int ok;

	snprintf(path, sizeof(path), "/proc/%ld", tid);
	snprintf(want, sizeof(want), "\nTgid:\t%ld\n", (long)getpid());
	ok = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
	snprintf(path, sizeof(path), "/proc/%ld/status", tid);
	ok = ok && slurp(path, text, sizeof(text)) > 0 && strstr(text, want);
	check(ok, "/proc/%ld of the second thread is there, its status with Tgid %ld", tid,
	      (long)getpid());
	check(!proc_lists(tid), "but /proc does not list it");
}

static void test_task(void)
{
	char path[64];
	struct stat st;
	long tid = raw(SYS_gettid, 0, 0, 0), other = -1;
	pthread_t th;
	int found = 0, n = 0;

	snprintf(path, sizeof(path), "/proc/self/task/%ld", tid);
	check(stat(path, &st) == 0 && S_ISDIR(st.st_mode), "%s is a directory", path);
	snprintf(path, sizeof(path), "/proc/self/task/%ld/stat", tid);
	check(stat(path, &st) == 0 && S_ISREG(st.st_mode), "%s exists", path);
	snprintf(path, sizeof(path), "/proc/self/task/%ld/fd/0", tid);
	check(lstat(path, &st) == 0 && S_ISLNK(st.st_mode), "%s is a link", path);
	if (pipe(task_pipes[0]) || pipe(task_pipes[1]) ||
	    pthread_create(&th, NULL, task_thread, NULL)) {
		check(0, "a second thread");
		return;
	}
	if (read(task_pipes[0][0], &other, sizeof(other)) == sizeof(other))
		n = task_count(other, &found);
	check(n == 2 && found, "task/ lists both threads (%d entries, tid %ld %s)", n, other,
	      found ? "among them" : "missing");
	test_thread_dir(other);
	if (write(task_pipes[1][1], "x", 1) != 1 || pthread_join(th, NULL))
		diag("the thread did not end");
	for (int i = 0; i < 2; i++) {
		close(task_pipes[i][0]);
		close(task_pipes[i][1]);
	}
	/* The thread's tid is cleared at its exit, a little before it is gone. */
	for (int i = 0; i < TASK_GONE_TRIES; i++) {
		struct timespec ts = { 0, TASK_GONE_STEP_NS };

		n = task_count(other, &found);
		if (n == 1 && !found)
			break;
		nanosleep(&ts, NULL);
	}
	check(n == 1 && !found, "and only the main one once the other ended (%d)", n);
}

static void test_mountinfo(void)
{
	static char text[TEXT_MAX];
	int root = 0, good = 0, lines = 0;

	if (slurp("/proc/self/mountinfo", text, sizeof(text)) <= 0) {
		check(0, "read /proc/self/mountinfo");
		return;
	}
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		unsigned id, parent, major, minor;
		char fsroot[256], point[256], opts[256];

		lines++;
		if (sscanf(line, "%u %u %u:%u %255s %255s %255s", &id, &parent, &major, &minor,
			   fsroot, point, opts) == 7 && strstr(line, " - ") &&
		    (!strncmp(opts, "rw", 2) || !strncmp(opts, "ro", 2)))
			good++;
		if (sscanf(line, "%*u %*u %*u:%*u %*s %255s", point) == 1 && !strcmp(point, "/"))
			root++;
	}
	check(lines > 0 && good == lines, "mountinfo: %d lines in proc(5)'s format (%d good)",
	      lines, good);
	check(root == 1, "mountinfo has a line for /");
}

static void test_dev_links(void)
{
	static const char *const links[][2] = {
		{ "/dev/fd", "/proc/self/fd" },
		{ "/dev/stdin", "/proc/self/fd/0" },
		{ "/dev/stdout", "/proc/self/fd/1" },
		{ "/dev/stderr", "/proc/self/fd/2" },
	};
	char buf[64], path[64];
	struct stat st;
	int p[2];

	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		long n = readlink(links[i][0], buf, sizeof(buf) - 1);

		buf[n < 0 ? 0 : n] = '\0';
		check(!strcmp(buf, links[i][1]), "%s -> %s (%s)", links[i][0], links[i][1], buf);
	}
	if (pipe(p))
		return;
	snprintf(path, sizeof(path), "/dev/fd/%d", p[0]);
	check(stat(path, &st) == 0 && S_ISFIFO(st.st_mode), "stat %s: the pipe", path);
	close(p[0]);
	close(p[1]);
}

/* Whether text holds what looks like a kernel address. */
static int has_kernel_addr(const char *text)
{
	return strstr(text, KERNEL_ADDR_TEXT) != NULL;
}

static void test_no_kernel_addresses(void)
{
	static const char *const files[] = {
		"stat", "status", "maps", "mountinfo", "comm", "cmdline",
	};
	static char text[TEXT_MAX];
	char path[PATH_MAX], link[PATH_MAX];
	int p[2], bad = 0, seen = 0;
	long n;
	DIR *d;
	struct dirent *e;

	if (pipe(p))
		return;
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "/proc/self/%s", files[i]);
		if (slurp(path, text, sizeof(text)) >= 0 && has_kernel_addr(text)) {
			diag("%s shows a kernel address", path);
			bad++;
		}
	}
	d = opendir("/proc/self/fd");
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		seen++;
		snprintf(path, sizeof(path), "/proc/self/fd/%s", e->d_name);
		n = readlink(path, link, sizeof(link) - 1);
		if (n < 0)
			continue;
		link[n] = '\0';
		if (has_kernel_addr(link)) {
			diag("%s -> %s", path, link);
			bad++;
		}
		snprintf(path, sizeof(path), "/proc/self/fdinfo/%s", e->d_name);
		if (slurp(path, text, sizeof(text)) >= 0 && has_kernel_addr(text)) {
			diag("%s shows a kernel address", path);
			bad++;
		}
	}
	if (d)
		closedir(d);
	check(seen >= 4 && !bad, "no kernel address in /proc/self files and fd links (%d)", bad);
	close(p[0]);
	close(p[1]);
}

/*
 * /proc/PID is looked up when asked for: a process made after /proc was
 * listed is there; once reaped its directory is gone (ENOENT, not
 * listed), a file of it held open reads ESRCH (Linux's
 * proc_single_show) and its directory lists nothing.
 */
static void test_lookup_on_demand(void)
{
	static char text[TEXT_MAX];
	char path[64];
	struct dirent *e;
	struct stat st;
	int go[2], held = -1, status, entries = 0;
	pid_t child;
	DIR *proc = opendir("/proc"), *dead = NULL;
	long n;

	while (proc && readdir(proc))
		;
	if (!proc || pipe(go)) {
		check(0, "list /proc and make a pipe");
		return;
	}
	child = fork();
	if (child == 0) {
		char c;

		close(go[1]);
		_exit(read(go[0], &c, 1) == 1 ? 0 : 1);
	}
	close(go[0]);
	snprintf(path, sizeof(path), "/proc/%d", (int)child);
	check(child > 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode),
	      "%s of a child made after /proc was listed is there", path);
	dead = opendir(path);
	snprintf(path, sizeof(path), "/proc/%d/status", (int)child);
	held = open(path, O_RDONLY);
	if (write(go[1], "x", 1) != 1 || waitpid(child, &status, 0) != child)
		diag("the child did not end");
	close(go[1]);
	closedir(proc);
	snprintf(path, sizeof(path), "/proc/%d", (int)child);
	check(stat(path, &st) < 0 && errno == ENOENT && !proc_lists(child),
	      "once reaped, %s is gone (ENOENT) and not listed", path);
	n = held >= 0 ? read(held, text, sizeof(text)) : 0;
	check(held >= 0 && n < 0 && errno == ESRCH, "its status held open reads ESRCH (%ld, %s)",
	      n, n < 0 ? strerror(errno) : "no error");
	while (dead && (e = readdir(dead)))
		entries++;
	check(dead && entries == 0, "and its directory opened before lists nothing (%d)",
	      entries);
	if (dead)
		closedir(dead);
	if (held >= 0)
		close(held);
}

#define FD_SPREAD_FIRST	40
#define FD_SPREAD_COUNT	300
#define FD_SPREAD_STEP	3
#define FD_SEEN_MAX	4096

/*
 * A listing of /proc/self/fd over several getdents calls (hundreds of
 * descriptors, with gaps) ends and names exactly the open descriptors,
 * each once.
 */
static void test_fd_listing_exact(void)
{
	static unsigned char seen[FD_SEEN_MAX];
	int first = FD_SPREAD_FIRST, bad = 0, listed = 0, open_fds = 0;
	struct dirent *e;
	DIR *d;

	memset(seen, 0, sizeof(seen));
	for (int i = 0; i < FD_SPREAD_COUNT; i++)
		if (dup2(0, first + i * FD_SPREAD_STEP) < 0)
			bad++;
	d = opendir("/proc/self/fd");
	while (d && (e = readdir(d)) && listed < FD_SEEN_MAX) {
		long fd;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		listed++;
		fd = strtol(e->d_name, NULL, 10);
		if (fd < 0 || fd >= FD_SEEN_MAX || seen[fd]++)
			bad++;
	}
	for (int fd = 0; fd < FD_SEEN_MAX; fd++) {
		int is_open = fcntl(fd, F_GETFD) >= 0;

		open_fds += is_open;
		if (is_open != (seen[fd] == 1))
			bad++;
	}
	check(d && listed == open_fds && !bad,
	      "a listing of /proc/self/fd names exactly the %d open descriptors (%d listed, %d wrong)",
	      open_fds, listed, bad);
	if (d)
		closedir(d);
	for (int i = 0; i < FD_SPREAD_COUNT; i++)
		close(first + i * FD_SPREAD_STEP);
}

int main(void)
{
	tap_plan(PLAN);
	test_pipe_links();
	test_deleted();
	check_as_nobody(reach_unsearchable,
			"/proc/self/fd/N reaches a file in a directory its owner cannot search");
	check_as_nobody(refused_for_init,
			"nobody may not follow PID 1's cwd and fd links nor read its maps, fdinfo");
	test_cwd();
	test_fdinfo();
	test_maps();
	test_task();
	test_mountinfo();
	test_dev_links();
	test_no_kernel_addresses();
	test_lookup_on_demand();
	test_fd_listing_exact();
	return tap_done();
}
