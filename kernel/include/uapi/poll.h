/*
 * uapi/poll.h: poll(2)'s struct pollfd and its event bits, as Linux's
 * include/uapi/asm-generic/poll.h. The kernel side (fs/file.h) uses the
 * same values; select(2)'s fd_set is in uapi/select.h.
 */
#ifndef UAPI_POLL_H
#define UAPI_POLL_H

#include <stdint.h>

struct pollfd {
	int32_t fd;		/* negative: ignored, revents 0 */
	int16_t events;		/* requested POLL* bits */
	int16_t revents;	/* returned: requested ones that hold, or ERR/HUP/NVAL */
};

#define POLLIN		0x001
#define POLLPRI		0x002
#define POLLOUT		0x004
#define POLLERR		0x008
#define POLLHUP		0x010
#define POLLNVAL	0x020
#define POLLRDNORM	0x040
#define POLLRDBAND	0x080
#define POLLWRNORM	0x100
#define POLLWRBAND	0x200
#define POLLMSG		0x400
#define POLLREMOVE	0x1000
#define POLLRDHUP	0x2000

#endif /* UAPI_POLL_H */
