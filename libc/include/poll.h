/* poll.h: poll(2) and ppoll(2) with Linux's event bits. */
/*
 * Values from poll(2) and Linux's include/uapi/asm-generic/poll.h (x86
 * uses the generic ones).
 */
#ifndef _POLL_H
#define _POLL_H

#include <sys/types.h>
#include <sys/signal.h>
#include <sys/_timespec.h>

#ifdef __cplusplus
extern "C" {
#endif

#define POLLIN		0x0001
#define POLLPRI		0x0002
#define POLLOUT		0x0004
#define POLLERR		0x0008
#define POLLHUP		0x0010
#define POLLNVAL	0x0020
#define POLLRDNORM	0x0040
#define POLLRDBAND	0x0080
#define POLLWRNORM	0x0100
#define POLLWRBAND	0x0200
#define POLLMSG		0x0400
#define POLLREMOVE	0x1000
#define POLLRDHUP	0x2000

typedef unsigned long nfds_t;

struct pollfd {
	int fd;
	short events;
	short revents;
};

int poll(struct pollfd *, nfds_t, int);
#if __GNU_VISIBLE
int ppoll(struct pollfd *, nfds_t, const struct timespec *, const sigset_t *);
#endif

#ifdef __cplusplus
}
#endif

#endif /* _POLL_H */
