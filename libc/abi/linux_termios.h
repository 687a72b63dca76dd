/* linux_termios.h: the struct termios of Linux x86_64's TCGETS ioctl. */
/*
 * Layout of Linux's include/uapi/asm-generic/termbits.h "struct termios"
 * (the kernel's, not glibc's larger one), as described in ioctl_tty(2).
 */
#ifndef BASALT_LIBC_LINUX_TERMIOS_H
#define BASALT_LIBC_LINUX_TERMIOS_H

/* ioctl_tty(2): get the current serial port settings. */
#define LINUX_TCGETS		0x5401

/* Control characters in the kernel's struct termios (asm-generic/termbits.h NCCS). */
#define LINUX_NCCS		19

struct linux_termios {
	unsigned int c_iflag;
	unsigned int c_oflag;
	unsigned int c_cflag;
	unsigned int c_lflag;
	unsigned char c_line;
	unsigned char c_cc[LINUX_NCCS];
};

#endif /* BASALT_LIBC_LINUX_TERMIOS_H */
