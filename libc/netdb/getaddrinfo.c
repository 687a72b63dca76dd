/* getaddrinfo.c: getaddrinfo(3), freeaddrinfo, gai_strerror. Hosts are
 * numeric addresses, names in /etc/hosts, or "localhost" (the loopback
 * address, RFC 6761 6.3, when /etc/hosts does not name it); services are
 * port numbers or /etc/services names. */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hosts_impl.h"

#define GAI_PORT_MAX		65535
#define GAI_KNOWN_FLAGS		(AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST | \
				 AI_V4MAPPED | AI_ALL | AI_ADDRCONFIG | \
				 AI_NUMERICSERV)
#define GAI_LOCALHOST		"localhost"
/* Per address, a SOCK_STREAM and a SOCK_DGRAM result unless hints say. */
#define GAI_SOCKTYPES		2

struct gai_result {
	struct addrinfo info;
	union {
		struct sockaddr_in in;
		struct sockaddr_in6 in6;
	} addr;
};

static int gai_port(const char *service, int flags, in_port_t *port)
{
	char *end;
	unsigned long value;

	*port = 0;
	if (!service)
		return 0;
	errno = 0;
	value = strtoul(service, &end, 10);
	if (*service != '\0' && *end == '\0' && errno == 0 &&
	    value <= GAI_PORT_MAX) {
		*port = htons((in_port_t)value);
		return 0;
	}
	if (!(flags & AI_NUMERICSERV)) {
		struct servent *serv = getservbyname(service, NULL);

		if (serv) {
			*port = (in_port_t)serv->s_port;
			return 0;
		}
	}
	return (flags & AI_NUMERICSERV) ? EAI_NONAME : EAI_SERVICE;
}

/* The address of NODE in FAMILY into ADDR, its canonical name into CANON. */
static int gai_lookup(const char *node, int family, int flags, void *addr,
		      char *canon, size_t canon_size)
{
	if (!node) {
		if (family == AF_INET) {
			struct in_addr a;

			a.s_addr = htonl((flags & AI_PASSIVE) ? INADDR_ANY
							      : INADDR_LOOPBACK);
			memcpy(addr, &a, sizeof(a));
		} else {
			memcpy(addr, (flags & AI_PASSIVE) ? &in6addr_any
							  : &in6addr_loopback,
			       sizeof(struct in6_addr));
		}
		canon[0] = '\0';
		return 0;
	}
	if (inet_pton(family, node, addr) == 1) {
		snprintf(canon, canon_size, "%s", node);
		return 0;
	}
	if (flags & AI_NUMERICHOST)
		return -1;
	if (netdb_hosts_by_name(node, family, addr, canon, canon_size) == 0)
		return 0;
	if (strcasecmp(node, GAI_LOCALHOST) == 0) {
		gai_lookup(NULL, family, 0, addr, canon, canon_size);
		snprintf(canon, canon_size, "%s", GAI_LOCALHOST);
		return 0;
	}
	return -1;
}

static struct addrinfo *gai_make(int family, const void *addr, in_port_t port,
				 int socktype, int protocol, const char *canon)
{
	struct gai_result *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->info.ai_family = family;
	r->info.ai_socktype = socktype;
	r->info.ai_protocol = protocol;
	r->info.ai_addr = (struct sockaddr *)&r->addr;
	if (family == AF_INET) {
		r->addr.in.sin_family = AF_INET;
		r->addr.in.sin_port = port;
		memcpy(&r->addr.in.sin_addr, addr, sizeof(struct in_addr));
		r->info.ai_addrlen = sizeof(struct sockaddr_in);
	} else {
		r->addr.in6.sin6_family = AF_INET6;
		r->addr.in6.sin6_port = port;
		memcpy(&r->addr.in6.sin6_addr, addr, sizeof(struct in6_addr));
		r->info.ai_addrlen = sizeof(struct sockaddr_in6);
	}
	if (canon) {
		r->info.ai_canonname = strdup(canon);
		if (!r->info.ai_canonname) {
			free(r);
			return NULL;
		}
	}
	return &r->info;
}

