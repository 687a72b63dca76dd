/*
 * af_unix.c: AF_UNIX sockets (unix(7)): creation and release, connections
 * (listen, connect, accept, socketpair), shutdown, poll and the options
 * with protocol state. The data paths are unix_stream.c and unix_dgram.c.
 *
 * A connected stream or seqpacket pair points at each other (peer, each
 * holding a reference). connect(2) makes the server's end itself (an
 * "embryo", as Linux does) and queues it on the listener's acceptq,
 * where accept(2) finds it; the client is connected from then on.
 *
 * Names (bind, autobind, the lookup connect and sendto do) are
 * unix_addr.c's.
 */
#include <basalt/string.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <net/unix/unix.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <signal/signal.h>
#include <time/time.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/signal.h>

struct mutex unix_lock = MUTEX_INIT(unix_lock);
/* Every socket not yet freed (struct unix_sock.all_link): unix_lock. */
struct list_node unix_all = { &unix_all, &unix_all };

static const struct sock_ops unix_ops;

void unix_sock_get(struct unix_sock *u)
{
	u->ref++;
}

void unix_sock_put_locked(struct unix_sock *u)
{
	if (--u->ref)
		return;
	list_del(&u->all_link);
	kfree(u);
}

void unix_wake(struct unix_sock *u)
{
	wake_up_all(&u->wq);
}

int unix_wait_check(bool nonblock, uint64_t deadline)
{
	if (nonblock)
		return -EAGAIN;
	if (signal_pending(task_current()))
		return deadline ? -EINTR : -ERESTARTSYS;
	if (deadline && time_monotonic_ns() >= deadline)
		return -EAGAIN;
	return 0;
}

void unix_sigpipe(int flags)
{
	if (!(flags & MSG_NOSIGNAL))
		signal_send_thread(task_current(), SIGPIPE, NULL);
}

/* ---- skbs ------------------------------------------------------------------ */

struct unix_skb *unix_skb_alloc(size_t len)
{
	struct unix_skb *skb = kzalloc(sizeof(*skb) + len);

	if (skb)
		skb->len = len;
	return skb;
}

void unix_skb_queue(struct unix_sock *u, struct unix_skb *skb, struct unix_sock *sender)
{
	skb->sender = sender;
	unix_sock_get(sender);
	sender->wmem += skb->len;
	list_add_tail(&u->rcvq, &skb->link);
	u->rcv_bytes += skb->len - skb->off;
	u->rcv_count++;
	unix_scm_inflight(&skb->scm, true);
}

void unix_skb_unlink(struct unix_sock *u, struct unix_skb *skb)
{
	struct unix_sock *sender = skb->sender;

	list_del(&skb->link);
	u->rcv_bytes -= skb->len - skb->off;
	u->rcv_count--;
	unix_scm_inflight(&skb->scm, false);
	if (sender) {
		sender->wmem -= skb->len;
		unix_wake(sender);	/* room for its writers */
		skb->sender = NULL;
		unix_sock_put_locked(sender);
	}
}

void unix_skb_free(struct unix_skb *skb)
{
	unix_scm_destroy(&skb->scm);
	kfree(skb);
}

void unix_rcvq_drain(struct unix_sock *u, struct list_node *out)
{
	while (!list_empty(&u->rcvq)) {
		struct unix_skb *skb = list_first_entry(&u->rcvq, struct unix_skb, link);

		unix_skb_unlink(u, skb);
		list_add_tail(out, &skb->link);
	}
}

void unix_skb_free_list(struct list_node *list)
{
	while (!list_empty(list)) {
		struct unix_skb *skb = list_first_entry(list, struct unix_skb, link);

		list_del(&skb->link);
		unix_skb_free(skb);
	}
}

/* ---- creation and release --------------------------------------------------- */

static struct unix_sock *unix_sock_new(struct socket *s, int type)
{
	struct unix_sock *u = kzalloc(sizeof(*u));

