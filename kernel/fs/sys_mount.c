/*
 * sys_mount.c: mount(2) and umount2(2): the strings are copied in here,
 * the work is vfs/mount.c's (vfs_mount_path).
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

SYSCALL_DEFINE5(mount, char __user *, dev_name, char __user *, dir_name,
		char __user *, utype, unsigned long, flags, void __user *, udata)
{
	char type[MOUNT_TYPE_MAX], *target = NULL, *data = NULL, *source = NULL;
	long err, n;

	err = user_path_get(dir_name, &target);
	if (err)
		return err;
	/* The source is a path for a disk file system, any name otherwise. */
	if (dev_name) {
		err = user_path_get(dev_name, &source);
		if (err)
			goto out;
	}
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
	err = vfs_mount_path(source, target, utype ? type : NULL, flags, data);
out:
	kfree(data);
	if (source)
		user_path_put(source);
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
