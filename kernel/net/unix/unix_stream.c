/*
 * unix_stream.c: SOCK_STREAM data (unix(7)): a byte stream without
 * boundaries. A send is cut into skbs of at most half the send buffer
 * and queued on the peer; it waits while the bytes it has in flight
 * (wmem) reach SO_SNDBUF. A receive takes bytes across skbs, but stops
 * after one that carries descriptors and before bytes sent with other
 * credentials, as Linux's unix_stream_read_generic.
 */
#include <basalt/string.h>
#include <fs/file.h>
#include <mm/mm.h>
#include <net/unix/unix.h>
#include <uapi/errno.h>

/* unix_stream_sendmsg: an skb takes at most sndbuf / 2 - 64 bytes ... */
#define UNIX_STREAM_SKB_OVERHEAD	64u
/* ... and at most this much (Linux: SKB_MAX_ALLOC and its page frags). */
#define UNIX_STREAM_SKB_MAX		(64u * 1024u)

/* Why a stream send cannot go on now (locked): 0 to send, 1 to wait, or -errno. */
static int unix_stream_send_state(struct unix_sock *u, bool need_room)
{
	struct unix_sock *other = u->peer;

	if (u->state != UNIX_CONNECTED || !other)
		return -ENOTCONN;
	if (u->shutdown & UNIX_SEND_SHUTDOWN)
		return -EPIPE;
	if (other->dead || (other->shutdown & UNIX_RCV_SHUTDOWN))
		return -EPIPE;
	if (need_room && u->wmem >= u->sock->sndbuf)
		return 1;
	return 0;
}

long unix_stream_sendmsg(struct socket *s, struct sock_msg *m, int flags, bool nonblock)
{
	struct unix_sock *u = unix_sk(s);
	struct unix_scm scm;
	struct wait_entry we;
	size_t total = m->iter.resid, sent = 0;
	uint64_t deadline = sock_deadline(s->sndtimeo_ns);
	long err = 0;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (m->namelen) {
		mutex_lock(&unix_lock);
		err = u->state == UNIX_CONNECTED ? -EISCONN : -EOPNOTSUPP;
		mutex_unlock(&unix_lock);
		return err;
	}
	memset(&scm, 0, sizeof(scm));
	err = unix_scm_parse(m, &scm);
	if (err)
		return err;
	wait_entry_add(&u->wq, &we);
	while (sent < total) {
		size_t chunk = total - sent;
		size_t cap = s->sndbuf / 2 - UNIX_STREAM_SKB_OVERHEAD;
		struct unix_skb *skb;

		/* Wait for room, then copy outside the lock, then queue. */
		for (;;) {
			int st;

			wait_entries_arm();
			mutex_lock(&unix_lock);
			st = unix_stream_send_state(u, true);
			mutex_unlock(&unix_lock);
			if (st <= 0) {
				err = st;
				break;
			}
			err = unix_wait_check(nonblock, deadline);
			if (err)
				break;
			wait_block_entries(deadline);
		}
		if (err)
			break;
		if (chunk > cap)
			chunk = cap;
		if (chunk > UNIX_STREAM_SKB_MAX)
			chunk = UNIX_STREAM_SKB_MAX;
		skb = unix_skb_alloc(chunk);
		if (!skb) {
			err = -ENOMEM;
			break;
		}
		if (sock_iter_copy_in(&m->iter, skb->data, chunk)) {
			unix_skb_free(skb);
			err = -EFAULT;
			break;
		}
		mutex_lock(&unix_lock);
		err = unix_stream_send_state(u, false);
		if (!err) {
			struct unix_sock *other = u->peer;

			/* The descriptors and credentials ride on the first skb. */
			if (sent == 0) {
				skb->scm = scm;
				memset(&scm, 0, sizeof(scm));
			}
			if (!skb->scm.has_cred &&
			    (s->passcred || (other->sock && other->sock->passcred))) {
				sock_cred_current(&skb->scm.cred);
				skb->scm.has_cred = true;
			}
			unix_skb_queue(other, skb, u);
			unix_wake(other);
			skb = NULL;
		}
		mutex_unlock(&unix_lock);
		if (skb) {
			unix_skb_free(skb);
			break;
		}
		sent += chunk;
	}
	wait_entry_remove(&we);
	unix_scm_destroy(&scm);
	if (sent)
		return (long)sent;
	if (err == -EPIPE)
		unix_sigpipe(flags);
	return err;
}

