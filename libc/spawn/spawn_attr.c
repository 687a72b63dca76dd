/* spawn_attr.c: posix_spawnattr_init(3), destroy and the get/set pairs, and the file action list. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>

#include "spawn_impl.h"

#define SPAWN_KNOWN_FLAGS	(POSIX_SPAWN_RESETIDS | POSIX_SPAWN_SETPGROUP | \
				 POSIX_SPAWN_SETSCHEDPARAM | POSIX_SPAWN_SETSCHEDULER | \
				 POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)

int posix_spawnattr_init(posix_spawnattr_t *attr)
{
	*attr = calloc(1, sizeof(**attr));
	return *attr ? 0 : ENOMEM;
}

int posix_spawnattr_destroy(posix_spawnattr_t *attr)
{
	free(*attr);
	*attr = NULL;
	return 0;
}

int posix_spawnattr_getflags(const posix_spawnattr_t *__restrict attr, short *__restrict flags)
{
	*flags = (*attr)->flags;
	return 0;
}

int posix_spawnattr_setflags(posix_spawnattr_t *attr, short flags)
{
	if (flags & ~SPAWN_KNOWN_FLAGS)
		return EINVAL;
	(*attr)->flags = flags;
	return 0;
}

int posix_spawnattr_getpgroup(const posix_spawnattr_t *__restrict attr, pid_t *__restrict pgroup)
{
	*pgroup = (*attr)->pgroup;
	return 0;
}

int posix_spawnattr_setpgroup(posix_spawnattr_t *attr, pid_t pgroup)
{
	(*attr)->pgroup = pgroup;
	return 0;
}

int posix_spawnattr_getsigdefault(const posix_spawnattr_t *__restrict attr,
				  sigset_t *__restrict set)
{
	*set = (*attr)->sigdefault;
	return 0;
}

int posix_spawnattr_setsigdefault(posix_spawnattr_t *__restrict attr,
				  const sigset_t *__restrict set)
{
	(*attr)->sigdefault = *set;
	return 0;
}

int posix_spawnattr_getsigmask(const posix_spawnattr_t *__restrict attr,
			       sigset_t *__restrict set)
{
	*set = (*attr)->sigmask;
	return 0;
}

int posix_spawnattr_setsigmask(posix_spawnattr_t *__restrict attr,
			       const sigset_t *__restrict set)
{
	(*attr)->sigmask = *set;
	return 0;
}

int posix_spawnattr_getschedpolicy(const posix_spawnattr_t *__restrict attr,
				   int *__restrict policy)
{
	*policy = (*attr)->policy;
	return 0;
}

int posix_spawnattr_setschedpolicy(posix_spawnattr_t *attr, int policy)
{
	(*attr)->policy = policy;
	return 0;
}

int posix_spawnattr_getschedparam(const posix_spawnattr_t *__restrict attr,
				  struct sched_param *__restrict param)
{
	param->sched_priority = (*attr)->priority;
	return 0;
}

int posix_spawnattr_setschedparam(posix_spawnattr_t *__restrict attr,
				  const struct sched_param *__restrict param)
{
	(*attr)->priority = param->sched_priority;
	return 0;
}

int posix_spawn_file_actions_init(posix_spawn_file_actions_t *actions)
{
	*actions = calloc(1, sizeof(**actions));
	return *actions ? 0 : ENOMEM;
}

int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *actions)
{
	struct spawn_action *action, *next;

	for (action = (*actions)->head; action; action = next) {
		next = action->next;
		free(action->path);
		free(action);
	}
	free(*actions);
	*actions = NULL;
	return 0;
}

static int spawn_add(posix_spawn_file_actions_t *actions, const struct spawn_action *template)
{
	struct spawn_action *action;

	if (template->fd < 0 || (template->kind == SPAWN_DUP2 && template->new_fd < 0))
		return EBADF;
	action = malloc(sizeof(*action));
	if (!action)
		return ENOMEM;
	*action = *template;
	action->next = NULL;
	if ((*actions)->tail)
		(*actions)->tail->next = action;
	else
		(*actions)->head = action;
	(*actions)->tail = action;
	return 0;
}

int posix_spawn_file_actions_addopen(posix_spawn_file_actions_t *__restrict actions, int fd,
				     const char *__restrict path, int flags, mode_t mode)
{
	struct spawn_action action = { SPAWN_OPEN, fd, -1, flags, mode, NULL, NULL };
	int error;

	action.path = strdup(path);
	if (!action.path)
		return ENOMEM;
	error = spawn_add(actions, &action);
	if (error)
		free(action.path);
	return error;
}

int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t *actions, int fd, int new_fd)
{
	struct spawn_action action = { SPAWN_DUP2, fd, new_fd, 0, 0, NULL, NULL };

	return spawn_add(actions, &action);
}

int posix_spawn_file_actions_addclose(posix_spawn_file_actions_t *actions, int fd)
{
	struct spawn_action action = { SPAWN_CLOSE, fd, -1, 0, 0, NULL, NULL };

	return spawn_add(actions, &action);
}
