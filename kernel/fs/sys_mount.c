/*
 * sys_mount.c: mount(2) for tmpfs and devtmpfs (others ENODEV; remount,
 * bind and move mounts EINVAL for now) and umount2(2).
 */
#include <arch/x86_64/syscall/syscall.h>
#include <basalt/vmlayout.h>
#include <fs/syscalls.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <uapi/errno.h>

/* mount(2)'s data is at most a page; the type name is a short string. */
#define MOUNT_DATA_MAX		PAGE_SIZE
#define MOUNT_TYPE_MAX		64

long sys_mount(struct trap_frame *f)
{
	uint64_t utype = SYSCALL_ARG2(f), udata = SYSCALL_ARG4(f);
	char type[MOUNT_TYPE_MAX], *target = NULL, *data = NULL;
	long err, n;

	err = user_path_get((const char __user *)SYSCALL_ARG1(f), &target);
	if (err)
		return err;
	type[0] = '\0';
	if (utype) {
		n = strncpy_from_user(type, (const char __user *)utype, sizeof(type));
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
		n = strncpy_from_user(data, (const char __user *)udata, MOUNT_DATA_MAX);
		if (n < 0 || n >= (long)MOUNT_DATA_MAX) {
			err = n < 0 ? n : -EINVAL;
			goto out;
		}
	}
	err = vfs_mount_path(target, utype ? type : NULL, SYSCALL_ARG3(f), data);
out:
	kfree(data);
	user_path_put(target);
	return err;
}

long sys_umount2(struct trap_frame *f)
{
	char *target;
	long err = user_path_get((const char __user *)SYSCALL_ARG0(f), &target);

	if (err)
		return err;
	err = vfs_umount_path(target, (int)SYSCALL_ARG1(f));
	user_path_put(target);
	return err;
}
