/*
 * tcp_data.c: the byte stream (tcp(7)): send cuts the caller's bytes
 * into segments of at most the peer's MSS and the send window, and
 * pushes each at once (so TCP_NODELAY changes nothing: there is no
 * Nagle delay to turn off); receive takes bytes from the queued
 * segments and announces the room it made (a window update).
 */
#include <basalt/string.h>
#include <net/inet/tcp.h>
#include <uapi/errno.h>

/* The size a send falls back to, halving, when a large buffer is not to be had. */
#define TCP_SMALL_SEGMENT	2048u

/*
 * Why a send cannot go on now (locked): 0 to send, 1 to wait, or
 * -errno (the pending error, then EPIPE after shutdown or a reset, and
 * EPIPE on a socket that never connected, as tcp_sendmsg).
 */
static int tcp_send_state(struct inet_sock *is)
{
	if (is->err) {
		int e = is->err;

		is->err = 0;
		return -e;	/* sk_stream_error: the pending error first, once */
	}
	if (is->shutdown & INET_SEND_SHUTDOWN)
		return -EPIPE;
	if (is->state == TCP_SYN_SENT || is->state == TCP_SYN_RECEIVED)
		return 1;	/* sk_stream_wait_connect */
	if (is->state != TCP_ESTABLISHED && is->state != TCP_CLOSE_WAIT)
		return -EPIPE;
	return tcp_usable(is) ? 0 : 1;
}

long tcp_sendmsg(struct socket *s, struct sock_msg *m, int flags, bool nonblock)
{
	struct inet_sock *is = inet_sk(s);
	uint64_t deadline = sock_deadline(s->sndtimeo_ns);
	size_t total = m->iter.resid, sent = 0;
	struct wait_entry we;
	long err = 0;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;	/* urgent data: not supported */
	wait_entry_add(&is->wq, &we);
	do {
		struct net_pkt *p;
		size_t chunk;
		int st;

		for (;;) {
			wait_entries_arm();
			mutex_lock(&inet_lock);
			st = tcp_send_state(is);
			if (st <= 0)
				break;
			mutex_unlock(&inet_lock);
			err = inet_wait_check(nonblock, deadline);
			if (err)
				goto out;
			wait_block_entries(deadline);
		}
		if (st < 0) {
			mutex_unlock(&inet_lock);
			err = st;
			goto out;
		}
		/* Locked: one segment at a time, so concurrent senders never interleave inside one. */
		chunk = total - sent;
		if (chunk > tcp_usable(is))
			chunk = tcp_usable(is);
		if (chunk > is->mss)
			chunk = is->mss;
		if (chunk > NET_PKT_MAX_PAYLOAD)
			chunk = NET_PKT_MAX_PAYLOAD;
		p = net_pkt_alloc(chunk);
		/* Short of contiguous pages: smaller segments do as well. */
		while (!p && chunk > TCP_SMALL_SEGMENT) {
			chunk /= 2;
			p = net_pkt_alloc(chunk);
		}
		if (!p) {
			mutex_unlock(&inet_lock);
			err = -ENOMEM;
			goto out;
		}
		if (sock_iter_copy_in(&m->iter, net_pkt_data(p), chunk)) {
			mutex_unlock(&inet_lock);
			net_pkt_free(p);
			err = -EFAULT;
			goto out;
		}
		tcp_send_segment(is, TCP_FLAG_ACK | TCP_FLAG_PSH, is->snd_nxt, p);
		is->snd_nxt += (uint32_t)chunk;
		sent += chunk;
		mutex_unlock(&inet_lock);
		net_rx_run();
	} while (sent < total);
out:
	wait_entry_remove(&we);
	if (sent)
		return (long)sent;
	if (err == -EPIPE)
		inet_sigpipe(flags);
	return err;
}

void tcp_window_update_locked(struct inet_sock *is)
{
	uint32_t buf = tcp_rcvbuf(is);
	uint32_t edge = is->rcv_nxt + ((tcp_rcv_window(is) >> is->rcv_wscale) << is->rcv_wscale);
	uint32_t grown = edge - is->rcv_adv, threshold = buf / 2 < is->mss ? buf / 2 : is->mss;

	if (is->state != TCP_ESTABLISHED && is->state != TCP_FIN_WAIT_1 &&
	    is->state != TCP_FIN_WAIT_2)
		return;	/* after the peer's FIN it sends nothing more */
	/* RFC 9293 3.8.6.2.2: announce the room once it is worth a segment (or all of it). */
	if ((int32_t)grown > 0 && (grown >= threshold || is->rcv_bytes == 0))
		tcp_send_ctl(is, TCP_FLAG_ACK);
}

/* Copies up to want bytes from the queue (locked); returns the count or -EFAULT. */
static long tcp_copy_out(struct inet_sock *is, struct sock_msg *m, size_t want, bool peek,
			 bool discard)
{
	struct net_pkt *p, *n;
	size_t done = 0;

	list_for_each_entry_safe(p, n, &is->rcvq, link) {
		size_t take = p->len < want - done ? p->len : want - done;

		if (!take)
			break;
		if (!discard && sock_iter_copy_out(&m->iter, net_pkt_data(p), take))
			return done ? (long)done : -EFAULT;
		done += take;
		if (!peek) {
			net_pkt_pull(p, take);
			is->rcv_bytes -= take;
			if (!p->len) {
				list_del(&p->link);
				net_pkt_free(p);
			}
		}
		if (done == want)
			break;
	}
	return (long)done;
}

long tcp_recvmsg(struct socket *s, struct sock_msg *m, int flags, bool nonblock)
{
	struct inet_sock *is = inet_sk(s);
	uint64_t deadline = sock_deadline(s->rcvtimeo_ns);
	bool peek = flags & MSG_PEEK, waitall = (flags & MSG_WAITALL) && !peek;
	size_t total = m->iter.resid, copied = 0;
	struct wait_entry we;
	long err = 0;

	if (flags & MSG_OOB)
		return -EINVAL;	/* tcp_recv_urg: no urgent data */
	wait_entry_add(&is->wq, &we);
	while (copied < total) {
		bool sent_update = false;

		wait_entries_arm();
		mutex_lock(&inet_lock);
		if (is->state == TCP_LISTEN) {
			err = -ENOTCONN;
		} else if (is->rcv_bytes) {
			long r = tcp_copy_out(is, m, total - copied, peek, flags & MSG_TRUNC);

			if (r < 0) {
				err = r;
			} else {
				copied += (size_t)r;
				if (!peek) {
					tcp_window_update_locked(is);
					sent_update = true;
				}
			}
			mutex_unlock(&inet_lock);
			if (sent_update)
				net_rx_run();
			if (err || !waitall || peek)
				break;
			continue;
		} else if (copied && !waitall) {
			mutex_unlock(&inet_lock);
			break;
		} else if (is->err) {
			err = -is->err;
			is->err = 0;
		} else if (is->shutdown & INET_RCV_SHUTDOWN) {
			mutex_unlock(&inet_lock);
			break;	/* end of file */
		} else if (is->state == TCP_CLOSED) {
			err = -ENOTCONN;	/* never connected */
		} else {
			err = inet_wait_check(nonblock, deadline);
		}
		mutex_unlock(&inet_lock);
		if (err)
			break;
		wait_block_entries(deadline);
	}
	wait_entry_remove(&we);
	if (copied)
		return (long)copied;
	return err;
}
