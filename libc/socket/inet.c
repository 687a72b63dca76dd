/* inet.c: inet_pton(3), inet_ntop, inet_aton, inet_addr, inet_ntoa, in6addr_any, in6addr_loopback. */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IPV4_PARTS		4
#define IPV4_PART_MAX		255
#define IPV6_GROUPS		8
#define IPV6_GROUP_DIGITS	4
#define IPV6_BYTES		16
#define IPV4_BYTES		4

const struct in6_addr in6addr_any = IN6ADDR_ANY_INIT;
const struct in6_addr in6addr_loopback = IN6ADDR_LOOPBACK_INIT;

/* inet_pton's IPv4 form: exactly four decimal parts, no leading zeros. */
static int inet_pton4(const char *src, unsigned char *out)
{
	int part = 0, digits = 0;
	unsigned int value = 0;

	for (;; src++) {
		if (*src >= '0' && *src <= '9') {
			if (digits > 0 && value == 0)
				return 0;	/* a leading zero */
			value = value * 10 + (unsigned int)(*src - '0');
			if (value > IPV4_PART_MAX)
				return 0;
			digits++;
			continue;
		}
		if (digits == 0 || (*src != '.' && *src != '\0'))
			return 0;
		out[part++] = (unsigned char)value;
		if (*src == '\0')
			return part == IPV4_PARTS;
		if (part == IPV4_PARTS)
			return 0;
		value = 0;
		digits = 0;
	}
}

/* IPv6: hexadecimal groups, one "::" for a run of zeros, maybe an IPv4 tail. */
static int inet_pton6(const char *src, unsigned char *out)
{
	unsigned char bytes[IPV6_BYTES] = { 0 };
	int count = 0, gap = -1, digits;
	unsigned int value;
	const char *start;

	if (src[0] == ':' && src[1] != ':')
		return 0;
	if (src[0] == ':') {
		src += 2;
		gap = 0;
	}
	while (*src) {
		if (count >= IPV6_BYTES)
			return 0;
		start = src;
		value = 0;
		for (digits = 0; isxdigit((unsigned char)*src); src++, digits++) {
			if (digits == IPV6_GROUP_DIGITS)
				return 0;
			value = value * 16 +
				(unsigned int)(isdigit((unsigned char)*src) ? *src - '0' :
					       tolower((unsigned char)*src) - 'a' + 10);
		}
		if (*src == '.' && count <= IPV6_BYTES - IPV4_BYTES) {
			if (!inet_pton4(start, bytes + count))
				return 0;
			count += IPV4_BYTES;
			break;
		}
		if (digits == 0)
			return 0;
		bytes[count++] = (unsigned char)(value >> 8);
		bytes[count++] = (unsigned char)value;
		if (*src == '\0')
			break;
		if (*src != ':')
			return 0;
		src++;
		if (*src == ':') {
			if (gap >= 0)
				return 0;	/* a second "::" */
			gap = count;
			src++;
		} else if (*src == '\0') {
			return 0;	/* a trailing single ':' */
		}
	}
	if (gap >= 0) {
		if (count == IPV6_BYTES)
			return 0;	/* "::" must stand for at least one group */
		memmove(bytes + IPV6_BYTES - (count - gap), bytes + gap, count - gap);
		memset(bytes + gap, 0, IPV6_BYTES - count);
	} else if (count != IPV6_BYTES) {
		return 0;
	}
	memcpy(out, bytes, IPV6_BYTES);
	return 1;
}

int inet_pton(int family, const char *__restrict src, void *__restrict dst)
{
	switch (family) {
	case AF_INET:
		return inet_pton4(src, dst);
	case AF_INET6:
		return inet_pton6(src, dst);
	default:
		errno = EAFNOSUPPORT;
		return -1;
	}
}

static const char *inet_ntop4(const unsigned char *src, char *dst, socklen_t size)
{
	char text[INET_ADDRSTRLEN];

	snprintf(text, sizeof(text), "%u.%u.%u.%u", src[0], src[1], src[2], src[3]);
	if (strlen(text) >= size) {
		errno = ENOSPC;
		return NULL;
	}
	return strcpy(dst, text);
}

/* RFC 5952: lower case, the longest run of two or more zero groups as "::". */
static const char *inet_ntop6(const unsigned char *src, char *dst, socklen_t size)
{
	char text[INET6_ADDRSTRLEN], *p = text;
	unsigned int groups[IPV6_GROUPS];
	int best = -1, best_length = 0, run = -1, i;

	for (i = 0; i < IPV6_GROUPS; i++)
		groups[i] = (unsigned int)src[2 * i] << 8 | src[2 * i + 1];
	for (i = 0; i <= IPV6_GROUPS; i++) {
		if (i < IPV6_GROUPS && groups[i] == 0) {
			if (run < 0)
				run = i;
			continue;
		}
		if (run >= 0 && i - run > best_length && i - run >= 2) {
			best = run;
			best_length = i - run;
		}
		run = -1;
	}
	/* IPv4-mapped addresses (::ffff:a.b.c.d) keep the dotted tail. */
	if (best == 0 && best_length == 5 && groups[5] == 0xffff) {
		p += sprintf(p, "::ffff:%u.%u.%u.%u", src[12], src[13], src[14], src[15]);
	} else {
		for (i = 0; i < IPV6_GROUPS; i++) {
			if (i == best) {
				p += sprintf(p, "::");
				i += best_length - 1;
				continue;
			}
			if (i > 0 && i != best + best_length)
				*p++ = ':';
			p += sprintf(p, "%x", groups[i]);
		}
		*p = '\0';
	}
	if (strlen(text) >= size) {
		errno = ENOSPC;
		return NULL;
	}
	return strcpy(dst, text);
}

const char *inet_ntop(int family, const void *__restrict src, char *__restrict dst,
		      socklen_t size)
{
	switch (family) {
	case AF_INET:
		return inet_ntop4(src, dst, size);
	case AF_INET6:
		return inet_ntop6(src, dst, size);
	default:
		errno = EAFNOSUPPORT;
		return NULL;
	}
}

/*
 * inet_aton(3): "a.b.c.d", "a.b.c" (c is 16 bits), "a.b" (b is 24 bits)
 * or "a" (32 bits), each part decimal, octal (0...) or hexadecimal (0x...).
 */
int inet_aton(const char *text, struct in_addr *addr)
{
	unsigned long parts[IPV4_PARTS], value;
	int count = 0, i;
	char *end;

	for (;;) {
		if (!isdigit((unsigned char)*text))
			return 0;
		errno = 0;
		value = strtoul(text, &end, 0);
		if (errno || value > 0xffffffffUL)
			return 0;
		parts[count++] = value;
		if (*end == '\0')
			break;
		if (*end != '.' || count == IPV4_PARTS)
			return 0;
		text = end + 1;
	}
	value = parts[count - 1];
	/* The last part fills the bytes the earlier ones leave. */
	if (value > (0xffffffffUL >> (8 * (count - 1))))
		return 0;
	for (i = 0; i < count - 1; i++) {
		if (parts[i] > IPV4_PART_MAX)
			return 0;
		value |= parts[i] << (8 * (3 - i));
	}
	if (addr)
		addr->s_addr = htonl((uint32_t)value);
	return 1;
}

in_addr_t inet_addr(const char *text)
{
	struct in_addr addr;

	return inet_aton(text, &addr) ? addr.s_addr : INADDR_NONE;
}

char *inet_ntoa(struct in_addr addr)
{
	static char text[INET_ADDRSTRLEN];

	return (char *)inet_ntop4((const unsigned char *)&addr.s_addr, text, sizeof(text));
}