int getaddrinfo(const char *node, const char *service,
		const struct addrinfo *hints, struct addrinfo **res)
{
	static const int families[] = { AF_INET, AF_INET6 };
	static const int socktypes[GAI_SOCKTYPES] = { SOCK_STREAM, SOCK_DGRAM };
	static const int protocols[GAI_SOCKTYPES] = { IPPROTO_TCP, IPPROTO_UDP };
	struct addrinfo *head = NULL, **tail = &head;
	int flags = hints ? hints->ai_flags : 0;
	int family = hints ? hints->ai_family : AF_UNSPEC;
	int socktype = hints ? hints->ai_socktype : 0;
	int protocol = hints ? hints->ai_protocol : 0;
	in_port_t port;
	int err;

	if (flags & ~GAI_KNOWN_FLAGS)
		return EAI_BADFLAGS;
	if (family != AF_UNSPEC && family != AF_INET && family != AF_INET6)
		return EAI_FAMILY;
	if (socktype != 0 && socktype != SOCK_STREAM && socktype != SOCK_DGRAM &&
	    socktype != SOCK_RAW)
		return EAI_SOCKTYPE;
	if (!node && !service)
		return EAI_NONAME;
	if ((flags & AI_CANONNAME) && !node)
		return EAI_BADFLAGS;
	err = gai_port(service, flags, &port);
	if (err != 0)
		return err;

	for (size_t f = 0; f < sizeof(families) / sizeof(families[0]); f++) {
		unsigned char addr[NETDB_ADDR_MAX];
		char canon[NETDB_NAME_MAX];

		if (family != AF_UNSPEC && family != families[f])
			continue;
		if (gai_lookup(node, families[f], flags, addr, canon,
			       sizeof(canon)) != 0)
			continue;
		for (int t = 0; t < GAI_SOCKTYPES; t++) {
			int type = socktype ? socktype : socktypes[t];
			int proto = protocol ? protocol :
				    (socktype ? 0 : protocols[t]);
			/* Only the first result carries the canonical name. */
			const char *name = (flags & AI_CANONNAME) && !head ?
					   canon : NULL;
			struct addrinfo *ai = gai_make(families[f], addr, port,
						       type, proto, name);

			if (!ai) {
				freeaddrinfo(head);
				return EAI_MEMORY;
			}
			*tail = ai;
			tail = &ai->ai_next;
			if (socktype)
				break;
		}
	}
	if (!head)
		return EAI_NONAME;
	*res = head;
	return 0;
}

void freeaddrinfo(struct addrinfo *res)
{
	while (res) {
		struct addrinfo *next = res->ai_next;

		free(res->ai_canonname);
		free(res);
		res = next;
	}
}

const char *gai_strerror(int errcode)
{
	/* glibc's wording (gai_strerror(3) lists the codes). */
	switch (errcode) {
	case 0: return "Success";
	case EAI_BADFLAGS: return "Bad value for ai_flags";
	case EAI_NONAME: return "Name or service not known";
	case EAI_AGAIN: return "Temporary failure in name resolution";
	case EAI_FAIL: return "Non-recoverable failure in name resolution";
	case EAI_NODATA: return "No address associated with hostname";
	case EAI_FAMILY: return "ai_family not supported";
	case EAI_SOCKTYPE: return "ai_socktype not supported";
	case EAI_SERVICE: return "Servname not supported for ai_socktype";
	case EAI_ADDRFAMILY: return "Address family for hostname not supported";
	case EAI_MEMORY: return "Memory allocation failure";
	case EAI_SYSTEM: return "System error";
	case EAI_OVERFLOW: return "Result too large for supplied buffer";
	default: return "Unknown error";
	}
}
