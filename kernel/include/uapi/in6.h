/*
 * uapi/in6.h: AF_INET6's address and options as Linux x86_64 lays them
 * out (ipv6(7); RFC 3493 3.3 and 5.2): struct sockaddr_in6 is 28 bytes,
 * addresses and ports in network order.
 */
#ifndef UAPI_IN6_H
#define UAPI_IN6_H

#include <stdint.h>

struct uapi_sockaddr_in6 {
	uint16_t sin6_family;		/* AF_INET6 */
	uint16_t sin6_port;
	uint32_t sin6_flowinfo;		/* RFC 8200 6: traffic class and flow label */
	uint8_t sin6_addr[16];
	uint32_t sin6_scope_id;		/* the interface of a link-local address */
};

/* RFC 2133's sockaddr_in6 had no sin6_scope_id: Linux still takes 24 bytes. */
#define SIN6_LEN_RFC2133	24u

/* The IPPROTO_IPV6 (SOL_IPV6) level's options (ipv6(7)). */
#define SOL_IPV6		41
#define IPV6_UNICAST_HOPS	16
#define IPV6_V6ONLY		26

#endif /* UAPI_IN6_H */
