/* getcwd.c: getcwd(3) over the Linux getcwd system call. */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "linux_syscall.h"

/* The kernel's getcwd fails with ENAMETOOLONG beyond a page (PATH_MAX). */
#define GETCWD_ALLOC_MAX	4096

/*
 * getcwd(2), "C library/kernel differences": the system call returns the
 * length of the path, NUL included, and fails with ERANGE when size is too
 * small. With buf NULL, as glibc does (getcwd(3)), the path goes into an
 * allocated buffer: of size bytes, or, size being 0, of the path's length.
 */
char *getcwd(char *buf, size_t size)
{
	char *path;
	long len;

	if (buf)
		return linux_syscall_result(linux_syscall2(SYS_getcwd, (long)buf,
							   (long)size)) < 0 ? NULL : buf;
	path = malloc(size ? size : GETCWD_ALLOC_MAX);
	if (!path) {
		errno = ENOMEM;
		return NULL;
	}
	len = linux_syscall_result(linux_syscall2(SYS_getcwd, (long)path,
						  size ? (long)size : GETCWD_ALLOC_MAX));
	if (len < 0) {
		free(path);
		return NULL;
	}
	if (size == 0) {
		char *shrunk = realloc(path, (size_t)len);

		if (shrunk)
			path = shrunk;
	}
	return path;
}
