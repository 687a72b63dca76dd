/*
 * ldisc_test.c: kernel/tty/ldisc.c, the line discipline: canonical
 * editing (ERASE, KILL, WERASE, LNEXT), EOF, echo and ECHOCTL, ISIG,
 * ICRNL/IGNCR, ONLCR/XTABS output, IXON, and the VMIN/VTIME policy.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <tty/ldisc.h>

#define OUT_MAX		1024
#define SIG_MAX		8

static struct ldisc ld;
static char out[OUT_MAX];
static size_t out_len;
static int sigs[SIG_MAX];
static unsigned nsigs;

static void capture(void *arg, const uint8_t *s, size_t len)
{
	(void)arg;
	assert_true(out_len + len < OUT_MAX);
	memcpy(out + out_len, s, len);
	out_len += len;
	out[out_len] = 0;
}

static void record_signal(void *arg, int sig)
{
	(void)arg;
	assert_true(nsigs < SIG_MAX);
	sigs[nsigs++] = sig;
}

static uint8_t ld_data[LDISC_BUF_SIZE];
static uint8_t ld_marks[2 * LDISC_MARKS_SIZE];

static void setup(void)
{
	ldisc_init(&ld, capture, record_signal, NULL);
	ldisc_attach(&ld, ld_data, ld_marks);
	out_len = 0;
	out[0] = 0;
	nsigs = 0;
}

static void type(const char *s)
{
	while (*s)
		ldisc_receive(&ld, (uint8_t)*s++);
}

/* Reads what one read(2) of n bytes would return, as a string. */
static const char *read_str(size_t n)
{
	static char buf[LDISC_BUF_SIZE + 1];
	size_t got;

	assert_true(n <= LDISC_BUF_SIZE);
	got = ldisc_read(&ld, (uint8_t *)buf, n);
	buf[got] = 0;
	return buf;
}

static void set_lflag(tcflag_t on, tcflag_t off)
{
	struct termios t = ld.termios;

	t.c_lflag = (t.c_lflag | on) & ~off;
	ldisc_set_termios(&ld, &t);
}

static void test_canonical_line(void **state)
{
	(void)state;
	setup();
	type("hello");
	assert_false(ldisc_readable(&ld));
	assert_int_equal(ldisc_inq(&ld), 0);
	type("\r");		/* Enter: ICRNL makes it a newline */
	assert_true(ldisc_readable(&ld));
	assert_int_equal(ldisc_inq(&ld), 6);
	assert_string_equal(out, "hello\r\n");	/* echo, with ONLCR */
	assert_string_equal(read_str(100), "hello\n");
	assert_false(ldisc_readable(&ld));
}

static void test_read_stops_at_line_end(void **state)
{
	(void)state;
	setup();
	type("ab\ncd\n");
	assert_string_equal(read_str(2), "ab");
	assert_string_equal(read_str(100), "\n");
	assert_string_equal(read_str(100), "cd\n");
}

static void test_erase(void **state)
{
	(void)state;
	setup();
	type("abx\x7f" "c\n");
	assert_string_equal(read_str(100), "abc\n");
	assert_string_equal(out, "abx\b \bc\r\n");
}

static void test_erase_control_char_echo(void **state)
{
	(void)state;
	setup();
	/* ^A echoes as two columns; erasing it rubs out both. */
	type("\x01\x7f\n");
	assert_string_equal(out, "^A\b \b\b \b\r\n");
	assert_string_equal(read_str(100), "\n");
}

static void test_erase_at_line_start(void **state)
{
	(void)state;
	setup();
	type("a\n\x7f\x7f" "b\n");
	assert_string_equal(read_str(100), "a\n");
	assert_string_equal(read_str(100), "b\n");
}

static void test_kill(void **state)
{
	(void)state;
	setup();
	type("junk\x15" "ok\n");	/* ^U */
	assert_string_equal(read_str(100), "ok\n");
	/* ECHOKE: the line is rubbed out character by character. */
	assert_string_equal(out, "junk\b \b\b \b\b \b\b \bok\r\n");
}

static void test_erase_without_echoe(void **state)
{
	(void)state;
	setup();
	set_lflag(0, ECHOE);
	type("ab\x7f\n");
	assert_string_equal(out, "ab^?\r\n");	/* the ERASE character shows */
	assert_string_equal(read_str(100), "a\n");
}

static void test_raw_echo_ctl(void **state)
{
	(void)state;
	setup();
	set_lflag(0, ICANON);
	type("\x01\t\n");
	/* ECHOCTL: ^A and ^J; a tab is echoed as itself. */
	assert_string_equal(out, "^A\t^J");
}

static void test_kill_without_echoke(void **state)
{
	(void)state;
	setup();
	set_lflag(0, ECHOKE);
	type("junk\x15" "ok\n");
	assert_string_equal(read_str(100), "ok\n");
	assert_string_equal(out, "junk^U\r\nok\r\n");
}

static void test_werase(void **state)
{
	(void)state;
	setup();
	type("one two  \x17" "three\n");	/* ^W */
	assert_string_equal(read_str(100), "one three\n");
}

