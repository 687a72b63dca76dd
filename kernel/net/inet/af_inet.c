/*
 * af_inet.c: AF_INET sockets (ip(7)): creation, the sockaddr_in checks,
 * the table of bound ports shared by UDP and TCP (each protocol its own
 * port space), ephemeral ports, and the lookup of the socket a packet is
 * for.
 */
#include <basalt/random.h>
#include <basalt/string.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <net/inet/inet.h>
#include <net/inet/tcp.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <signal/signal.h>
#include <time/time.h>
#include <uapi/errno.h>
#include <uapi/signal.h>

struct mutex inet_lock = MUTEX_INIT(inet_lock);
/* Every socket with a local port (struct inet_sock.bound_link): inet_lock. */
static struct list_node inet_bound = { &inet_bound, &inet_bound };
/* Where the next ephemeral port search starts: inet_lock. */
static uint32_t inet_port_hint;

struct inet_sock *inet_sock_new(int proto)
{
	struct inet_sock *is = kzalloc(sizeof(*is));

	if (!is)
		return NULL;
	is->proto = proto;
	is->ref = 1;
	is->state = TCP_CLOSED;
	list_init(&is->bound_link);
	list_init(&is->rcvq);
	list_init(&is->acceptq);
	list_init(&is->synq);
	list_init(&is->child_link);
	list_init(&is->syn_wait);
	list_init(&is->tcp_link);
	wait_queue_init(&is->wq);
	return is;
}

void inet_sock_get(struct inet_sock *is)
{
	is->ref++;
}

void inet_sock_put_locked(struct inet_sock *is)
{
	if (--is->ref)
		return;
	inet_unbind_locked(is);
	if (list_node_linked(&is->tcp_link))
		list_del(&is->tcp_link);
	kfree(is);
}

void inet_wake(struct inet_sock *is)
{
	wake_up_all(&is->wq);
}

int inet_wait_check(bool nonblock, uint64_t deadline)
{
	if (nonblock)
		return -EAGAIN;
	if (signal_pending(task_current()))
		return deadline ? -EINTR : -ERESTARTSYS;
	if (deadline && time_monotonic_ns() >= deadline)
		return -EAGAIN;
	return 0;
}

void inet_sigpipe(int flags)
{
	if (!(flags & MSG_NOSIGNAL))
		signal_send_thread(task_current(), SIGPIPE, NULL);
}

int inet_addr_in(const uint8_t *a, uint32_t len, uint32_t *addr, uint16_t *port, bool unspec_ok)
{
	struct inet_sockaddr sin;

	/* inet_bind, inet_dgram_connect: shorter than a sockaddr_in is EINVAL. */
	if (len < sizeof(sin))
		return -EINVAL;
	memcpy(&sin, a, sizeof(sin));
	if (sin.family != AF_INET) {
		/* bind(2) of AF_UNSPEC with INADDR_ANY is taken, for old programs (ip(7)). */
		if (!(unspec_ok && sin.family == AF_UNSPEC && sin.addr == 0))
			return -EAFNOSUPPORT;
	}
	*addr = __builtin_bswap32(sin.addr);
	*port = __builtin_bswap16(sin.port);
	return 0;
}

int inet_addr_out(uint8_t *a, uint32_t addr, uint16_t port)
{
	struct inet_sockaddr sin;

	memset(&sin, 0, sizeof(sin));
	sin.family = AF_INET;
	sin.port = __builtin_bswap16(port);
	sin.addr = __builtin_bswap32(addr);
	memcpy(a, &sin, sizeof(sin));
	return (int)sizeof(sin);
}

static bool inet_addr_overlap(uint32_t a, uint32_t b)
{
	return a == INET_ANY_ADDR || b == INET_ANY_ADDR || a == b;
}

/*
 * Whether is may share port with other (Linux's inet_csk_bind_conflict
 * and udp_lib_lport_inuse, reduced): UDP when both set SO_REUSEADDR;
 * TCP when both set it and other is not listening (a TIME-WAIT socket
 * keeps the setting of the socket it was, as Linux's inet_bind_conflict).
 */
static bool inet_may_share(const struct inet_sock *is, const struct inet_sock *other)
{
	if (is->proto == INET_PROTO_UDP)
		return is->reuse && other->reuse;
	return is->reuse && other->reuse && other->state != TCP_LISTEN;
}

static bool inet_port_conflict(const struct inet_sock *is, uint32_t addr, uint16_t port, bool any)
{
	struct inet_sock *o;

	list_for_each_entry(o, &inet_bound, bound_link) {
		if (o == is || o->proto != is->proto || o->lport != port)
			continue;
		if (any)
			return true;	/* an ephemeral port is one nobody uses */
		if (inet_addr_overlap(o->laddr, addr) && !inet_may_share(is, o))
			return true;
	}
	return false;
}

