/*
 * inet.h: AF_INET (ip(7)) over the interfaces of netdev.h, internal to
 * kernel/net/inet/. Written for Basalt from the RFCs (no embedded stack):
 *
 *   ipv4.c        ipv4_       the IPv4 header (RFC 791), checksums (RFC 1071),
 *                             routing to a local interface, input dispatch
 *   icmp.c        icmp_       ICMP port unreachable (RFC 792, RFC 1122 4.1.3.1)
 *   ipv6.c        ipv6_       the IPv6 header (RFC 8200), its pseudo-header
 *   icmpv6.c      icmpv6_     ICMPv6 port unreachable (RFC 4443 3.1)
 *   inet_ip.c     inet_       the family-neutral face of both IP layers
 *   af_inet.c     inet_       AF_INET and AF_INET6 socket creation, the port
 *                             tables, getname, waits; the ops of both protocols
 *   inet_addr.c   inet_       sockaddr_in and sockaddr_in6 in and out
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
#define INET_PROTO_ICMPV6	58
#define INET_SOL_IP		0	/* IPPROTO_IP as a level */
#define INET_SOL_TCP		6

/*
 * An address of either family, in network order: IPv6 (RFC 4291), with
 * IPv4 as the IPv4-mapped ::ffff:a.b.c.d (RFC 4291 2.5.5.2), and all
 * zeroes for "any" in both families (INADDR_ANY and ::). Transport code
 * (tcp*.c, udp.c) only compares and copies these; inet_ip.c sends each
 * packet through the IP layer of its destination's family. A dual-stack
 * AF_INET6 socket (IPV6_V6ONLY 0) thus sees IPv4 peers as mapped
 * addresses, as Linux's (ipv6(7)).
 */
#define INET_ADDR_LEN		16u
struct inet_addr {
	uint8_t b[INET_ADDR_LEN];
};
/* The bytes before the IPv4 address in a mapped address: 80 zero bits, 16 one bits. */
#define INET_V4MAPPED_PREFIX	12u
#define INET_V4MAPPED_ONES	10u

static inline bool inet_addr_is_any(const struct inet_addr *a)
{
	static const struct inet_addr any;

	return __builtin_memcmp(a, &any, sizeof(any)) == 0;
}

static inline bool inet_addr_eq(const struct inet_addr *a, const struct inet_addr *b)
{
	return __builtin_memcmp(a, b, sizeof(*a)) == 0;
}

static inline bool inet_addr_is_v4(const struct inet_addr *a)
{
	static const uint8_t prefix[INET_V4MAPPED_PREFIX] = {
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff
	};

	return __builtin_memcmp(a->b, prefix, sizeof(prefix)) == 0;
}

/* The IPv4 address (host order) of a mapped address; 0 for any. */
static inline uint32_t inet_addr_to_v4(const struct inet_addr *a)
{
	uint32_t v;

	__builtin_memcpy(&v, a->b + INET_V4MAPPED_PREFIX, sizeof(v));
	return __builtin_bswap32(v);
}

/* An IPv4 address (host order) as mapped; INADDR_ANY as any. */
static inline struct inet_addr inet_addr_v4(uint32_t v4)
{
	struct inet_addr a = { { 0 } };
	uint32_t v = __builtin_bswap32(v4);

	if (v4) {
		a.b[INET_V4MAPPED_ONES] = 0xff;
		a.b[INET_V4MAPPED_ONES + 1] = 0xff;
		__builtin_memcpy(a.b + INET_V4MAPPED_PREFIX, &v, sizeof(v));
	}
	return a;
}

/* All zeroes: INADDR_ANY, :: (inet_addr.c). */
extern const struct inet_addr inet_addr_any;

/* ::1 (RFC 4291 2.5.3). */
static inline struct inet_addr inet_addr_loopback6(void)
{
	struct inet_addr a = { { 0 } };

	a.b[INET_ADDR_LEN - 1] = 1;
	return a;
}

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
	struct inet_addr from_addr;
	uint16_t from_port;
};

