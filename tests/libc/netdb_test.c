/* netdb_test.c: getaddrinfo, getnameinfo, gethostbyname without DNS:
 * numeric addresses and localhost (netdb.h). */
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "tap.h"

#define TEST_PORT	8080
#define HOST_SIZE	64
#define SERV_SIZE	16

static void test_getaddrinfo_numeric(void)
{
	struct addrinfo hints, *res = NULL;
	struct sockaddr_in *in;
	int rc;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_INET;
	hints.ai_socktype = SOCK_STREAM;
	rc = getaddrinfo("10.1.2.3", "8080", &hints, &res);
	tap_ok(rc == 0 && res != NULL, "getaddrinfo of a numeric IPv4 address");
	if (rc != 0 || !res)
		return;
	in = (struct sockaddr_in *)res->ai_addr;
	tap_ok(res->ai_family == AF_INET && res->ai_socktype == SOCK_STREAM &&
	       res->ai_addrlen == sizeof(struct sockaddr_in),
	       "its family, type and address length");
	tap_ok(in->sin_addr.s_addr == inet_addr("10.1.2.3") &&
	       ntohs(in->sin_port) == TEST_PORT, "its address and port");
	freeaddrinfo(res);

	hints.ai_family = AF_INET6;
	rc = getaddrinfo("::1", NULL, &hints, &res);
	tap_ok(rc == 0 && res->ai_family == AF_INET6 &&
	       memcmp(&((struct sockaddr_in6 *)res->ai_addr)->sin6_addr,
		      &in6addr_loopback, sizeof(struct in6_addr)) == 0,
	       "getaddrinfo of ::1");
	if (rc == 0)
		freeaddrinfo(res);

	hints.ai_family = AF_INET;
	hints.ai_flags = AI_NUMERICHOST;
	tap_ok(getaddrinfo("not-a-number.invalid", NULL, &hints, &res) == EAI_NONAME,
	       "AI_NUMERICHOST with a name: EAI_NONAME");
	hints.ai_flags = 0;
	tap_ok(getaddrinfo(NULL, NULL, &hints, &res) == EAI_NONAME,
	       "neither node nor service: EAI_NONAME");
	tap_ok(strcmp(gai_strerror(EAI_NONAME), "Name or service not known") == 0,
	       "gai_strerror(EAI_NONAME)");
}

static void test_localhost(void)
{
	struct addrinfo hints, *res = NULL;
	struct hostent *host;
	int rc;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_INET;
	hints.ai_socktype = SOCK_DGRAM;
	rc = getaddrinfo("localhost", NULL, &hints, &res);
	tap_ok(rc == 0 && ((struct sockaddr_in *)res->ai_addr)->sin_addr.s_addr ==
	       htonl(INADDR_LOOPBACK), "getaddrinfo(localhost) is 127.0.0.1");
	if (rc == 0)
		freeaddrinfo(res);
	host = gethostbyname("127.0.0.1");
	tap_ok(host && host->h_addrtype == AF_INET && host->h_length == 4 &&
	       memcmp(host->h_addr_list[0], "\x7f\0\0\x01", 4) == 0,
	       "gethostbyname of a numeric address");
}

static void test_getnameinfo(void)
{
	struct sockaddr_in sin;
	char host[HOST_SIZE], serv[SERV_SIZE];

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(TEST_PORT);
	sin.sin_addr.s_addr = inet_addr("192.0.2.7");
	tap_ok(getnameinfo((struct sockaddr *)&sin, sizeof(sin), host, sizeof(host),
			   serv, sizeof(serv), NI_NUMERICHOST | NI_NUMERICSERV) == 0 &&
	       strcmp(host, "192.0.2.7") == 0 && strcmp(serv, "8080") == 0,
	       "getnameinfo numeric: %s %s", host, serv);
}

int main(void)
{
	tap_plan(10);
	test_getaddrinfo_numeric();
	test_localhost();
	test_getnameinfo();
	return tap_done();
}
