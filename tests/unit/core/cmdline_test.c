/* cmdline_test.c: kernel/core/cmdline.c, Linux's parameter semantics. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <basalt/cmdline.h>

static struct cmdline c;

static void test_empty_and_null(void **state)
{
	(void)state;
	cmdline_parse(NULL, &c);
	assert_int_equal(c.nconsoles, 0);
	assert_string_equal(c.rdinit, "/init");
	assert_null(c.init);
	assert_int_equal(c.loglevel, CMDLINE_LOGLEVEL_UNSET);
	assert_int_equal(c.panic_timeout, 0);
	assert_false(c.ktest);
	cmdline_parse("   ", &c);
	assert_int_equal(c.init_argc + c.init_envc + c.ninvalid, 0);
}

static void test_known_parameters(void **state)
{
	(void)state;
	cmdline_parse("console=ttyS0,115200n8 console=tty0 init=/sbin/init "
		      "rdinit=/linuxrc root=/dev/sda1 quiet loglevel=7 panic=-1 "
		      "norandmaps ktest lockcheck", &c);
	assert_int_equal(c.nconsoles, 2);
	assert_string_equal(c.consoles[0].name, "ttyS0");
	assert_string_equal(c.consoles[0].options, "115200n8");
	assert_string_equal(c.consoles[1].name, "tty0");
	assert_string_equal(c.consoles[1].options, "");
	assert_string_equal(c.init, "/sbin/init");
	assert_string_equal(c.rdinit, "/linuxrc");
	assert_string_equal(c.root, "/dev/sda1");
	assert_true(c.quiet);
	assert_int_equal(c.loglevel, 7);
	assert_int_equal(c.panic_timeout, -1);
	assert_true(c.norandmaps);
	assert_true(c.lockcheck);
	assert_true(c.ktest);
	assert_null(c.ktest_filter);
	assert_int_equal(c.ninvalid, 0);
}

/* Linux's nosmp and maxcpus=N (N >= 0; 0 is nosmp); bad values refused. */
static void test_smp_parameters(void **state)
{
	(void)state;
	cmdline_parse("quiet", &c);
	assert_false(c.nosmp);
	assert_int_equal(c.maxcpus, CMDLINE_MAXCPUS_UNSET);
	cmdline_parse("nosmp maxcpus=2", &c);
	assert_true(c.nosmp);
	assert_int_equal(c.maxcpus, 2);
	cmdline_parse("maxcpus=0", &c);
	assert_int_equal(c.maxcpus, 0);
	cmdline_parse("maxcpus=-1 maxcpus=two maxcpus nosmp=1", &c);
	assert_int_equal(c.maxcpus, CMDLINE_MAXCPUS_UNSET);
	assert_int_equal(c.ninvalid, 3);
	assert_string_equal(c.invalid[0], "maxcpus=-1");
	assert_string_equal(c.invalid[2], "maxcpus");
	/* "nosmp=1" is not the flag: it goes to init's environment. */
	assert_false(c.nosmp);
	assert_int_equal(c.init_envc, 1);
}

static void test_root_parameters(void **state)
{
	(void)state;
	cmdline_parse("root=PARTUUID=1234abcd-01 rootfstype=ext2,vfat rootflags=errors=remount-ro "
		      "rootwait rootdelay=3 rw", &c);
	assert_string_equal(c.root, "PARTUUID=1234abcd-01");
	assert_string_equal(c.rootfstype, "ext2,vfat");
	assert_string_equal(c.rootflags, "errors=remount-ro");
	assert_true(c.rootwait);
	assert_int_equal(c.rootdelay, 3);
	assert_true(c.root_rw);
	/* ro and rw are the kernel's: not passed to init; the last one wins. */
	assert_int_equal(c.init_argc, 0);
	cmdline_parse("rw ro", &c);
	assert_false(c.root_rw);
	assert_int_equal(c.init_argc, 0);
	cmdline_parse("rootdelay=-1 rootfstype=", &c);
	assert_int_equal(c.ninvalid, 2);
	assert_false(c.rootwait);
	assert_null(c.rootfstype);
}

