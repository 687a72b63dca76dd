/* execvp.c: execvp(3), execvpe, execlp, execl, execle, execv: the exec family over execve(2). */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

/* exec(3): the search path when PATH is unset (glibc's). */
#define EXEC_DEFAULT_PATH	"/bin:/usr/bin"
#define EXEC_SHELL		"/bin/sh"
#define EXEC_PATH_MAX		4096
/* How many arguments execl and friends take before they need the heap. */
#define EXEC_MAX_ARGS		1024

/* A file that is not an executable format is run by the shell (exec(3) "ENOEXEC"). */
static void exec_with_shell(const char *path, char *const argv[], char *const envp[])
{
	int count = 0, i;
	char **shell_argv;

	while (argv[count])
		count++;
	shell_argv = malloc((count + 2) * sizeof(*shell_argv));
	if (!shell_argv)
		return;
	shell_argv[0] = (char *)EXEC_SHELL;
	shell_argv[1] = (char *)path;
	for (i = 1; i <= count; i++)
		shell_argv[i + 1] = argv[i];
	execve(EXEC_SHELL, shell_argv, envp);
	free(shell_argv);
}

int execvpe(const char *file, char *const argv[], char *const envp[])
{
	char candidate[EXEC_PATH_MAX];
	const char *path, *dir, *end;
	size_t dir_length, file_length = strlen(file);
	int saw_eacces = 0;

	if (*file == '\0') {
		errno = ENOENT;
		return -1;
	}
	if (strchr(file, '/')) {
		execve(file, argv, envp);
		if (errno == ENOEXEC)
			exec_with_shell(file, argv, envp);
		return -1;
	}
	path = getenv("PATH");
	if (!path)
		path = EXEC_DEFAULT_PATH;
	for (dir = path;; dir = end + 1) {
		end = strchr(dir, ':');
		if (!end)
			end = dir + strlen(dir);
		dir_length = end - dir;
		/* An empty entry is the current directory. */
		if (dir_length + 1 + file_length + 1 <= sizeof(candidate)) {
			memcpy(candidate, dir_length ? dir : ".", dir_length ? dir_length : 1);
			dir_length = dir_length ? dir_length : 1;
			candidate[dir_length] = '/';
			memcpy(candidate + dir_length + 1, file, file_length + 1);
			execve(candidate, argv, envp);
			switch (errno) {
			case ENOEXEC:
				exec_with_shell(candidate, argv, envp);
				return -1;
			case EACCES:
				saw_eacces = 1;
				break;
			case ENOENT:
			case ENOTDIR:
			case ELOOP:
			case ENAMETOOLONG:
				break;
			default:
				return -1;
			}
		}
		if (*end == '\0')
			break;
	}
	errno = saw_eacces ? EACCES : ENOENT;
	return -1;
}

int execvp(const char *file, char *const argv[])
{
	return execvpe(file, argv, environ);
}

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

/* Collects execl's arguments up to the NULL; envp gets what follows it for execle. */
#define EXEC_COLLECT(first, ap, argv, count)					\
	do {									\
		(argv)[0] = (char *)(first);					\
		for ((count) = 1; (count) < EXEC_MAX_ARGS; (count)++) {	\
			(argv)[count] = va_arg(ap, char *);			\
			if (!(argv)[count])					\
				break;						\
		}								\
	} while (0)

int execl(const char *path, const char *arg, ...)
{
	char *argv[EXEC_MAX_ARGS + 1];
	va_list ap;
	int count;

	va_start(ap, arg);
	EXEC_COLLECT(arg, ap, argv, count);
	va_end(ap);
	if (count == EXEC_MAX_ARGS) {
		errno = E2BIG;
		return -1;
	}
	return execve(path, argv, environ);
}

int execlp(const char *file, const char *arg, ...)
{
	char *argv[EXEC_MAX_ARGS + 1];
	va_list ap;
	int count;

	va_start(ap, arg);
	EXEC_COLLECT(arg, ap, argv, count);
	va_end(ap);
	if (count == EXEC_MAX_ARGS) {
		errno = E2BIG;
		return -1;
	}
	return execvp(file, argv);
}

int execle(const char *path, const char *arg, ...)
{
	char *argv[EXEC_MAX_ARGS + 1];
	char *const *envp;
	va_list ap;
	int count;

	va_start(ap, arg);
	EXEC_COLLECT(arg, ap, argv, count);
	envp = va_arg(ap, char *const *);
	va_end(ap);
	if (count == EXEC_MAX_ARGS) {
		errno = E2BIG;
		return -1;
	}
	return execve(path, argv, envp);
}
