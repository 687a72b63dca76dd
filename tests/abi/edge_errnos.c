/*
 * edge_errnos.c: results at the edges where Basalt once differed from
 * Linux 6.1 (each case checked on the host Linux first): paths longer
 * than PATH_MAX in getcwd and /proc/self/cwd, readlink(""), the CPU-time
 * clocks in clock_nanosleep, RLIMIT_NOFILE up to fs.nr_open, mmap's
 * argument checks before its permission checks, exec of a script whose
 * interpreter is missing, a directory or a device, and the
 * /proc/sys/kernel limits.
 * Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include "abi_tap.h"

#define PLAN		19
#define NAME_LEN	200	/* one directory name of the deep path */
#define DEPTH		25	/* 25 x 201 bytes: past PATH_MAX (4096) */
#define BIG_BUF		(2 * PATH_MAX)

static char scratch[] = "/tmp/edge_errnos.XXXXXX";
static char truncate_target[PATH_MAX];

/* As nobody: truncate(2) of root's 0644 file is EACCES. */
static int truncate_as_nobody(void)
{
	return truncate(truncate_target, 0) == -1 && errno == EACCES ? 0 : 1;
}

/* Goes DEPTH directories down from scratch; 0 or -1. */
static int go_deep(void)
{
	char name[NAME_LEN + 1];

	memset(name, 'd', NAME_LEN);
	name[NAME_LEN] = '\0';
	if (chdir(scratch))
		return -1;
	for (int i = 0; i < DEPTH; i++)
		if (mkdir(name, 0755) || chdir(name))
			return -1;
	return 0;
}

/* Writes a #! script naming interp; 0 or -1. */
static int write_script(const char *path, const char *interp)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fprintf(f, "#!%s\nexit 0\n", interp);
	return fclose(f) || chmod(path, 0755) ? -1 : 0;
}

/* execve of path in a child: -errno from execve, or 0 if it ran. */
static int exec_errno(const char *path)
{
	int status, pipefd[2], err = 0;
	pid_t pid;

	if (pipe2(pipefd, O_CLOEXEC))
		return -1;
	pid = fork();
	if (pid == 0) {
		char *const argv[] = { (char *)path, NULL };

		execv(path, argv);
		err = errno;
		if (write(pipefd[1], &err, sizeof(err)) != sizeof(err))
			_exit(2);
		_exit(1);
	}
	close(pipefd[1]);
	if (read(pipefd[0], &err, sizeof(err)) != sizeof(err))
		err = 0;
	close(pipefd[0]);
	waitpid(pid, &status, 0);
	return -err;
}

