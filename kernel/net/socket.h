/*
 * socket.h: the generic socket layer (kernel/net/): what a socket is,
 * what an address family implements, and how message data and
 * ancillary data cross between user space and a protocol.
 *
 *   socket.c      socket_     the socket files and the calls on one socket
 *   sockfs.c      sockfs_     the anonymous inodes of socket files
 *   sys_socket.c              socket, socketpair, bind, listen, accept...
 *   sys_msg.c                 sendto/recvfrom, sendmsg/recvmsg, sendmmsg/recvmmsg
 *   sockopt.c                 getsockopt/setsockopt at SOL_SOCKET
 *   sock_iter.c   sock_iter_  scatter/gather over a user iovec array
 *   sock_limits.c             the buffer sysctls (/proc/sys/net/core)
 *   unix/                     AF_UNIX (unix(7))
 *   netdev.c, loopback.c      interfaces (netdev.h), lo
 *   netdev_ioctl.c            the SIOCGIF* ioctls
 *   inet/                     AF_INET: IPv4, ICMP, UDP, TCP (inet/inet.h)
 *
 * Locking: the fields of struct socket below the ops are set once at
 * creation; the options (sndbuf, rcvbuf, passcred, reuseaddr) are single
 * words written whole by setsockopt and read by the protocol under its
 * own lock. Each family guards its own state (unix/unix.h: unix_lock).
 */
#ifndef NET_SOCKET_H
#define NET_SOCKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <fs/file.h>
#include <uapi/socket.h>

struct socket;

/* One user iovec (struct iovec of the x86_64 ABI). */
struct sock_iovec {
	uint64_t base;
	uint64_t len;
};

/* UIO_MAXIOV: the most iovecs one call takes (EMSGSIZE beyond). */
#define SOCK_IOV_MAX	1024

/*
 * Where message bytes come from or go to: an array of iovecs in user
 * memory (copied into the kernel), or one kernel buffer (user false).
 */
struct sock_iter {
	struct sock_iovec *iov;		/* kmalloc'd copy, or &one */
	struct sock_iovec one;
	unsigned nr;
	unsigned idx;			/* current iovec */
	uint64_t off;			/* in it */
	size_t resid;			/* bytes left in all of them */
	bool user;
};

/* A one-buffer iterator over a read(2)/write(2) uio. */
void sock_iter_from_uio(struct sock_iter *it, struct uio *u);
/* Copies the user iovec array (EMSGSIZE, EINVAL, EFAULT as Linux). */
int sock_iter_import(struct sock_iter *it, uint64_t uiov, uint64_t nr);
void sock_iter_release(struct sock_iter *it);
/* Moves n bytes out of src into the iterator / into dst; 0 or -EFAULT. */
int sock_iter_copy_out(struct sock_iter *it, const void *src, size_t n);
int sock_iter_copy_in(struct sock_iter *it, void *dst, size_t n);

/* SOL_SOCKET ancillary data in kernel memory (sendmsg's copy of msg_control). */
struct sock_cmsg_buf {
	uint8_t *data;
	size_t len;
};

/*
 * A message for the protocols, the kernel's view of a struct msghdr:
 * the address (copied in for send; filled for recv), the data, and for
 * recv the user's control buffer, which the protocol fills with
 * sock_put_cmsg (MSG_CTRUNC in flags when it does not fit).
 */
struct sock_msg {
	uint8_t name[SOCK_ADDR_MAX];
	uint32_t namelen;		/* send: 0 for none; recv: the length put */
	struct sock_iter iter;
	struct sock_cmsg_buf control;	/* send */
	uint64_t ucontrol;		/* recv: user buffer, and its room */
	uint64_t ucontrol_len;
	uint64_t ucontrol_used;
	int flags;			/* recv: MSG_TRUNC, MSG_CTRUNC out */
};

/*
 * Appends one control message to a recv's user buffer: 0, or -EFAULT.
 * When it does not fit whole, MSG_CTRUNC is set and as much as fits of
 * the message is written (cmsg(3); Linux's put_cmsg).
 */
int sock_put_cmsg(struct sock_msg *m, int level, int type, const void *data, size_t len);

/* The credentials that SO_PEERCRED and SCM_CREDENTIALS carry (unix(7)). */
struct sock_cred {
	int32_t pid;
	uint32_t uid;
	uint32_t gid;
};
/* The caller's: its tgid and effective ids, as Linux's cred_to_ucred. */
void sock_cred_current(struct sock_cred *c);

