/*
 * chacha20_test.c: kernel/lib/chacha20.c against RFC 8439 section
 * 2.3.2's test vector and a second block checked with OpenSSL's
 * chacha20 (`openssl enc -chacha20`, key 00..1f, counter 2 of the same
 * nonce).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <basalt/chacha20.h>

static const uint8_t rfc_nonce[CHACHA20_NONCE_BYTES] = {
	0x00, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00, 0x4a, 0x00, 0x00, 0x00, 0x00,
};

/* RFC 8439 2.3.2: serialized block for counter 1. */
static const uint8_t rfc_block1[CHACHA20_BLOCK_BYTES] = {
	0x10, 0xf1, 0xe7, 0xe4, 0xd1, 0x3b, 0x59, 0x15, 0x50, 0x0f, 0xdd, 0x1f,
	0xa3, 0x20, 0x71, 0xc4, 0xc7, 0xd1, 0xf4, 0xc7, 0x33, 0xc0, 0x68, 0x03,
	0x04, 0x22, 0xaa, 0x9a, 0xc3, 0xd4, 0x6c, 0x4e, 0xd2, 0x82, 0x64, 0x46,
	0x07, 0x9f, 0xaa, 0x09, 0x14, 0xc2, 0xd7, 0x05, 0xd9, 0x8b, 0x02, 0xa2,
	0xb5, 0x12, 0x9c, 0xd1, 0xde, 0x16, 0x4e, 0xb9, 0xcb, 0xd0, 0x83, 0xe8,
	0xa2, 0x50, 0x3c, 0x4e,
};

static void rfc_key(uint8_t key[CHACHA20_KEY_BYTES])
{
	for (int i = 0; i < CHACHA20_KEY_BYTES; i++)
		key[i] = (uint8_t)i;
}

static void test_rfc8439_block(void **state)
{
	uint8_t key[CHACHA20_KEY_BYTES], out[CHACHA20_BLOCK_BYTES];

	(void)state;
	rfc_key(key);
	chacha20_block(key, 1, rfc_nonce, out);
	assert_memory_equal(out, rfc_block1, sizeof(out));
}

static void test_counter_changes_block(void **state)
{
	uint8_t key[CHACHA20_KEY_BYTES], a[CHACHA20_BLOCK_BYTES], b[CHACHA20_BLOCK_BYTES];
	/* openssl enc -chacha20 -iv 02000000000000090000004a00000000, first 8 bytes */
	static const uint8_t block2_head[8] = {
		0x0a, 0x88, 0x83, 0x77, 0x39, 0xd7, 0xbf, 0x4e,
	};

	(void)state;
	rfc_key(key);
	chacha20_block(key, 1, rfc_nonce, a);
	chacha20_block(key, 2, rfc_nonce, b);
	assert_memory_not_equal(a, b, sizeof(a));
	assert_memory_equal(b, block2_head, sizeof(block2_head));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc8439_block),
		cmocka_unit_test(test_counter_changes_block),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
