/*
 * bench_net.h: the socket rows of make bench (issue 16): a one-byte
 * round trip between two processes and a 32 MiB one-way stream, over an
 * AF_UNIX socketpair and over TCP on lo (127.0.0.1). Included by
 * bench-init.c; self-contained (its own waits).
 *
 *   unix_roundtrip, tcp_roundtrip     per round trip
 *   unix_stream_32m, tcp_stream_32m   per 32 MiB sent and read
 */
#ifndef BENCH_NET_H
#define BENCH_NET_H

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define BENCH_NET_STREAM_BYTES	(32u << 20)
#define BENCH_NET_CHUNK		(64u * 1024u)

static int bench_net_wait(pid_t pid)
{
	int st;

	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

/* The Linux guest's init leaves lo down: bring it up (Basalt's is always up). */
static int bench_net_lo_up(void)
{
	struct ifreq r;
	int fd = socket(AF_INET, SOCK_DGRAM, 0), err = -1;

	if (fd < 0)
		return -1;
	memset(&r, 0, sizeof(r));
	strcpy(r.ifr_name, "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &r) == 0) {
		err = 0;
		if (!(r.ifr_flags & IFF_UP)) {
			r.ifr_flags |= IFF_UP | IFF_RUNNING;
			err = ioctl(fd, SIOCSIFFLAGS, &r);
		}
	}
	close(fd);
	return err;
}

/* A connected pair: AF_UNIX stream, or TCP through a listener on 127.0.0.1. */
static int bench_net_pair(int tcp, int sv[2])
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	int l, one = 1;

	if (!tcp)
		return socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	if (bench_net_lo_up())
		return -1;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	l = socket(AF_INET, SOCK_STREAM, 0);
	if (l < 0 || bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 1) ||
	    getsockname(l, (struct sockaddr *)&a, &len))
		return -1;
	sv[0] = socket(AF_INET, SOCK_STREAM, 0);
	if (sv[0] < 0 || connect(sv[0], (struct sockaddr *)&a, sizeof(a)))
		return -1;
	sv[1] = accept(l, NULL, NULL);
	close(l);
	if (sv[1] < 0)
		return -1;
	/* Round trips of one byte: no Nagle delay on Linux either. */
	setsockopt(sv[0], IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	setsockopt(sv[1], IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return 0;
}

static int bench_net_roundtrip(int tcp, unsigned n)
{
	char byte = 'x';
	int sv[2];
	pid_t pid;

	if (bench_net_pair(tcp, sv))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(sv[0]);
		while (read(sv[1], &byte, 1) == 1)
			if (write(sv[1], &byte, 1) != 1)
				_exit(1);
		_exit(0);
	}
	close(sv[1]);
	for (unsigned i = 0; i < n; i++)
		if (write(sv[0], &byte, 1) != 1 || read(sv[0], &byte, 1) != 1)
			return -1;
	close(sv[0]);
	return bench_net_wait(pid);
}

static int bench_net_stream(int tcp, unsigned n)
{
	static char buf[BENCH_NET_CHUNK];
	int sv[2];
	pid_t pid;

	if (bench_net_pair(tcp, sv))
		return -1;
	pid = fork();
	if (pid == 0) {
		size_t got = 0;
		ssize_t r;

		close(sv[0]);
		while ((r = read(sv[1], buf, sizeof(buf))) > 0)
			got += (size_t)r;
		_exit(got == (size_t)n * BENCH_NET_STREAM_BYTES ? 0 : 1);
	}
	close(sv[1]);
	for (unsigned i = 0; i < n; i++) {
		for (size_t left = BENCH_NET_STREAM_BYTES; left;) {
			ssize_t w = write(sv[0], buf, left < sizeof(buf) ? left : sizeof(buf));

			if (w <= 0)
				return -1;
			left -= (size_t)w;
		}
	}
	close(sv[0]);
	return bench_net_wait(pid);
}

static int bench_unix_roundtrip(unsigned n)
{
	return bench_net_roundtrip(0, n);
}

static int bench_tcp_roundtrip(unsigned n)
{
	return bench_net_roundtrip(1, n);
}

static int bench_unix_stream(unsigned n)
{
	return bench_net_stream(0, n);
}

static int bench_tcp_stream(unsigned n)
{
	return bench_net_stream(1, n);
}

#endif /* BENCH_NET_H */
