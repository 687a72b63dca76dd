/* ttyname.c: ttyname(3) and ttyname_r: the terminal's path, through /proc/self/fd. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* "/proc/self/fd/" and a descriptor number. */
#define TTYNAME_PROC_PATH_SIZE	32
#define TTYNAME_MAX		64

/*
 * The link /proc/self/fd/N names the open file (proc(5)); it is the
 * terminal's name if it is still the same file (the device may have been
 * renamed or the path may belong to another namespace), which is checked
 * by comparing device and inode.
 */
int ttyname_r(int fd, char *buf, size_t size)
{
	char proc_path[TTYNAME_PROC_PATH_SIZE];
	struct stat fd_st, path_st;
	ssize_t length;

	if (!isatty(fd))
		return errno;	/* EBADF or ENOTTY */
	snprintf(proc_path, sizeof(proc_path), "/proc/self/fd/%d", fd);
	if (size == 0)
		return ERANGE;
	length = readlink(proc_path, buf, size - 1);
	if (length < 0)
		return errno;
	if ((size_t)length == size - 1)
		return ERANGE;	/* possibly truncated */
	buf[length] = '\0';
	if (fstat(fd, &fd_st) < 0 || stat(buf, &path_st) < 0 ||
	    fd_st.st_dev != path_st.st_dev || fd_st.st_ino != path_st.st_ino)
		return ENODEV;
	return 0;
}

char *ttyname(int fd)
{
	static char name[TTYNAME_MAX];
	int error = ttyname_r(fd, name, sizeof(name));

	if (error) {
		errno = error;
		return NULL;
	}
	return name;
}
