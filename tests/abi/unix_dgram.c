/*
 * unix_dgram.c: AF_UNIX SOCK_DGRAM and SOCK_SEQPACKET (unix(7)): message
 * boundaries, MSG_TRUNC (as a flag out and in), MSG_PEEK, zero-length
 * messages, sendto/recvfrom with a path, the sender's name (none when
 * unbound; the autobind name with SO_PASSCRED), connect and AF_UNSPEC,
 * EPERM to a socket connected elsewhere, ECONNREFUSED after the peer
 * went, EMSGSIZE, EPROTOTYPE, shutdown, FIONREAD, sendmmsg/recvmmsg,
 * and seqpacket connections (listen/accept, boundaries, end of file,
 * EPIPE without SIGPIPE). Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include "abi_tap.h"

#define PLAN		48
#define DELAY_US	20000	/* the other process acts after this */
#define AUTOBIND_LEN	8	/* unix(7): family, a NUL and 5 hex digits */

static volatile sig_atomic_t sigpipes;

static void on_sigpipe(int sig)
{
	(void)sig;
	sigpipes++;
}

static short revents(int fd, short events)
{
	struct pollfd p = { .fd = fd, .events = events };

	return poll(&p, 1, 0) < 0 ? -1 : p.revents;
}

static socklen_t path_addr(struct sockaddr_un *a, const char *path)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	strcpy(a->sun_path, path);
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(path) + 1);
}

static void test_pair(void)
{
	struct iovec iov;
	struct msghdr mh;
	char buf[64];
	int sv[2], v;

	check(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0, "socketpair(SOCK_DGRAM)");
	check(send(sv[0], "one", 3, 0) == 3 && send(sv[0], "two!", 4, 0) == 4 &&
	      send(sv[0], "", 0, 0) == 0, "three sends, one empty");
	check(ioctl(sv[1], FIONREAD, &v) == 0 && v == 3, "FIONREAD: the first message (%d)", v);
	check(recv(sv[1], buf, sizeof(buf), MSG_PEEK) == 3, "MSG_PEEK: the first message");
	check(recv(sv[1], buf, sizeof(buf), 0) == 3 && memcmp(buf, "one", 3) == 0,
	      "one message per receive");
	iov.iov_base = buf;
	iov.iov_len = 2;
	memset(&mh, 0, sizeof(mh));
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	check(recvmsg(sv[1], &mh, 0) == 2 && (mh.msg_flags & MSG_TRUNC),
	      "a short buffer: the rest is dropped, MSG_TRUNC set");
	check(recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT) == 0, "the empty message");
	check(recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT) == -1 && errno == EAGAIN,
	      "then nothing: EAGAIN");
	send(sv[0], "longer", 6, 0);
	check(recv(sv[1], buf, 1, MSG_TRUNC) == 6, "MSG_TRUNC in: the real length");
	check(revents(sv[0], POLLOUT | POLLIN) == POLLOUT, "poll: writable");
	{
		char *big = calloc(1, 1 << 20);

		check(send(sv[0], big, 1 << 20, 0) == -1 && errno == EMSGSIZE,
		      "a message larger than the send buffer: EMSGSIZE");
		free(big);
	}
	{
		pid_t pid = fork();
		int status;

		if (pid == 0) {
			usleep(DELAY_US);
			_exit(send(sv[0], "late", 4, 0) == 4 ? 0 : 1);
		}
		check(recv(sv[1], buf, sizeof(buf), 0) == 4, "a blocking receive woken by a send");
		waitpid(pid, &status, 0);
	}
	check(shutdown(sv[1], SHUT_RD) == 0 && recv(sv[1], buf, sizeof(buf), 0) == 0,
	      "after SHUT_RD a receive returns 0");
	close(sv[0]);
	check(send(sv[1], "x", 1, 0) == -1 && errno == ECONNREFUSED,
	      "send to a closed peer: ECONNREFUSED");
	close(sv[1]);
}

