/*
 * execveat.c: execveat(2): a program run from a descriptor (AT_EMPTY_PATH,
 * an O_RDONLY or O_PATH one), by a path relative to a directory
 * descriptor, by an absolute path (dirfd ignored), through a symbolic
 * link and not (AT_SYMLINK_NOFOLLOW: ELOOP); AT_EXECFN is "/dev/fd/N"
 * or "/dev/fd/N/name" as Linux names such programs; the errors for bad
 * flags, an empty path, a file as dirfd and a bad descriptor. Raw system
 * calls. Prints TAP; runs on the host, in Basalt and under Linux.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <sys/auxv.h>
#include <sys/stat.h>

#include "abi_tap.h"

/* Linux's values: newlib's fcntl.h has its own (or none) for these. */
#define LX_O_PATH		010000000
#define LX_AT_FDCWD		(-100)
#define LX_AT_SYMLINK_NOFOLLOW	0x100
#define LX_AT_EMPTY_PATH	0x1000

#define PLAN		12
#define BASE		"/tmp/abi-execveat"
#define LINK		BASE "/link"
#define CHILD_RAN	42
#define EXECFN_MAX	(PATH_MAX + 64)

#define NAME_MAX_LEN	128

static char self[PATH_MAX], self_dir[PATH_MAX], self_name[NAME_MAX_LEN];

/*
 * In a child: execveat(dirfd, path, flags) of this program in report mode;
 * the child's exit status (CHILD_RAN when the program ran, the errno of a
 * failed execveat) and the AT_EXECFN it saw in execfn.
 */
static int run_at(int dirfd, const char *path, int flags, char *execfn)
{
	int fds[2], status;
	ssize_t n;
	pid_t pid;

	execfn[0] = '\0';
	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid == 0) {
		char *const av[] = { "execveat", "report", NULL };
		char *const ev[] = { NULL };

		dup2(fds[1], 1);
		close(fds[0]);
		_exit((int)-raw6(SYS_execveat, dirfd, (long)path, (long)av, (long)ev, flags, 0));
	}
	close(fds[1]);
	n = read(fds[0], execfn, EXECFN_MAX - 1);
	execfn[n > 0 ? n : 0] = '\0';
	execfn[strcspn(execfn, "\n")] = '\0';
	close(fds[0]);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static void set_paths(const char *argv0)
{
	char *slash;

	self[0] = '\0';
	if (argv0[0] != '/' && getcwd(self, sizeof(self) / 2))
		strcat(self, "/");
	strncat(self, argv0, sizeof(self) / 2 - 1);
	snprintf(self_dir, sizeof(self_dir), "%s", self);
	slash = strrchr(self_dir, '/');
	snprintf(self_name, sizeof(self_name), "%s", slash + 1);
	slash[slash == self_dir ? 1 : 0] = '\0';
}

int main(int argc, char **argv)
{
	char fn[EXECFN_MAX], want[EXECFN_MAX];
	int fd, pfd, dfd, r;

	if (argc > 1 && !strcmp(argv[1], "report")) {
		printf("%s\n", (const char *)getauxval(AT_EXECFN));
		return CHILD_RAN;
	}
	tap_plan(PLAN);
	set_paths(argv[0]);
	mkdir(BASE, 0755);
	unlink(LINK);
	fd = open(self, O_RDONLY);
	pfd = (int)raw(SYS_open, self, LX_O_PATH, 0);
	dfd = open(self_dir, O_RDONLY | O_DIRECTORY);
	check(fd >= 0 && pfd >= 0 && dfd >= 0 && symlink(self, LINK) == 0, "set up (%s: %d %d %d)", self, fd, pfd, dfd);

	r = run_at(fd, "", LX_AT_EMPTY_PATH, fn);
	snprintf(want, sizeof(want), "/dev/fd/%d", fd);
	check(r == CHILD_RAN, "AT_EMPTY_PATH, an O_RDONLY descriptor: runs (%d)", r);
	check(!strcmp(fn, want), "AT_EXECFN %s (%s)", want, fn);
	r = run_at(pfd, "", LX_AT_EMPTY_PATH, fn);
	check(r == CHILD_RAN, "AT_EMPTY_PATH, an O_PATH descriptor: runs (%d)", r);
	r = run_at(dfd, self_name, 0, fn);
	snprintf(want, sizeof(want), "/dev/fd/%d/%s", dfd, self_name);
	check(r == CHILD_RAN && !strcmp(fn, want), "relative to a directory: runs as %s (%d, %s)",
	      want, r, fn);
	r = run_at(-1, self, 0, fn);
	check(r == CHILD_RAN && !strcmp(fn, self), "an absolute path, dirfd ignored (%d)", r);
	r = run_at(LX_AT_FDCWD, LINK, 0, fn);
	check(r == CHILD_RAN, "through a symbolic link (%d)", r);
	r = run_at(LX_AT_FDCWD, LINK, LX_AT_SYMLINK_NOFOLLOW, fn);
	check(r == ELOOP, "AT_SYMLINK_NOFOLLOW on a link: ELOOP (%d)", r);
	r = run_at(LX_AT_FDCWD, self, 1, fn);
	check(r == EINVAL, "unknown flags: EINVAL (%d)", r);
	r = run_at(fd, "", 0, fn);
	check(r == ENOENT, "an empty path without AT_EMPTY_PATH: ENOENT (%d)", r);
	r = run_at(fd, "x", 0, fn);
	check(r == ENOTDIR, "a relative path from a file: ENOTDIR (%d)", r);
	r = run_at(999, "x", 0, fn);
	check(r == EBADF, "a bad descriptor: EBADF (%d)", r);
	close(fd);
	close(pfd);
	close(dfd);
	unlink(LINK);
	rmdir(BASE);
	if (tap_no != PLAN)
		diag("plan %d, ran %d", PLAN, tap_no);
	return tap_done();
}