static void test_ktest_filter(void **state)
{
	(void)state;
	cmdline_parse("ktest=pmm_", &c);
	assert_true(c.ktest);
	assert_string_equal(c.ktest_filter, "pmm_");
}

static void test_crashtest(void **state)
{
	(void)state;
	cmdline_parse("crashtest=page_fault", &c);
	assert_string_equal(c.crashtest, "page_fault");
	cmdline_parse("crashtest crashtest=", &c);
	assert_null(c.crashtest);
	assert_int_equal(c.ninvalid, 2);
}

static void test_quotes_and_whitespace(void **state)
{
	(void)state;
	cmdline_parse("  init=\"/bin/sh\"\t root=\"LABEL=my disk\"  ", &c);
	assert_string_equal(c.init, "/bin/sh");
	assert_string_equal(c.root, "LABEL=my disk");
}

static void test_invalid_values_rejected(void **state)
{
	(void)state;
	cmdline_parse("loglevel=abc panic= panic=12x init=relative console= "
		      "loglevel=99 console=averyveryverylongconsolename", &c);
	assert_int_equal(c.ninvalid, 7);
	assert_string_equal(c.invalid[0], "loglevel=abc");
	assert_int_equal(c.loglevel, CMDLINE_LOGLEVEL_UNSET);
	assert_int_equal(c.panic_timeout, 0);
	assert_null(c.init);
	assert_int_equal(c.nconsoles, 0);
}

static void test_integer_overflow_rejected(void **state)
{
	(void)state;
	cmdline_parse("panic=99999999999999999999", &c);
	assert_int_equal(c.ninvalid, 1);
	assert_int_equal(c.panic_timeout, 0);
	cmdline_parse("panic=+30", &c);
	assert_int_equal(c.panic_timeout, 30);
}

static void test_unknown_words_go_to_init(void **state)
{
	(void)state;
	cmdline_parse("single TERM=vt100 quiet -- -x loglevel=3", &c);
	assert_true(c.quiet);
	assert_int_equal(c.init_envc, 1);
	assert_string_equal(c.init_envp[0], "TERM=vt100");
	/* After "--" nothing is the kernel's, not even loglevel=. */
	assert_int_equal(c.init_argc, 3);
	assert_string_equal(c.init_argv[0], "single");
	assert_string_equal(c.init_argv[1], "-x");
	assert_string_equal(c.init_argv[2], "loglevel=3");
	assert_int_equal(c.loglevel, CMDLINE_LOGLEVEL_UNSET);
}

static void test_too_many_consoles(void **state)
{
	(void)state;
	cmdline_parse("console=ttyS0 console=ttyS1 console=ttyS2 console=ttyS3 "
		      "console=tty0", &c);
	assert_int_equal(c.nconsoles, CMDLINE_CONSOLES_MAX);
	assert_int_equal(c.ninvalid, 1);
}

static void test_overlong_line_truncated(void **state)
{
	char big[CMDLINE_MAX * 2];

	(void)state;
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	cmdline_parse(big, &c);
	assert_true(c.truncated);
	assert_int_equal(c.init_argc, 1);
	assert_int_equal(strlen(c.init_argv[0]), CMDLINE_MAX - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_and_null),
		cmocka_unit_test(test_known_parameters),
		cmocka_unit_test(test_root_parameters),
		cmocka_unit_test(test_ktest_filter),
		cmocka_unit_test(test_crashtest),
		cmocka_unit_test(test_quotes_and_whitespace),
		cmocka_unit_test(test_invalid_values_rejected),
		cmocka_unit_test(test_integer_overflow_rejected),
		cmocka_unit_test(test_unknown_words_go_to_init),
		cmocka_unit_test(test_too_many_consoles),
		cmocka_unit_test(test_smp_parameters),
		cmocka_unit_test(test_overlong_line_truncated),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
