/* open_flags.c: translates open(2) flags between newlib's <fcntl.h> values and Linux's. */
#define _GNU_SOURCE
#include <fcntl.h>

#include "linux_fcntl.h"
#include "linux_syscall.h"

/*
 * The access mode (O_RDONLY, O_WRONLY, O_RDWR) has the same values in both;
 * every other flag is a bit of its own, listed here. newlib's <fcntl.h>
 * shows O_NOATIME and O_PATH to Cygwin only; our fcntl.h adds O_NOATIME.
 */
static const struct {
	int newlib_flag;
	long linux_flag;
} flag_table[] = {
	{ O_CREAT, LINUX_O_CREAT },
	{ O_EXCL, LINUX_O_EXCL },
	{ O_NOCTTY, LINUX_O_NOCTTY },
	{ O_TRUNC, LINUX_O_TRUNC },
	{ O_APPEND, LINUX_O_APPEND },
	{ O_NONBLOCK, LINUX_O_NONBLOCK },
	{ O_SYNC, LINUX_O_SYNC },
	{ O_DIRECT, LINUX_O_DIRECT },
	{ O_DIRECTORY, LINUX_O_DIRECTORY },
	{ O_NOFOLLOW, LINUX_O_NOFOLLOW },
	{ O_CLOEXEC, LINUX_O_CLOEXEC },
	{ O_ASYNC, LINUX_O_ASYNC },
	{ O_NOATIME, LINUX_O_NOATIME },
};

#define FLAG_TABLE_SIZE (sizeof(flag_table) / sizeof(flag_table[0]))

long open_flags_to_linux(int flags)
{
	long linux_flags = flags & O_ACCMODE;
	unsigned int i;

	for (i = 0; i < FLAG_TABLE_SIZE; i++) {
		if ((flags & flag_table[i].newlib_flag) == flag_table[i].newlib_flag)
			linux_flags |= flag_table[i].linux_flag;
	}
	return linux_flags;
}

int open_flags_from_linux(long linux_flags)
{
	int flags = linux_flags & LINUX_O_ACCMODE;
	unsigned int i;

	for (i = 0; i < FLAG_TABLE_SIZE; i++) {
		if ((linux_flags & flag_table[i].linux_flag) == flag_table[i].linux_flag)
			flags |= flag_table[i].newlib_flag;
	}
	return flags;
}
