/* sys/ttydefaults.h: a terminal's default control characters and modes, as Linux's C library has them. */
/*
 * Programs that reset a terminal (ncurses' tset and reset, getty, login)
 * read the "sane" values from here. The control characters are Linux's
 * defaults for a new tty (termios(3) lists them: INTR ^C, QUIT ^\,
 * ERASE DEL, KILL ^U, EOF ^D, START ^Q, STOP ^S, SUSP ^Z, REPRINT ^R,
 * DISCARD ^O, WERASE ^W, LNEXT ^V, MIN 1, TIME 0; EOL disabled).
 * The TTYDEF_* modes are the 4.4BSD ones Linux's C library publishes
 * under these names (seven bits, even parity, 9600 baud), which are not
 * the kernel's own defaults for a new tty (8 bits, 38400 baud); programs
 * built on Linux see these, so ours are the same.
 * <termios.h> (sys/termios.h) includes this header, as on Linux.
 */
#ifndef _SYS_TTYDEFAULTS_H
#define _SYS_TTYDEFAULTS_H

#include <sys/termios.h>

/* The default modes (c_iflag, c_oflag, c_lflag, c_cflag) and speed. */
#define TTYDEF_IFLAG	(BRKINT | ISTRIP | ICRNL | IMAXBEL | IXON | IXANY)
#define TTYDEF_OFLAG	(OPOST | ONLCR | XTABS)
#define TTYDEF_LFLAG	(ECHO | ICANON | ISIG | IEXTEN | ECHOE | ECHOKE | ECHOCTL)
#define TTYDEF_CFLAG	(CREAD | CS7 | PARENB | HUPCL)
#define TTYDEF_SPEED	(B9600)

/* CTRL('c'): the control character typed with that letter (its low five bits). */
#define CTRL(x)		((x) & 037)

/* A disabled c_cc entry: _POSIX_VDISABLE (<unistd.h>), '\0' on Linux. */
#ifdef _POSIX_VDISABLE
#define _TTYDEF_DISABLED	_POSIX_VDISABLE
#else
#define _TTYDEF_DISABLED	'\0'
#endif

/* The default c_cc values. */
#define CEOF		CTRL('d')
#define CEOL		_TTYDEF_DISABLED
#define CERASE		0177		/* DEL */
#define CINTR		CTRL('c')
#define CSTATUS		_TTYDEF_DISABLED
#define CKILL		CTRL('u')
#define CMIN		1
#define CQUIT		034		/* FS, ^\ */
#define CSUSP		CTRL('z')
#define CTIME		0
#define CDSUSP		CTRL('y')
#define CSTART		CTRL('q')
#define CSTOP		CTRL('s')
#define CLNEXT		CTRL('v')
#define CDISCARD	CTRL('o')
#define CWERASE		CTRL('w')
#define CREPRINT	CTRL('r')

/* Older names of the same characters. */
#define CEOT		CEOF
#define CBRK		CEOL
#define CRPRNT		CREPRINT
#define CFLUSH		CDISCARD

#endif /* _SYS_TTYDEFAULTS_H */
