/* timerfd.h: what the rest of the kernel tells timerfds (timerfd.c). */
#ifndef FS_TIMERFD_H
#define FS_TIMERFD_H

#include <stdint.h>

/*
 * The realtime clock was set, by delta_ns (time/clock_set.c): timers at
 * an absolute CLOCK_REALTIME time move with it, TFD_TIMER_CANCEL_ON_SET
 * ones are cancelled (their next read is ECANCELED).
 */
void timerfd_clock_was_set(int64_t delta_ns);

#endif /* FS_TIMERFD_H */
