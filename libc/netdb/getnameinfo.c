/* getnameinfo.c: getnameinfo(3): the host's name from /etc/hosts, else
 * its numeric form (unless NI_NAMEREQD); the service as its number. */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>

#include "hosts_impl.h"

int getnameinfo(const struct sockaddr *sa, socklen_t salen, char *host,
		socklen_t hostlen, char *serv, socklen_t servlen, int flags)
{
	const void *addr;
	in_port_t port;
	int family;

	if (!sa || salen < sizeof(sa_family_t))
		return EAI_FAMILY;
	family = sa->sa_family;
	if (family == AF_INET && salen >= sizeof(struct sockaddr_in)) {
		addr = &((const struct sockaddr_in *)sa)->sin_addr;
		port = ((const struct sockaddr_in *)sa)->sin_port;
	} else if (family == AF_INET6 && salen >= sizeof(struct sockaddr_in6)) {
		addr = &((const struct sockaddr_in6 *)sa)->sin6_addr;
		port = ((const struct sockaddr_in6 *)sa)->sin6_port;
	} else {
		return EAI_FAMILY;
	}
	if (host && hostlen > 0) {
		char name[NETDB_NAME_MAX];

		if (!(flags & NI_NUMERICHOST) &&
		    netdb_hosts_by_addr(family, addr, name, sizeof(name)) == 0) {
			if (flags & NI_NOFQDN)
				name[strcspn(name, ".")] = '\0';
			if ((size_t)snprintf(host, hostlen, "%s", name) >= hostlen)
				return EAI_OVERFLOW;
		} else if (flags & NI_NAMEREQD) {
			return EAI_NONAME;
		} else if (!inet_ntop(family, addr, host, hostlen)) {
			return EAI_OVERFLOW;
		}
	}
	if (serv && servlen > 0 &&
	    (size_t)snprintf(serv, servlen, "%u", ntohs(port)) >= servlen)
		return EAI_OVERFLOW;
	return 0;
}
