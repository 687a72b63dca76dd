/* root_dev_test.c: kernel/fs/root_dev.c, root= as Linux's early_lookup_bdev reads it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <uapi/errno.h>
#include <fs/root_dev.h>

static struct root_dev r;

static void test_dev_names(void **state)
{
	(void)state;
	assert_int_equal(root_dev_parse("/dev/sda1", &r), 0);
	assert_int_equal(r.kind, ROOT_DEV_NAME);
	assert_string_equal(r.name, "sda1");
	assert_int_equal(root_dev_parse("/dev/nvme0n1p2", &r), 0);
	assert_string_equal(r.name, "nvme0n1p2");
	assert_int_equal(root_dev_parse("/dev/", &r), -EINVAL);
	assert_int_equal(root_dev_parse("/dev/disk/by-id/x", &r), -EINVAL);
	assert_int_equal(root_dev_parse("", &r), -EINVAL);
	assert_int_equal(root_dev_parse(NULL, &r), -EINVAL);
	assert_int_equal(root_dev_parse("/dev/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", &r), -EINVAL);
}

static void test_partuuid(void **state)
{
	(void)state;
	assert_int_equal(root_dev_parse("PARTUUID=6A2C1D6E-0C3F-4E7B-9A51-0123456789ab", &r), 0);
	assert_int_equal(r.kind, ROOT_DEV_PARTUUID);
	assert_string_equal(r.uuid, "6A2C1D6E-0C3F-4E7B-9A51-0123456789ab");
	assert_int_equal(r.partnroff, 0);
	assert_int_equal(root_dev_parse("PARTUUID=1234abcd-02", &r), 0);
	assert_string_equal(r.uuid, "1234abcd-02");
	assert_int_equal(root_dev_parse("PARTUUID=1234abcd-01/PARTNROFF=1", &r), 0);
	assert_string_equal(r.uuid, "1234abcd-01");
	assert_int_equal(r.partnroff, 1);
	assert_int_equal(root_dev_parse("PARTUUID=1234abcd-03/PARTNROFF=-2", &r), 0);
	assert_int_equal(r.partnroff, -2);
	assert_int_equal(root_dev_parse("PARTUUID=1234abcd-03/PARTNROFF=", &r), -EINVAL);
	assert_int_equal(root_dev_parse("PARTUUID=1234abcd-03/X=1", &r), -EINVAL);
	assert_int_equal(root_dev_parse("PARTUUID=1234abcg-02", &r), -EINVAL);
	assert_int_equal(root_dev_parse("PARTUUID=6A2C1D6E0C3F-4E7B-9A51-0123456789abcd", &r),
			 -EINVAL);
	assert_int_equal(root_dev_parse("PARTUUID=", &r), -EINVAL);
}

static void test_numbers(void **state)
{
	(void)state;
	assert_int_equal(root_dev_parse("8:1", &r), 0);
	assert_int_equal(r.kind, ROOT_DEV_NUMBER);
	assert_int_equal(r.major, 8);
	assert_int_equal(r.minor, 1);
	assert_int_equal(root_dev_parse("259:0", &r), 0);
	assert_int_equal(r.major, 259);
	assert_int_equal(root_dev_parse("801", &r), 0);
	assert_int_equal(r.major, 8);
	assert_int_equal(r.minor, 1);
	assert_int_equal(root_dev_parse("8:", &r), -EINVAL);
	assert_int_equal(root_dev_parse("4096:0", &r), -EINVAL);
	assert_int_equal(root_dev_parse("LABEL=root", &r), -EINVAL);
	assert_int_equal(root_dev_parse("sda1", &r), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dev_names),
		cmocka_unit_test(test_partuuid),
		cmocka_unit_test(test_numbers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
