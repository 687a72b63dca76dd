/* services.c: getservbyname(3), getservbyport(3) over /etc/services
 * (services(5): "name port/protocol aliases...", '#' comments), with one
 * static result, overwritten by the next call. */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SERVICES_FILE		"/etc/services"
#define SERVICES_LINE_MAX	1024
#define SERVICES_ALIASES_MAX	16
#define SERVICES_BLANKS		" \t\r\n"

static struct {
	struct servent serv;
	char line[SERVICES_LINE_MAX];
	char *aliases[SERVICES_ALIASES_MAX + 1];
} services_result;

/* The entry matching NAME (canonical or alias) or, NAME being NULL,
 * PORT (network order); PROTO NULL matches any protocol. */
static struct servent *services_find(const char *name, int port,
				     const char *proto)
{
	FILE *f = fopen(SERVICES_FILE, "re");
	struct servent *found = NULL;
	char *line = services_result.line;

	if (!f)
		return NULL;
	while (!found && fgets(line, SERVICES_LINE_MAX, f)) {
		char *save = NULL;
		char *sname, *port_proto, *slash, *alias;
		int n = 0, hit;

		line[strcspn(line, "#")] = '\0';
		sname = strtok_r(line, SERVICES_BLANKS, &save);
		port_proto = strtok_r(NULL, SERVICES_BLANKS, &save);
		if (!sname || !port_proto || !(slash = strchr(port_proto, '/')))
			continue;
		*slash = '\0';
		if (proto && strcmp(slash + 1, proto) != 0)
			continue;
		hit = name ? strcmp(sname, name) == 0 :
			     (int)htons((uint16_t)atoi(port_proto)) == port;
		while ((alias = strtok_r(NULL, SERVICES_BLANKS, &save)) &&
		       n < SERVICES_ALIASES_MAX) {
			services_result.aliases[n++] = alias;
			if (name && strcmp(alias, name) == 0)
				hit = 1;
		}
		services_result.aliases[n] = NULL;
		if (!hit)
			continue;
		services_result.serv.s_name = sname;
		services_result.serv.s_aliases = services_result.aliases;
		services_result.serv.s_port = htons((uint16_t)atoi(port_proto));
		services_result.serv.s_proto = slash + 1;
		found = &services_result.serv;
	}
	fclose(f);
	return found;
}

struct servent *getservbyname(const char *name, const char *proto)
{
	return services_find(name, 0, proto);
}

struct servent *getservbyport(int port, const char *proto)
{
	return services_find(NULL, port, proto);
}
