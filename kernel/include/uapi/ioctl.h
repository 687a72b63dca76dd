/*
 * uapi/ioctl.h: how Linux encodes ioctl request numbers (ioctl(2),
 * include/uapi/asm-generic/ioctl.h): bits 0..7 the number, 8..15 the
 * type (a letter per driver family), 16..29 the argument size, 30..31
 * the direction as seen from user space. The old TTY requests (0x54xx)
 * predate the scheme and are plain numbers.
 */
#ifndef UAPI_IOCTL_H
#define UAPI_IOCTL_H

#define _IOC_NRBITS	8
#define _IOC_TYPEBITS	8
#define _IOC_SIZEBITS	14
#define _IOC_DIRBITS	2

#define _IOC_NRSHIFT	0
#define _IOC_TYPESHIFT	(_IOC_NRSHIFT + _IOC_NRBITS)
#define _IOC_SIZESHIFT	(_IOC_TYPESHIFT + _IOC_TYPEBITS)
#define _IOC_DIRSHIFT	(_IOC_SIZESHIFT + _IOC_SIZEBITS)

#define _IOC_NONE	0U
#define _IOC_WRITE	1U	/* user space writes: the kernel reads the argument */
#define _IOC_READ	2U	/* user space reads: the kernel fills it */

#define _IOC(dir, type, nr, size)				\
	(((dir) << _IOC_DIRSHIFT) | ((type) << _IOC_TYPESHIFT) |	\
	 ((nr) << _IOC_NRSHIFT) | ((size) << _IOC_SIZESHIFT))

#define _IO(type, nr)		_IOC(_IOC_NONE, (type), (nr), 0)
#define _IOR(type, nr, t)	_IOC(_IOC_READ, (type), (nr), sizeof(t))
#define _IOW(type, nr, t)	_IOC(_IOC_WRITE, (type), (nr), sizeof(t))
#define _IOWR(type, nr, t)	_IOC(_IOC_READ | _IOC_WRITE, (type), (nr), sizeof(t))

#define _IOC_NR(cmd)	(((cmd) >> _IOC_NRSHIFT) & ((1U << _IOC_NRBITS) - 1))
#define _IOC_TYPE(cmd)	(((cmd) >> _IOC_TYPESHIFT) & ((1U << _IOC_TYPEBITS) - 1))
#define _IOC_SIZE(cmd)	(((cmd) >> _IOC_SIZESHIFT) & ((1U << _IOC_SIZEBITS) - 1))
#define _IOC_DIR(cmd)	(((cmd) >> _IOC_DIRSHIFT) & ((1U << _IOC_DIRBITS) - 1))

/* Requests any file may get (ioctl_list(2)); the 0x54 'T' page. */
#define FIONREAD	0x541B	/* int: bytes ready to read (TIOCINQ) */
#define FIONBIO		0x5421	/* int: set or clear O_NONBLOCK */
#define FIONCLEX	0x5450	/* clear FD_CLOEXEC */
#define FIOCLEX		0x5451	/* set FD_CLOEXEC */
#define FIOASYNC	0x5452

#endif /* UAPI_IOCTL_H */
