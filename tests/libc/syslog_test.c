/* syslog_test.c: syslog(3) (its LOG_PERROR copy on stderr: /dev/log is
 * the host's syslogd here), byteswap.h, endian.h and sendfile(2). */
#define _GNU_SOURCE
#include <byteswap.h>
#include <endian.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <syslog.h>
#include <unistd.h>

#include "tap.h"

#define BUF_SIZE 256

static void test_syslog_perror(void)
{
	char buf[BUF_SIZE];
	int fds[2], saved;
	ssize_t n;

	if (pipe(fds) != 0) {
		tap_ok(0, "pipe");
		return;
	}
	saved = dup(STDERR_FILENO);
	dup2(fds[1], STDERR_FILENO);
	openlog("basalt-test", LOG_PERROR, LOG_USER);
	syslog(LOG_INFO, "value %d", 42);
	closelog();
	dup2(saved, STDERR_FILENO);
	close(saved);
	close(fds[1]);
	n = read(fds[0], buf, sizeof(buf) - 1);
	close(fds[0]);
	buf[n > 0 ? n : 0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	tap_ok(strstr(buf, "basalt-test") && strstr(buf, "value 42"),
	       "syslog with LOG_PERROR copies the message to stderr: %s", buf);
	tap_ok(LOG_MAKEPRI(LOG_DAEMON, LOG_ERR) == 27 && LOG_UPTO(LOG_ERR) == 0xf,
	       "priority macros have Linux's values");
}

static void test_byteorder(void)
{
	tap_ok(bswap_32(0x11223344u) == 0x44332211u && bswap_16(0x1122) == 0x2211 &&
	       bswap_64(0x0102030405060708ull) == 0x0807060504030201ull, "bswap_*");
	tap_ok(__BYTE_ORDER == __LITTLE_ENDIAN && htobe32(1) == 0x01000000u &&
	       le16toh(0x1234) == 0x1234, "endian.h on x86_64");
}

static void test_sendfile(void)
{
	char path[] = "/tmp/basalt-sendfile-XXXXXX";
	char buf[BUF_SIZE];
	int in = mkstemp(path), fds[2];
	off_t off = 2;
	ssize_t n = -1;

	if (in >= 0 && pipe(fds) == 0) {
		(void)!write(in, "0123456789", 10);
		n = sendfile(fds[1], in, &off, 5);
		close(fds[1]);
		memset(buf, 0, sizeof(buf));
		(void)!read(fds[0], buf, sizeof(buf));
		close(fds[0]);
	}
	tap_ok(n == 5 && off == 7 && strcmp(buf, "23456") == 0,
	       "sendfile copies from an offset and advances it");
	if (in >= 0) {
		close(in);
		unlink(path);
	}
}

int main(void)
{
	tap_plan(5);
	test_syslog_perror();
	test_byteorder();
	test_sendfile();
	return tap_done();
}
