/* system.c: system(3) as POSIX specifies it: SIGINT and SIGQUIT ignored and SIGCHLD blocked while the shell runs (replaces newlib's). */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define SYSTEM_SHELL		"/bin/sh"
/* system(3): the status of a child that could not run the shell. */
#define SYSTEM_EXEC_FAILED	127

int system(const char *command)
{
	struct sigaction ignore, old_int, old_quit;
	sigset_t block, old_mask;
	int status, saved;
	pid_t pid;

	if (!command)
		return access(SYSTEM_SHELL, X_OK) == 0;	/* is a shell available? */

	ignore.sa_handler = SIG_IGN;
	sigemptyset(&ignore.sa_mask);
	ignore.sa_flags = 0;
	sigaction(SIGINT, &ignore, &old_int);
	sigaction(SIGQUIT, &ignore, &old_quit);
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &old_mask);

	pid = fork();
	if (pid == 0) {
		/* The shell gets the caller's dispositions and mask back. */
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		sigprocmask(SIG_SETMASK, &old_mask, NULL);
		execl(SYSTEM_SHELL, "sh", "-c", command, (char *)NULL);
		_exit(SYSTEM_EXEC_FAILED);
	}
	if (pid < 0) {
		status = -1;
	} else {
		while (waitpid(pid, &status, 0) < 0) {
			if (errno != EINTR) {
				status = -1;
				break;
			}
		}
	}
	saved = errno;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	errno = saved;
	return status;
}
