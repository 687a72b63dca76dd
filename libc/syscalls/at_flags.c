/* at_flags.c: translates AT_FDCWD and the AT_* flags of the *at(2) calls from newlib's values to Linux's. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>

#include "linux_fcntl.h"
#include "linux_syscall.h"

/* newlib's <sys/_default_fcntl.h> numbers them 1, 2, 4, 8, 16; Linux does not. */
static const struct {
	int newlib_flag;
	long linux_flag;
} at_flag_table[] = {
	{ AT_EACCESS, LINUX_AT_EACCESS },
	{ AT_SYMLINK_NOFOLLOW, LINUX_AT_SYMLINK_NOFOLLOW },
	{ AT_SYMLINK_FOLLOW, LINUX_AT_SYMLINK_FOLLOW },
	{ AT_REMOVEDIR, LINUX_AT_REMOVEDIR },
	{ AT_EMPTY_PATH, LINUX_AT_EMPTY_PATH },
};

#define AT_FLAG_TABLE_SIZE (sizeof(at_flag_table) / sizeof(at_flag_table[0]))

long at_dirfd_to_linux(int dirfd)
{
	return dirfd == AT_FDCWD ? LINUX_AT_FDCWD : dirfd;
}

int at_flags_to_linux(int flags, int accepted, long *linux_flags)
{
	unsigned int i;

	if (flags & ~accepted) {
		errno = EINVAL;
		return -1;
	}
	*linux_flags = 0;
	for (i = 0; i < AT_FLAG_TABLE_SIZE; i++) {
		if (flags & at_flag_table[i].newlib_flag)
			*linux_flags |= at_flag_table[i].linux_flag;
	}
	return 0;
}
