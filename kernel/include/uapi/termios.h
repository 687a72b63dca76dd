/*
 * uapi/termios.h: the terminal interface of the Linux x86_64 kernel ABI
 * (termios(3), tty_ioctl(4); values from include/uapi/asm-generic/
 * termbits.h and ioctls.h as documented there). Note that the kernel's
 * struct termios (what TCGETS copies) has NCCS = 19 and no speed fields;
 * glibc's user-space struct is larger and converted by the library.
 */
#ifndef UAPI_TERMIOS_H
#define UAPI_TERMIOS_H

#include <stdint.h>

typedef uint8_t cc_t;
typedef uint32_t speed_t;
typedef uint32_t tcflag_t;

#define NCCS		19

struct termios {
	tcflag_t c_iflag;	/* input modes */
	tcflag_t c_oflag;	/* output modes */
	tcflag_t c_cflag;	/* control modes */
	tcflag_t c_lflag;	/* local modes */
	cc_t c_line;		/* line discipline (0: N_TTY) */
	cc_t c_cc[NCCS];	/* special characters */
};

struct winsize {
	uint16_t ws_row;
	uint16_t ws_col;
	uint16_t ws_xpixel;
	uint16_t ws_ypixel;
};

/* c_cc indices. */
#define VINTR		0
#define VQUIT		1
#define VERASE		2
#define VKILL		3
#define VEOF		4
#define VTIME		5
#define VMIN		6
#define VSWTC		7
#define VSTART		8
#define VSTOP		9
#define VSUSP		10
#define VEOL		11
#define VREPRINT	12
#define VDISCARD	13
#define VWERASE		14
#define VLNEXT		15
#define VEOL2		16

/* c_iflag */
#define IGNBRK		0000001
#define BRKINT		0000002
#define IGNPAR		0000004
#define PARMRK		0000010
#define INPCK		0000020
#define ISTRIP		0000040
#define INLCR		0000100
#define IGNCR		0000200
#define ICRNL		0000400
#define IUCLC		0001000
#define IXON		0002000
#define IXANY		0004000
#define IXOFF		0010000
#define IMAXBEL		0020000
#define IUTF8		0040000

/* c_oflag */
#define OPOST		0000001
#define OLCUC		0000002
#define ONLCR		0000004
#define OCRNL		0000010
#define ONOCR		0000020
#define ONLRET		0000040
#define OFILL		0000100
#define OFDEL		0000200
#define NLDLY		0000400
#define CRDLY		0003000
#define TABDLY		0014000
#define XTABS		0014000	/* TAB3: expand tabs to spaces */
#define BSDLY		0020000
#define VTDLY		0040000
#define FFDLY		0100000

/* c_cflag */
#define CBAUD		0010017
#define B0		0000000
#define B9600		0000015
#define B19200		0000016
#define B38400		0000017
#define CSIZE		0000060
#define CS5		0000000
#define CS6		0000020
#define CS7		0000040
#define CS8		0000060
#define CSTOPB		0000100
#define CREAD		0000200
#define PARENB		0000400
#define PARODD		0001000
#define HUPCL		0002000
#define CLOCAL		0004000
#define CBAUDEX		0010000
#define B57600		0010001
#define B115200		0010002

/* c_lflag */
#define ISIG		0000001
#define ICANON		0000002
#define XCASE		0000004
#define ECHO		0000010
#define ECHOE		0000020
#define ECHOK		0000040
#define ECHONL		0000100
#define NOFLSH		0000200
#define TOSTOP		0000400
#define ECHOCTL		0001000
#define ECHOPRT		0002000
#define ECHOKE		0004000
#define FLUSHO		0010000
#define PENDIN		0040000
#define IEXTEN		0100000
#define EXTPROC		0200000

/* TCFLSH's argument */
#define TCIFLUSH	0
#define TCOFLUSH	1
#define TCIOFLUSH	2
/* TCXONC's argument */
#define TCOOFF		0
#define TCOON		1
#define TCIOFF		2
#define TCION		3

/* ioctl requests (tty_ioctl(4)); FIONREAD and friends are in uapi/ioctl.h. */
#define TCGETS		0x5401
#define TCSETS		0x5402	/* now */
#define TCSETSW		0x5403	/* after output drains */
#define TCSETSF		0x5404	/* after output drains, input flushed */
#define TCSBRK		0x5409
#define TCXONC		0x540A
#define TCFLSH		0x540B
#define TIOCEXCL	0x540C
#define TIOCNXCL	0x540D
#define TIOCSCTTY	0x540E
#define TIOCGPGRP	0x540F
#define TIOCSPGRP	0x5410
#define TIOCOUTQ	0x5411
#define TIOCSTI		0x5412
#define TIOCGWINSZ	0x5413
#define TIOCSWINSZ	0x5414
#define TIOCINQ		0x541B	/* FIONREAD */
#define TIOCNOTTY	0x5422
#define TIOCGSID	0x5429
#define TIOCGPTN	0x80045430	/* _IOR('T', 0x30, unsigned int) */
#define TIOCSPTLCK	0x40045431	/* _IOW('T', 0x31, int) */

/* The default special characters (Linux's INIT_C_CC, ttydefaults.h). */
#define CTRL_CHAR(c)	((c) & 0x1f)
#define CDEL		0x7f
#define CINTR		CTRL_CHAR('C')
#define CQUIT		0x1c		/* ^\ */
#define CERASE		CDEL
#define CKILL		CTRL_CHAR('U')
#define CEOF		CTRL_CHAR('D')
#define CSTART		CTRL_CHAR('Q')
#define CSTOP		CTRL_CHAR('S')
#define CSUSP		CTRL_CHAR('Z')
#define CREPRINT	CTRL_CHAR('R')
#define CDISCARD	CTRL_CHAR('O')
#define CWERASE		CTRL_CHAR('W')
#define CLNEXT		CTRL_CHAR('V')

#endif /* UAPI_TERMIOS_H */
