/*
 * tcp_input.c: segment arrival (RFC 9293 3.10.7), for a listener, a
 * socket in SYN-SENT, and a synchronized connection. Runs from
 * net_rx_run with no lock held; takes inet_lock per segment.
 */
#include <basalt/random.h>
#include <basalt/string.h>
#include <mm/mm.h>
#include <net/inet/tcp.h>
#include <time/time.h>
#include <uapi/errno.h>

/* The window scale we offer (Linux on lo agrees on 7 too). */
#define TCP_OUR_WSCALE		7

/* A parsed segment, host order. */
struct tcp_seg {
	struct tcp_hdr h;		/* as received (network order) */
	uint32_t seq, ack, wnd;
	uint8_t flags;
	uint16_t mss;			/* option, 0 if none */
	int wscale;			/* option, -1 if none */
	uint32_t len;			/* payload bytes */
};

static void tcp_parse_options(struct tcp_seg *sg, const uint8_t *o, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint8_t kind = o[i], len;

		if (kind == TCP_OPT_END)
			break;
		if (kind == TCP_OPT_NOP) {
			i++;
			continue;
		}
		if (i + 1 >= n)
			break;
		len = o[i + 1];
		if (len < 2 || i + len > n)
			break;
		if (kind == TCP_OPT_MSS && len == TCP_OPT_MSS_LEN)
			sg->mss = (uint16_t)((o[i + 2] << 8) | o[i + 3]);
		else if (kind == TCP_OPT_WSCALE && len == TCP_OPT_WSCALE_LEN)
			sg->wscale = o[i + 2] > TCP_MAX_WSCALE ? TCP_MAX_WSCALE : o[i + 2];
		i += len;
	}
}

/* The options of a SYN decide the MSS and scaling of the connection. */
static void tcp_take_syn_options(struct inet_sock *is, const struct tcp_seg *sg)
{
	is->mss = sg->mss ? sg->mss : TCP_DEFAULT_MSS;
	if (sg->wscale >= 0) {
		is->snd_wscale = (uint8_t)sg->wscale;
	} else {
		/* RFC 7323 2.2: both must send the option, or neither scales. */
		is->snd_wscale = 0;
		is->rcv_wscale = 0;
	}
	is->snd_wnd = sg->wnd;	/* a SYN's window is not scaled */
}

static uint32_t tcp_new_iss(void)
{
	uint32_t iss;

	/* RFC 6528 asks for unpredictable initial sequence numbers. */
	random_get_bytes(&iss, sizeof(iss));
	return iss;
}

/* A SYN for a listener: a child in SYN-RECEIVED answers it (locked). */
static void tcp_listen_rcv(struct inet_sock *l, struct net_pkt *p, const struct tcp_seg *sg,
			   uint32_t saddr, uint32_t daddr, bool *taken)
{
	struct inet_sock *c;

	if (sg->flags & TCP_FLAG_RST)
		return;
	if (sg->flags & TCP_FLAG_ACK) {
		tcp_send_reset(saddr, daddr, &sg->h, sg->len);
		return;
	}
	if (!(sg->flags & TCP_FLAG_SYN))
		return;
	/* sk_acceptq_is_full: hold the SYN until accept makes room (see tcp.h). */
	if (l->accept_count > (unsigned)l->backlog) {
		p->head = p->nh;
		p->len = p->nh_len;
		list_add_tail(&l->syn_wait, &p->link);
		*taken = true;
		return;
	}
	c = inet_sock_new(INET_PROTO_TCP);
	if (!c)
		return;	/* the SYN is lost, as on Linux under memory pressure */
	tcp_sock_init(c);
	c->laddr = daddr;
	c->lport = l->lport;
	c->raddr = saddr;
	c->rport = __builtin_bswap16(sg->h.sport);
	c->reuse = l->reuse;
	c->rcvbuf = l->sock ? l->sock->rcvbuf : TCP_RCVBUF_DEFAULT;
	c->sndbuf = l->sock ? l->sock->sndbuf : TCP_SNDBUF_DEFAULT;
	c->nodelay = l->nodelay;
	c->rcv_wscale = TCP_OUR_WSCALE;
	inet_bind_child_locked(c);
	c->irs = sg->seq;
	c->rcv_nxt = sg->seq + 1;
	c->iss = tcp_new_iss();
	c->snd_una = c->iss;
	c->snd_nxt = c->iss;
	tcp_take_syn_options(c, sg);
	c->state = TCP_SYN_RECEIVED;
	c->listener = l;
	list_add_tail(&l->synq, &c->child_link);
	tcp_send_ctl(c, TCP_FLAG_SYN | TCP_FLAG_ACK);
}

