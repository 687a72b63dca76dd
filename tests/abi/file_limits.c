/*
 * file_limits.c: limits on files as Linux 6.1 applies them:
 * RLIMIT_FSIZE (a short write up to it, then EFBIG, and SIGXFSZ, which
 * kills by default; truncate past it likewise), O_NOATIME for the file's
 * owner or root only (open and F_SETFL: EPERM), and tmpfs contents counted
 * in /proc/meminfo's Shmem and Cached.
 * Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include "abi_tap.h"

#define PLAN		9
#define FSIZE_LIMIT	1000
#define CHUNK		600
#define TMPFS_MAGIC_NR	0x01021994	/* statfs(2) f_type of tmpfs */
#define SHMEM_FILE	(2 * 1024 * 1024)
#define SHMEM_SLACK_KIB	512		/* other processes may move it a little */

static char path[] = "/tmp/file_limits.XXXXXX";

/* The child under RLIMIT_FSIZE: each result as a byte on fd out. */
static void fsize_child(int out, int ignore)
{
	struct rlimit lim = { FSIZE_LIMIT, FSIZE_LIMIT };
	char buf[CHUNK] = { 0 };
	long r[4];
	int fd = open(path, O_WRONLY | O_TRUNC);

	if (fd < 0 || setrlimit(RLIMIT_FSIZE, &lim))
		_exit(2);
	if (ignore)
		signal(SIGXFSZ, SIG_IGN);
	r[0] = write(fd, buf, CHUNK);
	r[1] = write(fd, buf, CHUNK);
	r[2] = write(fd, buf, 1) < 0 ? -errno : 0;
	r[3] = ftruncate(fd, 2 * FSIZE_LIMIT) < 0 ? -errno : 0;
	if (write(out, r, sizeof(r)) != sizeof(r))
		_exit(3);
	_exit(0);
}

static int run_fsize(int ignore, long r[4])
{
	int pipefd[2], status = -1;
	pid_t pid;

	memset(r, 0, 4 * sizeof(long));
	if (pipe(pipefd))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(pipefd[0]);
		fsize_child(pipefd[1], ignore);
	}
	close(pipefd[1]);
	if (read(pipefd[0], r, 4 * sizeof(long)) != 4 * sizeof(long))
		memset(r, 0, 4 * sizeof(long));
	close(pipefd[0]);
	waitpid(pid, &status, 0);
	return status;
}

static int user_noatime_refused(void)
{
	int fd = open(path, O_RDONLY | O_NOATIME);

	if (fd >= 0 || errno != EPERM)
		return 1;
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 2;
	return fcntl(fd, F_SETFL, O_NOATIME) == -1 && errno == EPERM ? 0 : 3;
}

/* A tmpfs directory to write in, or NULL. */
static const char *tmpfs_dir(void)
{
	static const char *const dirs[] = { "/dev/shm", "/tmp" };
	struct statfs st;

	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (statfs(dirs[i], &st) == 0 && st.f_type == TMPFS_MAGIC_NR)
			return dirs[i];
	return NULL;
}

static void check_shmem(void)
{
	const char *dir = tmpfs_dir();
	char file[64], *buf;
	long shmem0, cached0, shmem1, cached1, shmem2;
	long want = SHMEM_FILE / 1024 - SHMEM_SLACK_KIB;
	int fd;

	if (!dir) {
		skip("no tmpfs at /dev/shm or /tmp");
		skip("no tmpfs at /dev/shm or /tmp");
		return;
	}
	snprintf(file, sizeof(file), "%s/file_limits.shmem", dir);
	buf = malloc(SHMEM_FILE);
	fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	shmem0 = tap_meminfo_kib("Shmem");
	cached0 = tap_meminfo_kib("Cached");
	if (buf)
		memset(buf, 's', SHMEM_FILE);
	if (!buf || fd < 0 || write(fd, buf, SHMEM_FILE) != SHMEM_FILE)
		shmem0 = -1;
	shmem1 = tap_meminfo_kib("Shmem");
	cached1 = tap_meminfo_kib("Cached");
	check(shmem0 >= 0 && shmem1 - shmem0 >= want && cached1 - cached0 >= want,
	      "2 MiB in %s: Shmem %ld -> %ld kB, Cached %ld -> %ld kB", dir, shmem0, shmem1,
	      cached0, cached1);
	if (fd >= 0)
		close(fd);
	unlink(file);
	shmem2 = tap_meminfo_kib("Shmem");
	check(shmem1 - shmem2 >= want, "removed, Shmem drops back to %ld kB", shmem2);
	free(buf);
}

int main(void)
{
	long r[4];
	int fd = mkstemp(path), status;

	tap_plan(PLAN);
	if (fd < 0 || fchmod(fd, 0644)) {
		check(0, "a file in /tmp");
		return tap_done();
	}
	close(fd);

	status = run_fsize(1, r);
	check(r[0] == CHUNK && r[1] == FSIZE_LIMIT - CHUNK,
	      "RLIMIT_FSIZE %d: writes of %d give %ld, then %ld", FSIZE_LIMIT, CHUNK, r[0], r[1]);
	check(r[2] == -EFBIG, "at the limit, with SIGXFSZ ignored: EFBIG (%ld)", r[2]);
	check(r[3] == -EFBIG, "ftruncate past it: EFBIG (%ld)", r[3]);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child lives (status %#x)",
	      status);
	status = run_fsize(0, r);
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGXFSZ,
	      "with SIGXFSZ's default action the writer dies of it (status %#x)", status);

	fd = open(path, O_RDONLY | O_NOATIME);
	check(fd >= 0, "the owner opens with O_NOATIME");
	if (fd >= 0)
		close(fd);
	check_as_nobody(user_noatime_refused, "O_NOATIME by another user: EPERM (open, F_SETFL)");
	check_shmem();
	unlink(path);
	return tap_done();
}
