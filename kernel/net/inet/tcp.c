/*
 * tcp.c: TCP connections (RFC 9293, tcp(7)): the socket calls that open
 * and close them (connect, listen, accept, shutdown, close), TIME-WAIT,
 * poll readiness and the IPPROTO_TCP options. tcp.h says what this TCP
 * leaves out and why.
 */
#include <basalt/random.h>
#include <basalt/string.h>
#include <mm/mm.h>
#include <net/inet/tcp.h>
#include <time/time.h>
#include <uapi/errno.h>
#include <uapi/poll.h>
#include <user/user.h>

/* The window scale we offer on connect (as tcp_input.c's for a listener). */
#define TCP_CONNECT_WSCALE	7

/* Sockets in TIME-WAIT (struct inet_sock.tcp_link), oldest first: inet_lock. */
static struct list_node tcp_time_wait = { &tcp_time_wait, &tcp_time_wait };

void tcp_sock_init(struct inet_sock *is)
{
	is->state = TCP_CLOSED;
	is->mss = TCP_DEFAULT_MSS;
	is->rcvbuf = TCP_RCVBUF_DEFAULT;
	is->sndbuf = TCP_SNDBUF_DEFAULT;
}

uint32_t tcp_rcvbuf(const struct inet_sock *is)
{
	return is->sock ? __atomic_load_n(&is->sock->rcvbuf, __ATOMIC_RELAXED) : is->rcvbuf;
}

uint32_t tcp_rcv_window(const struct inet_sock *is)
{
	uint32_t buf = tcp_rcvbuf(is);

	return is->rcv_bytes >= buf ? 0 : buf - (uint32_t)is->rcv_bytes;
}

static void tcp_purge_locked(struct inet_sock *is)
{
	while (!list_empty(&is->rcvq)) {
		struct net_pkt *p = list_first_entry(&is->rcvq, struct net_pkt, link);

		list_del(&p->link);
		net_pkt_free(p);
	}
	is->rcv_bytes = 0;
	while (!list_empty(&is->syn_wait)) {
		struct net_pkt *p = list_first_entry(&is->syn_wait, struct net_pkt, link);

		list_del(&p->link);
		net_pkt_free(p);
	}
}

void tcp_maybe_free_locked(struct inet_sock *is)
{
	if (is->sock || is->state != TCP_CLOSED || list_node_linked(&is->child_link))
		return;
	tcp_purge_locked(is);
	inet_sock_put_locked(is);
}

void tcp_set_closed_locked(struct inet_sock *is, int err)
{
	if (is->state == TCP_TIME_WAIT)
		list_del(&is->tcp_link);
	is->state = TCP_CLOSED;
	if (err)
		is->err = err;
	/* tcp_done: both directions are shut. */
	is->shutdown = INET_SHUTDOWN_MASK;
	inet_wake(is);
}

void tcp_enter_time_wait_locked(struct inet_sock *is)
{
	is->state = TCP_TIME_WAIT;
	is->tw_deadline = time_monotonic_ns() + TCP_TIME_WAIT_NS;
	list_add_tail(&tcp_time_wait, &is->tcp_link);
	inet_wake(is);
}

void tcp_reap_locked(void)
{
	uint64_t now = time_monotonic_ns();

	/*
	 * TIME-WAIT ends lazily: whoever next binds a port or finds a
	 * connection in TIME-WAIT reaps the expired ones (oldest first, so
	 * the walk stops at the first still waiting). This needs no timer
	 * callback, which would run in the tick with interrupts off, where
	 * inet_lock (a mutex) cannot be taken.
	 */
	while (!list_empty(&tcp_time_wait)) {
		struct inet_sock *is = list_first_entry(&tcp_time_wait, struct inet_sock, tcp_link);

		if (now < is->tw_deadline)
			break;
		tcp_set_closed_locked(is, 0);
		tcp_maybe_free_locked(is);
	}
}

