/*
 * The ChaCha20 block function (kernel/lib/chacha20.c), RFC 8439 section
 * 2.3: 256-bit key, 32-bit block counter, 96-bit nonce, 64 bytes out.
 * Pure; host tested against the RFC's vectors.
 */
#ifndef BASALT_CHACHA20_H
#define BASALT_CHACHA20_H

#include <stdint.h>

#define CHACHA20_KEY_WORDS	8
#define CHACHA20_NONCE_WORDS	3
#define CHACHA20_BLOCK_BYTES	64

/* Key and nonce as little-endian words of the RFC's byte strings. */
void chacha20_block(const uint32_t key[CHACHA20_KEY_WORDS], uint32_t counter,
		    const uint32_t nonce[CHACHA20_NONCE_WORDS],
		    uint8_t out[CHACHA20_BLOCK_BYTES]);

#endif /* BASALT_CHACHA20_H */
