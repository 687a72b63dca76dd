/*
 * unix_scm.c: AF_UNIX ancillary data (unix(7), cmsg(3)): SCM_RIGHTS
 * (the received descriptor works, takes the lowest number, gets
 * FD_CLOEXEC with MSG_CMSG_CLOEXEC; MSG_CTRUNC when the buffer is short,
 * absent, or the receiver is at RLIMIT_NOFILE; EBADF, EINVAL; MSG_PEEK
 * duplicates; a stream read ends after bytes that carry descriptors; a
 * cycle of sockets sent over themselves is collected once closed), and
 * SCM_CREDENTIALS (with SO_PASSCRED, explicit and implicit; EPERM for
 * another process's pid unless root). Prints TAP; exits with the
 * failure count.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include "abi_tap.h"

#define PLAN		25
#define MAX_FDS		4
#define GC_WAIT_MS	2000	/* Linux may collect from a work queue */

/* Sends len bytes of data with n descriptors (n may be 0). */
static long send_fds(int sock, const char *data, size_t len, const int *fds, int n)
{
	union {
		char buf[CMSG_SPACE(MAX_FDS * sizeof(int))];
		struct cmsghdr align;
	} u;
	struct iovec iov = { (void *)data, len };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };

	if (n) {
		struct cmsghdr *c;

		memset(&u, 0, sizeof(u));
		mh.msg_control = u.buf;
		mh.msg_controllen = CMSG_SPACE((size_t)n * sizeof(int));
		c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN((size_t)n * sizeof(int));
		memcpy(CMSG_DATA(c), fds, (size_t)n * sizeof(int));
	}
	return sendmsg(sock, &mh, 0);
}

/*
 * Receives into buf with room for room descriptors (-1: no control
 * buffer); the descriptors go to fds, their count to *nfds, the
 * message flags to *mflags.
 */
static long recv_fds(int sock, char *buf, size_t len, int room, int flags, int *fds,
		     int *nfds, int *mflags)
{
	union {
		char buf[CMSG_SPACE(MAX_FDS * sizeof(int))];
		struct cmsghdr align;
	} u;
	struct iovec iov = { buf, len };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *c;
	long r;

	if (room >= 0) {
		mh.msg_control = u.buf;
		mh.msg_controllen = room ? CMSG_SPACE((size_t)room * sizeof(int)) :
					   sizeof(struct cmsghdr) - 1;
	}
	*nfds = 0;
	r = recvmsg(sock, &mh, flags);
	if (r < 0)
		return r;
	*mflags = mh.msg_flags;
	for (c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c))
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
			int n = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));

			memcpy(fds + *nfds, CMSG_DATA(c), (size_t)n * sizeof(int));
			*nfds += n;
		}
	return r;
}

