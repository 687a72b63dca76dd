/*
 * chacha20.c: the ChaCha20 block function of RFC 8439 section 2.3 (the
 * quarter round of 2.1, the state layout of 2.3, 20 rounds as 10
 * column + diagonal double rounds, output serialized little-endian).
 */
#include <basalt/chacha20.h>

#define CHACHA20_STATE_WORDS	16
#define CHACHA20_DOUBLE_ROUNDS	10

/* "expand 32-byte k" (RFC 8439 section 2.3). */
static const uint32_t chacha20_const[4] = {
	0x61707865, 0x3320646e, 0x79622d32, 0x6b206574,
};

static uint32_t rotl32(uint32_t v, unsigned n)
{
	return (v << n) | (v >> (32 - n));
}

static void quarter(uint32_t *x, int a, int b, int c, int d)
{
	x[a] += x[b]; x[d] ^= x[a]; x[d] = rotl32(x[d], 16);
	x[c] += x[d]; x[b] ^= x[c]; x[b] = rotl32(x[b], 12);
	x[a] += x[b]; x[d] ^= x[a]; x[d] = rotl32(x[d], 8);
	x[c] += x[d]; x[b] ^= x[c]; x[b] = rotl32(x[b], 7);
}

void chacha20_block(const uint32_t key[CHACHA20_KEY_WORDS], uint32_t counter,
		    const uint32_t nonce[CHACHA20_NONCE_WORDS],
		    uint8_t out[CHACHA20_BLOCK_BYTES])
{
	uint32_t in[CHACHA20_STATE_WORDS], x[CHACHA20_STATE_WORDS];

	for (int i = 0; i < 4; i++)
		in[i] = chacha20_const[i];
	for (int i = 0; i < CHACHA20_KEY_WORDS; i++)
		in[4 + i] = key[i];
	in[12] = counter;
	for (int i = 0; i < CHACHA20_NONCE_WORDS; i++)
		in[13 + i] = nonce[i];
	for (int i = 0; i < CHACHA20_STATE_WORDS; i++)
		x[i] = in[i];
	for (int i = 0; i < CHACHA20_DOUBLE_ROUNDS; i++) {
		quarter(x, 0, 4, 8, 12);
		quarter(x, 1, 5, 9, 13);
		quarter(x, 2, 6, 10, 14);
		quarter(x, 3, 7, 11, 15);
		quarter(x, 0, 5, 10, 15);
		quarter(x, 1, 6, 11, 12);
		quarter(x, 2, 7, 8, 13);
		quarter(x, 3, 4, 9, 14);
	}
	for (int i = 0; i < CHACHA20_STATE_WORDS; i++) {
		uint32_t v = x[i] + in[i];

		out[4 * i] = (uint8_t)v;
		out[4 * i + 1] = (uint8_t)(v >> 8);
		out[4 * i + 2] = (uint8_t)(v >> 16);
		out[4 * i + 3] = (uint8_t)(v >> 24);
	}
}
