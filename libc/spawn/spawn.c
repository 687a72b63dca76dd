/* spawn.c: posix_spawn(3) and posix_spawnp over fork and execve, with exec errors reported back through a pipe. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "linux_syscall.h"
#include "spawn_impl.h"

/* posix_spawn(3): a child that fails before exec exits with 127. */
#define SPAWN_CHILD_FAILED	127

extern char **environ;

/* The file actions, in order; returns 0 or an error number. */
static int spawn_run_actions(const struct __posix_spawn_file_actions *actions)
{
	const struct spawn_action *action;
	int fd;

	for (action = actions ? actions->head : NULL; action; action = action->next) {
		switch (action->kind) {
		case SPAWN_OPEN:
			fd = open(action->path, action->flags, action->mode);
			if (fd < 0)
				return errno;
			if (fd != action->fd) {
				if (dup2(fd, action->fd) < 0)
					return errno;
				close(fd);
			}
			break;
		case SPAWN_DUP2:
			/* dup2 onto itself must still clear close-on-exec (POSIX 2017). */
			if (action->fd == action->new_fd) {
				if (fcntl(action->fd, F_SETFD, 0) < 0)
					return errno;
			} else if (dup2(action->fd, action->new_fd) < 0) {
				return errno;
			}
			break;
		case SPAWN_CLOSE:
			if (close(action->fd) < 0 && errno != EBADF)
				return errno;
			break;
		}
	}
	return 0;
}

/* The attributes; returns 0 or an error number. */
static int spawn_apply_attributes(const struct __posix_spawnattr *attr)
{
	struct sched_param param;
	int sig;

	if (!attr)
		return 0;
	if (attr->flags & POSIX_SPAWN_SETSIGDEF) {
		for (sig = 1; sig < NSIG; sig++) {
			if (sigismember(&attr->sigdefault, sig) == 1 && sig != SIGKILL &&
			    sig != SIGSTOP)
				signal(sig, SIG_DFL);
		}
	}
	if ((attr->flags & POSIX_SPAWN_SETPGROUP) && setpgid(0, attr->pgroup) < 0)
		return errno;
	param.sched_priority = attr->priority;
	if (attr->flags & POSIX_SPAWN_SETSCHEDULER) {
		if (linux_syscall_result(linux_syscall3(SYS_sched_setscheduler, 0, attr->policy,
							(long)&param)) < 0)
			return errno;
	} else if (attr->flags & POSIX_SPAWN_SETSCHEDPARAM) {
		if (linux_syscall_result(linux_syscall2(SYS_sched_setparam, 0, (long)&param)) < 0)
			return errno;
	}
	if ((attr->flags & POSIX_SPAWN_RESETIDS) && (setegid(getgid()) < 0 || seteuid(getuid()) < 0))
		return errno;
	return 0;
}

static int spawn_common(pid_t *__restrict pid_out, const char *__restrict path,
			const posix_spawn_file_actions_t *actions,
			const posix_spawnattr_t *__restrict attr, char *const argv[],
			char *const envp[], int search_path)
{
	const struct __posix_spawnattr *attributes = attr ? *attr : NULL;
	sigset_t all, old;
	int report[2], error = 0;
	ssize_t got;
	pid_t pid;

	/* The child reports a failure before exec on this pipe; exec closes it. */
	if (pipe2(report, O_CLOEXEC) < 0)
		return errno;
	/* No handler of ours may run in the child before exec. */
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	pid = fork();
	if (pid == 0) {
		close(report[0]);
		error = spawn_apply_attributes(attributes);
		if (!error)
			error = spawn_run_actions(actions ? *actions : NULL);
		if (!error) {
			sigprocmask(SIG_SETMASK, attributes && (attributes->flags &
								 POSIX_SPAWN_SETSIGMASK) ?
						 &attributes->sigmask : &old, NULL);
			if (search_path)
				execvpe(path, argv, envp ? envp : environ);
			else
				execve(path, argv, envp ? envp : environ);
			error = errno;
		}
		while (write(report[1], &error, sizeof(error)) < 0 && errno == EINTR)
			;
		_exit(SPAWN_CHILD_FAILED);
	}
	if (pid < 0)
		error = errno;
	sigprocmask(SIG_SETMASK, &old, NULL);
	close(report[1]);
	if (pid > 0) {
		do
			got = read(report[0], &error, sizeof(error));
		while (got < 0 && errno == EINTR);
		if (got == (ssize_t)sizeof(error)) {
			/* The child is gone: reap it, as glibc does. */
			while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
				;
		} else {
			error = 0;
			if (pid_out)
				*pid_out = pid;
		}
	}
	close(report[0]);
	return error;
}

int posix_spawn(pid_t *__restrict pid, const char *__restrict path,
		const posix_spawn_file_actions_t *actions, const posix_spawnattr_t *__restrict attr,
		char *const argv[], char *const envp[])
{
	return spawn_common(pid, path, actions, attr, argv, envp, 0);
}

int posix_spawnp(pid_t *__restrict pid, const char *__restrict file,
		 const posix_spawn_file_actions_t *actions, const posix_spawnattr_t *__restrict attr,
		 char *const argv[], char *const envp[])
{
	return spawn_common(pid, file, actions, attr, argv, envp, 1);
}