/* Resets and frees a listener's children, queued or half-open (locked). */
static void tcp_listener_close_locked(struct inet_sock *l, struct list_node *held)
{
	struct list_node *queues[2] = { &l->synq, &l->acceptq };
	unsigned i;

	for (i = 0; i < 2; i++) {
		while (!list_empty(queues[i])) {
			struct inet_sock *c = list_first_entry(queues[i], struct inet_sock, child_link);

			list_del(&c->child_link);
			list_init(&c->child_link);
			c->listener = NULL;
			tcp_send_ctl(c, TCP_FLAG_RST | TCP_FLAG_ACK);
			tcp_set_closed_locked(c, 0);
			tcp_maybe_free_locked(c);
		}
	}
	l->accept_count = 0;
	/* The SYNs held for room are answered with RST: nobody listens now. */
	while (!list_empty(&l->syn_wait)) {
		struct net_pkt *p = list_first_entry(&l->syn_wait, struct net_pkt, link);

		list_del(&p->link);
		list_add_tail(held, &p->link);
	}
	l->state = TCP_CLOSED;
	inet_wake(l);
}

/* Feeds held SYNs back to the receive path (unlocked): they meet a closed port or room. */
static void tcp_requeue(struct list_node *held)
{
	while (!list_empty(held)) {
		struct net_pkt *p = list_first_entry(held, struct net_pkt, link);

		list_del(&p->link);
		net_rx(p->dev, p);
	}
	net_rx_run();
}

static void tcp_release(struct socket *s)
{
	struct inet_sock *is = inet_sk(s);
	struct list_node held;
	bool abort;

	list_init(&held);
	mutex_lock(&inet_lock);
	/* tcp_close: unread data, or SO_LINGER with zero time, aborts with a RST (RFC 2525 2.17). */
	abort = is->rcv_bytes > 0 || (s->linger.l_onoff && s->linger.l_linger == 0);
	is->sock = NULL;
	is->rcvbuf = s->rcvbuf;
	switch (is->state) {
	case TCP_LISTEN:
		tcp_listener_close_locked(is, &held);
		break;
	case TCP_SYN_SENT:
		tcp_set_closed_locked(is, 0);
		break;
	case TCP_ESTABLISHED:
	case TCP_CLOSE_WAIT:
		if (abort) {
			tcp_send_ctl(is, TCP_FLAG_RST | TCP_FLAG_ACK);
			tcp_set_closed_locked(is, 0);
			break;
		}
		if (!is->fin_sent) {
			tcp_send_ctl(is, TCP_FLAG_FIN | TCP_FLAG_ACK);
			is->state = is->state == TCP_ESTABLISHED ? TCP_FIN_WAIT_1 : TCP_LAST_ACK;
		}
		break;
	default:
		break;
	}
	is->shutdown = INET_SHUTDOWN_MASK;
	tcp_purge_locked(is);
	tcp_maybe_free_locked(is);
	mutex_unlock(&inet_lock);
	tcp_requeue(&held);
	socket_free(s);
}

static int tcp_bind(struct socket *s, const uint8_t *addr, uint32_t len)
{
	struct inet_sock *is = inet_sk(s);
	uint32_t a;
	uint16_t port;
	int err = inet_addr_in(addr, len, &a, &port, true);

	if (err)
		return err;
	mutex_lock(&inet_lock);
	err = is->state != TCP_CLOSED ? -EINVAL : inet_bind_locked(is, a, port);
	mutex_unlock(&inet_lock);
	return err;
}

