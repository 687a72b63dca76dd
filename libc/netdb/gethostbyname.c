/* gethostbyname.c: gethostbyname(3), gethostbyname2, gethostbyaddr over
 * getaddrinfo and /etc/hosts, with the one static result the man page
 * describes (overwritten by the next call). */
#include <netdb.h>
#include <stdio.h>
#include <string.h>

#include "hosts_impl.h"

static struct {
	struct hostent host;
	char name[NETDB_NAME_MAX];
	unsigned char addr[NETDB_ADDR_MAX];
	char *addr_list[2];
	char *aliases[1];
} gethost_result;

static struct hostent *gethost_fill(int family, const void *addr,
				    const char *name)
{
	size_t size = netdb_addr_size(family);

	memcpy(gethost_result.addr, addr, size);
	snprintf(gethost_result.name, sizeof(gethost_result.name), "%s", name);
	gethost_result.addr_list[0] = (char *)gethost_result.addr;
	gethost_result.addr_list[1] = NULL;
	gethost_result.aliases[0] = NULL;
	gethost_result.host.h_name = gethost_result.name;
	gethost_result.host.h_aliases = gethost_result.aliases;
	gethost_result.host.h_addrtype = family;
	gethost_result.host.h_length = (int)size;
	gethost_result.host.h_addr_list = gethost_result.addr_list;
	return &gethost_result.host;
}

struct hostent *gethostbyname2(const char *name, int af)
{
	struct addrinfo hints, *res;
	struct hostent *host;
	const void *addr;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = af;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_CANONNAME;
	if (getaddrinfo(name, NULL, &hints, &res) != 0) {
		h_errno = HOST_NOT_FOUND;
		return NULL;
	}
	if (af == AF_INET)
		addr = &((struct sockaddr_in *)res->ai_addr)->sin_addr;
	else
		addr = &((struct sockaddr_in6 *)res->ai_addr)->sin6_addr;
	host = gethost_fill(af, addr, res->ai_canonname ? res->ai_canonname : name);
	freeaddrinfo(res);
	return host;
}

struct hostent *gethostbyname(const char *name)
{
	return gethostbyname2(name, AF_INET);
}

struct hostent *gethostbyaddr(const void *addr, socklen_t len, int type)
{
	char name[NETDB_NAME_MAX];

	if (netdb_addr_size(type) != len ||
	    netdb_hosts_by_addr(type, addr, name, sizeof(name)) != 0) {
		h_errno = HOST_NOT_FOUND;
		return NULL;
	}
	return gethost_fill(type, addr, name);
}
