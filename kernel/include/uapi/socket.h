/*
 * uapi/socket.h: the socket calls' constants and structures as Linux
 * x86_64 lays them out (socket(7), send(2), recv(2), cmsg(3), unix(7);
 * Linux's include/linux/socket.h and include/uapi/asm-generic/socket.h).
 */
#ifndef UAPI_SOCKET_H
#define UAPI_SOCKET_H

#include <stdint.h>
#include <uapi/fcntl.h>

/* Address families (socket(2)); Basalt implements AF_UNIX only. */
#define AF_UNSPEC	0
#define AF_UNIX		1
#define AF_LOCAL	AF_UNIX
#define AF_INET		2
#define AF_INET6	10
#define AF_NETLINK	16
#define AF_PACKET	17
/* Linux's AF_MAX: families at or above it are EAFNOSUPPORT. */
#define AF_MAX		46

/* Types (socket(2)); the flags share the type argument. */
#define SOCK_STREAM	1
#define SOCK_DGRAM	2
#define SOCK_RAW	3
#define SOCK_RDM	4
#define SOCK_SEQPACKET	5
#define SOCK_TYPE_MASK	0xf
#define SOCK_NONBLOCK	O_NONBLOCK
#define SOCK_CLOEXEC	O_CLOEXEC

/* Socket options at SOL_SOCKET (socket(7)). */
#define SOL_SOCKET	1
#define SO_DEBUG	1
#define SO_REUSEADDR	2
#define SO_TYPE		3
#define SO_ERROR	4
#define SO_DONTROUTE	5
#define SO_BROADCAST	6
#define SO_SNDBUF	7
#define SO_RCVBUF	8
#define SO_KEEPALIVE	9
#define SO_OOBINLINE	10
#define SO_LINGER	13
#define SO_REUSEPORT	15
#define SO_PASSCRED	16
#define SO_PEERCRED	17
#define SO_RCVLOWAT	18
#define SO_SNDLOWAT	19
#define SO_RCVTIMEO	20
#define SO_SNDTIMEO	21
#define SO_ACCEPTCONN	30
#define SO_SNDBUFFORCE	32
#define SO_RCVBUFFORCE	33
#define SO_PROTOCOL	38
#define SO_DOMAIN	39

/* send(2)/recv(2) flags. */
#define MSG_OOB		0x01
#define MSG_PEEK	0x02
#define MSG_DONTROUTE	0x04
#define MSG_CTRUNC	0x08
#define MSG_TRUNC	0x20
#define MSG_DONTWAIT	0x40
#define MSG_EOR		0x80
#define MSG_WAITALL	0x100
#define MSG_NOSIGNAL	0x4000
#define MSG_WAITFORONE	0x10000		/* recvmmsg(2): only the first may block */
#define MSG_CMSG_CLOEXEC 0x40000000

/* Ancillary message types at SOL_SOCKET (unix(7)). */
#define SCM_RIGHTS	1
#define SCM_CREDENTIALS	2

/* shutdown(2)'s how. */
#define SHUT_RD		0
#define SHUT_WR		1
#define SHUT_RDWR	2

/* listen(2): the backlog is capped at net.core.somaxconn, 4096 since Linux 5.4. */
#define SOMAXCONN	4096

/* struct sockaddr's family field, and the largest address (sockaddr_storage). */
typedef uint16_t sa_family_t;
#define SOCK_ADDR_MAX	128

/* struct msghdr (x86_64: 56 bytes, pointers and size_t as 64-bit words). */
struct user_msghdr {
	uint64_t msg_name;
	uint32_t msg_namelen;
	uint32_t __pad1;
	uint64_t msg_iov;
	uint64_t msg_iovlen;
	uint64_t msg_control;
	uint64_t msg_controllen;
	int32_t msg_flags;
	uint32_t __pad2;
};

/* struct mmsghdr (sendmmsg(2)): a msghdr and the byte count of its transfer. */
struct user_mmsghdr {
	struct user_msghdr msg_hdr;
	uint32_t msg_len;
	uint32_t __pad;
};

/* struct cmsghdr: cmsg_len counts the header and the data (cmsg(3)). */
struct cmsghdr {
	uint64_t cmsg_len;
	int32_t cmsg_level;
	int32_t cmsg_type;
};

/* SCM_CREDENTIALS and SO_PEERCRED (unix(7)). */
struct ucred {
	int32_t pid;
	uint32_t uid;
	uint32_t gid;
};

/* cmsg(3): headers and data are aligned to the size of a long. */
#define CMSG_ALIGN(len)	(((len) + sizeof(uint64_t) - 1) & ~(sizeof(uint64_t) - 1))
#define CMSG_SPACE(len)	(CMSG_ALIGN(len) + CMSG_ALIGN(sizeof(struct cmsghdr)))
#define CMSG_LEN(len)	(CMSG_ALIGN(sizeof(struct cmsghdr)) + (len))

#endif /* UAPI_SOCKET_H */
