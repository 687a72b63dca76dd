/* gethostid.c: gethostid(3): the 32-bit host identifier in /etc/hostid
 * (written by sethostid), else, as glibc does, one made from the IPv4
 * address the host's name resolves to, its 16-bit halves swapped; 0 if
 * neither is there. */
#include <fcntl.h>
#include <netdb.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#define HOSTID_FILE	"/etc/hostid"
#define HOSTID_NAME_MAX	256
#define HOSTID_HALF_BITS	16

long gethostid(void)
{
	char name[HOSTID_NAME_MAX];
	struct hostent *host;
	int32_t id;
	uint32_t addr;
	int fd = open(HOSTID_FILE, O_RDONLY | O_CLOEXEC);

	if (fd >= 0) {
		ssize_t n = read(fd, &id, sizeof(id));

		close(fd);
		if (n == (ssize_t)sizeof(id))
			return id;
	}
	if (gethostname(name, sizeof(name)) != 0)
		return 0;
	name[sizeof(name) - 1] = '\0';
	host = gethostbyname(name);
	if (!host || host->h_length != (int)sizeof(addr))
		return 0;
	memcpy(&addr, host->h_addr_list[0], sizeof(addr));
	return (int32_t)((addr << HOSTID_HALF_BITS) | (addr >> HOSTID_HALF_BITS));
}