static void test_lnext(void **state)
{
	(void)state;
	setup();
	type("\x16\x03\n");	/* ^V ^C: a literal ^C, no signal */
	assert_int_equal(nsigs, 0);
	assert_string_equal(read_str(100), "\x03\n");
}

static void test_eof_at_line_start(void **state)
{
	(void)state;
	setup();
	type("\x04");		/* ^D */
	assert_true(ldisc_readable(&ld));
	assert_int_equal(ldisc_inq(&ld), 0);
	assert_int_equal(ldisc_read(&ld, (uint8_t *)out, 10), 0);
	assert_false(ldisc_readable(&ld));
	assert_string_equal(out, "");	/* EOF is not echoed */
}

static void test_eof_mid_line(void **state)
{
	(void)state;
	setup();
	type("abc\x04" "def\n");
	/* The EOF ends "abc" without a newline; it is not an EOF then. */
	assert_string_equal(read_str(100), "abc");
	assert_string_equal(read_str(100), "def\n");
}

static void test_eof_after_exact_read(void **state)
{
	(void)state;
	setup();
	type("abc\x04\x04");
	assert_string_equal(read_str(3), "abc");
	/* The marker that ended "abc" is gone; the second is a real EOF. */
	assert_true(ldisc_readable(&ld));
	assert_int_equal(ldisc_read(&ld, (uint8_t *)out, 10), 0);
	assert_false(ldisc_readable(&ld));
}

static void test_isig(void **state)
{
	(void)state;
	setup();
	type("partial\x03");
	assert_int_equal(nsigs, 1);
	assert_int_equal(sigs[0], SIGINT);
	assert_false(ldisc_readable(&ld));	/* flushed */
	assert_string_equal(out, "partial^C");	/* ECHOCTL */
	type("\x1c\x1a");
	assert_int_equal(nsigs, 3);
	assert_int_equal(sigs[1], SIGQUIT);
	assert_int_equal(sigs[2], SIGTSTP);
}

static void test_isig_off_and_noflsh(void **state)
{
	(void)state;
	setup();
	set_lflag(NOFLSH, 0);
	type("x\n" "y\x03");
	assert_int_equal(nsigs, 1);
	assert_string_equal(read_str(100), "x\n");	/* kept */
	set_lflag(0, ISIG);
	type("\x03\n");
	assert_int_equal(nsigs, 1);
	assert_string_equal(read_str(100), "y\x03\n");
}

static void test_echo_off(void **state)
{
	(void)state;
	setup();
	set_lflag(0, ECHO);
	type("secret\n");
	assert_string_equal(out, "");
	set_lflag(ECHONL, 0);
	type("x\n");
	assert_string_equal(out, "\r\n");	/* ECHONL: only the newline */
}

static void test_icrnl_igncr_inlcr(void **state)
{
	struct termios t;

	(void)state;
	setup();
	t = ld.termios;
	t.c_iflag = IGNCR;
	ldisc_set_termios(&ld, &t);
	type("a\rb\n");
	assert_string_equal(read_str(100), "ab\n");
	t.c_iflag = INLCR;
	t.c_lflag &= ~ICANON;
	ldisc_set_termios(&ld, &t);
	type("\n");
	assert_string_equal(read_str(100), "\r");
}

static void test_output_processing(void **state)
{
	struct termios t;

	(void)state;
	setup();
	ldisc_write(&ld, (const uint8_t *)"a\nb", 3);
	assert_string_equal(out, "a\r\nb");
	out_len = 0;
	t = ld.termios;
	t.c_oflag |= XTABS;
	ldisc_set_termios(&ld, &t);
	ldisc_write(&ld, (const uint8_t *)"\tx\t", 3);
	/* Column 1 after "b": 7 spaces, x, then 7 more to column 16. */
	assert_string_equal(out, "       x       ");
	out_len = 0;
	t.c_oflag = ONLCR;	/* no OPOST: nothing is processed */
	ldisc_set_termios(&ld, &t);
	ldisc_write(&ld, (const uint8_t *)"\n", 1);
	assert_string_equal(out, "\n");
	out_len = 0;
	t.c_oflag = OPOST | OCRNL;
	ldisc_set_termios(&ld, &t);
	ldisc_write(&ld, (const uint8_t *)"\r", 1);
	assert_string_equal(out, "\n");
}

static void test_tab_erase(void **state)
{
	(void)state;
	setup();
	type("ab\t\x7f");
	/* The tab took columns 2..7: six backspaces take the cursor back. */
	assert_string_equal(out, "ab\t\b\b\b\b\b\b");
	assert_int_equal(ld.column, 2);
}

static void test_raw_mode(void **state)
{
	(void)state;
	setup();
	set_lflag(0, ICANON | ECHO);
	type("ab");
	assert_true(ldisc_readable(&ld));
	assert_int_equal(ldisc_inq(&ld), 2);
	type("\x7f\x04");	/* no editing, no EOF in raw mode */
	assert_int_equal(ldisc_inq(&ld), 4);
	assert_string_equal(read_str(3), "ab\x7f");
	assert_string_equal(read_str(3), "\x04");
}

