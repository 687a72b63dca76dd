/*
 * chacha20_test.c: kernel/lib/chacha20.c against the block function
 * test vector of RFC 8439 section 2.3.2, and the keystream vectors of
 * appendix A.1 (#1: all-zero key and nonce, counter 0).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <basalt/chacha20.h>

static void test_rfc8439_2_3_2(void **state)
{
	static const uint8_t expect[CHACHA20_BLOCK_BYTES] = {
		0x10, 0xf1, 0xe7, 0xe4, 0xd1, 0x3b, 0x59, 0x15,
		0x50, 0x0f, 0xdd, 0x1f, 0xa3, 0x20, 0x71, 0xc4,
		0xc7, 0xd1, 0xf4, 0xc7, 0x33, 0xc0, 0x68, 0x03,
		0x04, 0x22, 0xaa, 0x9a, 0xc3, 0xd4, 0x6c, 0x4e,
		0xd2, 0x82, 0x64, 0x46, 0x07, 0x9f, 0xaa, 0x09,
		0x14, 0xc2, 0xd7, 0x05, 0xd9, 0x8b, 0x02, 0xa2,
		0xb5, 0x12, 0x9c, 0xd1, 0xde, 0x16, 0x4e, 0xb9,
		0xcb, 0xd0, 0x83, 0xe8, 0xa2, 0x50, 0x3c, 0x4e,
	};
	uint32_t key[CHACHA20_KEY_WORDS];
	const uint32_t nonce[CHACHA20_NONCE_WORDS] = { 0x09000000, 0x4a000000, 0 };
	uint8_t out[CHACHA20_BLOCK_BYTES];

	(void)state;
	/* Key bytes 00 01 02 ... 1f as little-endian words. */
	for (uint32_t i = 0; i < CHACHA20_KEY_WORDS; i++)
		key[i] = (4 * i) | (4 * i + 1) << 8 | (4 * i + 2) << 16 | (4 * i + 3) << 24;
	chacha20_block(key, 1, nonce, out);
	assert_memory_equal(out, expect, sizeof(expect));
}

static void test_rfc8439_a1_zero(void **state)
{
	static const uint8_t expect_head[16] = {
		0x76, 0xb8, 0xe0, 0xad, 0xa0, 0xf1, 0x3d, 0x90,
		0x40, 0x5d, 0x6a, 0xe5, 0x53, 0x86, 0xbd, 0x28,
	};
	const uint32_t key[CHACHA20_KEY_WORDS] = { 0 };
	const uint32_t nonce[CHACHA20_NONCE_WORDS] = { 0 };
	uint8_t out[CHACHA20_BLOCK_BYTES];

	(void)state;
	chacha20_block(key, 0, nonce, out);
	assert_memory_equal(out, expect_head, sizeof(expect_head));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc8439_2_3_2),
		cmocka_unit_test(test_rfc8439_a1_zero),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
