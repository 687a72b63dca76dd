/*
 * exec.c: execve(2): a program execs itself with arguments and an
 * environment and checks them, AT_EXECFN, close-on-exec; #! scripts run
 * by /bin/sh (on Basalt, BusyBox); ENOENT, EACCES, ENOEXEC, ENOTDIR and
 * EFAULT. Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "abi_tap.h"

#define PLAN		11
#define CHILD_MAGIC	"exec-child"
#define BAD_ADDR	((void *)0x100000000000ULL)

/* The re-executed program: bit n of the exit code is check n failing. */
static int child_main(int argc, char **argv, const char *self)
{
	int bits = 0, keep_fd = atoi(argv[3]), cloexec_fd = atoi(argv[4]);
	const char *execfn = (const char *)getauxval(AT_EXECFN);
	const char *env = getenv("ABI_EXEC");

	if (argc != 5 || strcmp(argv[2], "two words"))
		bits |= 1;
	if (!env || strcmp(env, "yes") || getenv("HOME_SHOULD_BE_GONE"))
		bits |= 2;
	if (!execfn || strcmp(execfn, self))
		bits |= 4;
	if (fcntl(keep_fd, F_GETFD) != 0)
		bits |= 8;
	if (fcntl(cloexec_fd, F_GETFD) != -1 || errno != EBADF)
		bits |= 16;
	return bits;
}

/* Runs path with argv/envp in a child; its wait status, or -errno of execve. */
static int run(const char *path, char *const argv[], char *const envp[])
{
	int fds[2], status, err = 0;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC))
		return -1000;
	pid = fork();
	if (pid == 0) {
		execve(path, argv, envp);
		err = errno;
		if (write(fds[1], &err, sizeof(err)) != sizeof(err))
			_exit(126);
		_exit(127);
	}
	close(fds[1]);
	if (read(fds[0], &err, sizeof(err)) != sizeof(err))
		err = 0;
	close(fds[0]);
	waitpid(pid, &status, 0);
	return err ? -err : status;
}

static void write_file(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		diag("cannot write %s", path);
	close(fd);
	chmod(path, mode);
}

int main(int argc, char **argv)
{
	char self[4096], dir[4096], script[4200], plain[4200], junk[4200], sub[4200];
	char keep[16], cloexec[16];
	const char *tmp = getenv("TMPDIR");
	int keep_fd, cloexec_fd, st;

	/* argv[0] names this program (a path, under make test and on Basalt). */
	if (strchr(argv[0], '/'))
		snprintf(self, sizeof(self), "%s", argv[0]);
	else
		snprintf(self, sizeof(self), "/proc/self/exe");
	if (argc > 1 && !strcmp(argv[1], CHILD_MAGIC))
		return child_main(argc, argv, self);

	tap_plan(PLAN);
	keep_fd = open("/dev/null", O_RDONLY);
	cloexec_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	snprintf(keep, sizeof(keep), "%d", keep_fd);
	snprintf(cloexec, sizeof(cloexec), "%d", cloexec_fd);
	{
		char *cargv[] = { self, CHILD_MAGIC, "two words", keep, cloexec, NULL };
		char *cenv[] = { "ABI_EXEC=yes", "OTHER=1", NULL };

		st = run(self, cargv, cenv);
		check(st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
		      "execve of itself: argv, envp, AT_EXECFN, close-on-exec (status %#x)", st);
	}

	snprintf(dir, sizeof(dir), "%s/abi-exec-XXXXXX", tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		diag("mkdtemp failed");
		return 99;
	}
	snprintf(script, sizeof(script), "%s/script", dir);
	snprintf(plain, sizeof(plain), "%s/plain", dir);
	snprintf(junk, sizeof(junk), "%s/junk", dir);
	snprintf(sub, sizeof(sub), "%s/plain/x", dir);
	write_file(script, "#!/bin/sh\nexit $(( $1 + 1 ))\n", 0755);
	write_file(plain, "#!/bin/sh\nexit 0\n", 0644);
	write_file(junk, "\x01\x02\x03 not a program\n", 0755);
	{
		char *sargv[] = { script, "41", NULL };
		char *env[] = { "PATH=/bin:/usr/bin", NULL };

		st = run(script, sargv, env);
		check(st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 42,
		      "a #!/bin/sh script runs with its argument (status %#x)", st);
		sargv[0] = plain;
		check(run(plain, sargv, env) == -EACCES, "no execute permission: EACCES");
		sargv[0] = dir;
		check(run(dir, sargv, env) == -EACCES, "a directory: EACCES");
		sargv[0] = junk;
		check(run(junk, sargv, env) == -ENOEXEC, "neither ELF nor #!: ENOEXEC");
		check(run("/nonexistent/abi-exec", sargv, env) == -ENOENT, "a missing file: ENOENT");
		check(run(sub, sargv, env) == -ENOTDIR, "a file used as a directory: ENOTDIR");
		check(run(NULL, sargv, env) == -EFAULT, "a NULL path: EFAULT");
		check(run(BAD_ADDR, sargv, env) == -EFAULT, "an unmapped path: EFAULT");
		check(run(script, BAD_ADDR, env) == -EFAULT, "an unmapped argv: EFAULT");
	}
	{
		int fd = open("/dev/null", O_RDONLY);

		check(fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC &&
		      fcntl(cloexec_fd, F_GETFD) == FD_CLOEXEC,
		      "FD_CLOEXEC set by fcntl and by O_CLOEXEC reads back");
		close(fd);
	}
	unlink(script);
	unlink(plain);
	unlink(junk);
	rmdir(dir);
	return tap_done();
}