static void test_mode_switch(void **state)
{
	(void)state;
	setup();
	type("ab");
	set_lflag(0, ICANON);	/* the edited line becomes readable */
	assert_true(ldisc_readable(&ld));
	set_lflag(ICANON, 0);	/* and is the edited line again */
	assert_false(ldisc_readable(&ld));
	type("\n");
	assert_string_equal(read_str(100), "ab\n");
}

static void test_ixon(void **state)
{
	(void)state;
	setup();
	type("\x13");		/* ^S */
	assert_true(ld.stopped);
	type("\x11");		/* ^Q */
	assert_false(ld.stopped);
	assert_false(ldisc_readable(&ld));
	assert_int_equal(ld.head, 0);	/* neither is input */
}

static void test_buffer_full_keeps_room_for_newline(void **state)
{
	(void)state;
	setup();
	set_lflag(0, ECHO);
	for (int i = 0; i < LDISC_BUF_SIZE + 10; i++)
		ldisc_receive(&ld, 'x');
	assert_int_equal(ld.head - ld.tail, LDISC_BUF_SIZE - 1);
	type("\n");
	assert_true(ldisc_readable(&ld));
	assert_int_equal(ldisc_inq(&ld), LDISC_BUF_SIZE);
}

/*
 * Without a buffer (a pty's idle slave) nothing is stored or echoed; the
 * buffer comes back only once reads drained it, the edited line included.
 */
static void test_buffer_attach_detach(void **state)
{
	uint8_t *data, *marks;

	(void)state;
	setup();
	assert_true(ldisc_detach(&ld, &data, &marks));
	assert_ptr_equal(data, ld_data);
	assert_ptr_equal(marks, ld_marks);
	assert_false(ldisc_has_buffer(&ld));
	type("lost\n");
	assert_false(ldisc_readable(&ld));
	assert_int_equal(ldisc_inq(&ld), 0);
	assert_string_equal(out, "");
	assert_false(ldisc_detach(&ld, &data, &marks));
	ldisc_attach(&ld, ld_data, ld_marks);
	type("ab\ncd");
	assert_false(ldisc_detach(&ld, &data, &marks));
	assert_string_equal(read_str(100), "ab\n");
	assert_false(ldisc_detach(&ld, &data, &marks));	/* "cd" is being edited */
	type("\n");
	assert_string_equal(read_str(100), "cd\n");
	assert_true(ldisc_detach(&ld, &data, &marks));
}

static void test_raw_policy(void **state)
{
	struct termios t;
	struct ldisc_read_policy p;

	(void)state;
	ldisc_default_termios(&t);
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 0;
	p = ldisc_raw_policy(&t, 10);
	assert_int_equal(p.min_bytes, 0);
	assert_int_equal(p.timeout_ns, 0);

	t.c_cc[VTIME] = 5;	/* MIN 0, TIME 5: one byte or 0.5 s */
	p = ldisc_raw_policy(&t, 10);
	assert_int_equal(p.min_bytes, 1);
	assert_int_equal(p.timeout_ns, 500000000ULL);
	assert_false(p.interbyte);

	t.c_cc[VMIN] = 4;	/* MIN 4, TIME 5: inter-byte timer */
	p = ldisc_raw_policy(&t, 10);
	assert_int_equal(p.min_bytes, 4);
	assert_true(p.interbyte);
	p = ldisc_raw_policy(&t, 2);	/* never more than asked for */
	assert_int_equal(p.min_bytes, 2);

	t.c_cc[VTIME] = 0;	/* MIN 4, TIME 0: block for 4 */
	p = ldisc_raw_policy(&t, 10);
	assert_int_equal(p.min_bytes, 4);
	assert_int_equal(p.timeout_ns, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_canonical_line),
		cmocka_unit_test(test_read_stops_at_line_end),
		cmocka_unit_test(test_erase),
		cmocka_unit_test(test_erase_control_char_echo),
		cmocka_unit_test(test_erase_at_line_start),
		cmocka_unit_test(test_kill),
		cmocka_unit_test(test_kill_without_echoke),
		cmocka_unit_test(test_erase_without_echoe),
		cmocka_unit_test(test_raw_echo_ctl),
		cmocka_unit_test(test_werase),
		cmocka_unit_test(test_lnext),
		cmocka_unit_test(test_eof_at_line_start),
		cmocka_unit_test(test_eof_mid_line),
		cmocka_unit_test(test_eof_after_exact_read),
		cmocka_unit_test(test_isig),
		cmocka_unit_test(test_isig_off_and_noflsh),
		cmocka_unit_test(test_echo_off),
		cmocka_unit_test(test_icrnl_igncr_inlcr),
		cmocka_unit_test(test_output_processing),
		cmocka_unit_test(test_tab_erase),
		cmocka_unit_test(test_raw_mode),
		cmocka_unit_test(test_mode_switch),
		cmocka_unit_test(test_ixon),
		cmocka_unit_test(test_buffer_full_keeps_room_for_newline),
		cmocka_unit_test(test_buffer_attach_detach),
		cmocka_unit_test(test_raw_policy),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
