/*
 * tcp_output.c: building TCP segments (RFC 9293 3.1) and sending them
 * through ipv4_output. Called with inet_lock held; the segments wait on
 * the device's backlog until the caller unlocks and runs net_rx_run.
 */
#include <basalt/string.h>
#include <net/inet/tcp.h>
#include <uapi/errno.h>

/* The MSS we announce: the device's MTU less the IPv4 and TCP headers (RFC 9293 3.7.1). */
static uint16_t tcp_our_mss(uint32_t laddr)
{
	struct net_device *dev = netdev_for_ipv4(laddr);
	uint32_t mtu = dev ? dev->mtu : TCP_DEFAULT_MSS + TCP_IPV4_HDR_LEN + TCP_HDR_LEN;
	uint32_t mss = mtu - TCP_IPV4_HDR_LEN - TCP_HDR_LEN;

	return mss > TCP_MAX_WINDOW_FIELD ? TCP_MAX_WINDOW_FIELD : (uint16_t)mss;
}

/* Fills the header in front of p's payload and sends it. */
static int tcp_xmit(struct net_pkt *p, uint32_t saddr, uint32_t daddr, uint16_t sport,
		    uint16_t dport, uint32_t seq, uint32_t ack, uint8_t flags, uint16_t wnd,
		    const uint8_t *opts, size_t optlen)
{
	struct tcp_hdr *h;
	size_t hlen = TCP_HDR_LEN + optlen;
	uint8_t *o;

	o = net_pkt_push(p, hlen);
	h = (struct tcp_hdr *)o;
	h->sport = __builtin_bswap16(sport);
	h->dport = __builtin_bswap16(dport);
	h->seq = __builtin_bswap32(seq);
	h->ack = __builtin_bswap32(ack);
	h->off = (uint8_t)((hlen / 4) << TCP_DATA_OFF_SHIFT);
	h->flags = flags;
	h->wnd = __builtin_bswap16(wnd);
	h->csum = 0;
	h->urg = 0;
	if (optlen)
		memcpy(o + TCP_HDR_LEN, opts, optlen);
	if (netdev_l4_csum(netdev_for_ipv4(daddr)))
		h->csum = ipv4_csum_fold(ipv4_csum_add(ipv4_pseudo_sum(saddr, daddr, INET_PROTO_TCP,
								       p->len), o, p->len));
	return ipv4_output(p, saddr, daddr, INET_PROTO_TCP);
}

int tcp_send_segment(struct inet_sock *is, uint8_t flags, uint32_t seq, struct net_pkt *p)
{
	uint8_t opts[TCP_SYN_OPTS_LEN];
	size_t optlen = 0;
	uint32_t wnd = tcp_rcv_window(is), field;

	if (!p) {
		p = net_pkt_alloc(0);
		if (!p)
			return -ENOMEM;
	}
	if (flags & TCP_FLAG_SYN) {
		uint16_t mss = tcp_our_mss(is->laddr);

		/* RFC 9293 3.7.1 MSS, and RFC 7323 2.2 window scale (NOP-padded to 8). */
		opts[0] = TCP_OPT_MSS;
		opts[1] = TCP_OPT_MSS_LEN;
		opts[2] = (uint8_t)(mss >> 8);
		opts[3] = (uint8_t)mss;
		opts[4] = TCP_OPT_NOP;
		opts[5] = TCP_OPT_WSCALE;
		opts[6] = TCP_OPT_WSCALE_LEN;
		opts[7] = is->rcv_wscale;
		optlen = TCP_SYN_OPTS_LEN;
		/* RFC 7323 2.2: the window of a SYN is never scaled. */
		field = wnd > TCP_MAX_WINDOW_FIELD ? TCP_MAX_WINDOW_FIELD : wnd;
		if (flags & TCP_FLAG_ACK)
			is->rcv_adv = is->rcv_nxt + field;
	} else {
		field = wnd >> is->rcv_wscale;
		if (field > TCP_MAX_WINDOW_FIELD)
			field = TCP_MAX_WINDOW_FIELD;
		if (flags & TCP_FLAG_ACK)
			is->rcv_adv = is->rcv_nxt + (field << is->rcv_wscale);
	}
	return tcp_xmit(p, is->laddr, is->raddr, is->lport, is->rport, seq,
			(flags & TCP_FLAG_ACK) ? is->rcv_nxt : 0, flags, (uint16_t)field, opts, optlen);
}

int tcp_send_ctl(struct inet_sock *is, uint8_t flags)
{
	int err = tcp_send_segment(is, flags, is->snd_nxt, NULL);

	/* SYN and FIN take a sequence number each (RFC 9293 3.4). */
	if (flags & (TCP_FLAG_SYN | TCP_FLAG_FIN))
		is->snd_nxt++;
	if (flags & TCP_FLAG_FIN)
		is->fin_sent = true;
	return err;
}

void tcp_send_reset(uint32_t saddr, uint32_t daddr, const struct tcp_hdr *h, uint32_t seglen)
{
	struct net_pkt *p = net_pkt_alloc(0);
	uint16_t sport = __builtin_bswap16(h->sport), dport = __builtin_bswap16(h->dport);

	if (!p)
		return;
	/* RFC 9293 3.10.7.1: answer an ACK with its acknowledgement as sequence... */
	if (h->flags & TCP_FLAG_ACK)
		tcp_xmit(p, daddr, saddr, dport, sport, __builtin_bswap32(h->ack), 0, TCP_FLAG_RST, 0,
			 NULL, 0);
	else	/* ... anything else with sequence 0, acknowledging it all. */
		tcp_xmit(p, daddr, saddr, dport, sport, 0, __builtin_bswap32(h->seq) + seglen,
			 TCP_FLAG_RST | TCP_FLAG_ACK, 0, NULL, 0);
}
