/* ttydefaults_test.c: <sys/ttydefaults.h>'s default control characters and modes, through <termios.h>, against a new pty's. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include "tap.h"

/* <termios.h> alone must bring them, as glibc's does (ncurses' tset relies on it). */
#ifdef CERASE
#define TTYDEF_VIA_TERMIOS 1
#else
#define TTYDEF_VIA_TERMIOS 0
#endif

#include <sys/ttydefaults.h>

/* A default character and the c_cc slot Linux gives it on a new terminal. */
struct ttydef_char {
	const char *name;
	int value;
	int expected;
	int index;	/* -1: no Linux c_cc slot */
};

/* The ASCII codes termios(3) gives for the defaults. */
static const struct ttydef_char ttydef_chars[] = {
	{ "CINTR", CINTR, 0x03, VINTR },
	{ "CQUIT", CQUIT, 0x1c, VQUIT },
	{ "CERASE", CERASE, 0x7f, VERASE },
	{ "CKILL", CKILL, 0x15, VKILL },
	{ "CEOF", CEOF, 0x04, VEOF },
	{ "CTIME", CTIME, 0, VTIME },
	{ "CMIN", CMIN, 1, VMIN },
	{ "CSTART", CSTART, 0x11, VSTART },
	{ "CSTOP", CSTOP, 0x13, VSTOP },
	{ "CSUSP", CSUSP, 0x1a, VSUSP },
	{ "CEOL", CEOL, 0, VEOL },
	{ "CREPRINT", CREPRINT, 0x12, VREPRINT },
	{ "CDISCARD", CDISCARD, 0x0f, VDISCARD },
	{ "CWERASE", CWERASE, 0x17, VWERASE },
	{ "CLNEXT", CLNEXT, 0x16, VLNEXT },
	{ "CSTATUS", CSTATUS, 0, -1 },
	{ "CDSUSP", CDSUSP, 0x19, -1 },
	{ "CEOT", CEOT, 0x04, -1 },
	{ "CBRK", CBRK, 0, -1 },
	{ "CRPRNT", CRPRNT, 0x12, -1 },
	{ "CFLUSH", CFLUSH, 0x0f, -1 },
};
#define TTYDEF_CHARS (sizeof(ttydef_chars) / sizeof(ttydef_chars[0]))
#define TTYDEF_OTHER_TESTS 10

/* The modes, in Linux's flag values (termios(3)). */
#define EXPECT_IFLAG 0026442	/* BRKINT ISTRIP ICRNL IMAXBEL IXON IXANY */
#define EXPECT_OFLAG 0014005	/* OPOST ONLCR XTABS */
#define EXPECT_LFLAG 0105033	/* ECHO ICANON ISIG IEXTEN ECHOE ECHOKE ECHOCTL */
#define EXPECT_CFLAG 0002640	/* CREAD CS7 PARENB HUPCL */
#define EXPECT_SPEED 0000015	/* B9600 */

int main(void)
{
	struct termios term;
	size_t i, slots = 0;
	int master, slave;

	for (i = 0; i < TTYDEF_CHARS; i++)
		slots += ttydef_chars[i].index >= 0;
	tap_plan((int)(TTYDEF_CHARS + slots) + TTYDEF_OTHER_TESTS);
	tap_ok(TTYDEF_VIA_TERMIOS, "<termios.h> defines CERASE");
	tap_ok(CTRL('c') == 0x03 && CTRL('C') == 0x03, "CTRL('c') and CTRL('C') are ^C");
	tap_ok(CTRL('\\') == 0x1c && CTRL('[') == 0x1b, "CTRL('\\\\') is FS, CTRL('[') ESC");
	tap_ok(TTYDEF_IFLAG == EXPECT_IFLAG, "TTYDEF_IFLAG %#o", (unsigned int)TTYDEF_IFLAG);
	tap_ok(TTYDEF_OFLAG == EXPECT_OFLAG, "TTYDEF_OFLAG %#o", (unsigned int)TTYDEF_OFLAG);
	tap_ok(TTYDEF_LFLAG == EXPECT_LFLAG, "TTYDEF_LFLAG %#o", (unsigned int)TTYDEF_LFLAG);
	tap_ok(TTYDEF_CFLAG == EXPECT_CFLAG, "TTYDEF_CFLAG %#o", (unsigned int)TTYDEF_CFLAG);
	tap_ok(TTYDEF_SPEED == EXPECT_SPEED, "TTYDEF_SPEED is B9600");
	for (i = 0; i < TTYDEF_CHARS; i++)
		tap_ok(ttydef_chars[i].value == ttydef_chars[i].expected, "%s is %#x",
		       ttydef_chars[i].name, (unsigned int)ttydef_chars[i].value);

	/* A new pty slave has the kernel's default characters. */
	master = posix_openpt(O_RDWR | O_NOCTTY);
	tap_ok(master >= 0 && grantpt(master) == 0 && unlockpt(master) == 0, "a new pty");
	slave = master >= 0 ? open(ptsname(master), O_RDWR | O_NOCTTY) : -1;
	tap_ok(slave >= 0 && tcgetattr(slave, &term) == 0, "tcgetattr of its slave");
	for (i = 0; i < TTYDEF_CHARS; i++) {
		if (ttydef_chars[i].index < 0)
			continue;
		tap_ok(slave >= 0 && term.c_cc[ttydef_chars[i].index] == ttydef_chars[i].value,
		       "a new pty's c_cc slot for %s", ttydef_chars[i].name);
	}
	if (slave >= 0)
		close(slave);
	if (master >= 0)
		close(master);
	return tap_done();
}