	if (!u)
		return NULL;
	u->sock = s;
	u->ref = 1;		/* the socket's */
	u->type = type;
	u->state = UNIX_UNCONNECTED;
	list_init(&u->rcvq);
	list_init(&u->acceptq);
	list_init(&u->accept_link);
	list_init(&u->bound_link);
	wait_queue_init(&u->wq);
	s->priv = u;
	mutex_lock(&unix_lock);
	list_add_tail(&unix_all, &u->all_link);
	mutex_unlock(&unix_lock);
	return u;
}

int unix_create(int type, int protocol, struct socket **out)
{
	struct socket *s;

	/* unix(7): SOCK_RAW is taken as SOCK_DGRAM, as Linux's unix_create. */
	if (type == SOCK_RAW)
		type = SOCK_DGRAM;
	if (type != SOCK_STREAM && type != SOCK_DGRAM && type != SOCK_SEQPACKET)
		return -ESOCKTNOSUPPORT;
	if (protocol && protocol != AF_UNIX)
		return -EPROTONOSUPPORT;
	s = socket_alloc(AF_UNIX, type, 0, &unix_ops);
	if (!s)
		return -ENOMEM;
	if (!unix_sock_new(s, type)) {
		socket_free(s);
		return -ENOMEM;
	}
	*out = s;
	return 0;
}

/*
 * Cuts u from its peer and name, gathering what must be freed unlocked:
 * its queued skbs (and its embryos') into skbs, the bound path into *bp
 * (locked). embryo: u was never accepted (its peer sees ECONNRESET).
 */
static void unix_release_locked(struct unix_sock *u, bool embryo, struct list_node *skbs,
				struct path *bp, struct list_node *sockets)
{
	struct unix_sock *peer = u->peer;

	u->dead = true;
	if (list_node_linked(&u->bound_link)) {
		list_del(&u->bound_link);
		u->addr_len = 0;
		*bp = u->bound_path;
		u->bound_path.mnt = NULL;
		u->bound_path.dentry = NULL;
	}
	if (peer) {
		if (u->type != SOCK_DGRAM) {
			/* unix_release_sock: the other end sees end of file, or a reset. */
			peer->shutdown = UNIX_SHUTDOWN_MASK;
			if (!list_empty(&u->rcvq) || embryo)
				peer->err = ECONNRESET;
		}
		unix_wake(peer);
		u->peer = NULL;
		unix_sock_put_locked(peer);
	}
	while (!list_empty(&u->acceptq)) {
		struct unix_sock *e = list_first_entry(&u->acceptq, struct unix_sock, accept_link);
		struct path ep = { NULL, NULL };

		list_del(&e->accept_link);
		u->accept_count--;
		unix_release_locked(e, true, skbs, &ep, sockets);
		/* Its socket structure goes after unlocking. */
		list_add_tail(sockets, &e->accept_link);
	}
	unix_rcvq_drain(u, skbs);
	u->state = UNIX_UNCONNECTED;
	unix_wake(u);
}

static void unix_release(struct socket *s)
{
	struct unix_sock *u = unix_sk(s);
	struct path bp = { NULL, NULL };
	struct list_node skbs, sockets;
	bool gc;

	list_init(&skbs);
	list_init(&sockets);
	mutex_lock(&unix_lock);
	unix_release_locked(u, false, &skbs, &bp, &sockets);
	u->sock = NULL;
	unix_sock_put_locked(u);
	mutex_unlock(&unix_lock);
	unix_skb_free_list(&skbs);
	while (!list_empty(&sockets)) {
		struct unix_sock *e = list_first_entry(&sockets, struct unix_sock, accept_link);
		struct socket *es;

		list_del(&e->accept_link);
		mutex_lock(&unix_lock);
		es = e->sock;
		e->sock = NULL;
		unix_sock_put_locked(e);
		mutex_unlock(&unix_lock);
		socket_free(es);
	}
	if (bp.mnt)
		path_put(&bp);
	socket_free(s);
	/* A socket that was passed in flight may have left a cycle behind. */
	mutex_lock(&unix_lock);
	gc = unix_gc_needed();
	mutex_unlock(&unix_lock);
	if (gc)
		unix_gc();
}

/* The credentials of the caller into u's SO_PEERCRED side (locked). */
static void unix_set_peer_cred(struct unix_sock *u, const struct sock_cred *c)
{
	u->peer_cred = *c;
	u->has_peer_cred = true;
}

