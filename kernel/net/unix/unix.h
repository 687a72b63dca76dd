/*
 * unix.h: AF_UNIX sockets (unix(7)), internal to kernel/net/unix/.
 *
 *   af_unix.c     creation, release, connect, listen, accept, shutdown,
 *                 poll, options
 *   unix_addr.c   names: bind to a path or an abstract name, autobind,
 *                 finding the socket a name is bound to, getsockname
 *   unix_stream.c SOCK_STREAM send and receive (a byte stream)
 *   unix_dgram.c  SOCK_DGRAM and SOCK_SEQPACKET send and receive (messages)
 *   unix_scm.c    ancillary data: SCM_RIGHTS, SCM_CREDENTIALS, and the
 *                 collection of unreachable in-flight sockets
 *
 * Locking: one mutex, unix_lock, guards every field of every unix_sock
 * below "guarded", every queue and skb on one, the bound-name table and
 * the in-flight counts. It is taken without other locks held and nothing
 * is taken inside it but the allocator and wake-ups; in particular never
 * a VFS lock and never file_put (a socket file's last put takes unix_lock
 * again): files leaving a queue are put after unlocking (unix_skb_free).
 * One lock for the family is simple and correct on any number of CPUs;
 * per-socket locks can replace it when contention shows in a profile.
 */
#ifndef NET_UNIX_UNIX_H
#define NET_UNIX_UNIX_H

#include <stdbool.h>
#include <stdint.h>
#include <basalt/list.h>
#include <fs/vfs.h>
#include <net/socket.h>
#include <sched/mutex.h>
#include <sched/wait.h>
#include <uapi/un.h>

extern struct mutex unix_lock;
/* Every unix_sock not yet freed (struct unix_sock.all_link), under unix_lock. */
extern struct list_node unix_all;

/* Shutdown bits (Linux's RCV_SHUTDOWN, SEND_SHUTDOWN): SHUT_RD + 1, SHUT_WR + 1. */
#define UNIX_RCV_SHUTDOWN	1u
#define UNIX_SEND_SHUTDOWN	2u
#define UNIX_SHUTDOWN_MASK	3u

/*
 * net.unix.max_dgram_qlen (unix(7)): how many datagrams a receiver may
 * hold before senders block; Linux's default is 10.
 */
#define UNIX_MAX_DGRAM_QLEN	10
/* The most file descriptors one SCM_RIGHTS message may carry (SCM_MAX_FD). */
#define UNIX_SCM_MAX_FD		253

enum unix_state {
	UNIX_UNCONNECTED,	/* Linux's TCP_CLOSE */
	UNIX_LISTENING,		/* TCP_LISTEN */
	UNIX_CONNECTED,		/* TCP_ESTABLISHED */
};

/* What one message (or stream chunk) carries besides its bytes. */
struct unix_scm {
	bool has_cred;
	struct sock_cred cred;
	unsigned nfiles;
	struct file **files;		/* referenced; in flight */
};

/* A message in a receive queue (Linux's sk_buff, reduced). */
struct unix_skb {
	struct list_node link;		/* on the receiver's rcvq */
	struct unix_sock *sender;	/* referenced: its wmem counts len */
	struct sockaddr_un from;	/* the sender's name (dgram) */
	uint32_t from_len;		/* 0: unnamed */
	struct unix_scm scm;
	size_t len;
	size_t off;			/* stream: bytes already read */
	uint8_t data[];
};

struct unix_sock {
	struct socket *sock;		/* NULL once released */
	/* guarded by unix_lock: */
	unsigned ref;			/* the socket, a peer, a listener, skbs sent */
	int type;
	enum unix_state state;
	bool dead;			/* released: no file any more */
	struct unix_sock *peer;		/* referenced */
	struct list_node rcvq;		/* struct unix_skb.link */
	size_t rcv_bytes;		/* unread bytes in rcvq */
	unsigned rcv_count;		/* skbs in rcvq */
	size_t wmem;			/* bytes this one sent that are unread */
	struct list_node acceptq;	/* embryos (struct unix_sock.accept_link) */
	unsigned accept_count;
	int backlog;
	struct list_node accept_link;
	unsigned shutdown;		/* UNIX_*_SHUTDOWN */
	int err;			/* SO_ERROR, positive */
	struct sockaddr_un addr;	/* bound name, addr_len 0 when unbound */
	uint32_t addr_len;
	struct path bound_path;		/* a path name's, referenced; mnt NULL if none */
	struct inode *bound_inode;	/* the key connect finds it by */
	struct list_node bound_link;	/* on unix_bound, when addr_len */
	struct sock_cred peer_cred;	/* SO_PEERCRED */
	bool has_peer_cred;
	struct list_node all_link;	/* on unix_all (the collector walks it) */
	unsigned inflight;		/* times its file sits in a queue */
	bool gc_candidate;
	struct wait_queue wq;		/* readers, writers, connectors, pollers */
};

