/*
 * inet_proc.c: /proc/net/tcp and /proc/net/udp (proc(5)) in Linux's
 * layout (tcp4_seq_show, udp4_format_sock): addresses as the hex of the
 * 32-bit word in memory (network order read little-endian), ports in
 * hex, Linux's state numbers, the queues, the owner and the socket
 * inode. Timers are not kept and read 0.
 */
#include <fs/file.h>
#include <fs/procfs/procfs.h>
#include <fs/vfs.h>
#include <net/inet/tcp.h>
#include <net/net_proc.h>

/* include/net/tcp_states.h */
static const unsigned inet_proc_state[] = {
	[TCP_CLOSED] = 7, [TCP_LISTEN] = 10, [TCP_SYN_SENT] = 2, [TCP_SYN_RECEIVED] = 3,
	[TCP_ESTABLISHED] = 1, [TCP_FIN_WAIT_1] = 4, [TCP_FIN_WAIT_2] = 5,
	[TCP_CLOSE_WAIT] = 8, [TCP_CLOSING] = 11, [TCP_LAST_ACK] = 9, [TCP_TIME_WAIT] = 6,
};
#define INET_PROC_UDP_ESTABLISHED	1
#define INET_PROC_UDP_CLOSE		7

struct inet_proc_walk {
	struct procfs_buf *b;
	int n;
};

static void inet_proc_line(struct inet_sock *is, void *arg)
{
	struct inet_proc_walk *w = arg;
	unsigned st;
	uint32_t tx = 0, uid = 0;
	uint64_t ino = 0;

	if (is->proto == INET_PROTO_TCP) {
		st = inet_proc_state[is->state];
		tx = is->snd_nxt - is->snd_una;
	} else {
		st = is->connected ? INET_PROC_UDP_ESTABLISHED : INET_PROC_UDP_CLOSE;
	}
	if (is->sock && is->sock->file && is->sock->file->inode) {
		ino = is->sock->file->inode->ino;
		uid = is->sock->file->inode->uid;
	}
	procfs_printf(w->b, "%4d: %08X:%04X %08X:%04X %02X %08X:%08X 00:00000000 00000000 %5u %8d %llu\n",
		      w->n++, __builtin_bswap32(is->laddr), is->lport, __builtin_bswap32(is->raddr),
		      is->rport, st, tx,
		      is->proto == INET_PROTO_TCP && is->state == TCP_LISTEN ? is->accept_count :
		      (uint32_t)is->rcv_bytes, uid, 0, (unsigned long long)ino);
}

static int inet_proc_show(struct procfs_buf *b, int proto)
{
	struct inet_proc_walk w = { b, 0 };

	procfs_printf(b, "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when "
		      "retrnsmt   uid  timeout inode\n");
	inet_walk(proto, inet_proc_line, &w);
	return 0;
}

int net_proc_show_tcp(struct procfs_buf *b, struct process *p __unused)
{
	return inet_proc_show(b, INET_PROTO_TCP);
}

int net_proc_show_udp(struct procfs_buf *b, struct process *p __unused)
{
	return inet_proc_show(b, INET_PROTO_UDP);
}