/* RFC 9293 3.10.7.3: SYN-SENT (locked). */
static void tcp_syn_sent_rcv(struct inet_sock *is, const struct tcp_seg *sg, uint32_t saddr,
			     uint32_t daddr)
{
	if (sg->flags & TCP_FLAG_ACK) {
		if (sg->ack != is->snd_nxt) {
			if (!(sg->flags & TCP_FLAG_RST))
				tcp_send_reset(saddr, daddr, &sg->h, sg->len);
			return;
		}
	}
	if (sg->flags & TCP_FLAG_RST) {
		/* A reset acknowledging our SYN: nobody listens (ECONNREFUSED). */
		if (sg->flags & TCP_FLAG_ACK)
			tcp_set_closed_locked(is, ECONNREFUSED);
		return;
	}
	if (!(sg->flags & TCP_FLAG_SYN) || !(sg->flags & TCP_FLAG_ACK))
		return;	/* simultaneous open is not supported: drop */
	is->irs = sg->seq;
	is->rcv_nxt = sg->seq + 1;
	is->snd_una = sg->ack;
	tcp_take_syn_options(is, sg);
	is->state = TCP_ESTABLISHED;
	tcp_send_ctl(is, TCP_FLAG_ACK);
	inet_wake(is);
}

/* Our FIN is acknowledged. */
static bool tcp_fin_acked(const struct inet_sock *is)
{
	return is->fin_sent && is->snd_una == is->snd_nxt;
}

/* RFC 9293 3.10.7.4: the synchronized states (locked). May free is. */
static void tcp_sync_rcv(struct inet_sock *is, struct net_pkt *p, const struct tcp_seg *sg,
			 bool *taken)
{
	uint32_t seglen = sg->len + ((sg->flags & TCP_FLAG_FIN) ? 1 : 0);

	/* First, the sequence number: in order, or an ACK and out (see tcp.h). */
	if (sg->seq != is->rcv_nxt) {
		if (!(sg->flags & TCP_FLAG_RST))
			tcp_send_ctl(is, TCP_FLAG_ACK);
		return;
	}
	/* Second, RST. */
	if (sg->flags & TCP_FLAG_RST) {
		if (is->state == TCP_SYN_RECEIVED) {
			list_del(&is->child_link);
			list_init(&is->child_link);
			is->listener = NULL;
			tcp_set_closed_locked(is, 0);
		} else if (is->state == TCP_CLOSING || is->state == TCP_LAST_ACK ||
			   is->state == TCP_TIME_WAIT) {
			tcp_set_closed_locked(is, 0);
		} else {
			/* tcp_reset: the peer reset the connection (EPIPE once it had closed). */
			tcp_set_closed_locked(is, is->state == TCP_CLOSE_WAIT ? EPIPE : ECONNRESET);
		}
		tcp_maybe_free_locked(is);
		return;
	}
	/* Fourth, a SYN in a synchronized state: RFC 5961 4 challenge ACK. */
	if (sg->flags & TCP_FLAG_SYN) {
		tcp_send_ctl(is, TCP_FLAG_ACK);
		return;
	}
	/* Fifth, the ACK field. */
	if (!(sg->flags & TCP_FLAG_ACK))
		return;
	if (is->state == TCP_SYN_RECEIVED) {
		struct inet_sock *l = is->listener;

		if (sg->ack != is->snd_nxt) {
			tcp_send_reset(is->raddr, is->laddr, &sg->h, sg->len);
			return;
		}
		is->state = TCP_ESTABLISHED;
		/* The child joins its listener's accept queue (it is the listener's now). */
		list_del(&is->child_link);
		list_add_tail(&l->acceptq, &is->child_link);
		l->accept_count++;
		inet_wake(l);
	}
	if (tcp_seq_lt(is->snd_nxt, sg->ack)) {
		tcp_send_ctl(is, TCP_FLAG_ACK);	/* acknowledges what we never sent */
		return;
	}
	if (tcp_seq_le(is->snd_una, sg->ack)) {
		is->snd_una = sg->ack;
		/* In-order delivery makes the latest segment the freshest window (SND.WL1/WL2). */
		is->snd_wnd = sg->wnd << is->snd_wscale;
		inet_wake(is);	/* writers waiting for window */
	}
	switch (is->state) {
	case TCP_FIN_WAIT_1:
		if (tcp_fin_acked(is))
			is->state = TCP_FIN_WAIT_2;
		break;
	case TCP_CLOSING:
		if (tcp_fin_acked(is))
			tcp_enter_time_wait_locked(is);
		break;
	case TCP_LAST_ACK:
		if (tcp_fin_acked(is)) {
			tcp_set_closed_locked(is, 0);
			tcp_maybe_free_locked(is);
			return;
		}
		break;
	default:
		break;
	}
	/* Seventh, the data. */
	if (sg->len) {
		if (is->state != TCP_ESTABLISHED && is->state != TCP_FIN_WAIT_1 &&
		    is->state != TCP_FIN_WAIT_2)
			return;	/* after the peer's FIN: RFC 9293 says ignore */
		if (!is->sock && (is->shutdown & INET_RCV_SHUTDOWN)) {
			/* Closed by its owner: nobody will read it; reset (tcp_rcv_state_process). */
			tcp_send_ctl(is, TCP_FLAG_RST | TCP_FLAG_ACK);
			tcp_set_closed_locked(is, 0);
			tcp_maybe_free_locked(is);
			return;
		}
		list_add_tail(&is->rcvq, &p->link);
		*taken = true;
		is->rcv_nxt += sg->len;
		is->rcv_bytes += sg->len;
		inet_wake(is);
	}
	/* Eighth, FIN. */
	if (sg->flags & TCP_FLAG_FIN) {
		is->rcv_nxt++;
		is->shutdown |= INET_RCV_SHUTDOWN;
		switch (is->state) {
		case TCP_SYN_RECEIVED:
		case TCP_ESTABLISHED:
			is->state = TCP_CLOSE_WAIT;
			break;
		case TCP_FIN_WAIT_1:
			if (tcp_fin_acked(is))
				tcp_enter_time_wait_locked(is);
			else
				is->state = TCP_CLOSING;
			break;
		case TCP_FIN_WAIT_2:
			tcp_enter_time_wait_locked(is);
			break;
		default:
			break;
		}
		inet_wake(is);
	}
	if (seglen)
		tcp_send_ctl(is, TCP_FLAG_ACK);
}

