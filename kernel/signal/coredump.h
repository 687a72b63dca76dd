/*
 * coredump.h: core files for the signals whose default action dumps core
 * (signal(7): SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV,
 * SIGXCPU, SIGXFSZ, SIGSYS), kernel/signal/coredump.c; core(5).
 */
#ifndef SIGNAL_COREDUMP_H
#define SIGNAL_COREDUMP_H

#include <stdbool.h>
#include <stddef.h>

struct trap_frame;
struct siginfo;

/* Linux's CORENAME_MAX_SIZE: the longest core_pattern kept. */
#define COREDUMP_PATTERN_MAX	128

/*
 * Writes the calling thread's process's core file as core(5) says
 * (core_pattern, RLIMIT_CORE, a regular file of its own); true when a
 * whole core was written, which is when Linux sets WCOREFLAG in the
 * wait status. f is the thread's user register frame.
 */
bool coredump_write(const struct trap_frame *f, const struct siginfo *info);

/* /proc/sys/kernel/core_pattern and core_uses_pid (procfs/sysctl.c). */
void coredump_pattern_get(char *out, size_t size);
int coredump_pattern_set(const char *text);
bool coredump_uses_pid(void);
void coredump_set_uses_pid(bool on);

#endif /* SIGNAL_COREDUMP_H */
