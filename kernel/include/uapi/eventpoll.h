/* uapi/eventpoll.h: epoll(7)'s ABI: ctl operations, event bits, struct epoll_event. */
#ifndef UAPI_EVENTPOLL_H
#define UAPI_EVENTPOLL_H

#include <stdint.h>
#include <uapi/fcntl.h>

#define EPOLL_CLOEXEC	O_CLOEXEC

/* epoll_ctl(2) operations. */
#define EPOLL_CTL_ADD	1
#define EPOLL_CTL_DEL	2
#define EPOLL_CTL_MOD	3

/* The poll(2) bits under epoll's names (same values), then epoll's own. */
#define EPOLLIN		0x00000001u
#define EPOLLPRI	0x00000002u
#define EPOLLOUT	0x00000004u
#define EPOLLERR	0x00000008u
#define EPOLLHUP	0x00000010u
#define EPOLLNVAL	0x00000020u
#define EPOLLRDNORM	0x00000040u
#define EPOLLRDBAND	0x00000080u
#define EPOLLWRNORM	0x00000100u
#define EPOLLWRBAND	0x00000200u
#define EPOLLMSG	0x00000400u
#define EPOLLRDHUP	0x00002000u
#define EPOLLEXCLUSIVE	(1u << 28)
#define EPOLLWAKEUP	(1u << 29)
#define EPOLLONESHOT	(1u << 30)
#define EPOLLET		(1u << 31)

/* x86_64 packs it (12 bytes), so that 32-bit and 64-bit layouts agree. */
struct epoll_event {
	uint32_t events;
	uint64_t data;
} __attribute__((packed));

#endif /* UAPI_EVENTPOLL_H */