int unix_socketpair(struct socket *sa, struct socket *sb)
{
	struct unix_sock *a = unix_sk(sa), *b = unix_sk(sb);
	struct sock_cred c;

	sock_cred_current(&c);
	mutex_lock(&unix_lock);
	a->peer = b;
	unix_sock_get(b);
	b->peer = a;
	unix_sock_get(a);
	/* Each end's SO_PEERCRED is the creator (unix(7)). */
	unix_set_peer_cred(a, &c);
	unix_set_peer_cred(b, &c);
	if (a->type != SOCK_DGRAM) {
		a->state = UNIX_CONNECTED;
		b->state = UNIX_CONNECTED;
	}
	mutex_unlock(&unix_lock);
	return 0;
}

/* ---- connections ------------------------------------------------------------ */

static int unix_listen(struct socket *s, int backlog)
{
	struct unix_sock *u = unix_sk(s);
	struct sock_cred c;
	int err = 0;

	if (u->type == SOCK_DGRAM)
		return -EOPNOTSUPP;
	sock_cred_current(&c);
	mutex_lock(&unix_lock);
	if (!u->addr_len || u->state == UNIX_CONNECTED) {
		err = -EINVAL;	/* unix_listen: unbound, or connected */
	} else {
		u->backlog = backlog;
		u->state = UNIX_LISTENING;
		/* init_peercred: connectors see the listener's credentials. */
		unix_set_peer_cred(u, &c);
		unix_wake(u);	/* connectors waiting for room */
	}
	mutex_unlock(&unix_lock);
	return err;
}

/* connect(2) of a SOCK_DGRAM socket: sets or (AF_UNSPEC) clears the default peer. */
static int unix_dgram_connect(struct unix_sock *u, const uint8_t *addr, uint32_t len)
{
	struct unix_sock *other = NULL, *old;
	sa_family_t family = AF_UNSPEC;
	int err;

	if (len >= sizeof(family))
		memcpy(&family, addr, sizeof(family));
	if (family == AF_UNSPEC && len >= sizeof(family)) {
		mutex_lock(&unix_lock);
		old = u->peer;
		u->peer = NULL;
		if (old)
			unix_sock_put_locked(old);
		mutex_unlock(&unix_lock);
		return 0;
	}
	err = unix_find_other(addr, len, SOCK_DGRAM, &other);
	if (err)
		return err;
	mutex_lock(&unix_lock);
	if (u->sock && u->sock->passcred && !u->addr_len)
		err = unix_autobind(u);
	/* unix_may_send: a socket connected elsewhere takes nothing from us. */
	if (!err && other->peer && other->peer != u)
		err = -EPERM;
	if (!err && other->dead)
		err = -ECONNREFUSED;
	if (!err) {
		old = u->peer;
		u->peer = other;
		other = NULL;
		if (old)
			unix_sock_put_locked(old);
	}
	if (other)
		unix_sock_put_locked(other);
	mutex_unlock(&unix_lock);
	return err;
}

