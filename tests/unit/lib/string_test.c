/*
 * string_test.c: kernel/lib/string.c's copies and fills (eight bytes at a
 * time plus a byte tail) against the host C library, for every length up
 * to a few words at every alignment of source and destination, and
 * memmove's overlaps in both directions. The kernel's functions are
 * renamed kmemcpy... for this build (unit.mk).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

void *kmemcpy(void *dst, const void *src, size_t n);
void *kmemmove(void *dst, const void *src, size_t n);
void *kmemset(void *dst, int c, size_t n);

#define STRING_TEST_LEN_MAX	80	/* ten words: every tail length, several words */
#define STRING_TEST_ALIGN	8	/* every byte offset of a word */
#define STRING_TEST_BUF		(STRING_TEST_LEN_MAX + 4 * STRING_TEST_ALIGN)
#define STRING_TEST_GUARD	0xa5

static void string_fill_pattern(uint8_t *buf, size_t len, unsigned seed)
{
	for (size_t i = 0; i < len; i++)
		buf[i] = (uint8_t)(seed * 31 + i * 7 + 1);
}

static void test_memcpy_every_length_and_alignment(void **state)
{
	uint8_t src[STRING_TEST_BUF], got[STRING_TEST_BUF], want[STRING_TEST_BUF];

	(void)state;
	for (size_t len = 0; len <= STRING_TEST_LEN_MAX; len++) {
		for (size_t so = 0; so < STRING_TEST_ALIGN; so++) {
			for (size_t dof = 0; dof < STRING_TEST_ALIGN; dof++) {
				string_fill_pattern(src, sizeof(src), (unsigned)(len + so));
				memset(got, STRING_TEST_GUARD, sizeof(got));
				memset(want, STRING_TEST_GUARD, sizeof(want));
				memcpy(want + dof, src + so, len);
				assert_ptr_equal(kmemcpy(got + dof, src + so, len), got + dof);
				assert_memory_equal(got, want, sizeof(got));
			}
		}
	}
}

static void test_memset_every_length_and_alignment(void **state)
{
	uint8_t got[STRING_TEST_BUF], want[STRING_TEST_BUF];
	const int values[] = { 0, 0x5a, 0xff, 0x1234 /* only the low byte counts */ };

	(void)state;
	for (size_t v = 0; v < sizeof(values) / sizeof(values[0]); v++) {
		for (size_t len = 0; len <= STRING_TEST_LEN_MAX; len++) {
			for (size_t off = 0; off < STRING_TEST_ALIGN; off++) {
				memset(got, STRING_TEST_GUARD, sizeof(got));
				memset(want, STRING_TEST_GUARD, sizeof(want));
				memset(want + off, values[v], len);
				assert_ptr_equal(kmemset(got + off, values[v], len), got + off);
				assert_memory_equal(got, want, sizeof(got));
			}
		}
	}
}

/* Overlapping moves, destination above and below the source. */
static void test_memmove_overlaps(void **state)
{
	uint8_t got[STRING_TEST_BUF], want[STRING_TEST_BUF];

	(void)state;
	for (size_t len = 0; len <= STRING_TEST_LEN_MAX; len++) {
		for (size_t shift = 1; shift < 2 * STRING_TEST_ALIGN + 1; shift++) {
			for (int up = 0; up <= 1; up++) {
				size_t from = up ? 0 : shift, to = up ? shift : 0;

				string_fill_pattern(got, sizeof(got), (unsigned)len);
				string_fill_pattern(want, sizeof(want), (unsigned)len);
				memmove(want + to, want + from, len);
				assert_ptr_equal(kmemmove(got + to, got + from, len), got + to);
				assert_memory_equal(got, want, sizeof(got));
			}
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memcpy_every_length_and_alignment),
		cmocka_unit_test(test_memset_every_length_and_alignment),
		cmocka_unit_test(test_memmove_overlaps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
