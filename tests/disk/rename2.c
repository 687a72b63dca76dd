/*
 * rename2.c: renameat2(2) for the tests/disk scripts (BusyBox's mv has
 * no flags). Usage: rename2 exchange|noreplace|none OLD NEW; prints
 * "ok" or the errno's name, exits 0 or 1. Static: runs on both kernels.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE	(1u << 0)	/* rename(2): fail if NEW exists */
#endif
#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE		(1u << 1)	/* rename(2): swap OLD and NEW */
#endif

static const char *errno_name(int e)
{
	switch (e) {
	case ENOENT: return "ENOENT";
	case EEXIST: return "EEXIST";
	case EINVAL: return "EINVAL";
	case ENOTDIR: return "ENOTDIR";
	case EISDIR: return "EISDIR";
	case ENOTEMPTY: return "ENOTEMPTY";
	case EBUSY: return "EBUSY";
	case EROFS: return "EROFS";
	case EXDEV: return "EXDEV";
	default: return strerror(e);
	}
}

int main(int argc, char **argv)
{
	unsigned flags = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: rename2 exchange|noreplace|none OLD NEW\n");
		return 2;
	}
	if (!strcmp(argv[1], "exchange"))
		flags = RENAME_EXCHANGE;
	else if (!strcmp(argv[1], "noreplace"))
		flags = RENAME_NOREPLACE;
	if (syscall(SYS_renameat2, AT_FDCWD, argv[2], AT_FDCWD, argv[3], flags) != 0) {
		printf("%s\n", errno_name(errno));
		return 1;
	}
	printf("ok\n");
	return 0;
}