/* What an address family does (Linux's proto_ops); errors are -errno. */
struct sock_ops {
	void (*release)(struct socket *s);
	int (*bind)(struct socket *s, const uint8_t *addr, uint32_t len);
	int (*connect)(struct socket *s, const uint8_t *addr, uint32_t len, bool nonblock);
	int (*listen)(struct socket *s, int backlog);
	/* 0 and *out, a new connected socket without a file yet. */
	int (*accept)(struct socket *s, struct socket **out, bool nonblock);
	/* Fills addr (SOCK_ADDR_MAX bytes) and returns the length, or -errno. */
	int (*getname)(struct socket *s, uint8_t *addr, bool peer);
	unsigned (*poll)(struct socket *s, struct poll_table *pt);
	int (*shutdown)(struct socket *s, int how);
	long (*sendmsg)(struct socket *s, struct sock_msg *m, int flags, bool nonblock);
	long (*recvmsg)(struct socket *s, struct sock_msg *m, int flags, bool nonblock);
	/* Bytes ready to read for FIONREAD (SIOCINQ). */
	long (*inq)(struct socket *s);
	/* SO_PEERCRED: 0 and *c, or -ENOTCONN... */
	int (*peercred)(struct socket *s, struct sock_cred *c);
	/* SO_ERROR: the pending error (positive errno), cleared. */
	int (*take_error)(struct socket *s);
	bool (*listening)(struct socket *s);
	/* Options at a protocol level (not SOL_SOCKET); NULL: none (EOPNOTSUPP). */
	int (*getsockopt)(struct socket *s, int level, int name, void *val, int *len);
	int (*setsockopt)(struct socket *s, int level, int name, const void __user *uval, int len);
};

struct socket {
	const struct sock_ops *ops;
	int family;
	int type;			/* SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET */
	int protocol;
	struct file *file;		/* NULL until sockfs gives it one */
	/* Options (socket(7)), single words: see Locking above. */
	uint32_t sndbuf;
	uint32_t rcvbuf;
	bool passcred;
	bool reuseaddr;
	/*
	 * SO_RCVTIMEO/SO_SNDTIMEO: how long a blocking call waits, in ns;
	 * 0 without a limit (socket(7)), SOCK_TIMEO_NOW never (a negative
	 * time given, as Linux's sock_set_timeout).
	 */
	uint64_t rcvtimeo_ns;
	uint64_t sndtimeo_ns;
	/* Options Linux keeps for every socket and AF_UNIX does not act on. */
	uint32_t keepalive, broadcast, oobinline, dontroute, rcvlowat;
	struct sock_linger {
		int32_t l_onoff;
		int32_t l_linger;
	} linger;
	void *priv;			/* the family's */
};

#define SOCK_TIMEO_NOW		UINT64_MAX

/*
 * The deadline (monotonic ns, 0: none) of a call that may wait timeo_ns
 * (rcvtimeo_ns or sndtimeo_ns), fixed when the call starts.
 */
uint64_t sock_deadline(uint64_t timeo_ns);

/*
 * socket(7)'s buffer sizes at boot: net.core.wmem_default/rmem_default
 * (Linux's SK_WMEM_MAX/SK_RMEM_MAX, 212992 on x86_64), the *_max caps
 * setsockopt clamps to, and the floors (SOCK_MIN_SNDBUF/RCVBUF);
 * setsockopt doubles the value asked for, to allow for bookkeeping, and
 * getsockopt shows that.
 */
#define SOCK_WMEM_DEFAULT	212992u
#define SOCK_RMEM_DEFAULT	212992u
#define SOCK_WMEM_MAX		212992u
#define SOCK_RMEM_MAX		212992u
#define SOCK_MIN_SNDBUF		4608u
#define SOCK_MIN_RCVBUF		2304u

/* sock_limits.c: /proc/sys/net/core/{w,r}mem_{default,max}, as above at boot. */
extern uint64_t sock_wmem_default, sock_rmem_default, sock_wmem_max, sock_rmem_max;
/* Sets one (send: a wmem one, whose floor differs): 0, or -EINVAL out of bounds. */
int sock_sysctl_store(uint64_t *value, uint64_t v, bool send);
uint32_t sock_sysctl_get(const uint64_t *value);

/* A new socket structure with the defaults (no file yet). NULL: ENOMEM. */
struct socket *socket_alloc(int family, int type, int protocol, const struct sock_ops *ops);
void socket_free(struct socket *s);
/*
 * Gives s a file (O_RDWR | nonblock flags) on a new sockfs inode; on
 * failure s is released. 0 and *out, or -ENOMEM.
 */
int socket_file_create(struct socket *s, unsigned flags, struct file **out);
/* The socket behind fd (with the file referenced in *fp), or -EBADF/-ENOTSOCK. */
struct socket *socket_from_fd(int fd, struct file **fp, int *err);
/* Whether f is a socket file, and its socket. */
struct socket *socket_of_file(struct file *f);
/* sockfs.c: attaches a fresh S_IFSOCK inode to each file (0 or -ENOMEM). */
int sockfs_attach(struct file *f);

/* The families (Linux's net_proto_family.create). */
int unix_create(int type, int protocol, struct socket **out);
int unix_socketpair(struct socket *a, struct socket *b);
int inet_create(int type, int protocol, struct socket **out);

#endif /* NET_SOCKET_H */
