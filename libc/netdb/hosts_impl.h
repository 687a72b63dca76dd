/* hosts_impl.h: /etc/hosts lookups shared by the netdb functions. */
#ifndef NETDB_HOSTS_IMPL_H
#define NETDB_HOSTS_IMPL_H

#include <stddef.h>

#define NETDB_HOSTS_FILE	"/etc/hosts"
#define NETDB_ADDR_MAX		16	/* an IPv6 address */
#define NETDB_NAME_MAX		256

/* The address of NAME (a canonical name or an alias) in FAMILY; its
 * canonical name into CANON. 0 if found, -1 if not. */
int netdb_hosts_by_name(const char *name, int family, void *addr,
			char *canon, size_t canon_size);
/* The canonical name of the FAMILY address ADDR. 0 if found, -1 if not. */
int netdb_hosts_by_addr(int family, const void *addr, char *name,
			size_t name_size);
/* The size of a FAMILY address, 0 for a family we do not know. */
size_t netdb_addr_size(int family);

#endif