static void test_named(void)
{
	struct sockaddr_un a, b, got;
	socklen_t alen, blen, glen;
	char pa[64], pb[64], buf[16];
	int s, c, c2, one = 1;

	snprintf(pa, sizeof(pa), "/tmp/abi-dgram-a.%d", (int)getpid());
	snprintf(pb, sizeof(pb), "/tmp/abi-dgram-b.%d", (int)getpid());
	unlink(pa);
	unlink(pb);
	alen = path_addr(&a, pa);
	blen = path_addr(&b, pb);
	s = socket(AF_UNIX, SOCK_DGRAM, 0);
	check(bind(s, (struct sockaddr *)&a, alen) == 0, "bind a datagram socket");
	c = socket(AF_UNIX, SOCK_DGRAM, 0);
	check(send(c, "x", 1, 0) == -1 && errno == ENOTCONN, "send with no address: ENOTCONN");
	check(sendto(c, "anon", 4, 0, (struct sockaddr *)&a, alen) == 4, "sendto a path");
	glen = sizeof(got);
	memset(&got, 0x55, sizeof(got));
	check(recvfrom(s, buf, sizeof(buf), 0, (struct sockaddr *)&got, &glen) == 4 && glen == 0,
	      "recvfrom an unbound sender: no address (length %u)", glen);
	check(bind(c, (struct sockaddr *)&b, blen) == 0 &&
	      sendto(c, "named", 5, 0, (struct sockaddr *)&a, alen) == 5, "a bound sender");
	glen = sizeof(got);
	check(recvfrom(s, buf, sizeof(buf), 0, (struct sockaddr *)&got, &glen) == 5 &&
	      glen == blen && strcmp(got.sun_path, pb) == 0, "recvfrom: the sender's path");
	c2 = socket(AF_UNIX, SOCK_DGRAM, 0);
	setsockopt(c2, SOL_SOCKET, SO_PASSCRED, &one, sizeof(one));
	check(sendto(c2, "auto", 4, 0, (struct sockaddr *)&a, alen) == 4, "sendto with SO_PASSCRED");
	glen = sizeof(got);
	check(getsockname(c2, (struct sockaddr *)&got, &glen) == 0 && glen == AUTOBIND_LEN &&
	      got.sun_path[0] == 0, "the sender was autobound to an abstract name");
	glen = sizeof(got);
	check(recvfrom(s, buf, sizeof(buf), 0, (struct sockaddr *)&got, &glen) == 4 &&
	      glen == AUTOBIND_LEN && got.sun_path[0] == 0, "the receiver sees that name");
	close(c2);
	c2 = socket(AF_UNIX, SOCK_DGRAM, 0);
	check(bind(c2, (struct sockaddr *)&got, sizeof(sa_family_t)) == 0 &&
	      getsockname(c2, (struct sockaddr *)&got, &glen) == 0 && glen == AUTOBIND_LEN,
	      "bind with the family alone autobinds");
	check(connect(c, (struct sockaddr *)&a, alen) == 0 && send(c, "conn", 4, 0) == 4 &&
	      recv(s, buf, sizeof(buf), 0) == 4, "connect, then send with no address");
	glen = sizeof(got);
	check(getpeername(c, (struct sockaddr *)&got, &glen) == 0 && glen == alen,
	      "getpeername of a connected datagram socket");
	check(connect(s, (struct sockaddr *)&b, blen) == 0 &&
	      sendto(c2, "no", 2, 0, (struct sockaddr *)&a, alen) == -1 && errno == EPERM,
	      "sendto a socket connected to another: EPERM");
	{
		struct sockaddr unspec = { .sa_family = AF_UNSPEC };

		check(connect(s, &unspec, sizeof(unspec)) == 0 &&
		      sendto(c2, "ok", 2, 0, (struct sockaddr *)&a, alen) == 2,
		      "connect(AF_UNSPEC) disconnects");
	}
	{
		int st = socket(AF_UNIX, SOCK_STREAM, 0);

		check(connect(st, (struct sockaddr *)&a, alen) == -1 && errno == EPROTOTYPE,
		      "a stream connect to a datagram socket: EPROTOTYPE");
		close(st);
	}
	close(s);
	check(send(c, "gone", 4, 0) == -1 && errno == ECONNREFUSED,
	      "send after the receiver closed: ECONNREFUSED");
	check(send(c, "gone", 4, 0) == -1 && errno == ENOTCONN, "then disconnected: ENOTCONN");
	close(c);
	close(c2);
	unlink(pa);
	unlink(pb);
}

