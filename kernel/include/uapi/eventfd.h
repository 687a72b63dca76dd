/* uapi/eventfd.h: eventfd2(2)'s flags (eventfd(2); Linux's include/linux/eventfd.h). */
#ifndef UAPI_EVENTFD_H
#define UAPI_EVENTFD_H

#include <uapi/fcntl.h>

#define EFD_SEMAPHORE	1		/* read takes 1, not the whole count */
#define EFD_CLOEXEC	O_CLOEXEC
#define EFD_NONBLOCK	O_NONBLOCK

#endif /* UAPI_EVENTFD_H */
