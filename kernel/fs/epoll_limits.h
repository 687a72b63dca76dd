/*
 * epoll_limits.h: /proc/sys/fs/epoll/max_user_watches (epoll(7),
 * "/proc interfaces"), kernel/fs/epoll_limits.c.
 */
#ifndef FS_EPOLL_LIMITS_H
#define FS_EPOLL_LIMITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The limit (the default from the RAM until root writes one). */
uint64_t epoll_max_user_watches(void);
/* A new limit from /proc/sys (root): 0, or -EINVAL. */
int epoll_set_max_user_watches(uint64_t v);
/* One more watch for uid: false (ENOSPC) at the limit. */
bool epoll_watch_charge(uint32_t uid);
void epoll_watch_uncharge(uint32_t uid);

#endif /* FS_EPOLL_LIMITS_H */
