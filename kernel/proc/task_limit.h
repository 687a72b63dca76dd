/*
 * task_limit.h: the system's task limit (kernel/proc/task_limit.c),
 * /proc/sys/kernel/threads-max.
 */
#ifndef PROC_TASK_LIMIT_H
#define PROC_TASK_LIMIT_H

#include <stdbool.h>
#include <stdint.h>

/* The limit on tasks (threads-max). */
uint64_t task_limit_threads_max(void);
/* A new limit from /proc/sys: 0, or -EINVAL outside Linux's bounds. */
int task_limit_set_threads_max(uint64_t v);
/* Whether a clone must fail with -EAGAIN: every task slot allowed is taken. */
bool task_limit_reached(void);

#endif /* PROC_TASK_LIMIT_H */