static void test_rights(void)
{
	int sv[2], p[2], fds[MAX_FDS], n, mf, expect;
	char buf[16];

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	pipe(p);
	check(send_fds(sv[0], "f", 1, &p[1], 1) == 1, "send a pipe's write end");
	close(p[1]);
	expect = dup(0);
	close(expect);
	check(recv_fds(sv[1], buf, sizeof(buf), 1, 0, fds, &n, &mf) == 1 && n == 1 &&
	      !(mf & MSG_CTRUNC) && fds[0] == expect, "received as the lowest free descriptor");
	check(write(fds[0], "via", 3) == 3 && read(p[0], buf, 3) == 3 && memcmp(buf, "via", 3) == 0,
	      "the received descriptor writes the same pipe");
	check(!(fcntl(fds[0], F_GETFD) & FD_CLOEXEC), "without MSG_CMSG_CLOEXEC: no FD_CLOEXEC");
	close(fds[0]);
	send_fds(sv[0], "g", 1, &p[0], 1);
	check(recv_fds(sv[1], buf, sizeof(buf), 1, MSG_CMSG_CLOEXEC, fds, &n, &mf) == 1 &&
	      n == 1 && (fcntl(fds[0], F_GETFD) & FD_CLOEXEC), "MSG_CMSG_CLOEXEC: FD_CLOEXEC");
	close(fds[0]);

	/* Three sent, room for one: one arrives, MSG_CTRUNC, the rest closed. */
	{
		int three[3] = { p[0], p[0], p[0] };

		send_fds(sv[0], "h", 1, three, 3);
		/* CMSG_SPACE(sizeof(int)) is 24 bytes: its padding holds a second int. */
		check(recv_fds(sv[1], buf, sizeof(buf), 1, 0, fds, &n, &mf) == 1 && n == 2 &&
		      (mf & MSG_CTRUNC), "room for two of three: two, MSG_CTRUNC");
		close(fds[0]);
		close(fds[1]);
		send_fds(sv[0], "i", 1, three, 3);
		expect = dup(0);
		close(expect);
		check(recv_fds(sv[1], buf, sizeof(buf), -1, 0, fds, &n, &mf) == 1 && n == 0 &&
		      (mf & MSG_CTRUNC) && dup(0) == expect,
		      "no control buffer: MSG_CTRUNC, no descriptor installed");
		close(expect);
	}
	/* At RLIMIT_NOFILE: the data comes, the descriptor does not (EMFILE inside). */
	{
		struct rlimit old, lim;
		int filler[64], k = 0;

		getrlimit(RLIMIT_NOFILE, &old);
		lim = old;
		lim.rlim_cur = 32;
		setrlimit(RLIMIT_NOFILE, &lim);
		while (k < 64 && (filler[k] = dup(0)) >= 0)
			k++;
		send_fds(sv[0], "j", 1, &p[0], 1);
		check(recv_fds(sv[1], buf, sizeof(buf), 1, 0, fds, &n, &mf) == 1 && n == 0 &&
		      (mf & MSG_CTRUNC), "no descriptor free: the data, MSG_CTRUNC");
		while (k > 0)
			close(filler[--k]);
		setrlimit(RLIMIT_NOFILE, &old);
	}
	/* MSG_PEEK duplicates; the real receive gets its own. */
	send_fds(sv[0], "k", 1, &p[0], 1);
	{
		int peeked, got;

		check(recv_fds(sv[1], buf, sizeof(buf), 1, MSG_PEEK, fds, &n, &mf) == 1 && n == 1,
		      "MSG_PEEK gets a descriptor");
		peeked = fds[0];
		check(recv_fds(sv[1], buf, sizeof(buf), 1, 0, fds, &n, &mf) == 1 && n == 1 &&
		      fds[0] != peeked, "the receive gets another");
		got = fds[0];
		close(peeked);
		close(got);
	}
	/* A stream read ends with the bytes that carry descriptors. */
	check(write(sv[0], "ab", 2) == 2 && send_fds(sv[0], "cd", 2, &p[0], 1) == 2 &&
	      send_fds(sv[0], "ef", 2, &p[0], 1) == 2, "plain, then twice with a descriptor");
	check(recv_fds(sv[1], buf, sizeof(buf), 1, 0, fds, &n, &mf) == 4 && n == 1 &&
	      memcmp(buf, "abcd", 4) == 0, "the first read ends with the first descriptor");
	close(fds[0]);
	check(recv_fds(sv[1], buf, sizeof(buf), 1, 0, fds, &n, &mf) == 2 && n == 1 &&
	      memcmp(buf, "ef", 2) == 0, "the second takes the other");
	close(fds[0]);
	{
		int bad = 0x7ffe;

		check(send_fds(sv[0], "x", 1, &bad, 1) == -1 && errno == EBADF,
		      "SCM_RIGHTS with a bad descriptor: EBADF");
	}
	{
		char cbuf[CMSG_SPACE(sizeof(int))];
		struct iovec iov = { "x", 1 };
		struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
				     .msg_controllen = sizeof(cbuf) };
		struct cmsghdr *c = (struct cmsghdr *)cbuf;

		memset(cbuf, 0, sizeof(cbuf));
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = sizeof(cbuf) + 8;
		check(sendmsg(sv[0], &mh, 0) == -1 && errno == EINVAL,
		      "a cmsg_len past the buffer: EINVAL");
		c->cmsg_len = CMSG_LEN(sizeof(int));
		c->cmsg_type = 77;
		check(sendmsg(sv[0], &mh, 0) == -1 && errno == EINVAL, "an unknown SOL_SOCKET type: EINVAL");
	}
	close(sv[0]);
	close(sv[1]);
	close(p[0]);
}

