/*
 * inet_bulk.c: a TCP echo server and client over lo: a writer process
 * sends a pseudo-random stream through the echo server, the reader gets
 * it back, and both sides' byte counts and checksums must agree. The
 * size in MiB is argv[1] or $INET_BULK_MIB, by default issue 16's
 * 100 MiB (about 6 s each way under TCG, so make test runs it whole).
 * Prints TAP and the rate; exits with the failure count.
 */
#define _GNU_SOURCE
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <sys/time.h>
#include <time.h>
#include "abi_tap.h"
#include "inet_lo.h"

#define PLAN			5
#define INET_BULK_DEFAULT_MIB	100
#define MIB			(1024L * 1024L)
#define BUF_SIZE		(64 * 1024)
#define SEED			0x9e3779b97f4a7c15ull
#define STALL_S			30

/* xorshift64 (Marsaglia 2003): the stream's bytes, 8 at a time. */
static uint64_t next_word(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*s = x;
	return x;
}

/* A position-dependent checksum of whole 64-bit words (sizes are multiples of 8). */
static uint64_t sum_words(uint64_t sum, const void *buf, size_t len)
{
	const unsigned char *b = buf;
	size_t i;

	for (i = 0; i + 8 <= len; i += 8) {
		uint64_t w;

		memcpy(&w, b + i, 8);
		sum = ((sum << 7) | (sum >> 57)) ^ w;
	}
	return sum;
}

static int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static void echo_server(int l)
{
	static char buf[BUF_SIZE];
	int s = accept(l, NULL, NULL);
	ssize_t n;

	if (s < 0)
		_exit(1);
	while ((n = read(s, buf, sizeof(buf))) > 0)
		if (write_all(s, buf, (size_t)n))
			_exit(2);
	_exit(n == 0 ? 0 : 3);
}

static void writer(int c, long bytes, int report)
{
	static uint64_t buf[BUF_SIZE / 8];
	uint64_t seed = SEED, sum = 0;
	long left = bytes;

	while (left > 0) {
		size_t n = left < BUF_SIZE ? (size_t)left : BUF_SIZE, i;

		for (i = 0; i < n / 8; i++)
			buf[i] = next_word(&seed);
		sum = sum_words(sum, buf, n);
		if (write_all(c, buf, n))
			_exit(1);
		left -= (long)n;
	}
	shutdown(c, SHUT_WR);
	if (write_all(report, &sum, sizeof(sum)))
		_exit(2);
	_exit(0);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	static char buf[BUF_SIZE];
	const char *env = getenv("INET_BULK_MIB");
	long mib = argc > 1 ? atol(argv[1]) : env ? atol(env) : INET_BULK_DEFAULT_MIB;
	long bytes = mib * MIB, got = 0;
	struct sockaddr_in a = inet_sin(INADDR_LOOPBACK, 0);
	uint64_t sum = 0, wsum = 0;
	int l, c, pfd[2], st, ok_children = 1;
	pid_t srv, wr;
	double t0, t1;
	ssize_t n;

	tap_plan(PLAN);
	if (inet_lo_up() != 0)
		diag("lo is not up: %s", strerror(errno));
	l = socket(AF_INET, SOCK_STREAM, 0);
	check(l >= 0 && bind(l, (struct sockaddr *)&a, sizeof(a)) == 0 && listen(l, 1) == 0,
	      "an echo server listens");
	a.sin_port = htons(inet_port_of(l));
	srv = fork();
	if (srv == 0)
		echo_server(l);
	close(l);
	c = socket(AF_INET, SOCK_STREAM, 0);
	check(connect(c, (struct sockaddr *)&a, sizeof(a)) == 0, "the client connects");
	if (pipe(pfd) != 0)
		return 1;
	{
		/* A stall fails the test instead of hanging it. */
		struct timeval tv = { .tv_sec = STALL_S };

		setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	}
	t0 = now_s();
	wr = fork();
	if (wr == 0) {
		close(pfd[0]);
		writer(c, bytes, pfd[1]);
	}
	close(pfd[1]);
	while ((n = read(c, buf, sizeof(buf))) > 0) {
		/* Words may straddle reads: checksum whole words only, carrying the rest. */
		static char carry[8];
		static size_t ncarry;
		size_t off = 0;

		if (ncarry) {
			size_t take = 8 - ncarry < (size_t)n ? 8 - ncarry : (size_t)n;

			memcpy(carry + ncarry, buf, take);
			ncarry += take;
			off = take;
			if (ncarry == 8) {
				sum = sum_words(sum, carry, 8);
				ncarry = 0;
			}
		}
		if ((size_t)n > off) {
			size_t whole = ((size_t)n - off) & ~(size_t)7;

			sum = sum_words(sum, buf + off, whole);
			ncarry = (size_t)n - off - whole;
			memcpy(carry, buf + off + whole, ncarry);
		}
		got += n;
	}
	t1 = now_s();
	if (n < 0)
		diag("read: %s after %ld bytes", strerror(errno), got);
	if (read(pfd[0], &wsum, sizeof(wsum)) != sizeof(wsum))
		wsum = ~sum;
	if (n < 0)
		kill(wr, SIGKILL);
	if (waitpid(wr, &st, 0) != wr || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		diag("writer: status %#x", st);
		ok_children = 0;
	}
	close(c);
	if (n < 0)
		kill(srv, SIGKILL);
	if (waitpid(srv, &st, 0) != srv || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		diag("echo server: status %#x", st);
		ok_children = 0;
	}
	check(got == bytes, "%ld MiB came back (%ld bytes)", mib, got);
	check(sum == wsum, "the checksums agree (%016llx)", (unsigned long long)sum);
	check(ok_children, "the writer and the echo server exited 0");
	diag("%ld MiB echoed in %.2f s: %.1f MiB/s each way", mib, t1 - t0,
	     t1 > t0 ? (double)mib / (t1 - t0) : 0.0);
	return tap_failures;
}
