/* readdir.c: readdir(3), readdir_r, rewinddir, telldir, seekdir over getdents64(2). */
#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "dirent_impl.h"
#include "linux_syscall.h"

/*
 * Our struct dirent is the kernel's struct linux_dirent64, so a record is
 * returned in place; it may be shorter than sizeof(struct dirent) (the
 * name is only as long as it needs), as with glibc.
 */
struct dirent *readdir(DIR *dir)
{
	struct dirent *entry;
	long count;

	if (dir->position >= dir->length) {
		count = linux_syscall_result(linux_syscall3(SYS_getdents64, dir->fd,
							    (long)dir->buffer,
							    sizeof(dir->buffer)));
		if (count <= 0)
			return NULL;	/* 0: the end, errno untouched */
		dir->length = count;
		dir->position = 0;
	}
	entry = (struct dirent *)(dir->buffer + dir->position);
	dir->position += entry->d_reclen;
	dir->tell = entry->d_off;
	return entry;
}

int readdir_r(DIR *__restrict dir, struct dirent *__restrict entry,
	      struct dirent **__restrict result)
{
	int saved = errno;
	struct dirent *next;

	errno = 0;
	next = readdir(dir);
	if (!next && errno) {
		*result = NULL;
		return errno;
	}
	errno = saved;
	if (next)
		memcpy(entry, next, next->d_reclen < sizeof(*entry) ?
		       next->d_reclen : sizeof(*entry));
	*result = next ? entry : NULL;
	return 0;
}

void seekdir(DIR *dir, long location)
{
	if (lseek(dir->fd, location, SEEK_SET) < 0)
		return;
	dir->position = 0;
	dir->length = 0;
	dir->tell = location;
}

void rewinddir(DIR *dir)
{
	seekdir(dir, 0);
}

long telldir(DIR *dir)
{
	return dir->tell;
}
