/*
 * tcp.h: TCP (RFC 9293), internal to kernel/net/inet/ (see inet.h for
 * the files and the lock).
 *
 * What this TCP does and leaves out, and why. It runs the state machine
 * of RFC 9293 3.3.2 with real segments through the interface layer:
 * SYN, SYN-ACK and ACK with random initial sequence numbers (RFC 9293
 * 3.4.1, RFC 6528), cumulative acknowledgements, the receive window
 * (free room in SO_RCVBUF, with window scaling, RFC 7323 2) that stops a
 * sender, FIN in both directions, RST for segments to a closed port, and
 * TIME-WAIT for 2 MSL.
 *
 * There is no retransmission queue, no retransmission timer, no persist
 * timer and no congestion control: every interface today is lo, which
 * never loses, duplicates or reorders a segment (net_rx_run processes
 * the one backlog in order, one task at a time), so a segment sent is a
 * segment received and acknowledged, and a zero window is always opened
 * by an update the receiver sends when its reader makes room. A NIC
 * driver makes loss possible; it needs those pieces first (RFC 6298,
 * RFC 5681), and segments then must be kept until acknowledged. For the
 * same reason out-of-order segments are not queued: one outside the
 * window or not at rcv_nxt is answered with an ACK and dropped.
 *
 * A SYN that finds its listener's backlog full waits on the listener
 * (syn_wait) and is processed again when accept makes room, which is
 * what the client's SYN retransmission achieves on Linux.
 */
#ifndef NET_INET_TCP_H
#define NET_INET_TCP_H

#include <net/inet/inet.h>

/* RFC 9293 3.1 flags. */
#define TCP_FLAG_FIN		0x01
#define TCP_FLAG_SYN		0x02
#define TCP_FLAG_RST		0x04
#define TCP_FLAG_PSH		0x08
#define TCP_FLAG_ACK		0x10

#define TCP_HDR_LEN		20u
#define TCP_DATA_OFF_SHIFT	4	/* the data offset's place in its byte */
/* Options (RFC 9293 3.2, RFC 7323 2.2). */
#define TCP_OPT_END		0
#define TCP_OPT_NOP		1
#define TCP_OPT_MSS		2
#define TCP_OPT_MSS_LEN		4
#define TCP_OPT_WSCALE		3
#define TCP_OPT_WSCALE_LEN	3
#define TCP_SYN_OPTS_LEN	8u	/* MSS, NOP, window scale */
#define TCP_MAX_WSCALE		14	/* RFC 7323 2.3 */
/* The MSS without the option (RFC 9293 3.7.1: 536) and the largest window field. */
#define TCP_DEFAULT_MSS		536u
#define TCP_MAX_WINDOW_FIELD	0xffffu
#define TCP_IPV4_HDR_LEN	20u

/* net.ipv4.tcp_wmem[1] and tcp_rmem[1] (tcp(7)). */
#define TCP_SNDBUF_DEFAULT	16384u
#define TCP_RCVBUF_DEFAULT	131072u
/* TIME-WAIT lasts 2 MSL; Linux's TCP_TIMEWAIT_LEN is 60 s. */
#define TCP_TIME_WAIT_NS	(60ull * 1000000000ull)

/* tcp(7) options at level IPPROTO_TCP. */
#define TCP_OPTNAME_NODELAY	1
#define TCP_OPTNAME_MAXSEG	2
#define TCP_OPTNAME_KEEPIDLE	4
#define TCP_OPTNAME_KEEPINTVL	5
#define TCP_OPTNAME_KEEPCNT	6

struct tcp_hdr {
	uint16_t sport, dport;
	uint32_t seq, ack;
	uint8_t off;			/* data offset in words, high nibble */
	uint8_t flags;
	uint16_t wnd;
	uint16_t csum;
	uint16_t urg;
} __attribute__((packed));

/* Sequence comparisons modulo 2^32 (RFC 9293 3.4). */
static inline bool tcp_seq_lt(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) < 0;
}
static inline bool tcp_seq_le(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) <= 0;
}

/* tcp.c */
void tcp_sock_init(struct inet_sock *is);
/* Frees TIME-WAIT sockets whose time ended (locked). */
void tcp_reap_locked(void);
/* Frees is if nothing holds it any more: closed and without a socket (locked). */
void tcp_maybe_free_locked(struct inet_sock *is);
/* Moves is to CLOSED with err (0: none), waking everybody (locked). */
void tcp_set_closed_locked(struct inet_sock *is, int err);
void tcp_enter_time_wait_locked(struct inet_sock *is);
/* The window to announce: free receive room (locked). */
uint32_t tcp_rcv_window(const struct inet_sock *is);
uint32_t tcp_rcvbuf(const struct inet_sock *is);
/* The send window left (locked): what a writer may send now. */
uint32_t tcp_usable(const struct inet_sock *is);

/* tcp_output.c (locked; they queue on the device, net_rx_run afterwards) */
/* A segment of is's connection with flags and optional payload p (taken). */
int tcp_send_segment(struct inet_sock *is, uint8_t flags, uint32_t seq, struct net_pkt *p);
/* An empty segment at snd_nxt with flags (SYN and FIN advance snd_nxt). */
int tcp_send_ctl(struct inet_sock *is, uint8_t flags);
/* RST answering segment h (len payload+SYN+FIN) that found no connection. */
void tcp_send_reset(uint32_t saddr, uint32_t daddr, const struct tcp_hdr *h, uint32_t seglen);

/* tcp_input.c */
void tcp_rcv(struct net_pkt *p, uint32_t saddr, uint32_t daddr);

/* tcp_data.c */
long tcp_sendmsg(struct socket *s, struct sock_msg *m, int flags, bool nonblock);
long tcp_recvmsg(struct socket *s, struct sock_msg *m, int flags, bool nonblock);
/* Sends a window update if the reader opened the window enough (locked). */
void tcp_window_update_locked(struct inet_sock *is);

#endif /* NET_INET_TCP_H */