static int tcp_listen(struct socket *s, int backlog)
{
	struct inet_sock *is = inet_sk(s);
	struct list_node held;
	int err = 0;

	list_init(&held);
	mutex_lock(&inet_lock);
	if (is->state != TCP_CLOSED && is->state != TCP_LISTEN) {
		err = -EINVAL;
	} else {
		/* inet_listen: an unbound socket gets an ephemeral port. */
		if (!is->bound)
			err = inet_bind_locked(is, INET_ANY_ADDR, 0);
		if (!err) {
			is->backlog = backlog < 0 ? 0 : backlog;
			is->state = TCP_LISTEN;
			is->shutdown = 0;
			is->err = 0;
			/* A larger backlog may take the SYNs waiting for room. */
			while (!list_empty(&is->syn_wait)) {
				struct net_pkt *p = list_first_entry(&is->syn_wait, struct net_pkt, link);

				list_del(&p->link);
				list_add_tail(&held, &p->link);
			}
		}
	}
	mutex_unlock(&inet_lock);
	tcp_requeue(&held);
	return err;
}

static int tcp_connect(struct socket *s, const uint8_t *addr, uint32_t len, bool nonblock)
{
	struct inet_sock *is = inet_sk(s);
	uint64_t deadline = sock_deadline(s->sndtimeo_ns);
	struct wait_entry we;
	uint32_t daddr;
	uint16_t dport;
	int err;

	err = inet_addr_in(addr, len, &daddr, &dport, false);
	if (err)
		return err;
	if (daddr == INET_ANY_ADDR)
		daddr = INET_LOOPBACK_ADDR;	/* ip(7): INADDR_ANY as a destination is this host */
	mutex_lock(&inet_lock);
	switch (is->state) {
	case TCP_CLOSED:
		break;
	case TCP_SYN_SENT:
		err = -EALREADY;
		break;
	default:
		err = -EISCONN;	/* __inet_stream_connect: listening or connected */
		break;
	}
	if (!err && !ipv4_route_ok(daddr))
		err = -ENETUNREACH;
	if (!err && !is->bound)
		err = inet_bind_locked(is, INET_ANY_ADDR, 0);
	if (!err) {
		uint32_t laddr = is->laddr != INET_ANY_ADDR ? is->laddr : inet_source_for(daddr);

		/* inet_hash_connect: the four-tuple must be new. */
		if (inet_tuple_busy(is, laddr, is->lport, daddr, dport))
			err = -EADDRNOTAVAIL;
		else
			is->laddr = laddr;
	}
	if (err) {
		mutex_unlock(&inet_lock);
		return err;
	}
	is->raddr = daddr;
	is->rport = dport;
	is->err = 0;
	is->shutdown = 0;
	is->fin_sent = false;
	is->rcv_wscale = TCP_CONNECT_WSCALE;
	random_get_bytes(&is->iss, sizeof(is->iss));	/* RFC 6528 */
	is->snd_una = is->iss;
	is->snd_nxt = is->iss;
	is->state = TCP_SYN_SENT;
	tcp_send_ctl(is, TCP_FLAG_SYN);
	mutex_unlock(&inet_lock);
	net_rx_run();
	/* connect(2): a non-blocking socket reports EINPROGRESS, even on lo (as Linux). */
	if (nonblock)
		return -EINPROGRESS;
	wait_entry_add(&is->wq, &we);
	for (;;) {
		wait_entries_arm();
		mutex_lock(&inet_lock);
		if (is->state != TCP_SYN_SENT) {
			if (is->state == TCP_CLOSED) {
				err = is->err ? -is->err : -ECONNREFUSED;
				is->err = 0;
			}
			mutex_unlock(&inet_lock);
			break;
		}
		err = inet_wait_check(false, deadline);
		mutex_unlock(&inet_lock);
		if (err) {
			/* A timeout says EINPROGRESS; the connection goes on (connect(2)). */
			if (err == -EAGAIN)
				err = -EINPROGRESS;
			break;
		}
		wait_block_entries(deadline);
	}
	wait_entry_remove(&we);
	return err;
}