void tcp_rcv(struct net_pkt *p, uint32_t saddr, uint32_t daddr)
{
	struct inet_sock *is;
	struct tcp_seg sg;
	size_t off;
	bool taken = false;

	if (p->len < TCP_HDR_LEN)
		goto drop;
	if (netdev_l4_csum(p->dev) &&
	    ipv4_csum_fold(ipv4_csum_add(ipv4_pseudo_sum(saddr, daddr, INET_PROTO_TCP, p->len),
					 net_pkt_data(p), p->len)) != 0)
		goto drop;
	memcpy(&sg.h, net_pkt_data(p), sizeof(sg.h));
	off = (size_t)(sg.h.off >> TCP_DATA_OFF_SHIFT) * 4;
	if (off < TCP_HDR_LEN || off > p->len)
		goto drop;
	sg.seq = __builtin_bswap32(sg.h.seq);
	sg.ack = __builtin_bswap32(sg.h.ack);
	sg.wnd = __builtin_bswap16(sg.h.wnd);
	sg.flags = sg.h.flags;
	sg.mss = 0;
	sg.wscale = -1;
	if (sg.flags & TCP_FLAG_SYN)
		tcp_parse_options(&sg, net_pkt_data(p) + TCP_HDR_LEN, off - TCP_HDR_LEN);
	net_pkt_pull(p, off);
	sg.len = (uint32_t)p->len;
	mutex_lock(&inet_lock);
	is = inet_lookup_bound(INET_PROTO_TCP, daddr, __builtin_bswap16(sg.h.dport), saddr,
			       __builtin_bswap16(sg.h.sport), true);
	if (is && is->state == TCP_TIME_WAIT && time_monotonic_ns() >= is->tw_deadline) {
		tcp_reap_locked();
		is = inet_lookup_bound(INET_PROTO_TCP, daddr, __builtin_bswap16(sg.h.dport), saddr,
				       __builtin_bswap16(sg.h.sport), true);
	}
	if (!is || is->state == TCP_CLOSED) {
		/* RFC 9293 3.10.7.1: a closed port answers anything but a RST with a RST. */
		if (!(sg.flags & TCP_FLAG_RST))
			tcp_send_reset(saddr, daddr, &sg.h, sg.len + ((sg.flags & TCP_FLAG_SYN) ? 1 : 0) +
				       ((sg.flags & TCP_FLAG_FIN) ? 1 : 0));
	} else if (is->state == TCP_LISTEN) {
		tcp_listen_rcv(is, p, &sg, saddr, daddr, &taken);
	} else if (is->state == TCP_SYN_SENT) {
		tcp_syn_sent_rcv(is, &sg, saddr, daddr);
	} else {
		tcp_sync_rcv(is, p, &sg, &taken);
	}
	mutex_unlock(&inet_lock);
	if (taken)
		return;
drop:
	net_pkt_free(p);
}