int main(void)
{
	char buf[BIG_BUF], path[PATH_MAX];
	struct timespec ts = { 0, 1000 };
	struct rlimit nofile;
	long r, nr_open;
	int fd;

	tap_plan(PLAN);
	if (!mkdtemp(scratch)) {
		check(0, "mkdtemp");
		return tap_done();
	}

	/* Paths past PATH_MAX: ENAMETOOLONG, not ERANGE or a stale name. */
	if (go_deep()) {
		check(0, "a directory %d levels deep", DEPTH);
		check(0, "(not run)");
	} else {
		r = raw(SYS_getcwd, buf, sizeof(buf), 0);
		check(r == -ENAMETOOLONG, "getcwd of a path past PATH_MAX: ENAMETOOLONG (%ld)", r);
		r = readlink("/proc/self/cwd", buf, sizeof(buf)) < 0 ? -errno : 0;
		check(r == -ENAMETOOLONG, "readlink /proc/self/cwd there: ENAMETOOLONG (%ld)", r);
	}
	if (chdir("/"))
		return tap_done();

	r = readlink("", buf, sizeof(buf)) < 0 ? -errno : 0;
	check(r == -ENOENT, "readlink(\"\"): ENOENT (%ld)", r);

	r = raw(SYS_clock_nanosleep, CLOCK_THREAD_CPUTIME_ID, 0, &ts);
	check(r == -EOPNOTSUPP, "clock_nanosleep on the thread CPU clock: EOPNOTSUPP (%ld)", r);

	/* RLIMIT_NOFILE may go as high as fs.nr_open (root raises the hard limit). */
	nr_open = tap_proc_number("/proc/sys/fs/nr_open");
	check(nr_open == 1048576, "/proc/sys/fs/nr_open is 1048576 (%ld)", nr_open);
	getrlimit(RLIMIT_NOFILE, &nofile);
	if (getuid() == 0 && nr_open > 0) {
		struct rlimit want = { (rlim_t)nr_open, (rlim_t)nr_open };

		/* EPERM where root lacks CAP_SYS_RESOURCE (a container); never EINVAL. */
		r = setrlimit(RLIMIT_NOFILE, &want) ? -errno : 0;
		check(r == 0 || r == -EPERM, "root may set RLIMIT_NOFILE to nr_open (%ld)", r);
		want.rlim_cur = want.rlim_max = (rlim_t)nr_open + 1;
		r = setrlimit(RLIMIT_NOFILE, &want) ? -errno : 0;
		check(r == -EPERM, "one more: EPERM (%ld)", r);
		setrlimit(RLIMIT_NOFILE, &nofile);
	} else {
		skip("raising RLIMIT_NOFILE needs root");
		skip("raising RLIMIT_NOFILE needs root");
	}

	/* mmap checks its arguments before the file's access mode. */
	fd = open("/proc/self/exe", O_RDONLY);
	r = mmap(NULL, 0, PROT_WRITE, MAP_SHARED, fd, 0) == MAP_FAILED ? -errno : 0;
	check(r == -EINVAL, "mmap of 0 bytes, shared and writable, of a read-only fd: EINVAL (%ld)",
	      r);
	close(fd);

	/* A #! line whose interpreter is missing, a directory or a device. */
	snprintf(path, sizeof(path), "%s/script", scratch);
	r = write_script(path, "/nonexistent/interpreter") ? -1 : exec_errno(path);
	check(r == -ENOENT, "exec of a script with a missing interpreter: ENOENT (%ld)", r);
	r = write_script(path, "/tmp") ? -1 : exec_errno(path);
	check(r == -EACCES, "with a directory as interpreter: EACCES (%ld)", r);
	r = write_script(path, "/dev/zero") ? -1 : exec_errno(path);
	check(r == -EACCES, "with /dev/zero as interpreter: EACCES (%ld)", r);
	unlink(path);

	r = tap_proc_number("/proc/sys/kernel/pid_max");
	check(r >= 32768, "/proc/sys/kernel/pid_max is there (%ld)", r);

	/* truncate(2) and ftruncate(2): Linux's do_sys_truncate/do_sys_ftruncate errnos. */
	r = truncate(scratch, 0) ? -errno : 0;
	check(r == -EISDIR, "truncate of a directory: EISDIR (%ld)", r);
	snprintf(truncate_target, sizeof(truncate_target), "%s/file", scratch);
	fd = open(truncate_target, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	snprintf(path, sizeof(path), "%s/file/below", scratch);
	r = truncate(path, 0) ? -errno : 0;
	check(r == -ENOTDIR, "truncate below a regular file: ENOTDIR (%ld)", r);
	r = truncate(truncate_target, -1) ? -errno : 0;
	check(r == -EINVAL, "truncate to a negative length: EINVAL (%ld)", r);
	snprintf(path, sizeof(path), "%s/fifo", scratch);
	r = mkfifo(path, 0644) ? -errno : truncate(path, 0) ? -errno : 0;
	check(r == -EINVAL, "truncate of a FIFO: EINVAL (%ld)", r);
	unlink(path);
	close(fd);
	fd = open(truncate_target, O_RDONLY);
	r = ftruncate(fd, 0) ? -errno : 0;
	check(r == -EINVAL, "ftruncate of a descriptor open read-only: EINVAL (%ld)", r);
	close(fd);
	r = truncate("/nonexistent/edge_errnos", 0) ? -errno : 0;
	check(r == -ENOENT, "truncate of a missing path: ENOENT (%ld)", r);
	chmod(scratch, 0755);
	check_as_nobody(truncate_as_nobody, "truncate of root's 0644 file as nobody: EACCES");
	unlink(truncate_target);
	rmdir(scratch);
	return tap_done();
}
