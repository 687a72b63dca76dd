/*
 * format_test.c: kernel/lib/format.c against the host C library. The
 * kernel's vsnprintf is renamed kvsnprintf for this build (unit.mk), so
 * every case is a differential test: both must produce the same bytes
 * and the same return value.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#define BUF_SIZE 256

/* Formats with both implementations and compares. */
static void check_same(size_t size, const char *fmt, ...)
{
	char want[BUF_SIZE], got[BUF_SIZE];
	va_list ap, ap2;
	int want_n, got_n;

	memset(want, 'X', sizeof(want));
	memset(got, 'X', sizeof(got));
	va_start(ap, fmt);
	va_copy(ap2, ap);
	want_n = vsnprintf(want, size, fmt, ap);
	got_n = kvsnprintf(got, size, fmt, ap2);
	va_end(ap2);
	va_end(ap);
	if (want_n != got_n || memcmp(want, got, sizeof(want)) != 0)
		fail_msg("format \"%s\" size %zu: libc gave %d \"%.*s\", kernel %d \"%.*s\"",
			 fmt, size, want_n, (int)(size ? strnlen(want, size) : 0), want,
			 got_n, (int)(size ? strnlen(got, size) : 0), got);
}

static void test_integers(void **state)
{
	(void)state;
	check_same(BUF_SIZE, "%d %i %u", 0, -1, 4000000000u);
	check_same(BUF_SIZE, "%d", INT32_MIN);
	check_same(BUF_SIZE, "%lld %llu", (long long)INT64_MIN, (unsigned long long)UINT64_MAX);
	check_same(BUF_SIZE, "%ld %lu %zu %zd", -5L, 7UL, (size_t)42, (ptrdiff_t)-42);
	check_same(BUF_SIZE, "%hhd %hhu %hd %hu", 300, 300, 70000, 70000);
	check_same(BUF_SIZE, "%x %X %o", 0xdeadbeefu, 0xdeadbeefu, 0755u);
	check_same(BUF_SIZE, "%llx", 0xffffffff80000000ull);
}

static void test_flags_width_precision(void **state)
{
	(void)state;
	check_same(BUF_SIZE, "[%5d] [%-5d] [%05d] [%+d] [% d]", 42, 42, 42, 42, 42);
	check_same(BUF_SIZE, "[%05d] [%-05d] [%+05d]", -42, -42, 42);
	check_same(BUF_SIZE, "[%.3d] [%8.3d] [%-8.3d] [%08.3d]", 7, 7, 7, 7);
	check_same(BUF_SIZE, "[%.0d] [%.0x] [%5.0d]", 0, 0, 0);
	check_same(BUF_SIZE, "[%#x] [%#X] [%#o] [%#x] [%#o]", 255u, 255u, 8u, 0u, 0u);
	check_same(BUF_SIZE, "[%#018llx] [%#10x]", 0x1234ull, 0xabu);
	check_same(BUF_SIZE, "[%*d] [%-*d] [%.*d]", 6, 1, 6, 1, 4, 1);
	check_same(BUF_SIZE, "[%*d]", -6, 1);
	check_same(BUF_SIZE, "[%016llx]", 0x9fbffull);
}

static void test_strings_chars(void **state)
{
	(void)state;
	check_same(BUF_SIZE, "[%s] [%10s] [%-10s] [%.2s] [%10.2s]", "abc", "abc",
		   "abc", "abc", "abc");
	check_same(BUF_SIZE, "[%c] [%3c] [%-3c]", 'x', 'y', 'z');
	check_same(BUF_SIZE, "100%% [%s]", "");
}

static void test_pointer(void **state)
{
	(void)state;
	check_same(BUF_SIZE, "%p", (void *)0xffffffff80201234ull);
	check_same(BUF_SIZE, "%p", (void *)0x1);
}

static void test_truncation(void **state)
{
	(void)state;
	check_same(1, "%s", "hello");
	check_same(4, "%s", "hello");
	check_same(5, "%d-%d", 1234, 5678);
	check_same(6, "abcdef");
}

static void test_size_zero_writes_nothing(void **state)
{
	char buf[4] = "XYZ";
	va_list unused;

	(void)state;
	(void)unused;
	assert_int_equal(kvsnprintf(buf, 0, "hello", unused), 5);
	assert_string_equal(buf, "XYZ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_flags_width_precision),
		cmocka_unit_test(test_strings_chars),
		cmocka_unit_test(test_pointer),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_size_zero_writes_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
