/*
 * shm.c: shm_open(3) and shm_unlink(3). A POSIX shared memory object is
 * a file of the tmpfs mounted on /dev/shm (the system's fstab mounts
 * it), as glibc does: "/name" is /dev/shm/name, opened close-on-exec and
 * without following a symbolic link; mmap(MAP_SHARED) of it shares its
 * pages between processes through the page cache.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define SHM_DIR		"/dev/shm/"

/*
 * The path of object name in buf (PATH_MAX bytes): 0, or -1 with errno:
 * EINVAL for an empty name, a name with a '/' after the first, "." or
 * ".."; ENAMETOOLONG past NAME_MAX (glibc's __shm_get_name).
 */
static int shm_path(const char *name, char *buf)
{
	size_t len;

	while (*name == '/')
		name++;
	len = strlen(name);
	if (len == 0 || strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, "..")) {
		errno = EINVAL;
		return -1;
	}
	if (len > NAME_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(buf, SHM_DIR, sizeof(SHM_DIR) - 1);
	memcpy(buf + sizeof(SHM_DIR) - 1, name, len + 1);
	return 0;
}

int shm_open(const char *name, int oflag, mode_t mode)
{
	char path[PATH_MAX];

	if (shm_path(name, path))
		return -1;
	return open(path, oflag | O_NOFOLLOW | O_CLOEXEC, mode);
}

int shm_unlink(const char *name)
{
	char path[PATH_MAX];

	if (shm_path(name, path))
		return -1;
	return unlink(path);
}