static int tcp_accept(struct socket *s, struct socket **out, bool nonblock)
{
	struct inet_sock *l = inet_sk(s), *c;
	uint64_t deadline = sock_deadline(s->rcvtimeo_ns);
	struct socket *ns = socket_alloc(AF_INET, SOCK_STREAM, INET_PROTO_TCP, &tcp_ops);
	struct list_node held;
	struct wait_entry we;
	int err = 0;

	if (!ns)
		return -ENOMEM;
	list_init(&held);
	wait_entry_add(&l->wq, &we);
	for (;;) {
		wait_entries_arm();
		mutex_lock(&inet_lock);
		if (l->state != TCP_LISTEN)
			err = -EINVAL;
		else if (!list_empty(&l->acceptq))
			break;
		else
			err = inet_wait_check(nonblock, deadline);
		mutex_unlock(&inet_lock);
		if (err) {
			wait_entry_remove(&we);
			socket_free(ns);
			return err;
		}
		wait_block_entries(deadline);
	}
	wait_entry_remove(&we);
	c = list_first_entry(&l->acceptq, struct inet_sock, child_link);
	list_del(&c->child_link);
	list_init(&c->child_link);
	l->accept_count--;
	c->listener = NULL;
	/* The new socket inherits the listener's options (sk_clone_lock). */
	ns->sndbuf = c->sndbuf;
	ns->rcvbuf = c->rcvbuf;
	ns->keepalive = s->keepalive;
	ns->reuseaddr = s->reuseaddr;
	ns->linger = s->linger;
	ns->priv = c;
	c->sock = ns;
	/* Room again: a SYN held for it goes round once more. */
	if (!list_empty(&l->syn_wait)) {
		struct net_pkt *p = list_first_entry(&l->syn_wait, struct net_pkt, link);

		list_del(&p->link);
		list_add_tail(&held, &p->link);
	}
	mutex_unlock(&inet_lock);
	tcp_requeue(&held);
	*out = ns;
	return 0;
}

static int tcp_shutdown(struct socket *s, int how)
{
	struct inet_sock *is = inet_sk(s);
	unsigned mode = (unsigned)how + 1;
	struct list_node held;
	int err = 0;

	list_init(&held);
	mutex_lock(&inet_lock);
	switch (is->state) {
	case TCP_CLOSED:
		err = -ENOTCONN;	/* inet_shutdown */
		is->shutdown |= mode;
		break;
	case TCP_LISTEN:
		/* inet_shutdown: SHUT_RD of a listener closes it (tcp_disconnect). */
		if (mode & INET_RCV_SHUTDOWN)
			tcp_listener_close_locked(is, &held);
		break;
	case TCP_SYN_SENT:
		tcp_set_closed_locked(is, 0);
		is->shutdown = 0;
		break;
	default:
		is->shutdown |= mode;
		if ((mode & INET_SEND_SHUTDOWN) && !is->fin_sent &&
		    (is->state == TCP_ESTABLISHED || is->state == TCP_CLOSE_WAIT)) {
			tcp_send_ctl(is, TCP_FLAG_FIN | TCP_FLAG_ACK);
			is->state = is->state == TCP_ESTABLISHED ? TCP_FIN_WAIT_1 : TCP_LAST_ACK;
		}
		break;
	}
	inet_wake(is);
	mutex_unlock(&inet_lock);
	tcp_requeue(&held);
	return err;
}

uint32_t tcp_usable(const struct inet_sock *is)
{
	uint32_t u = is->snd_una + is->snd_wnd - is->snd_nxt;

	return (int32_t)u > 0 ? u : 0;
}

