/*
 * udp.c: UDP (RFC 768, udp(7)): datagrams with the checksum over the
 * pseudo-header, a receive queue bounded by SO_RCVBUF (datagrams beyond
 * it are dropped, as Linux's), connect for a default peer, and
 * ECONNREFUSED on a connected socket after an ICMP port unreachable.
 */
#include <basalt/string.h>
#include <fs/file.h>
#include <mm/mm.h>
#include <net/inet/inet.h>
#include <uapi/errno.h>
#include <uapi/poll.h>

#define UDP_HDR_LEN		8u
/* The largest payload: 65535 minus the IPv4 and UDP headers (udp(7) EMSGSIZE). */
#define UDP_MAX_PAYLOAD		(65535u - 20u - UDP_HDR_LEN)

struct udp_hdr {
	uint16_t sport, dport, len, csum;
};

void udp_release(struct socket *s)
{
	struct inet_sock *is = inet_sk(s);
	struct list_node q;

	list_init(&q);
	mutex_lock(&inet_lock);
	while (!list_empty(&is->rcvq)) {
		struct udp_dgram *d = list_first_entry(&is->rcvq, struct udp_dgram, link);

		list_del(&d->link);
		list_add_tail(&q, &d->link);
	}
	is->rcv_bytes = 0;
	is->sock = NULL;
	inet_unbind_locked(is);
	inet_sock_put_locked(is);
	mutex_unlock(&inet_lock);
	while (!list_empty(&q)) {
		struct udp_dgram *d = list_first_entry(&q, struct udp_dgram, link);

		list_del(&d->link);
		net_pkt_free(d->pkt);
		kfree(d);
	}
	socket_free(s);
}

/* Binds an unbound socket to an ephemeral port (locked): inet_autobind. */
static int udp_autobind_locked(struct inet_sock *is)
{
	return is->bound ? 0 : inet_bind_locked(is, INET_ANY_ADDR, 0);
}

int udp_connect(struct socket *s, const uint8_t *addr, uint32_t len, bool nonblock __unused)
{
	struct inet_sock *is = inet_sk(s);
	uint16_t family = AF_UNSPEC, port;
	uint32_t daddr;
	int err;

	if (len >= sizeof(family))
		memcpy(&family, addr, sizeof(family));
	/* connect(2): AF_UNSPEC dissolves the association (udp_disconnect). */
	if (len >= sizeof(family) && family == AF_UNSPEC) {
		mutex_lock(&inet_lock);
		is->connected = false;
		is->raddr = INET_ANY_ADDR;
		is->rport = 0;
		/* __udp_disconnect: what connect chose implicitly is given back. */
		if (!is->addr_locked)
			is->laddr = INET_ANY_ADDR;
		if (!is->port_locked) {
			inet_unbind_locked(is);
			is->lport = 0;
		}
		mutex_unlock(&inet_lock);
		return 0;
	}
	err = inet_addr_in(addr, len, &daddr, &port, false);
	if (err)
		return err;
	if (daddr == INET_ANY_ADDR)
		daddr = INET_LOOPBACK_ADDR;	/* ip(7): INADDR_ANY as a destination is this host */
	if (!ipv4_route_ok(daddr))
		return -ENETUNREACH;
	mutex_lock(&inet_lock);
	err = udp_autobind_locked(is);
	if (!err) {
		/* ip4_datagram_connect: the source address is fixed now. */
		if (is->laddr == INET_ANY_ADDR)
			is->laddr = inet_source_for(daddr);
		is->raddr = daddr;
		is->rport = port;
		is->connected = true;
	}
	mutex_unlock(&inet_lock);
	return err;
}

