/*
 * inet.h: AF_INET (ip(7)) over the interfaces of netdev.h, internal to
 * kernel/net/inet/. Written for Basalt from the RFCs (no embedded stack):
 *
 *   ipv4.c        ipv4_       the IPv4 header (RFC 791), checksums (RFC 1071),
 *                             routing to a local interface, input dispatch
 *   icmp.c        icmp_       ICMP port unreachable (RFC 792, RFC 1122 4.1.3.1)
 *   af_inet.c     inet_       socket creation, addresses, the port tables,
 *                             getname, waits; the ops of both protocols
 *   udp.c         udp_        UDP (RFC 768, udp(7))
 *   tcp.c         tcp_        TCP connections: connect, listen, accept,
 *                             shutdown, close, poll, options (tcp(7))
 *   tcp_output.c  tcp_        building and sending segments (RFC 9293 3.1)
 *   tcp_input.c   tcp_        segment arrival (RFC 9293 3.10.7)
 *   tcp_data.c    tcp_        send and receive of the byte stream
 *
 * Locking: one mutex, inet_lock, guards every field of every inet_sock
 * below "guarded", the port tables (inet_bound) and every socket queue.
 * Packets are built and queued on a device under it, and processed
 * (net_rx_run, which takes it per packet) after it is dropped, so a
 * protocol never re-enters itself. Nothing is taken inside inet_lock
 * but the allocator, netdev_list_lock (net_rx) and wake-ups. One lock for
 * the family is correct on any number of CPUs; per-socket locks can
 * replace it when a profile shows contention.
 */
#ifndef NET_INET_INET_H
#define NET_INET_INET_H

#include <stdbool.h>
#include <stdint.h>
#include <basalt/list.h>
#include <net/netdev.h>
#include <net/socket.h>
#include <sched/mutex.h>
#include <sched/wait.h>

extern struct mutex inet_lock;

#define INET_PROTO_ICMP		1
#define INET_PROTO_TCP		6
#define INET_PROTO_UDP		17
#define INET_SOL_IP		0	/* IPPROTO_IP as a level */
#define INET_SOL_TCP		6

/* struct sockaddr_in (ip(7)): 16 bytes, port and address in network order. */
struct inet_sockaddr {
	uint16_t family;
	uint16_t port;
	uint32_t addr;
	uint8_t zero[8];
};

/* ip(7) ephemeral ports: net.ipv4.ip_local_port_range, Linux's default. */
#define INET_PORT_LOW		32768u
#define INET_PORT_HIGH		60999u
/* Ports below this need root (ip(7), CAP_NET_BIND_SERVICE). */
#define INET_PORT_PRIVILEGED	1024u

#define INET_LOOPBACK_ADDR	0x7f000001u
#define INET_ANY_ADDR		0u

/* Shutdown bits, as unix.h: SHUT_RD + 1, SHUT_WR + 1. */
#define INET_RCV_SHUTDOWN	1u
#define INET_SEND_SHUTDOWN	2u
#define INET_SHUTDOWN_MASK	3u

/* TCP states (RFC 9293 3.3.2). */
enum tcp_state {
	TCP_CLOSED,
	TCP_LISTEN,
	TCP_SYN_SENT,
	TCP_SYN_RECEIVED,
	TCP_ESTABLISHED,
	TCP_FIN_WAIT_1,
	TCP_FIN_WAIT_2,
	TCP_CLOSE_WAIT,
	TCP_CLOSING,
	TCP_LAST_ACK,
	TCP_TIME_WAIT,
};

/* A received UDP datagram waiting in a socket's queue. */
struct udp_dgram {
	struct list_node link;
	struct net_pkt *pkt;		/* its payload is net_pkt_data */
	uint32_t from_addr;		/* host order */
	uint16_t from_port;
};

struct inet_sock {
	struct socket *sock;		/* NULL once closed (or not accepted yet) */
	int proto;			/* INET_PROTO_TCP or _UDP */
	/* guarded by inet_lock: */
	unsigned ref;			/* the socket, the tables, a listener's queue */
	uint32_t laddr, raddr;		/* host order; laddr 0: any */
	uint16_t lport, rport;		/* host order; lport 0: unbound */
	bool bound;			/* on inet_bound (lport set) */
	bool reuse;			/* SO_REUSEADDR when bound */
	bool port_locked, addr_locked;	/* bound by bind(2), not implicitly */
	bool connected;			/* UDP: a default peer */
	struct list_node bound_link;	/* on inet_bound */
	int err;			/* SO_ERROR, positive */
	unsigned shutdown;		/* INET_*_SHUTDOWN */
	struct list_node rcvq;		/* UDP: udp_dgram; TCP: net_pkt (payload only) */
	size_t rcv_bytes;		/* payload bytes in rcvq */
	struct wait_queue wq;		/* readers, writers, connectors, pollers */

	/* TCP (RFC 9293 3.3.1's variables), guarded by inet_lock: */
	enum tcp_state state;
	uint32_t iss, snd_una, snd_nxt, snd_wnd;
	uint32_t irs, rcv_nxt;
	uint32_t rcv_adv;		/* right edge of the window last announced */
	uint8_t snd_wscale, rcv_wscale;	/* RFC 7323 2.2, 0 when not agreed */
	uint32_t mss;			/* the peer's, for our segments */
	bool fin_sent;			/* our FIN is sequence snd_nxt - 1 */
	bool nodelay;			/* TCP_NODELAY, kept (see tcp_data.c) */
	uint64_t tw_deadline;		/* TIME_WAIT ends (monotonic ns) */
	struct inet_sock *listener;	/* an embryo's (referenced), until accepted */
	struct list_node acceptq;	/* a listener's established children */
	struct list_node synq;		/* a listener's embryos in SYN-RECEIVED */
	struct list_node child_link;	/* on a listener's acceptq or synq */
	unsigned accept_count;
	int backlog;
	struct list_node syn_wait;	/* SYNs held while the backlog is full (net_pkt) */
	uint32_t rcvbuf, sndbuf;	/* copies for an embryo without a socket */
	bool sending;			/* a sendmsg is in progress (serializes senders) */
	bool receiving;			/* a recvmsg copies from rcvq (serializes readers) */
	struct list_node tcp_link;	/* on tcp_time_wait while in TIME-WAIT */
};

