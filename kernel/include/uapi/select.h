/*
 * uapi/select.h: select(2)'s fd_set as the Linux x86_64 kernel reads it:
 * an array of 64-bit words, descriptor n is bit n % 64 of word n / 64.
 * The kernel reads only the ceil(nfds / 64) words the call covers, so
 * user space may pass sets larger than FD_SETSIZE (glibc's is 1024).
 */
#ifndef UAPI_SELECT_H
#define UAPI_SELECT_H

#include <stdint.h>

#define FD_SETSIZE	1024
#define NFDBITS		64	/* bits per fds_bits word (unsigned long) */

typedef struct {
	uint64_t fds_bits[FD_SETSIZE / NFDBITS];
} fd_set;

#endif /* UAPI_SELECT_H */