static int unix_connect(struct socket *s, const uint8_t *addr, uint32_t len, bool nonblock)
{
	struct unix_sock *u = unix_sk(s), *other, *e;
	struct socket *es;
	struct wait_entry we;
	struct sock_cred c;
	uint64_t deadline;
	int err;

	if (u->type == SOCK_DGRAM)
		return unix_dgram_connect(u, addr, len);
	err = unix_find_other(addr, len, u->type, &other);
	if (err)
		return err;
	es = socket_alloc(AF_UNIX, u->type, 0, &unix_ops);
	e = es ? unix_sock_new(es, u->type) : NULL;
	if (!e) {
		if (es)
			socket_free(es);
		mutex_lock(&unix_lock);
		unix_sock_put_locked(other);
		mutex_unlock(&unix_lock);
		return -ENOMEM;
	}
	sock_cred_current(&c);
	deadline = sock_deadline(s->sndtimeo_ns);
	wait_entry_add(&other->wq, &we);
	for (;;) {
		wait_entries_arm();
		mutex_lock(&unix_lock);
		/* unix_stream_connect's order: the listener first, then our own state. */
		if (other->dead || other->state != UNIX_LISTENING ||
		    (other->shutdown & UNIX_RCV_SHUTDOWN))
			err = -ECONNREFUSED;
		/* unix_recvq_full: more queued than the backlog; Linux's AF_UNIX says EAGAIN. */
		else if (other->accept_count > (unsigned)other->backlog)
			err = unix_wait_check(nonblock, deadline);
		else if (u->state == UNIX_CONNECTED)
			err = -EISCONN;
		else if (u->state == UNIX_LISTENING)
			err = -EINVAL;
		else
			break;
		mutex_unlock(&unix_lock);
		if (err)
			goto fail;
		wait_block_entries(deadline);
	}
	/* Connected: the embryo is the server's end, queued for accept. */
	e->state = UNIX_CONNECTED;
	e->peer = u;
	unix_sock_get(u);
	u->peer = e;
	unix_sock_get(e);
	u->state = UNIX_CONNECTED;
	unix_set_peer_cred(e, &c);
	u->peer_cred = other->peer_cred;
	u->has_peer_cred = other->has_peer_cred;
	e->addr = other->addr;
	e->addr_len = other->addr_len;
	/* The embryo's copy of the name is not in the table (bound_link stays empty). */
	list_add_tail(&other->acceptq, &e->accept_link);
	other->accept_count++;
	unix_wake(other);
	unix_sock_put_locked(other);
	mutex_unlock(&unix_lock);
	wait_entry_remove(&we);
	return 0;
fail:
	wait_entry_remove(&we);
	mutex_lock(&unix_lock);
	unix_sock_put_locked(other);
	e->sock = NULL;
	e->dead = true;
	unix_sock_put_locked(e);
	mutex_unlock(&unix_lock);
	socket_free(es);
	return err;
}

static int unix_accept(struct socket *s, struct socket **out, bool nonblock)
{
	struct unix_sock *u = unix_sk(s), *e;
	uint64_t deadline = sock_deadline(s->rcvtimeo_ns);
	struct wait_entry we;
	int err = 0;

	if (u->type == SOCK_DGRAM)
		return -EOPNOTSUPP;
	wait_entry_add(&u->wq, &we);
	for (;;) {
		wait_entries_arm();
		mutex_lock(&unix_lock);
		if (u->state != UNIX_LISTENING)
			err = -EINVAL;
		else if (!list_empty(&u->acceptq))
			break;
		else
			err = unix_wait_check(nonblock, deadline);
		mutex_unlock(&unix_lock);
		if (err) {
			wait_entry_remove(&we);
			return err;
		}
		wait_block_entries(deadline);
	}
	e = list_first_entry(&u->acceptq, struct unix_sock, accept_link);
	list_del(&e->accept_link);
	u->accept_count--;
	/* unix_sock_inherit_flags: the new socket takes the listener's SO_PASSCRED. */
	e->sock->passcred = s->passcred;
	*out = e->sock;
	unix_wake(u);	/* room for a connector */
	mutex_unlock(&unix_lock);
	wait_entry_remove(&we);
	return 0;
}

static int unix_shutdown(struct socket *s, int how)
{
	struct unix_sock *u = unix_sk(s), *peer;
	unsigned mode = (unsigned)how + 1;	/* SHUT_RD -> RCV, SHUT_WR -> SEND */

	mutex_lock(&unix_lock);
	u->shutdown |= mode;
	peer = u->peer;
	if (peer && u->type != SOCK_DGRAM) {
		unsigned peer_mode = 0;

		if (mode & UNIX_RCV_SHUTDOWN)
			peer_mode |= UNIX_SEND_SHUTDOWN;
		if (mode & UNIX_SEND_SHUTDOWN)
			peer_mode |= UNIX_RCV_SHUTDOWN;
		peer->shutdown |= peer_mode;
		unix_wake(peer);
	}
	unix_wake(u);
	mutex_unlock(&unix_lock);
	return 0;
}

/* ---- readiness and options -------------------------------------------------- */

