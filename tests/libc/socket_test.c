/* socket_test.c: AF_UNIX sockets (socketpair, bind/listen/connect/accept, sendmsg/recvmsg), socket options, inet_pton/ntop/aton, the interface ioctls' structures. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stddef.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "tap.h"

#define BUF_SIZE 64

static void test_unix(void)
{
	struct sockaddr_un addr;
	struct msghdr message;
	struct iovec iov;
	char buf[BUF_SIZE];
	socklen_t length;
	int pair[2], server, client, conn, type = 0;

	tap_ok(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) == 0 &&
	       (fcntl(pair[0], F_GETFD) & FD_CLOEXEC), "socketpair with SOCK_CLOEXEC");
	tap_ok(send(pair[0], "ping", 4, 0) == 4 && recv(pair[1], buf, sizeof(buf), 0) == 4 &&
	       memcmp(buf, "ping", 4) == 0, "send and recv");
	iov.iov_base = "msg";
	iov.iov_len = 3;
	memset(&message, 0, sizeof(message));
	message.msg_iov = &iov;
	message.msg_iovlen = 1;
	tap_ok(sendmsg(pair[1], &message, 0) == 3, "sendmsg");
	iov.iov_base = buf;
	iov.iov_len = sizeof(buf);
	tap_ok(recvmsg(pair[0], &message, 0) == 3 && memcmp(buf, "msg", 3) == 0, "recvmsg");
	length = sizeof(type);
	tap_ok(getsockopt(pair[0], SOL_SOCKET, SO_TYPE, &type, &length) == 0 &&
	       type == SOCK_STREAM, "getsockopt SO_TYPE");
	tap_ok(shutdown(pair[0], SHUT_WR) == 0 && recv(pair[1], buf, sizeof(buf), 0) == 0,
	       "shutdown: the peer reads end of file");
	close(pair[0]);
	close(pair[1]);

	memset(&addr, 0, sizeof(addr));
	addr.sun_family = AF_UNIX;
	snprintf(addr.sun_path, sizeof(addr.sun_path), "/tmp/basalt-sock.%d", (int)getpid());
	server = socket(AF_UNIX, SOCK_STREAM, 0);
	tap_ok(server >= 0 && bind(server, (struct sockaddr *)&addr, sizeof(addr)) == 0 &&
	       listen(server, 1) == 0, "socket, bind, listen");
	client = socket(AF_UNIX, SOCK_STREAM, 0);
	tap_ok(connect(client, (struct sockaddr *)&addr, sizeof(addr)) == 0, "connect");
	conn = accept(server, NULL, NULL);
	tap_ok(conn >= 0 && write(client, "hi", 2) == 2 && read(conn, buf, 2) == 2, "accept");
	length = sizeof(addr);
	tap_ok(getsockname(server, (struct sockaddr *)&addr, &length) == 0 &&
	       addr.sun_family == AF_UNIX, "getsockname");
	close(conn);
	close(client);
	close(server);
	unlink(addr.sun_path);
	errno = 0;
	tap_ok(socket(12345, SOCK_STREAM, 0) == -1 && errno == EAFNOSUPPORT,
	       "socket with a bad family: EAFNOSUPPORT");
}

static void test_inet(void)
{
	struct in_addr v4;
	struct in6_addr v6;
	char text[INET6_ADDRSTRLEN];
	static const char *const round_trips[] = {
		"::", "::1", "2001:db8::1", "fe80::1:2", "1:0:0:2::3", "::ffff:1.2.3.4",
		"1:2:3:4:5:6:7:8", "2001:db8:0:1:1:1:1:1",
	};
	unsigned int i;
	int ok = 1;

	tap_ok(htons(0x1234) == 0x3412 && ntohl(htonl(0x01020304)) == 0x01020304 &&
	       htonl(INADDR_LOOPBACK) == 0x0100007f, "byte order");
	tap_ok(inet_pton(AF_INET, "192.168.1.20", &v4) == 1 && v4.s_addr == htonl(0xc0a80114),
	       "inet_pton IPv4");
	tap_ok(inet_pton(AF_INET, "256.1.1.1", &v4) == 0 && inet_pton(AF_INET, "1.2.3", &v4) == 0 &&
	       inet_pton(AF_INET, "01.2.3.4", &v4) == 0, "inet_pton rejects bad IPv4");
	inet_pton(AF_INET, "192.168.1.20", &v4);
	tap_ok(inet_ntop(AF_INET, &v4, text, sizeof(text)) == text &&
	       strcmp(text, "192.168.1.20") == 0, "inet_ntop IPv4");
	for (i = 0; i < sizeof(round_trips) / sizeof(round_trips[0]); i++) {
		if (inet_pton(AF_INET6, round_trips[i], &v6) != 1 ||
		    !inet_ntop(AF_INET6, &v6, text, sizeof(text)) ||
		    strcmp(text, round_trips[i]) != 0) {
			tap_diag("%s -> %s", round_trips[i], text);
			ok = 0;
		}
	}
	tap_ok(ok, "IPv6 text round trips in RFC 5952 form");
	tap_ok(inet_pton(AF_INET6, "2001:DB8:0:0:0:0:0:1", &v6) == 1 &&
	       inet_ntop(AF_INET6, &v6, text, sizeof(text)) && strcmp(text, "2001:db8::1") == 0,
	       "upper case and a zero run are normalized");
	tap_ok(inet_pton(AF_INET6, "1::2::3", &v6) == 0 && inet_pton(AF_INET6, "12345::", &v6) == 0 &&
	       inet_pton(AF_INET6, "1:2:3:4:5:6:7:8:9", &v6) == 0, "inet_pton rejects bad IPv6");
	errno = 0;
	tap_ok(inet_pton(12345, "1.2.3.4", &v4) == -1 && errno == EAFNOSUPPORT,
	       "inet_pton with a bad family: EAFNOSUPPORT");
	errno = 0;
	tap_ok(inet_ntop(AF_INET6, &in6addr_loopback, text, 3) == NULL && errno == ENOSPC,
	       "inet_ntop into a small buffer: ENOSPC");
	tap_ok(inet_aton("10.1", &v4) == 1 && v4.s_addr == htonl(0x0a000001) &&
	       inet_aton("0x7f.1", &v4) == 1 && v4.s_addr == htonl(0x7f000001),
	       "inet_aton short and hexadecimal forms");
	tap_ok(inet_addr("127.0.0.1") == htonl(INADDR_LOOPBACK) &&
	       inet_addr("x") == INADDR_NONE, "inet_addr");
	v4.s_addr = htonl(0x0a000102);
	tap_ok(strcmp(inet_ntoa(v4), "10.0.1.2") == 0, "inet_ntoa");
}

/* The SIOCGIF* requests (netdevice(7)) and struct ifconf with Linux's numbers and layout. */
static void test_ifconf(void)
{
	struct ifreq req[2];
	struct ifconf conf;

	conf.ifc_len = sizeof(req);
	conf.ifc_req = req;
	tap_ok(sizeof(struct ifconf) == 16 && offsetof(struct ifconf, ifc_buf) == 8 &&
	       conf.ifc_buf == (char *)req && sizeof(struct ifreq) == 40,
	       "struct ifconf: a length, then the buffer (or ifreq array) pointer");
	tap_ok(SIOCGIFCONF == 0x8912 && SIOCGIFFLAGS == 0x8913 && SIOCGIFHWADDR == 0x8927 &&
	       SIOCGIFINDEX == 0x8933 && SIOCGIFNAME == 0x8910 && SIOCGIFMTU == 0x8921 &&
	       SIOCGIFADDR == 0x8915 && SIOCSIFFLAGS == 0x8914, "SIOCGIF* request numbers");
}

int main(void)
{
	tap_plan(25);
	test_unix();
	test_inet();
	test_ifconf();
	return tap_done();
}
