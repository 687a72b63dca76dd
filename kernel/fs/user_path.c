/*
 * user_path.c: path names from user space (path_resolution(7)): at most
 * PATH_MAX bytes with the NUL, else ENAMETOOLONG; a bad pointer is
 * EFAULT.
 */
#include <fs/syscalls.h>
#include <mm/mm.h>
#include <uapi/errno.h>
#include <uapi/limits.h>

int user_path_get(const char __user *upath, char **out)
{
	char *buf = kmalloc(PATH_MAX);
	long len;

	if (!buf)
		return -ENOMEM;
	len = strncpy_from_user(buf, upath, PATH_MAX);
	if (len < 0 || len >= PATH_MAX) {
		kfree(buf);
		return len < 0 ? (int)len : -ENAMETOOLONG;
	}
	*out = buf;
	return 0;
}

void user_path_put(char *path)
{
	kfree(path);
}