struct inet_sock {
	struct socket *sock;		/* NULL once closed (or not accepted yet) */
	int proto;			/* INET_PROTO_TCP or _UDP */
	int family;			/* AF_INET or AF_INET6, fixed */
	/* guarded by inet_lock: */
	unsigned ref;			/* the socket, the tables, a listener's queue */
	struct inet_addr laddr, raddr;	/* laddr all zero: any */
	bool v6only;			/* IPV6_V6ONLY: no IPv4 peers (AF_INET6) */
	int hops;			/* IPV6_UNICAST_HOPS; -1: the default */
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
struct inet_sock *inet_sock_new(int family, int proto);
void inet_sock_get(struct inet_sock *is);
/* Drops a reference (locked); frees at 0 (its queues already empty). */
void inet_sock_put_locked(struct inet_sock *is);
void inet_wake(struct inet_sock *is);
/* As unix_wait_check: -EAGAIN, -EINTR/-ERESTARTSYS, or 0 to wait. */
int inet_wait_check(bool nonblock, uint64_t deadline);
/* inet_addr.c */
/* What an address given to inet_addr_in is for: Linux's rules differ a little. */
enum inet_addr_use {
	INET_ADDR_BIND,		/* bind(2): AF_UNSPEC with INADDR_ANY too, on AF_INET (ip(7)) */
	INET_ADDR_CONNECT,	/* TCP's connect(2) */
	INET_ADDR_DGRAM_CONNECT,	/* UDP's: an AF_INET6 socket takes a sockaddr_in */
	INET_ADDR_DGRAM_SEND,	/* sendto(2): the same, and AF_UNSPEC as AF_INET */
};
/*
 * Parses the sockaddr of is's family (sockaddr_in, sockaddr_in6): EINVAL,
 * EAFNOSUPPORT, ENETUNREACH; the port in host order. Locked (v6only).
 */
int inet_addr_in(const struct inet_sock *is, const uint8_t *a, uint32_t len,
		 struct inet_addr *addr, uint16_t *port, enum inet_addr_use use);
/* A destination: any is this host (ip(7), ipv6(7)), 127.0.0.1 or ::1 (locked). */
void inet_addr_dest(const struct inet_sock *is, struct inet_addr *daddr);
/* Whether is may talk to addr (a dual-stack socket's IPv4 peers; locked). */
bool inet_addr_family_ok(const struct inet_sock *is, const struct inet_addr *addr);
/* Fills the sockaddr of is's family; returns its length. */
int inet_addr_out(const struct inet_sock *is, uint8_t *a, const struct inet_addr *addr,
		  uint16_t port);
/*
 * Binds is to addr:port (port 0: an ephemeral one), locked: 0, or
 * EADDRINUSE, EADDRNOTAVAIL, EINVAL (bound already), EACCES.
 */
int inet_bind_locked(struct inet_sock *is, const struct inet_addr *addr, uint16_t port);
void inet_unbind_locked(struct inet_sock *is);
/* Binds an accepted connection's child to its listener's port, no checks (locked). */
void inet_bind_child_locked(struct inet_sock *is);
/* Whether another TCP socket has laddr:lport -> raddr:rport (locked). */
bool inet_tuple_busy(const struct inet_sock *is, const struct inet_addr *laddr, uint16_t lport,
		     const struct inet_addr *raddr, uint16_t rport);
/* The source address for a destination (the device's own for a loopback prefix). */
struct inet_addr inet_source_for(const struct inet_addr *daddr);
int inet_getname(struct socket *s, uint8_t *addr, bool peer);
/* The socket bound to (proto, daddr, dport), preferring a connected match (locked). */
struct inet_sock *inet_lookup_bound(int proto, const struct inet_addr *daddr, uint16_t dport,
				    const struct inet_addr *saddr, uint16_t sport, bool listener);
void inet_sigpipe(int flags);
/* Calls fn on every bound socket of proto, inet_lock held (/proc/net). */
void inet_walk(int proto, void (*fn)(struct inet_sock *is, void *arg), void *arg);
int inet_create(int family, int type, int protocol, struct socket **out);
/* The IPPROTO_IPV6 options of an AF_INET6 socket (ipv6(7)); ENOPROTOOPT otherwise. */
int inet_getsockopt_ipv6(struct socket *s, int name, void *val, int *len);
int inet_setsockopt_ipv6(struct socket *s, int name, const void __user *uval, int len);
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

/* ipv6.c */
#define IPV6_HDR_LEN		40u
uint32_t ipv6_pseudo_sum(const struct inet_addr *saddr, const struct inet_addr *daddr, int proto,
			 size_t len);
/* As ipv4_output; hops -1 is the default hop limit. */
int ipv6_output(struct net_pkt *p, const struct inet_addr *saddr, const struct inet_addr *daddr,
		int proto, int hops);
void ipv6_rcv(struct net_pkt *p);

/* icmpv6.c */
/* Answers p (an IPv6 packet, header at data) with port unreachable; p is not taken. */
void icmpv6_send_port_unreach(struct net_pkt *p, const struct inet_addr *saddr,
			      const struct inet_addr *daddr);
/* p's data is the ICMPv6 message; takes p. */
void icmpv6_rcv(struct net_pkt *p, const struct inet_addr *saddr, const struct inet_addr *daddr);

/* inet_ip.c: each call goes to the IP layer of the destination's family. */
struct net_device *inet_dev_for(const struct inet_addr *daddr);
/* Whether daddr is reachable (one of ours); false: ENETUNREACH. */
bool inet_route_ok(const struct inet_addr *daddr);
/* The network-layer header's length for daddr's family. */
size_t inet_hdr_len(const struct inet_addr *daddr);
uint32_t inet_pseudo_sum(const struct inet_addr *saddr, const struct inet_addr *daddr, int proto,
			 size_t len);
int inet_output(struct net_pkt *p, const struct inet_addr *saddr, const struct inet_addr *daddr,
		int proto, int hops);
/* A packet arrived (net_rx_run): to ipv4_rcv or ipv6_rcv by its version; takes p. */
void inet_rcv(struct net_pkt *p);
/* Port unreachable for p (an IP packet, header at data, either family); p is not taken. */
void inet_send_port_unreach(struct net_pkt *p, const struct inet_addr *saddr,
			    const struct inet_addr *daddr);

/* icmp.c */
/* Answers p (an IPv4 packet, header at data) with port unreachable; p is not taken. */
void icmp_send_port_unreach(struct net_pkt *p, uint32_t saddr, uint32_t daddr);
void icmp_rcv(struct net_pkt *p, uint32_t saddr, uint32_t daddr);

/* udp.c */
void udp_rcv(struct net_pkt *p, const struct inet_addr *saddr, const struct inet_addr *daddr);
/* An ICMP error about a datagram we sent (from sport to daddr:dport). */
void udp_err(const struct inet_addr *saddr, uint16_t sport, const struct inet_addr *daddr,
	     uint16_t dport, int err);
void udp_release(struct socket *s);
int udp_connect(struct socket *s, const uint8_t *addr, uint32_t len, bool nonblock);
long udp_sendmsg(struct socket *s, struct sock_msg *m, int flags, bool nonblock);
long udp_recvmsg(struct socket *s, struct sock_msg *m, int flags, bool nonblock);
unsigned udp_poll(struct socket *s, struct poll_table *pt);
long udp_inq(struct socket *s);
int udp_shutdown(struct socket *s, int how);

/* tcp_*.c */
void tcp_rcv(struct net_pkt *p, const struct inet_addr *saddr, const struct inet_addr *daddr);

#endif /* NET_INET_INET_H */