/* af_unix.c */
static inline struct unix_sock *unix_sk(struct socket *s)
{
	return s->priv;
}
void unix_sock_get(struct unix_sock *u);
/* Drops a reference (locked); frees at 0 (the queues are already empty). */
void unix_sock_put_locked(struct unix_sock *u);
/* Wakes every waiter and poller of u. */
void unix_wake(struct unix_sock *u);
/*
 * Finds the socket bound to name (len bytes of a sockaddr_un) for a
 * connect or a sendto, referenced, or -ECONNREFUSED, -ENOENT, -EPROTOTYPE,
 * -EACCES... (not locked: it looks up the path first).
 */
int unix_find_other(const uint8_t *addr, uint32_t len, int type, struct unix_sock **out);
/* Checks a sockaddr_un's family and length (EINVAL). */
int unix_addr_check(const uint8_t *addr, uint32_t len);
/* unix_addr.c: the bind and getsockname/getpeername ops. */
int unix_bind(struct socket *s, const uint8_t *addr, uint32_t len);
int unix_getname(struct socket *s, uint8_t *addr, bool peer);
/* Gives an unbound socket an abstract name of its own (autobind; unix(7)). */
int unix_autobind(struct unix_sock *u);
/*
 * Before a wait: -EAGAIN for a non-blocking call or one whose deadline
 * (sock_deadline, 0: none) passed, -ERESTARTSYS (no deadline) or -EINTR
 * (a timeout set: Linux's sock_intr_errno) for a signal, or 0 to wait.
 */
int unix_wait_check(bool nonblock, uint64_t deadline);
/* Raises SIGPIPE for an EPIPE unless MSG_NOSIGNAL (send(2)). */
void unix_sigpipe(int flags);

/* A new skb of len data bytes, charged to sender (locked). NULL: ENOMEM. */
struct unix_skb *unix_skb_alloc(size_t len);
/* Queues skb on u's receive queue (locked), charging sender's wmem. */
void unix_skb_queue(struct unix_sock *u, struct unix_skb *skb, struct unix_sock *sender);
/* Unlinks skb from u's queue and uncharges (locked); free it unlocked. */
void unix_skb_unlink(struct unix_sock *u, struct unix_skb *skb);
/* Frees an unlinked skb: puts its in-flight files (NOT locked). */
void unix_skb_free(struct unix_skb *skb);
/* Moves every skb of u's queue to out (locked), unlinked. */
void unix_rcvq_drain(struct unix_sock *u, struct list_node *out);
void unix_skb_free_list(struct list_node *list);

/* unix_stream.c */
long unix_stream_sendmsg(struct socket *s, struct sock_msg *m, int flags, bool nonblock);
long unix_stream_recvmsg(struct socket *s, struct sock_msg *m, int flags, bool nonblock);

/* unix_dgram.c: SOCK_DGRAM and SOCK_SEQPACKET */
long unix_dgram_sendmsg(struct socket *s, struct sock_msg *m, int flags, bool nonblock);
long unix_dgram_recvmsg(struct socket *s, struct sock_msg *m, int flags, bool nonblock);

/* unix_scm.c */
/*
 * Parses sendmsg's control data into scm (files referenced, creds
 * checked): 0 or EINVAL, EBADF, EPERM, ETOOMANYREFS (not locked).
 */
int unix_scm_parse(struct sock_msg *m, struct unix_scm *scm);
/* Drops what scm holds (NOT locked). */
void unix_scm_destroy(struct unix_scm *scm);
/* Counts scm's unix sockets as in flight / no longer (locked). */
void unix_scm_inflight(struct unix_scm *scm, bool add);
/*
 * Delivers an skb's ancillary data to recvmsg (installs the files:
 * MSG_CTRUNC and the rest closed when they do not fit or EMFILE), and
 * the credentials if the receiver asked with SO_PASSCRED. Not locked:
 * the caller took the skb off the queue (or holds its own file refs).
 */
int unix_scm_recv(struct socket *s, struct unix_scm *scm, struct sock_msg *m, int flags);
/* Copies scm's files with new references (MSG_PEEK), NOT locked. */
int unix_scm_dup(const struct unix_scm *src, struct unix_scm *dst);
/* Collects in-flight sockets that nothing outside the queues reaches. */
void unix_gc(void);
/* Whether any socket is in flight (locked). */
bool unix_gc_needed(void);

#endif /* NET_UNIX_UNIX_H */