long unix_stream_recvmsg(struct socket *s, struct sock_msg *m, int flags, bool nonblock)
{
	struct unix_sock *u = unix_sk(s);
	struct unix_scm got;
	struct list_node done;
	struct wait_entry we;
	size_t want = m->iter.resid, copied = 0, peek_skip = 0;
	size_t target = (flags & MSG_WAITALL) ? want : (want ? 1 : 0);
	bool peek = flags & MSG_PEEK;
	uint64_t deadline = sock_deadline(s->rcvtimeo_ns);
	long err = 0;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	memset(&got, 0, sizeof(got));
	list_init(&done);
	wait_entry_add(&u->wq, &we);
	for (;;) {
		struct unix_skb *skb = NULL, *it;
		size_t skip = peek_skip, n, avail;
		bool stop = false;

		wait_entries_arm();
		mutex_lock(&unix_lock);
		/* unix_stream_read_generic: only a connected socket reads (EINVAL). */
		if (u->state != UNIX_CONNECTED) {
			err = -EINVAL;
			mutex_unlock(&unix_lock);
			break;
		}
		list_for_each_entry(it, &u->rcvq, link) {
			avail = it->len - it->off;
			if (skip < avail) {
				skb = it;
				break;
			}
			skip -= avail;
		}
		if (!skb) {
			if (copied >= target) {
				mutex_unlock(&unix_lock);
				break;
			}
			if (u->err) {
				err = -u->err;
				u->err = 0;
			} else if (u->shutdown & UNIX_RCV_SHUTDOWN) {
				mutex_unlock(&unix_lock);
				break;
			} else {
				err = unix_wait_check(nonblock, deadline);
			}
			mutex_unlock(&unix_lock);
			if (err)
				break;
			wait_block_entries(deadline);
			continue;
		}
		/* unix_skb_scm_eq: bytes from other credentials wait for the next read. */
		if (copied && (skb->scm.has_cred != got.has_cred ||
			       memcmp(&skb->scm.cred, &got.cred, sizeof(got.cred)))) {
			mutex_unlock(&unix_lock);
			break;
		}
		n = skb->len - skb->off - skip;
		if (n > m->iter.resid)
			n = m->iter.resid;
		if (sock_iter_copy_out(&m->iter, skb->data + skb->off + skip, n)) {
			mutex_unlock(&unix_lock);
			err = -EFAULT;
			break;
		}
		if (!copied) {
			got.has_cred = skb->scm.has_cred;
			got.cred = skb->scm.cred;
		}
		/* Descriptors end the read that takes them (unix_stream_read_generic). */
		if (skb->scm.nfiles) {
			if (peek) {
				err = unix_scm_dup(&skb->scm, &got);
			} else {
				unix_scm_inflight(&skb->scm, false);
				got.files = skb->scm.files;
				got.nfiles = skb->scm.nfiles;
				skb->scm.files = NULL;
				skb->scm.nfiles = 0;
			}
			stop = true;
		}
		if (peek) {
			peek_skip += n;
		} else {
			skb->off += n;
			u->rcv_bytes -= n;
			if (skb->off == skb->len) {
				unix_skb_unlink(u, skb);
				list_add_tail(&done, &skb->link);
			}
		}
		copied += n;
		mutex_unlock(&unix_lock);
		if (err || stop || m->iter.resid == 0)
			break;
	}
	wait_entry_remove(&we);
	unix_skb_free_list(&done);
	if (copied || !err) {
		long r = unix_scm_recv(s, &got, m, flags);

		if (r && !copied)
			err = r;
		else
			err = 0;
	} else {
		unix_scm_destroy(&got);
	}
	return copied ? (long)copied : err;
}
