/* spawn_impl.h: the objects behind newlib's opaque posix_spawnattr_t and posix_spawn_file_actions_t, internal to libc/spawn. */
#ifndef BASALT_LIBC_SPAWN_IMPL_H
#define BASALT_LIBC_SPAWN_IMPL_H

#include <signal.h>
#include <spawn.h>
#include <sys/types.h>

struct __posix_spawnattr {
	short flags;
	pid_t pgroup;
	sigset_t sigdefault;
	sigset_t sigmask;
	int policy;
	int priority;
};

enum spawn_action_kind { SPAWN_OPEN, SPAWN_DUP2, SPAWN_CLOSE };

/* One file action, run in the child in the order they were added. */
struct spawn_action {
	enum spawn_action_kind kind;
	int fd;		/* the descriptor to open into, close, or dup2 from */
	int new_fd;	/* dup2's target */
	int flags;	/* open's */
	mode_t mode;
	char *path;
	struct spawn_action *next;
};

struct __posix_spawn_file_actions {
	struct spawn_action *head;
	struct spawn_action *tail;
};

#endif /* BASALT_LIBC_SPAWN_IMPL_H */
