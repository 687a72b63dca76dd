/*
 * random.h: the kernel's random bytes (kernel/lib/random.c), shared by
 * getrandom(2) and /dev/urandom, /dev/random.
 *
 * A ChaCha20 generator with fast key erasure, seeded at first use from
 * RDSEED/RDRAND when the CPU has them and from timing jitter of the TSC
 * against the monotonic clock, and stirred with RDRAND and the TSC on
 * every request. See random.c for what that is worth.
 */
#ifndef BASALT_RANDOM_H
#define BASALT_RANDOM_H

#include <stdbool.h>
#include <stddef.h>

/* Fills buf with len random bytes. Never blocks; interrupt-safe. */
void random_get_bytes(void *buf, size_t len);
/* Whether the CPU's RDRAND instruction feeds the generator. */
bool random_has_rdrand(void);
/* Stirs data into the state (writes to /dev/random and /dev/urandom). */
void random_add_bytes(const void *data, size_t len);

#endif /* BASALT_RANDOM_H */