long udp_sendmsg(struct socket *s, struct sock_msg *m, int flags, bool nonblock __unused)
{
	struct inet_sock *is = inet_sk(s);
	size_t len = m->iter.resid;
	struct udp_hdr *h;
	struct net_pkt *p;
	uint32_t daddr, saddr;
	uint16_t dport, sport, csum;
	int err;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (m->namelen) {
		struct inet_sockaddr sin;

		if (m->namelen < sizeof(sin))
			return -EINVAL;
		memcpy(&sin, m->name, sizeof(sin));
		/* udp_sendmsg: AF_UNSPEC is taken as AF_INET, for old programs. */
		if (sin.family != AF_INET && sin.family != AF_UNSPEC)
			return -EAFNOSUPPORT;
		daddr = __builtin_bswap32(sin.addr);
		dport = __builtin_bswap16(sin.port);
		if (dport == 0)
			return -EINVAL;	/* udp_sendmsg: no port to send to */
		if (daddr == INET_ANY_ADDR)
			daddr = INET_LOOPBACK_ADDR;
	} else {
		mutex_lock(&inet_lock);
		daddr = is->raddr;
		dport = is->rport;
		err = is->connected ? 0 : -EDESTADDRREQ;
		mutex_unlock(&inet_lock);
		if (err)
			return err;
	}
	if (len > UDP_MAX_PAYLOAD)
		return -EMSGSIZE;
	if (!ipv4_route_ok(daddr))
		return -ENETUNREACH;
	if (__atomic_load_n(&is->shutdown, __ATOMIC_RELAXED) & INET_SEND_SHUTDOWN) {
		inet_sigpipe(flags);
		return -EPIPE;
	}
	p = net_pkt_alloc(len);
	if (!p)
		return -ENOMEM;
	if (sock_iter_copy_in(&m->iter, net_pkt_data(p), len)) {
		net_pkt_free(p);
		return -EFAULT;
	}
	mutex_lock(&inet_lock);
	err = udp_autobind_locked(is);
	sport = is->lport;
	saddr = is->laddr != INET_ANY_ADDR ? is->laddr : inet_source_for(daddr);
	mutex_unlock(&inet_lock);
	if (err) {
		net_pkt_free(p);
		return err;
	}
	h = (struct udp_hdr *)net_pkt_push(p, UDP_HDR_LEN);
	h->sport = __builtin_bswap16(sport);
	h->dport = __builtin_bswap16(dport);
	h->len = __builtin_bswap16((uint16_t)p->len);
	h->csum = 0;
	if (netdev_l4_csum(netdev_for_ipv4(daddr))) {
		csum = ipv4_csum_fold(ipv4_csum_add(ipv4_pseudo_sum(saddr, daddr, INET_PROTO_UDP,
								    p->len), h, p->len));
		/* RFC 768: a computed zero is sent as all ones (zero means "none"). */
		h->csum = csum ? csum : 0xffff;
	}
	err = ipv4_output(p, saddr, daddr, INET_PROTO_UDP);
	net_rx_run();
	return err ? err : (long)len;
}

void udp_rcv(struct net_pkt *p, uint32_t saddr, uint32_t daddr)
{
	struct inet_sock *is;
	struct udp_hdr h;
	struct udp_dgram *d;
	size_t ulen;

	if (p->len < UDP_HDR_LEN)
		goto drop;
	memcpy(&h, net_pkt_data(p), sizeof(h));
	ulen = __builtin_bswap16(h.len);
	if (ulen < UDP_HDR_LEN || ulen > p->len)
		goto drop;
	p->len = ulen;
	if (h.csum && netdev_l4_csum(p->dev) && ipv4_csum_fold(ipv4_csum_add(ipv4_pseudo_sum(saddr, daddr, INET_PROTO_UDP, ulen),
						   net_pkt_data(p), ulen)) != 0)
		goto drop;
	d = kmalloc(sizeof(*d));
	if (!d)
		goto drop;
	mutex_lock(&inet_lock);
	is = inet_lookup_bound(INET_PROTO_UDP, daddr, __builtin_bswap16(h.dport), saddr,
			       __builtin_bswap16(h.sport), false);
	if (!is || !is->sock) {
		mutex_unlock(&inet_lock);
		kfree(d);
		/* Nobody there: RFC 1122 4.1.3.1, port unreachable (the whole datagram quoted). */
		p->head = p->nh;
		p->len = p->nh_len;
		icmp_send_port_unreach(p, saddr, daddr);
		goto drop;
	}
	if (is->rcv_bytes + (ulen - UDP_HDR_LEN) > is->sock->rcvbuf ||
	    (is->shutdown & INET_RCV_SHUTDOWN)) {
		mutex_unlock(&inet_lock);
		kfree(d);
		goto drop;	/* udp(7): a full receive buffer drops the datagram */
	}
	net_pkt_pull(p, UDP_HDR_LEN);
	d->pkt = p;
	d->from_addr = saddr;
	d->from_port = __builtin_bswap16(h.sport);
	list_add_tail(&is->rcvq, &d->link);
	is->rcv_bytes += p->len;
	inet_wake(is);
	mutex_unlock(&inet_lock);
	return;
drop:
	net_pkt_free(p);
}

void udp_err(uint32_t saddr, uint16_t sport, uint32_t daddr, uint16_t dport, int err)
{
	struct inet_sock *is;

	mutex_lock(&inet_lock);
	is = inet_lookup_bound(INET_PROTO_UDP, saddr, sport, daddr, dport, false);
	/* udp_err: without IP_RECVERR only a connected socket hears of it. */
	if (is && is->connected && is->raddr == daddr && is->rport == dport) {
		is->err = err;
		inet_wake(is);
	}
	mutex_unlock(&inet_lock);
}