static void test_mmsg(void)
{
	struct mmsghdr m[3];
	struct iovec iov[3];
	char bufs[3][8];
	int sv[2];

	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	memset(m, 0, sizeof(m));
	for (int i = 0; i < 3; i++) {
		snprintf(bufs[i], sizeof(bufs[i]), "m%d", i);
		iov[i].iov_base = bufs[i];
		iov[i].iov_len = 2 + (size_t)i;
		m[i].msg_hdr.msg_iov = &iov[i];
		m[i].msg_hdr.msg_iovlen = 1;
	}
	check(sendmmsg(sv[0], m, 3, 0) == 3 && m[2].msg_len == 4, "sendmmsg: three messages");
	for (int i = 0; i < 3; i++) {
		iov[i].iov_len = sizeof(bufs[i]);
		m[i].msg_len = 0;
	}
	check(recvmmsg(sv[1], m, 3, MSG_DONTWAIT, NULL) == 3 && m[0].msg_len == 2 &&
	      m[1].msg_len == 3 && m[2].msg_len == 4, "recvmmsg: three, each its length");
	check(recvmmsg(sv[1], m, 3, MSG_DONTWAIT, NULL) == -1 && errno == EAGAIN,
	      "recvmmsg with nothing: EAGAIN");
	close(sv[0]);
	close(sv[1]);
}

static void test_seqpacket(void)
{
	struct sockaddr_un a;
	socklen_t alen;
	char path[64], buf[16];
	struct iovec iov;
	struct msghdr mh;
	int srv, cli, conn, v;
	socklen_t len = sizeof(v);

	snprintf(path, sizeof(path), "/tmp/abi-seqpacket.%d", (int)getpid());
	unlink(path);
	alen = path_addr(&a, path);
	srv = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	check(getsockopt(srv, SOL_SOCKET, SO_TYPE, &v, &len) == 0 && v == SOCK_SEQPACKET,
	      "SO_TYPE: SOCK_SEQPACKET");
	check(bind(srv, (struct sockaddr *)&a, alen) == 0 && listen(srv, 2) == 0,
	      "bind and listen");
	cli = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	check(send(cli, "x", 1, MSG_NOSIGNAL) == -1 && errno == ENOTCONN,
	      "send before connect: ENOTCONN");
	check(recv(cli, buf, 1, MSG_DONTWAIT) == -1 && errno == ENOTCONN,
	      "recv before connect: ENOTCONN");
	check(connect(cli, (struct sockaddr *)&a, alen) == 0, "connect");
	conn = accept(srv, NULL, NULL);
	check(conn >= 0, "accept");
	check(send(cli, "abc", 3, 0) == 3 && send(cli, "defg", 4, 0) == 4, "two sends");
	check(recv(conn, buf, sizeof(buf), 0) == 3, "a receive takes one record");
	iov.iov_base = buf;
	iov.iov_len = 2;
	memset(&mh, 0, sizeof(mh));
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	check(recvmsg(conn, &mh, 0) == 2 && (mh.msg_flags & MSG_TRUNC),
	      "a short buffer truncates the record: MSG_TRUNC");
	check(recv(conn, buf, sizeof(buf), MSG_DONTWAIT) == -1 && errno == EAGAIN,
	      "the rest of the record is gone");
	close(cli);
	check((revents(conn, POLLIN) & (POLLIN | POLLHUP)) == (POLLIN | POLLHUP),
	      "the peer closed: POLLIN | POLLHUP");
	check(recv(conn, buf, sizeof(buf), 0) == 0, "the peer closed: end of file");
	signal(SIGPIPE, on_sigpipe);
	sigpipes = 0;
	check(send(conn, "x", 1, 0) == -1 && errno == EPIPE && sigpipes == 0,
	      "send to a closed peer: EPIPE, and no SIGPIPE (unlike a stream)");
	check(shutdown(conn, SHUT_WR) == 0 && send(conn, "x", 1, 0) == -1 && errno == EPIPE &&
	      sigpipes == 0, "send after SHUT_WR: EPIPE, no SIGPIPE");
	signal(SIGPIPE, SIG_DFL);
	close(conn);
	close(srv);
	unlink(path);
}

int main(void)
{
	tap_plan(PLAN);
	test_pair();
	test_named();
	test_mmsg();
	test_seqpacket();
	return tap_done();
}
