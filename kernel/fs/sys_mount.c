/*
 * sys_mount.c: mount(2) for tmpfs and devtmpfs (others ENODEV; remount,
 * bind and move mounts EINVAL for now) and umount2(2).
 */
#include <basalt/syscalls.h>
#include <basalt/vmlayout.h>
#include <fs/syscalls.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <uapi/errno.h>

/* mount(2)'s data is at most a page; the type name is a short string. */
#define MOUNT_DATA_MAX		PAGE_SIZE
#define MOUNT_TYPE_MAX		64

/* tmpfs and devtmpfs have no source: dev_name is not read. */
SYSCALL_DEFINE5(mount, char __user *, dev_name __unused, char __user *, dir_name,
		char __user *, utype, unsigned long, flags, void __user *, udata)
{
	char type[MOUNT_TYPE_MAX], *target = NULL, *data = NULL;
	long err, n;

	err = user_path_get(dir_name, &target);
	if (err)
		return err;
	type[0] = '\0';
	if (utype) {
		n = strncpy_from_user(type, utype, sizeof(type));
		if (n < 0) {
			err = n;
			goto out;
		}
		if (n >= (long)sizeof(type)) {
			err = -ENODEV;		/* no type has so long a name */
			goto out;
		}
	}
	if (udata) {
		data = kmalloc(MOUNT_DATA_MAX);
		if (!data) {
			err = -ENOMEM;
			goto out;
		}
		n = strncpy_from_user(data, udata, MOUNT_DATA_MAX);
		if (n < 0 || n >= (long)MOUNT_DATA_MAX) {
			err = n < 0 ? n : -EINVAL;
			goto out;
		}
	}
	err = vfs_mount_path(target, utype ? type : NULL, flags, data);
out:
	kfree(data);
	user_path_put(target);
	return err;
}

SYSCALL_DEFINE2(umount2, char __user *, name, int, flags)
{
	char *target;
	long err = user_path_get(name, &target);

	if (err)
		return err;
	err = vfs_umount_path(target, flags);
	user_path_put(target);
	return err;
}
