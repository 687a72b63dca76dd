/* opendir.c: opendir(3), fdopendir, closedir, fdclosedir, dirfd. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dirent_impl.h"

DIR *fdopendir(int fd)
{
	struct stat st;
	DIR *dir;

	if (fstat(fd, &st) < 0)
		return NULL;	/* EBADF */
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return NULL;
	}
	dir = malloc(sizeof(*dir));
	if (!dir)
		return NULL;
	dir->fd = fd;
	dir->position = 0;
	dir->length = 0;
	dir->tell = 0;
	return dir;
}

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *dir;
	int saved;

	if (fd < 0)
		return NULL;
	dir = fdopendir(fd);
	if (!dir) {
		saved = errno;
		close(fd);
		errno = saved;
	}
	return dir;
}

/* fdclosedir (BSD): frees the stream and hands back its descriptor. */
int fdclosedir(DIR *dir)
{
	int fd = dir->fd;

	free(dir);
	return fd;
}

int closedir(DIR *dir)
{
	return close(fdclosedir(dir));
}

int dirfd(DIR *dir)
{
	return dir->fd;
}