static unsigned tcp_poll(struct socket *s, struct poll_table *pt)
{
	struct inet_sock *is = inet_sk(s);
	unsigned mask = 0;

	poll_wait(pt, &is->wq);
	mutex_lock(&inet_lock);
	if (is->state == TCP_LISTEN) {
		if (!list_empty(&is->acceptq))
			mask |= POLLIN | POLLRDNORM;
		mutex_unlock(&inet_lock);
		return mask;
	}
	/* tcp_poll, in its order. */
	if (is->shutdown == INET_SHUTDOWN_MASK || is->state == TCP_CLOSED)
		mask |= POLLHUP;
	if (is->shutdown & INET_RCV_SHUTDOWN)
		mask |= POLLIN | POLLRDNORM | POLLRDHUP;
	if (is->state != TCP_SYN_SENT && is->state != TCP_SYN_RECEIVED) {
		if (is->rcv_bytes)
			mask |= POLLIN | POLLRDNORM;
		if (is->shutdown & INET_SEND_SHUTDOWN)
			mask |= POLLOUT | POLLWRNORM;
		else if (is->state == TCP_CLOSED || tcp_usable(is) > 0)
			mask |= POLLOUT | POLLWRNORM;
	}
	if (is->err)
		mask |= POLLERR;
	mutex_unlock(&inet_lock);
	return mask;
}

static long tcp_inq(struct socket *s)
{
	struct inet_sock *is = inet_sk(s);
	long n;

	mutex_lock(&inet_lock);
	n = is->state == TCP_LISTEN ? -EINVAL : (long)is->rcv_bytes;
	mutex_unlock(&inet_lock);
	return n;
}

static int tcp_peercred(struct socket *s __unused, struct sock_cred *c)
{
	c->pid = 0;
	c->uid = (uint32_t)-1;
	c->gid = (uint32_t)-1;
	return 0;
}

static int tcp_take_error(struct socket *s)
{
	struct inet_sock *is = inet_sk(s);
	int e;

	mutex_lock(&inet_lock);
	e = is->err;
	is->err = 0;
	mutex_unlock(&inet_lock);
	return e;
}

static bool tcp_listening(struct socket *s)
{
	return __atomic_load_n(&inet_sk(s)->state, __ATOMIC_RELAXED) == TCP_LISTEN;
}

/* IPPROTO_TCP options (tcp(7)); IPPROTO_IP has none here yet. */
static int tcp_getsockopt(struct socket *s, int level, int name, void *val, int *len)
{
	struct inet_sock *is = inet_sk(s);
	int *iv = val;

	if (level != INET_SOL_TCP)
		return -ENOPROTOOPT;
	*len = sizeof(int);
	mutex_lock(&inet_lock);
	switch (name) {
	case TCP_OPTNAME_NODELAY:
		*iv = is->nodelay;
		break;
	case TCP_OPTNAME_MAXSEG:
		/* tcp(7): before the connection, the default (536). */
		*iv = (int)(is->state == TCP_CLOSED || is->state == TCP_LISTEN ? TCP_DEFAULT_MSS :
			    is->mss);
		break;
	default:
		mutex_unlock(&inet_lock);
		return -ENOPROTOOPT;
	}
	mutex_unlock(&inet_lock);
	return 0;
}

static int tcp_setsockopt(struct socket *s, int level, int name, const void __user *uval, int len)
{
	struct inet_sock *is = inet_sk(s);
	int v;

	if (level != INET_SOL_TCP)
		return -ENOPROTOOPT;
	if (name != TCP_OPTNAME_NODELAY)
		return -ENOPROTOOPT;
	if (len < (int)sizeof(int))
		return -EINVAL;
	if (copy_from_user(&v, uval, sizeof(v)))
		return -EFAULT;
	mutex_lock(&inet_lock);
	is->nodelay = v != 0;
	mutex_unlock(&inet_lock);
	return 0;
}

const struct sock_ops tcp_ops = {
	.release = tcp_release,
	.bind = tcp_bind,
	.connect = tcp_connect,
	.listen = tcp_listen,
	.accept = tcp_accept,
	.getname = inet_getname,
	.poll = tcp_poll,
	.shutdown = tcp_shutdown,
	.sendmsg = tcp_sendmsg,
	.recvmsg = tcp_recvmsg,
	.inq = tcp_inq,
	.peercred = tcp_peercred,
	.take_error = tcp_take_error,
	.listening = tcp_listening,
	.getsockopt = tcp_getsockopt,
	.setsockopt = tcp_setsockopt,
};
