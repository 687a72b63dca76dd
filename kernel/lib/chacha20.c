/*
 * chacha20.c: the ChaCha20 block function, written from RFC 8439
 * sections 2.1 (quarter round), 2.3 (state layout, 20 rounds as 10
 * column + diagonal double rounds, adding the input state back) and
 * 2.3.2's test vector (tests/unit/lib/chacha20_test.c). Pure: also
 * built for the host.
 */
#include <basalt/chacha20.h>

/* "expand 32-byte k" as four little-endian words (RFC 8439 2.3). */
#define CHACHA20_C0		0x61707865u
#define CHACHA20_C1		0x3320646eu
#define CHACHA20_C2		0x79622d32u
#define CHACHA20_C3		0x6b206574u
#define CHACHA20_WORDS		16
#define CHACHA20_DOUBLE_ROUNDS	10

static inline uint32_t chacha20_rotl(uint32_t v, unsigned n)
{
	return (v << n) | (v >> (32 - n));
}

static inline uint32_t chacha20_load32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static inline void chacha20_store32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static void chacha20_quarter(uint32_t *x, int a, int b, int c, int d)
{
	x[a] += x[b];
	x[d] = chacha20_rotl(x[d] ^ x[a], 16);
	x[c] += x[d];
	x[b] = chacha20_rotl(x[b] ^ x[c], 12);
	x[a] += x[b];
	x[d] = chacha20_rotl(x[d] ^ x[a], 8);
	x[c] += x[d];
	x[b] = chacha20_rotl(x[b] ^ x[c], 7);
}

void chacha20_block(const uint8_t key[CHACHA20_KEY_BYTES], uint32_t counter,
		    const uint8_t nonce[CHACHA20_NONCE_BYTES],
		    uint8_t out[CHACHA20_BLOCK_BYTES])
{
	uint32_t in[CHACHA20_WORDS], x[CHACHA20_WORDS];

	in[0] = CHACHA20_C0;
	in[1] = CHACHA20_C1;
	in[2] = CHACHA20_C2;
	in[3] = CHACHA20_C3;
	for (int i = 0; i < 8; i++)
		in[4 + i] = chacha20_load32(key + 4 * i);
	in[12] = counter;
	for (int i = 0; i < 3; i++)
		in[13 + i] = chacha20_load32(nonce + 4 * i);

	for (int i = 0; i < CHACHA20_WORDS; i++)
		x[i] = in[i];
	for (int i = 0; i < CHACHA20_DOUBLE_ROUNDS; i++) {
		chacha20_quarter(x, 0, 4, 8, 12);	/* columns */
		chacha20_quarter(x, 1, 5, 9, 13);
		chacha20_quarter(x, 2, 6, 10, 14);
		chacha20_quarter(x, 3, 7, 11, 15);
		chacha20_quarter(x, 0, 5, 10, 15);	/* diagonals */
		chacha20_quarter(x, 1, 6, 11, 12);
		chacha20_quarter(x, 2, 7, 8, 13);
		chacha20_quarter(x, 3, 4, 9, 14);
	}
	for (int i = 0; i < CHACHA20_WORDS; i++)
		chacha20_store32(out + 4 * i, x[i] + in[i]);
}
