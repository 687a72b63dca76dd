/* getentropy.c: getentropy(3) over the Linux getrandom system call. */
#include <errno.h>
#include <stddef.h>

#include "linux_syscall.h"

/* getentropy(3): at most 256 bytes per call, or EIO. */
#define GETENTROPY_MAX	256

int getentropy(void *buf, size_t length)
{
	unsigned char *next = buf;
	long got;

	if (length > GETENTROPY_MAX) {
		errno = EIO;
		return -1;
	}
	while (length > 0) {
		got = linux_syscall_result(linux_syscall3(SYS_getrandom,
							  (long)next, length, 0));
		if (got < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		next += got;
		length -= got;
	}
	return 0;
}
