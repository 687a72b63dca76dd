/* posix_timer.h: POSIX per-process timers (posix_timer.c). */
#ifndef SIGNAL_POSIX_TIMER_H
#define SIGNAL_POSIX_TIMER_H

#include <stdint.h>

struct process;

/* Exit and exec: deletes every timer of p (timer_create(2): not kept by exec). */
void posix_timers_exit(struct process *p);
/*
 * The realtime clock moved by delta_ns (clock_settime(2)): timers set
 * to an absolute CLOCK_REALTIME time expire at that wall time still.
 * Takes tasklist_lock.
 */
void posix_timers_clock_was_set(int64_t delta_ns);

#endif /* SIGNAL_POSIX_TIMER_H */
