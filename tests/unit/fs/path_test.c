/*
 * path_test.c: kernel/fs/vfs/path.c, the component splitting that path
 * lookup (namei.c) is built on: repeated and trailing slashes, ".",
 * "..", empty paths, the last component.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <fs/vfs/path.h>

/* Splits path and joins the components with '|' into out. */
static void split(const char *path, char *out, size_t size)
{
	const char *p = path, *name;
	size_t len, used = 0;

	out[0] = '\0';
	while ((len = vfs_path_next(&p, &name)) != 0) {
		assert_true(used + len + 2 < size);
		if (used)
			out[used++] = '|';
		memcpy(out + used, name, len);
		used += len;
		out[used] = '\0';
	}
}

static void test_components(void **state)
{
	char out[128];

	(void)state;
	split("a/b/c", out, sizeof(out));
	assert_string_equal(out, "a|b|c");
	split("//a///b//", out, sizeof(out));
	assert_string_equal(out, "a|b");
	split("/", out, sizeof(out));
	assert_string_equal(out, "");
	split("", out, sizeof(out));
	assert_string_equal(out, "");
	split("./../x/.", out, sizeof(out));
	assert_string_equal(out, ".|..|x|.");
	split("...", out, sizeof(out));
	assert_string_equal(out, "...");
}

static void test_at_end_and_trailing_slash(void **state)
{
	const char *p = "dir/", *name;

	(void)state;
	assert_int_equal(vfs_path_next(&p, &name), 3);
	/* What follows the last component tells a trailing slash apart. */
	assert_true(vfs_path_at_end(p));
	assert_int_equal(*p, '/');
	p = "dir";
	assert_int_equal(vfs_path_next(&p, &name), 3);
	assert_true(vfs_path_at_end(p));
	assert_int_equal(*p, '\0');
	p = "a/b";
	vfs_path_next(&p, &name);
	assert_false(vfs_path_at_end(p));
}

static void test_dots(void **state)
{
	(void)state;
	assert_true(vfs_path_is_dot(".", 1));
	assert_false(vfs_path_is_dot("..", 2));
	assert_false(vfs_path_is_dot(".a", 2));
	assert_true(vfs_path_is_dotdot("..", 2));
	assert_false(vfs_path_is_dotdot("...", 3));
	assert_false(vfs_path_is_dotdot(".", 1));
	/* A length shorter than the string: only the prefix counts. */
	assert_true(vfs_path_is_dot("./x", 1));
}

static void test_last(void **state)
{
	size_t off, len;

	(void)state;
	vfs_path_last("/a/bc", &off, &len);
	assert_int_equal(off, 3);
	assert_int_equal(len, 2);
	vfs_path_last("/a/bc//", &off, &len);
	assert_int_equal(off, 3);
	assert_int_equal(len, 2);
	vfs_path_last("name", &off, &len);
	assert_int_equal(off, 0);
	assert_int_equal(len, 4);
	vfs_path_last("///", &off, &len);
	assert_int_equal(len, 0);
	vfs_path_last("", &off, &len);
	assert_int_equal(len, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_components),
		cmocka_unit_test(test_at_end_and_trailing_slash),
		cmocka_unit_test(test_dots),
		cmocka_unit_test(test_last),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