static void test_gc(void)
{
	int sv[2], p[2], t[2], three[3];
	struct pollfd pf;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	pipe(p);
	three[0] = sv[0];
	three[1] = sv[1];
	three[2] = p[1];
	check(send_fds(sv[1], "c", 1, three, 3) == 1, "send both ends of a pair over itself");
	close(sv[0]);
	close(sv[1]);
	close(p[1]);
	/* Any release of a unix socket looks for garbage. */
	socketpair(AF_UNIX, SOCK_STREAM, 0, t);
	close(t[0]);
	close(t[1]);
	pf.fd = p[0];
	pf.events = POLLIN;
	check(poll(&pf, 1, GC_WAIT_MS) == 1 && (pf.revents & POLLHUP),
	      "the cycle is collected: the pipe it carried loses its writer");
	close(p[0]);
}

static int send_creds(int sock, pid_t pid, uid_t uid, gid_t gid)
{
	char cbuf[CMSG_SPACE(sizeof(struct ucred))];
	struct iovec iov = { "c", 1 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
			     .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *c = (struct cmsghdr *)cbuf;
	struct ucred uc = { pid, uid, gid };

	memset(cbuf, 0, sizeof(cbuf));
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_CREDENTIALS;
	c->cmsg_len = CMSG_LEN(sizeof(uc));
	memcpy(CMSG_DATA(c), &uc, sizeof(uc));
	return sendmsg(sock, &mh, 0) == 1 ? 0 : -errno;
}

/* The SCM_CREDENTIALS of the next message, or pid -1. */
static struct ucred recv_creds(int sock)
{
	char cbuf[CMSG_SPACE(sizeof(struct ucred))], b;
	struct iovec iov = { &b, 1 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
			     .msg_controllen = sizeof(cbuf) };
	struct ucred uc = { -1, 0, 0 };
	struct cmsghdr *c;

	if (recvmsg(sock, &mh, 0) != 1)
		return uc;
	for (c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c))
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS)
			memcpy(&uc, CMSG_DATA(c), sizeof(uc));
	return uc;
}

static int nobody_fake_pid(void)
{
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv))
		return -1;
	/* Another process's pid, or root's uid: EPERM for an ordinary user. */
	if (send_creds(sv[0], getppid(), getuid(), getgid()) != -EPERM)
		return 1;
	if (send_creds(sv[0], getpid(), 0, getgid()) != -EPERM)
		return 2;
	return send_creds(sv[0], getpid(), getuid(), getgid());
}

static void test_creds(void)
{
	int sv[2], one = 1;
	struct ucred uc;

	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	check(send_creds(sv[0], getpid(), getuid(), getgid()) == 0, "send our own credentials");
	uc = recv_creds(sv[1]);
	check(uc.pid == -1, "without SO_PASSCRED the receiver gets none");
	check(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof(one)) == 0,
	      "SO_PASSCRED on the receiver");
	send_creds(sv[0], getpid(), getuid(), getgid());
	uc = recv_creds(sv[1]);
	check(uc.pid == getpid() && uc.uid == getuid() && uc.gid == getgid(),
	      "the receiver gets them");
	send(sv[0], "c", 1, 0);
	uc = recv_creds(sv[1]);
	check(uc.pid == getpid() && uc.uid == geteuid() && uc.gid == getegid(),
	      "a plain send carries the sender's credentials to an SO_PASSCRED receiver");
	if (geteuid() == 0)
		check(send_creds(sv[0], getppid(), 0, 0) == 0 && recv_creds(sv[1]).pid == getppid(),
		      "root may send another process's pid");
	else
		check(send_creds(sv[0], getppid(), getuid(), getgid()) == -EPERM,
		      "another process's pid: EPERM");
	check_as_nobody(nobody_fake_pid, "as nobody: EPERM for another pid or uid, own ones pass");
	close(sv[0]);
	close(sv[1]);
}

int main(void)
{
	tap_plan(PLAN);
	test_rights();
	test_gc();
	test_creds();
	return tap_done();
}
