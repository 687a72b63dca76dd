/* sys/timerfd.h: timerfd_create(2), timerfd_settime, timerfd_gettime, Linux's flag values. */
#ifndef _SYS_TIMERFD_H
#define _SYS_TIMERFD_H

#include <stdint.h>
#include <sys/ioctl.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

/* timerfd_create flags: Linux's O_CLOEXEC and O_NONBLOCK (not newlib's). */
#define TFD_CLOEXEC		02000000
#define TFD_NONBLOCK		00004000
/* timerfd_settime flags. */
#define TFD_TIMER_ABSTIME	(1 << 0)
#define TFD_TIMER_CANCEL_ON_SET	(1 << 1)
/* ioctl: sets the expiration count a read returns (a uint64_t). */
#define TFD_IOC_SET_TICKS	_IOW('T', 0, uint64_t)

int timerfd_create(clockid_t clock_id, int flags);
int timerfd_settime(int fd, int flags, const struct itimerspec *new_value,
		    struct itimerspec *old_value);
int timerfd_gettime(int fd, struct itimerspec *curr_value);

#ifdef __cplusplus
}
#endif

#endif /* _SYS_TIMERFD_H */
