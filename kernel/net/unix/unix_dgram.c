/*
 * unix_dgram.c: SOCK_DGRAM and SOCK_SEQPACKET data (unix(7)): each send
 * is one message, received whole by one receive (the rest of a message
 * longer than the buffer is dropped: MSG_TRUNC). A datagram goes to the
 * address given or to the connected peer; a seqpacket socket is
 * connected like a stream one and its sends never take an address.
 */
#include <basalt/string.h>
#include <fs/file.h>
#include <mm/mm.h>
#include <net/unix/unix.h>
#include <uapi/errno.h>

/* unix_dgram_sendmsg: a message may be at most sndbuf - 32 bytes (EMSGSIZE). */
#define UNIX_DGRAM_SNDBUF_SLACK	32u

/*
 * Whether u may queue on other now (locked): 0, 1 to wait, or -errno.
 * Linux's unix_dgram_sendmsg: the receiver must be alive and reading,
 * not connected to somebody else, and its queue not over
 * max_dgram_qlen unless it is connected back to us; and our own bytes
 * in flight must stay under SO_SNDBUF.
 */
static int unix_dgram_send_state(struct unix_sock *u, struct unix_sock *other)
{
	if (u->shutdown & UNIX_SEND_SHUTDOWN)
		return -EPIPE;
	if (other->dead) {
		if (u->type == SOCK_SEQPACKET)
			return -EPIPE;
		if (u->peer == other) {
			/* The peer went away: disconnect (unix_dgram_sendmsg). */
			u->peer = NULL;
			unix_sock_put_locked(other);
		}
		return -ECONNREFUSED;
	}
	if (other->shutdown & UNIX_RCV_SHUTDOWN)
		return -EPIPE;
	if (u->type == SOCK_DGRAM && other->peer && other->peer != u)
		return -EPERM;
	if (other->peer != u && other->rcv_count > UNIX_MAX_DGRAM_QLEN)
		return 1;
	if (u->wmem >= u->sock->sndbuf)
		return 1;
	return 0;
}

long unix_dgram_sendmsg(struct socket *s, struct sock_msg *m, int flags, bool nonblock)
{
	struct unix_sock *u = unix_sk(s), *other = NULL;
	struct wait_entry we_self, we_other;
	struct unix_skb *skb;
	size_t len = m->iter.resid;
	uint64_t deadline = sock_deadline(s->sndtimeo_ns);
	long err;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (len > s->sndbuf - UNIX_DGRAM_SNDBUF_SLACK)
		return -EMSGSIZE;
	mutex_lock(&unix_lock);
	if (u->type == SOCK_SEQPACKET) {
		/* unix_seqpacket_sendmsg: connected only; an address is ignored. */
		err = u->state == UNIX_CONNECTED ? 0 : -ENOTCONN;
		if (!err)
			other = u->peer;
	} else if (!m->namelen) {
		other = u->peer;
		err = other ? 0 : -ENOTCONN;
	} else {
		err = 0;
	}
	if (other)
		unix_sock_get(other);
	mutex_unlock(&unix_lock);
	if (err)
		return err;
	if (!other) {
		err = unix_find_other(m->name, m->namelen, SOCK_DGRAM, &other);
		if (err)
			return err;
	}
	skb = unix_skb_alloc(len);
	if (!skb) {
		err = -ENOMEM;
		goto out_put;
	}
	if (sock_iter_copy_in(&m->iter, skb->data, len)) {
		err = -EFAULT;
		goto out_free;
	}
	err = unix_scm_parse(m, &skb->scm);
	if (err)
		goto out_free;
	wait_entry_add(&u->wq, &we_self);
	wait_entry_add(&other->wq, &we_other);
	for (;;) {
		wait_entries_arm();
		mutex_lock(&unix_lock);
		/* unix(7): with SO_PASSCRED an unbound sender gets a name first. */
		err = (s->passcred && !u->addr_len) ? unix_autobind(u) : 0;
		if (!err)
			err = unix_dgram_send_state(u, other);
		if (err == 0)
			break;
		mutex_unlock(&unix_lock);
		if (err == 1)
			err = unix_wait_check(nonblock, deadline);
		if (err)
			break;
		wait_block_entries(deadline);
	}
	wait_entry_remove(&we_other);
	wait_entry_remove(&we_self);
	/* Linux's unix_dgram_sendmsg raises no SIGPIPE, for seqpacket either. */
	if (err)
		goto out_free;
	if (!skb->scm.has_cred && (s->passcred || (other->sock && other->sock->passcred))) {
		sock_cred_current(&skb->scm.cred);
		skb->scm.has_cred = true;
	}
	skb->from = u->addr;
	skb->from_len = u->addr_len;
	unix_skb_queue(other, skb, u);
	unix_wake(other);
	unix_sock_put_locked(other);
	mutex_unlock(&unix_lock);
	return (long)len;
out_free:
	unix_skb_free(skb);
out_put:
	mutex_lock(&unix_lock);
	unix_sock_put_locked(other);
	mutex_unlock(&unix_lock);
	return err;
}

long unix_dgram_recvmsg(struct socket *s, struct sock_msg *m, int flags, bool nonblock)
{
	struct unix_sock *u = unix_sk(s);
	struct unix_skb *skb;
	struct unix_scm got;
	struct wait_entry we;
	bool peek = flags & MSG_PEEK;
	uint64_t deadline = sock_deadline(s->rcvtimeo_ns);
	size_t n, len;
	long err = 0;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	memset(&got, 0, sizeof(got));
	wait_entry_add(&u->wq, &we);
	for (;;) {
		wait_entries_arm();
		mutex_lock(&unix_lock);
		/* unix_seqpacket_recvmsg: only a connected socket receives. */
		if (u->type == SOCK_SEQPACKET && u->state != UNIX_CONNECTED) {
			err = -ENOTCONN;
		} else if (!list_empty(&u->rcvq)) {
			break;
		} else if (u->err) {
			err = -u->err;
			u->err = 0;
		} else if (u->shutdown & UNIX_RCV_SHUTDOWN) {
			mutex_unlock(&unix_lock);
			wait_entry_remove(&we);
			return 0;
		} else {
			err = unix_wait_check(nonblock, deadline);
		}
		mutex_unlock(&unix_lock);
		if (err) {
			wait_entry_remove(&we);
			return err;
		}
		wait_block_entries(deadline);
	}
	wait_entry_remove(&we);
	skb = list_first_entry(&u->rcvq, struct unix_skb, link);
	len = skb->len;
	n = len < m->iter.resid ? len : m->iter.resid;
	if (sock_iter_copy_out(&m->iter, skb->data, n)) {
		/* Linux drops the message only when it was read: keep it. */
		mutex_unlock(&unix_lock);
		return -EFAULT;
	}
	if (n < len)
		m->flags |= MSG_TRUNC;
	if (skb->from_len) {
		memcpy(m->name, &skb->from, skb->from_len);
		m->namelen = skb->from_len;
	}
	if (peek) {
		err = unix_scm_dup(&skb->scm, &got);
		skb = NULL;
	} else {
		unix_skb_unlink(u, skb);
		got = skb->scm;
		memset(&skb->scm, 0, sizeof(skb->scm));
	}
	mutex_unlock(&unix_lock);
	if (skb)
		unix_skb_free(skb);
	if (!err)
		err = unix_scm_recv(s, &got, m, flags);
	else
		unix_scm_destroy(&got);
	if (err)
		return err;
	/* recv(2): with MSG_TRUNC a datagram socket returns its real length. */
	return (flags & MSG_TRUNC) ? (long)len : (long)n;
}
