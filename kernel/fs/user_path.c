/*
 * user_path.c: path names from user space (path_resolution(7)): at most
 * PATH_MAX bytes with the NUL, else ENAMETOOLONG; a bad pointer is
 * EFAULT.
 *
 * Most paths are short: they are copied onto the stack first and then
 * into a kmalloc object of their own size, from the small caches, which
 * always have a slab with room. A PATH_MAX buffer is a whole page from
 * the page allocator (kmalloc's largest cache is 2048 bytes), zeroed
 * there (GFP_ZERO, mm.h): taking one per stat(2) or open(2) was the
 * largest part of those calls under QEMU.
 */
#include <basalt/string.h>
#include <fs/syscalls.h>
#include <mm/mm.h>
#include <uapi/errno.h>
#include <uapi/limits.h>

/* Paths shorter than this (with the NUL) take the short way. */
#define USER_PATH_SHORT		256

static int user_path_copy_long(const char __user *upath, char **out)
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

int user_path_get(const char __user *upath, char **out)
{
	char short_buf[USER_PATH_SHORT];
	long len = strncpy_from_user(short_buf, upath, sizeof(short_buf));
	char *buf;

	if (len < 0)
		return (int)len;
	if ((size_t)len >= sizeof(short_buf))
		return user_path_copy_long(upath, out);
	buf = kmalloc((size_t)len + 1);
	if (!buf)
		return -ENOMEM;
	memcpy(buf, short_buf, (size_t)len + 1);
	*out = buf;
	return 0;
}

void user_path_put(char *path)
{
	kfree(path);
}
