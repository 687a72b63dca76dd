/* arpa/inet.h: converting IPv4 and IPv6 addresses between text and binary (inet_pton(3), inet_ntop(3), inet_aton(3)). */
#ifndef _ARPA_INET_H
#define _ARPA_INET_H

#include <netinet/in.h>

#ifdef __cplusplus
extern "C" {
#endif

int inet_pton(int, const char *__restrict, void *__restrict);
const char *inet_ntop(int, const void *__restrict, char *__restrict, socklen_t);
int inet_aton(const char *, struct in_addr *);
in_addr_t inet_addr(const char *);
char *inet_ntoa(struct in_addr);

#ifdef __cplusplus
}
#endif

#endif /* _ARPA_INET_H */
