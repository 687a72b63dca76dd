/* uapi/timerfd.h: timerfd_create(2)'s flags and struct itimerspec. */
#ifndef UAPI_TIMERFD_H
#define UAPI_TIMERFD_H

#include <stdint.h>
#include <uapi/fcntl.h>
#include <uapi/ioctl.h>

/* timerfd_create flags. */
#define TFD_CLOEXEC		O_CLOEXEC
#define TFD_NONBLOCK		O_NONBLOCK
/* timerfd_settime flags. */
#define TFD_TIMER_ABSTIME	(1 << 0)
#define TFD_TIMER_CANCEL_ON_SET	(1 << 1)

/* Sets the expiration count (checkpoint/restore): _IOW('T', 0, __u64). */
#define TFD_IOC_SET_TICKS	_IOW('T', 0, uint64_t)

/* struct itimerspec of the x86_64 ABI: two struct timespec. */
struct timerfd_itimerspec {
	int64_t interval_sec, interval_nsec;	/* it_interval */
	int64_t value_sec, value_nsec;		/* it_value */
};

#endif /* UAPI_TIMERFD_H */