/* af_inet.c */
static inline struct inet_sock *inet_sk(struct socket *s)
{
	return s->priv;
}
struct inet_sock *inet_sock_new(int proto);
void inet_sock_get(struct inet_sock *is);
/* Drops a reference (locked); frees at 0 (its queues already empty). */
void inet_sock_put_locked(struct inet_sock *is);
void inet_wake(struct inet_sock *is);
/* As unix_wait_check: -EAGAIN, -EINTR/-ERESTARTSYS, or 0 to wait. */
int inet_wait_check(bool nonblock, uint64_t deadline);
/* Parses a sockaddr_in (EINVAL, EAFNOSUPPORT); addr and port in host order. */
int inet_addr_in(const uint8_t *a, uint32_t len, uint32_t *addr, uint16_t *port, bool unspec_ok);
/* Fills a sockaddr_in; returns its length. */
int inet_addr_out(uint8_t *a, uint32_t addr, uint16_t port);
/*
 * Binds is to addr:port (port 0: an ephemeral one), locked: 0, or
 * EADDRINUSE, EADDRNOTAVAIL, EINVAL (bound already), EACCES.
 */
int inet_bind_locked(struct inet_sock *is, uint32_t addr, uint16_t port);
void inet_unbind_locked(struct inet_sock *is);
/* Binds an accepted connection's child to its listener's port, no checks (locked). */
void inet_bind_child_locked(struct inet_sock *is);
/* Whether another TCP socket has laddr:lport -> raddr:rport (locked). */
bool inet_tuple_busy(const struct inet_sock *is, uint32_t laddr, uint16_t lport,
		     uint32_t raddr, uint16_t rport);
/* The source address for a destination (the device's own for a loopback prefix). */
uint32_t inet_source_for(uint32_t daddr);
int inet_getname(struct socket *s, uint8_t *addr, bool peer);
/* The socket bound to (proto, daddr, dport), preferring a connected match (locked). */
struct inet_sock *inet_lookup_bound(int proto, uint32_t daddr, uint16_t dport,
				    uint32_t saddr, uint16_t sport, bool listener);
void inet_sigpipe(int flags);
/* Calls fn on every bound socket of proto, inet_lock held (/proc/net). */
void inet_walk(int proto, void (*fn)(struct inet_sock *is, void *arg), void *arg);
int inet_create(int type, int protocol, struct socket **out);
/* Ops for sockets made by accept. */
extern const struct sock_ops tcp_ops;
extern const struct sock_ops udp_ops;

/* ipv4.c */
/* The RFC 1071 sum of a buffer, folded to 16 bits later (ipv4_csum_fold). */
uint32_t ipv4_csum_add(uint32_t sum, const void *buf, size_t len);
uint16_t ipv4_csum_fold(uint32_t sum);
/* The pseudo-header sum of a TCP or UDP segment (RFC 793 3.1, RFC 768). */
uint32_t ipv4_pseudo_sum(uint32_t saddr, uint32_t daddr, int proto, size_t len);
/*
 * Prepends the IPv4 header (saddr, daddr host order) and sends p on the
 * device of daddr: 0, or -ENETUNREACH (not local: no route), -EMSGSIZE.
 * p is taken. Locked or not: it only queues.
 */
int ipv4_output(struct net_pkt *p, uint32_t saddr, uint32_t daddr, int proto);
/* An IPv4 packet arrived (net_rx_run): checks and dispatches it; takes p. */
void ipv4_rcv(struct net_pkt *p);
/* Whether daddr is reachable (one of ours); false: ENETUNREACH. */
bool ipv4_route_ok(uint32_t daddr);

/* icmp.c */
/* Answers p (an IPv4 packet, header at data) with port unreachable; p is not taken. */
void icmp_send_port_unreach(struct net_pkt *p, uint32_t saddr, uint32_t daddr);
void icmp_rcv(struct net_pkt *p, uint32_t saddr, uint32_t daddr);

/* udp.c */
void udp_rcv(struct net_pkt *p, uint32_t saddr, uint32_t daddr);
/* An ICMP error about a datagram we sent (from sport to daddr:dport). */
void udp_err(uint32_t saddr, uint16_t sport, uint32_t daddr, uint16_t dport, int err);
void udp_release(struct socket *s);
int udp_connect(struct socket *s, const uint8_t *addr, uint32_t len, bool nonblock);
long udp_sendmsg(struct socket *s, struct sock_msg *m, int flags, bool nonblock);
long udp_recvmsg(struct socket *s, struct sock_msg *m, int flags, bool nonblock);
unsigned udp_poll(struct socket *s, struct poll_table *pt);
long udp_inq(struct socket *s);
int udp_shutdown(struct socket *s, int how);

/* tcp_*.c */
void tcp_rcv(struct net_pkt *p, uint32_t saddr, uint32_t daddr);

#endif /* NET_INET_INET_H */