/* unix_writable: not listening, and at most a quarter of sndbuf in flight. */
static bool unix_writable(struct unix_sock *u)
{
	return u->state != UNIX_LISTENING && u->wmem * 4 <= u->sock->sndbuf;
}

static unsigned unix_poll(struct socket *s, struct poll_table *pt)
{
	struct unix_sock *u = unix_sk(s);
	unsigned mask = 0;

	poll_wait(pt, &u->wq);
	mutex_lock(&unix_lock);
	if (u->err)
		mask |= POLLERR;
	if (u->shutdown & UNIX_RCV_SHUTDOWN)
		mask |= POLLRDHUP | POLLIN | POLLRDNORM;
	if (u->shutdown == UNIX_SHUTDOWN_MASK)
		mask |= POLLHUP;
	if (!list_empty(&u->rcvq) || !list_empty(&u->acceptq))
		mask |= POLLIN | POLLRDNORM;
	/* A stream or seqpacket socket that is not connected has hung up (TCP_CLOSE). */
	if (u->type != SOCK_DGRAM && u->state == UNIX_UNCONNECTED)
		mask |= POLLHUP;
	if (unix_writable(u)) {
		struct unix_sock *other = u->peer;

		/* unix_dgram_poll: not writable while the peer's queue is full. */
		if (u->type != SOCK_STREAM && other && other->peer != u &&
		    other->rcv_count > UNIX_MAX_DGRAM_QLEN)
			;
		else
			mask |= POLLOUT | POLLWRNORM | POLLWRBAND;
	}
	mutex_unlock(&unix_lock);
	return mask;
}

static long unix_inq(struct socket *s)
{
	struct unix_sock *u = unix_sk(s);
	long n;

	mutex_lock(&unix_lock);
	if (u->state == UNIX_LISTENING)
		n = -EINVAL;
	else if (u->type != SOCK_DGRAM)
		n = (long)u->rcv_bytes;
	else if (list_empty(&u->rcvq))
		n = 0;
	else
		n = (long)list_first_entry(&u->rcvq, struct unix_skb, link)->len;
	mutex_unlock(&unix_lock);
	return n;
}

static int unix_peercred(struct socket *s, struct sock_cred *c)
{
	struct unix_sock *u = unix_sk(s);

	mutex_lock(&unix_lock);
	if (u->has_peer_cred) {
		*c = u->peer_cred;
	} else {
		/* cred_to_ucred with no peer: pid 0, ids -1. */
		c->pid = 0;
		c->uid = (uint32_t)-1;
		c->gid = (uint32_t)-1;
	}
	mutex_unlock(&unix_lock);
	return 0;
}

static int unix_take_error(struct socket *s)
{
	struct unix_sock *u = unix_sk(s);
	int e;

	mutex_lock(&unix_lock);
	e = u->err;
	u->err = 0;
	mutex_unlock(&unix_lock);
	return e;
}

static bool unix_listening(struct socket *s)
{
	return __atomic_load_n(&unix_sk(s)->state, __ATOMIC_RELAXED) == UNIX_LISTENING;
}

static long unix_sendmsg(struct socket *s, struct sock_msg *m, int flags, bool nonblock)
{
	if (unix_sk(s)->type == SOCK_STREAM)
		return unix_stream_sendmsg(s, m, flags, nonblock);
	return unix_dgram_sendmsg(s, m, flags, nonblock);
}

static long unix_recvmsg(struct socket *s, struct sock_msg *m, int flags, bool nonblock)
{
	if (unix_sk(s)->type == SOCK_STREAM)
		return unix_stream_recvmsg(s, m, flags, nonblock);
	return unix_dgram_recvmsg(s, m, flags, nonblock);
}

static const struct sock_ops unix_ops = {
	.release = unix_release,
	.bind = unix_bind,
	.connect = unix_connect,
	.listen = unix_listen,
	.accept = unix_accept,
	.getname = unix_getname,
	.poll = unix_poll,
	.shutdown = unix_shutdown,
	.sendmsg = unix_sendmsg,
	.recvmsg = unix_recvmsg,
	.inq = unix_inq,
	.peercred = unix_peercred,
	.take_error = unix_take_error,
	.listening = unix_listening,
};
