/*
 * chacha20.h: the ChaCha20 block function of RFC 8439 section 2.3
 * (kernel/lib/chacha20.c), the core of the kernel's random generator.
 */
#ifndef BASALT_CHACHA20_H
#define BASALT_CHACHA20_H

#include <stdint.h>

#define CHACHA20_KEY_BYTES	32
#define CHACHA20_NONCE_BYTES	12
#define CHACHA20_BLOCK_BYTES	64

/*
 * One 64-byte keystream block for key, 32-bit block counter and 96-bit
 * nonce (RFC 8439 2.3), serialized little endian into out.
 */
void chacha20_block(const uint8_t key[CHACHA20_KEY_BYTES], uint32_t counter,
		    const uint8_t nonce[CHACHA20_NONCE_BYTES],
		    uint8_t out[CHACHA20_BLOCK_BYTES]);

#endif /* BASALT_CHACHA20_H */
