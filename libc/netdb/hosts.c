/* hosts.c: reading /etc/hosts (hosts(5)): an address, the canonical
 * name, then aliases, separated by blanks; '#' starts a comment. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "hosts_impl.h"

#define HOSTS_LINE_MAX	1024
#define HOSTS_BLANKS	" \t\r\n"

size_t netdb_addr_size(int family)
{
	if (family == AF_INET)
		return sizeof(struct in_addr);
	if (family == AF_INET6)
		return sizeof(struct in6_addr);
	return 0;
}

/* Calls MATCH on each entry of FAMILY until it returns non-zero. */
static int hosts_scan(int family,
		      int (*match)(const unsigned char *addr, char *canon,
				   char *aliases, void *arg),
		      void *arg)
{
	char line[HOSTS_LINE_MAX];
	unsigned char addr[NETDB_ADDR_MAX];
	FILE *f = fopen(NETDB_HOSTS_FILE, "re");
	int found = 0;

	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f)) {
		char *save = NULL;
		char *text, *canon;

		line[strcspn(line, "#")] = '\0';
		text = strtok_r(line, HOSTS_BLANKS, &save);
		canon = strtok_r(NULL, HOSTS_BLANKS, &save);
		if (!text || !canon || inet_pton(family, text, addr) != 1)
			continue;
		found = match(addr, canon, save, arg);
	}
	fclose(f);
	return found;
}

struct hosts_name_query {
	const char *name;
	size_t addr_size;
	void *addr;
	char *canon;
	size_t canon_size;
};

static int hosts_match_name(const unsigned char *addr, char *canon,
			    char *aliases, void *arg)
{
	struct hosts_name_query *q = arg;
	char *save = NULL;
	char *alias;
	int hit = strcasecmp(canon, q->name) == 0;

	for (alias = strtok_r(aliases, HOSTS_BLANKS, &save); !hit && alias;
	     alias = strtok_r(NULL, HOSTS_BLANKS, &save))
		hit = strcasecmp(alias, q->name) == 0;
	if (!hit)
		return 0;
	memcpy(q->addr, addr, q->addr_size);
	if (q->canon && q->canon_size > 0)
		snprintf(q->canon, q->canon_size, "%s", canon);
	return 1;
}

int netdb_hosts_by_name(const char *name, int family, void *addr,
			char *canon, size_t canon_size)
{
	struct hosts_name_query q = {
		name, netdb_addr_size(family), addr, canon, canon_size
	};

	if (q.addr_size == 0)
		return -1;
	return hosts_scan(family, hosts_match_name, &q) ? 0 : -1;
}

struct hosts_addr_query {
	const void *addr;
	size_t addr_size;
	char *name;
	size_t name_size;
};

static int hosts_match_addr(const unsigned char *addr, char *canon,
			    char *aliases, void *arg)
{
	struct hosts_addr_query *q = arg;

	(void)aliases;
	if (memcmp(addr, q->addr, q->addr_size) != 0)
		return 0;
	snprintf(q->name, q->name_size, "%s", canon);
	return 1;
}

int netdb_hosts_by_addr(int family, const void *addr, char *name,
			size_t name_size)
{
	struct hosts_addr_query q = {
		addr, netdb_addr_size(family), name, name_size
	};

	if (q.addr_size == 0)
		return -1;
	return hosts_scan(family, hosts_match_addr, &q) ? 0 : -1;
}
