/*
 * inet_ifconfig.c: the interface ioctls on a socket (netdevice(7)) for
 * lo, BusyBox's `ifconfig lo` (Debian's busybox, /bin/busybox on the
 * host and in the test initramfs) on top of them, and /proc/net/dev and
 * /proc/net/tcp, /proc/net/udp (proc(5)) listing lo and our sockets.
 * Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include "abi_tap.h"
#include "inet_lo.h"

#define PLAN		18
#define LO_MTU		65536
#define BAD_PTR		((void *)1)
#define OUT_MAX		4096
#define IFCONF_MAX	16

/* Runs argv with its stdout into out (NUL-terminated); the exit status or -1. */
static int run_capture(char *const argv[], char *out, size_t room)
{
	int p[2], st;
	size_t len = 0;
	ssize_t n;
	pid_t pid;

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(p[1]);
	while (len + 1 < room && (n = read(p[0], out + len, room - 1 - len)) > 0)
		len += (size_t)n;
	out[len] = '\0';
	close(p[0]);
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/* The whole of a small file, NUL-terminated; its length or -1. */
static long slurp(const char *path, char *out, size_t room)
{
	int fd = open(path, O_RDONLY);
	size_t len = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	while (len + 1 < room && (n = read(fd, out + len, room - 1 - len)) > 0)
		len += (size_t)n;
	out[len] = '\0';
	close(fd);
	return (long)len;
}

static int lo_req(int fd, unsigned long req, struct ifreq *r)
{
	memset(r, 0, sizeof(*r));
	strcpy(r->ifr_name, "lo");
	return ioctl(fd, req, r);
}

static void test_ioctls(void)
{
	struct ifreq r, reqs[IFCONF_MAX];
	struct ifconf c;
	struct sockaddr_in *sin = (struct sockaddr_in *)&r.ifr_addr;
	int fd = socket(AF_INET, SOCK_DGRAM, 0), i, found = 0, index;

	check(lo_req(fd, SIOCGIFFLAGS, &r) == 0 &&
	      (r.ifr_flags & (IFF_UP | IFF_LOOPBACK | IFF_RUNNING)) == (IFF_UP | IFF_LOOPBACK | IFF_RUNNING),
	      "SIOCGIFFLAGS: UP, LOOPBACK, RUNNING (%#x)", r.ifr_flags);
	check(lo_req(fd, SIOCGIFMTU, &r) == 0 && r.ifr_mtu == LO_MTU, "SIOCGIFMTU: 65536 (%d)", r.ifr_mtu);
	check(lo_req(fd, SIOCGIFADDR, &r) == 0 && sin->sin_family == AF_INET &&
	      sin->sin_addr.s_addr == htonl(INADDR_LOOPBACK), "SIOCGIFADDR: 127.0.0.1");
	check(lo_req(fd, SIOCGIFNETMASK, &r) == 0 && sin->sin_addr.s_addr == htonl(0xff000000u),
	      "SIOCGIFNETMASK: 255.0.0.0");
	check(lo_req(fd, SIOCGIFINDEX, &r) == 0 && r.ifr_ifindex > 0, "SIOCGIFINDEX (%d)", r.ifr_ifindex);
	index = r.ifr_ifindex;
	memset(&r, 0, sizeof(r));
	r.ifr_ifindex = index;
	check(ioctl(fd, SIOCGIFNAME, &r) == 0 && strcmp(r.ifr_name, "lo") == 0, "SIOCGIFNAME: lo");
	memset(&r, 0, sizeof(r));
	strcpy(r.ifr_name, "nosuch0");
	check(ioctl(fd, SIOCGIFFLAGS, &r) == -1 && errno == ENODEV, "an unknown interface: ENODEV");
	check(ioctl(fd, SIOCGIFFLAGS, BAD_PTR) == -1 && errno == EFAULT, "a bad ifreq pointer: EFAULT");
	c.ifc_len = 0;
	c.ifc_buf = NULL;
	check(ioctl(fd, SIOCGIFCONF, &c) == 0 && c.ifc_len >= (int)sizeof(struct ifreq) &&
	      c.ifc_len % (int)sizeof(struct ifreq) == 0, "SIOCGIFCONF without a buffer: the length (%d)",
	      c.ifc_len);
	c.ifc_len = sizeof(reqs);
	c.ifc_req = reqs;
	if (ioctl(fd, SIOCGIFCONF, &c) == 0)
		for (i = 0; i < c.ifc_len / (int)sizeof(struct ifreq); i++)
			found |= !strcmp(reqs[i].ifr_name, "lo") &&
				 ((struct sockaddr_in *)&reqs[i].ifr_addr)->sin_addr.s_addr ==
				 htonl(INADDR_LOOPBACK);
	check(found, "SIOCGIFCONF lists lo with 127.0.0.1");
	c.ifc_len = sizeof(reqs);
	c.ifc_buf = BAD_PTR;
	check(ioctl(fd, SIOCGIFCONF, &c) == -1 && errno == EFAULT, "SIOCGIFCONF into a bad buffer: EFAULT");
	close(fd);
}

static void test_ifconfig(void)
{
	static char out[OUT_MAX];
	char *const argv[] = { "/bin/busybox", "ifconfig", "lo", NULL };
	int st = run_capture(argv, out, sizeof(out));

	check(st == 0, "busybox ifconfig lo exits 0 (%d)", st);
	check(strstr(out, "Link encap:Local Loopback") != NULL, "ifconfig: Local Loopback");
	check(strstr(out, "inet addr:127.0.0.1  Mask:255.0.0.0") != NULL,
	      "ifconfig: inet addr:127.0.0.1  Mask:255.0.0.0");
	check(strstr(out, "UP LOOPBACK RUNNING  MTU:65536  Metric:1") != NULL,
	      "ifconfig: UP LOOPBACK RUNNING  MTU:65536  Metric:1");
	if (tap_failures)
		diag("ifconfig said: %s", out);
}

static void test_proc_net(void)
{
	static char text[1 << 16];
	struct sockaddr_in a = inet_sin(INADDR_LOOPBACK, 0);
	char want[64];
	int l = socket(AF_INET, SOCK_STREAM, 0), u = socket(AF_INET, SOCK_DGRAM, 0);

	check(slurp("/proc/net/dev", text, sizeof(text)) > 0 && strstr(text, "    lo:") != NULL,
	      "/proc/net/dev has lo");
	bind(l, (struct sockaddr *)&a, sizeof(a));
	listen(l, 1);
	snprintf(want, sizeof(want), ": 0100007F:%04X 00000000:0000 0A ", inet_port_of(l));
	check(slurp("/proc/net/tcp", text, sizeof(text)) > 0 && strstr(text, want) != NULL,
	      "/proc/net/tcp has our listener (%s)", want);
	bind(u, (struct sockaddr *)&a, sizeof(a));
	snprintf(want, sizeof(want), ": 0100007F:%04X 00000000:0000 07 ", inet_port_of(u));
	check(slurp("/proc/net/udp", text, sizeof(text)) > 0 && strstr(text, want) != NULL,
	      "/proc/net/udp has our socket (%s)", want);
	close(l);
	close(u);
}

int main(void)
{
	tap_plan(PLAN);
	if (inet_lo_up() != 0)
		diag("lo is not up: %s", strerror(errno));
	test_ioctls();
	test_ifconfig();
	test_proc_net();
	return tap_failures;
}