int inet_bind_locked(struct inet_sock *is, uint32_t addr, uint16_t port)
{
	uint32_t span = INET_PORT_HIGH - INET_PORT_LOW + 1, i;

	if (is->bound)
		return -EINVAL;
	if (addr != INET_ANY_ADDR && !netdev_for_ipv4(addr))
		return -EADDRNOTAVAIL;
	if (port && port < INET_PORT_PRIVILEGED && vfs_cred()->euid != 0)
		return -EACCES;
	tcp_reap_locked();
	is->reuse = is->sock && __atomic_load_n(&is->sock->reuseaddr, __ATOMIC_RELAXED);
	if (port) {
		if (inet_port_conflict(is, addr, port, false))
			return -EADDRINUSE;
	} else {
		if (!inet_port_hint)
			random_get_bytes(&inet_port_hint, sizeof(inet_port_hint));
		for (i = 0; i < span; i++) {
			uint16_t p = (uint16_t)(INET_PORT_LOW + (inet_port_hint + i) % span);

			if (!inet_port_conflict(is, addr, p, true)) {
				port = p;
				break;
			}
		}
		if (!port)
			return -EADDRINUSE;	/* ip(7): no free ephemeral port */
		inet_port_hint += i + 1;
	}
	is->laddr = addr;
	is->lport = port;
	is->bound = true;
	list_add_tail(&inet_bound, &is->bound_link);
	return 0;
}

void inet_bind_child_locked(struct inet_sock *is)
{
	is->bound = true;
	list_add_tail(&inet_bound, &is->bound_link);
}

void inet_unbind_locked(struct inet_sock *is)
{
	if (!is->bound)
		return;
	list_del(&is->bound_link);
	is->bound = false;
}

bool inet_tuple_busy(const struct inet_sock *is, uint32_t laddr, uint16_t lport,
		     uint32_t raddr, uint16_t rport)
{
	struct inet_sock *o;

	list_for_each_entry(o, &inet_bound, bound_link)
		if (o != is && o->proto == is->proto && o->lport == lport && o->laddr == laddr &&
		    o->rport == rport && o->raddr == raddr && o->state != TCP_LISTEN)
			return true;
	return false;
}

uint32_t inet_source_for(uint32_t daddr)
{
	struct net_device *dev = netdev_for_ipv4(daddr);

	/* The device's own address (127.0.0.1 for all of 127/8), as Linux's prefsrc. */
	return dev ? dev->ipv4_addr : INET_ANY_ADDR;
}

struct inet_sock *inet_lookup_bound(int proto, uint32_t daddr, uint16_t dport,
				    uint32_t saddr, uint16_t sport, bool listener)
{
	struct inet_sock *o, *best = NULL;
	int best_score = -1;

	list_for_each_entry(o, &inet_bound, bound_link) {
		int score = 0;

		if (o->proto != proto || o->lport != dport)
			continue;
		if (o->laddr != INET_ANY_ADDR) {
			if (o->laddr != daddr)
				continue;
			score += 1;
		}
		if (proto == INET_PROTO_TCP) {
			/* A connection matches its four-tuple; else a listener takes it. */
			if (o->state == TCP_LISTEN) {
				if (!listener)
					continue;
			} else if (o->state == TCP_CLOSED || o->rport != sport || o->raddr != saddr) {
				continue;
			} else {
				score += 4;
			}
		} else if (o->connected) {
			if (o->rport != sport || o->raddr != saddr)
				continue;
			score += 2;
		}
		/* Ties go to the latest bound, as Linux's hash chains. */
		if (score >= best_score) {
			best = o;
			best_score = score;
		}
	}
	return best;
}

void inet_walk(int proto, void (*fn)(struct inet_sock *is, void *arg), void *arg)
{
	struct inet_sock *o;

	mutex_lock(&inet_lock);
	list_for_each_entry(o, &inet_bound, bound_link)
		if (o->proto == proto)
			fn(o, arg);
	mutex_unlock(&inet_lock);
}

int inet_getname(struct socket *s, uint8_t *addr, bool peer)
{
	struct inet_sock *is = inet_sk(s);
	int r;

	mutex_lock(&inet_lock);
	if (peer) {
		bool conn = is->proto == INET_PROTO_UDP ? is->connected :
			(is->state != TCP_CLOSED && is->state != TCP_LISTEN && is->state != TCP_SYN_SENT);

		r = conn ? inet_addr_out(addr, is->raddr, is->rport) : -ENOTCONN;
	} else {
		r = inet_addr_out(addr, is->laddr, is->lport);
	}
	mutex_unlock(&inet_lock);
	return r;
}

int inet_create(int type, int protocol, struct socket **out)
{
	const struct sock_ops *ops;
	struct inet_sock *is;
	struct socket *s;
	int proto;

	/* inet_create: the protocol must be 0 or the type's own. */
	if (type == SOCK_STREAM) {
		if (protocol && protocol != INET_PROTO_TCP)
			return -EPROTONOSUPPORT;
		proto = INET_PROTO_TCP;
		ops = &tcp_ops;
	} else if (type == SOCK_DGRAM) {
		if (protocol && protocol != INET_PROTO_UDP)
			return -EPROTONOSUPPORT;
		proto = INET_PROTO_UDP;
		ops = &udp_ops;
	} else if (type == SOCK_RAW) {
		return -EPERM;	/* raw sockets: not yet (root only on Linux anyway) */
	} else {
		return -ESOCKTNOSUPPORT;
	}
	s = socket_alloc(AF_INET, type, proto, ops);
	if (!s)
		return -ENOMEM;
	is = inet_sock_new(proto);
	if (!is) {
		socket_free(s);
		return -ENOMEM;
	}
	is->sock = s;
	s->priv = is;
	if (proto == INET_PROTO_TCP) {
		/* net.ipv4.tcp_wmem[1] and tcp_rmem[1], what getsockopt shows on Linux. */
		s->sndbuf = TCP_SNDBUF_DEFAULT;
		s->rcvbuf = TCP_RCVBUF_DEFAULT;
		tcp_sock_init(is);
	}
	*out = s;
	return 0;
}
