/*
 * at_flags.c: checks the AT_* flags of the *at(2) calls. Our <sys/fcntl.h>
 * gives AT_FDCWD and the flags Linux's values (newlib's were -2 and
 * 1, 2, 4, 8, 16), so they pass to the kernel as they are; the asserts
 * keep the header and the ABI's numbers together.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>

#include "linux_fcntl.h"
#include "linux_syscall.h"

_Static_assert(AT_FDCWD == LINUX_AT_FDCWD, "AT_FDCWD is Linux's");
_Static_assert(AT_EACCESS == LINUX_AT_EACCESS, "AT_EACCESS is Linux's");
_Static_assert(AT_SYMLINK_NOFOLLOW == LINUX_AT_SYMLINK_NOFOLLOW, "AT_SYMLINK_NOFOLLOW is Linux's");
_Static_assert(AT_SYMLINK_FOLLOW == LINUX_AT_SYMLINK_FOLLOW, "AT_SYMLINK_FOLLOW is Linux's");
_Static_assert(AT_REMOVEDIR == LINUX_AT_REMOVEDIR, "AT_REMOVEDIR is Linux's");
_Static_assert(AT_EMPTY_PATH == LINUX_AT_EMPTY_PATH, "AT_EMPTY_PATH is Linux's");

long at_dirfd_to_linux(int dirfd)
{
	return dirfd;
}

int at_flags_to_linux(int flags, int accepted, long *linux_flags)
{
	if (flags & ~accepted) {
		errno = EINVAL;
		return -1;
	}
	*linux_flags = flags;
	return 0;
}