long udp_recvmsg(struct socket *s, struct sock_msg *m, int flags, bool nonblock)
{
	struct inet_sock *is = inet_sk(s);
	uint64_t deadline = sock_deadline(s->rcvtimeo_ns);
	struct udp_dgram *d;
	struct wait_entry we;
	size_t n, len;
	long err = 0;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	wait_entry_add(&is->wq, &we);
	for (;;) {
		wait_entries_arm();
		mutex_lock(&inet_lock);
		if (!list_empty(&is->rcvq)) {
			break;
		} else if (is->err) {
			err = -is->err;
			is->err = 0;
		} else if (is->shutdown & INET_RCV_SHUTDOWN) {
			mutex_unlock(&inet_lock);
			wait_entry_remove(&we);
			return 0;
		} else {
			err = inet_wait_check(nonblock, deadline);
		}
		mutex_unlock(&inet_lock);
		if (err) {
			wait_entry_remove(&we);
			return err;
		}
		wait_block_entries(deadline);
	}
	wait_entry_remove(&we);
	d = list_first_entry(&is->rcvq, struct udp_dgram, link);
	len = d->pkt->len;
	n = len < m->iter.resid ? len : m->iter.resid;
	if (sock_iter_copy_out(&m->iter, net_pkt_data(d->pkt), n)) {
		mutex_unlock(&inet_lock);
		return -EFAULT;
	}
	if (n < len)
		m->flags |= MSG_TRUNC;
	m->namelen = (uint32_t)inet_addr_out(m->name, d->from_addr, d->from_port);
	if (!(flags & MSG_PEEK)) {
		list_del(&d->link);
		is->rcv_bytes -= len;
	} else {
		d = NULL;
	}
	mutex_unlock(&inet_lock);
	if (d) {
		net_pkt_free(d->pkt);
		kfree(d);
	}
	/* udp(7)/recv(2): with MSG_TRUNC the real length of the datagram. */
	return (flags & MSG_TRUNC) ? (long)len : (long)n;
}

unsigned udp_poll(struct socket *s, struct poll_table *pt)
{
	struct inet_sock *is = inet_sk(s);
	unsigned mask = 0;

	poll_wait(pt, &is->wq);
	mutex_lock(&inet_lock);
	if (is->err)
		mask |= POLLERR;
	if (is->shutdown & INET_RCV_SHUTDOWN)
		mask |= POLLRDHUP | POLLIN | POLLRDNORM;
	if (is->shutdown == INET_SHUTDOWN_MASK)
		mask |= POLLHUP;
	if (!list_empty(&is->rcvq))
		mask |= POLLIN | POLLRDNORM;
	/* sock_writeable: datagrams never wait for the peer on this stack. */
	mask |= POLLOUT | POLLWRNORM | POLLWRBAND;
	mutex_unlock(&inet_lock);
	return mask;
}

long udp_inq(struct socket *s)
{
	struct inet_sock *is = inet_sk(s);
	long n = 0;

	/* udp_ioctl SIOCINQ: the size of the next datagram. */
	mutex_lock(&inet_lock);
	if (!list_empty(&is->rcvq))
		n = (long)list_first_entry(&is->rcvq, struct udp_dgram, link)->pkt->len;
	mutex_unlock(&inet_lock);
	return n;
}

int udp_shutdown(struct socket *s, int how)
{
	struct inet_sock *is = inet_sk(s);
	int err;

	mutex_lock(&inet_lock);
	/* inet_shutdown: an unconnected socket says ENOTCONN but is shut anyway. */
	err = is->connected ? 0 : -ENOTCONN;
	is->shutdown |= (unsigned)how + 1;
	inet_wake(is);
	mutex_unlock(&inet_lock);
	return err;
}

static int udp_bind(struct socket *s, const uint8_t *addr, uint32_t len)
{
	struct inet_sock *is = inet_sk(s);
	uint32_t a;
	uint16_t port;
	int err = inet_addr_in(addr, len, &a, &port, true);

	if (err)
		return err;
	mutex_lock(&inet_lock);
	err = inet_bind_locked(is, a, port);
	if (!err) {
		is->addr_locked = a != INET_ANY_ADDR;
		is->port_locked = port != 0;
	}
	mutex_unlock(&inet_lock);
	return err;
}

static int udp_listen(struct socket *s __unused, int backlog __unused)
{
	return -EOPNOTSUPP;
}

static int udp_accept(struct socket *s __unused, struct socket **out __unused, bool nonblock __unused)
{
	return -EOPNOTSUPP;
}

static int udp_peercred(struct socket *s __unused, struct sock_cred *c)
{
	/* SO_PEERCRED on a socket without a peer: pid 0, ids -1. */
	c->pid = 0;
	c->uid = (uint32_t)-1;
	c->gid = (uint32_t)-1;
	return 0;
}

static int udp_take_error(struct socket *s)
{
	struct inet_sock *is = inet_sk(s);
	int e;

	mutex_lock(&inet_lock);
	e = is->err;
	is->err = 0;
	mutex_unlock(&inet_lock);
	return e;
}

static bool udp_listening(struct socket *s __unused)
{
	return false;
}

const struct sock_ops udp_ops = {
	.release = udp_release,
	.bind = udp_bind,
	.connect = udp_connect,
	.listen = udp_listen,
	.accept = udp_accept,
	.getname = inet_getname,
	.poll = udp_poll,
	.shutdown = udp_shutdown,
	.sendmsg = udp_sendmsg,
	.recvmsg = udp_recvmsg,
	.inq = udp_inq,
	.peercred = udp_peercred,
	.take_error = udp_take_error,
	.listening = udp_listening,
};
