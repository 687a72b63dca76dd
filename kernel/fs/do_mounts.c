/*
 * do_mounts.c: the root file system named on the command line, as
 * Linux's init/do_mounts.c (prepare_namespace, mount_root): root= names
 * a block device (root_dev.c), rootdelay= and rootwait wait for it, and
 * the kernel mounts it read-only (rw: read-write) on /root of the
 * initramfs's tmpfs with rootfstype='s types or else every type that
 * needs a device, binds /dev there (devtmpfs_mount), moves it onto /
 * and makes it the root of every new process. kmain calls it when the
 * initramfs has no rdinit= program: with one, that program mounts the
 * root itself and runs switch_root, as on Linux.
 */
#include <basalt/cmdline.h>
#include <basalt/format.h>
#include <basalt/log.h>
#include <basalt/panic.h>
#include <basalt/string.h>
#include <block/buffer.h>
#include <fs/root_dev.h>
#include <fs/vfs.h>
#include <sched/wait.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#define ROOT_MNT_DIR		"/root"
#define ROOT_MNT_DIR_MODE	0700
#define ROOT_DEV_NODE		"root"		/* /dev/root, the source Linux shows */
#define ROOT_DEV_PATH		"/dev/root"
#define ROOT_DEV_NODE_MODE	0600
/* Linux's rootwait polls every 5 ms (wait_for_root). */
#define ROOT_WAIT_POLL_MS	5
#define ROOT_MS_PER_SEC		1000
#define ROOT_TYPES_MAX		128

/* The block device root= names, or NULL (not there yet). */
static struct block_device *root_dev_find(const struct root_dev *r)
{
	char path[ROOT_DEV_NAME_MAX + sizeof("/dev/")];
	struct block_device *b;

	switch (r->kind) {
	case ROOT_DEV_NAME:
		snprintf(path, sizeof(path), "/dev/%s", r->name);
		return bdev_lookup_path(path, &b) == 0 ? b : NULL;
	case ROOT_DEV_PARTUUID:
		return bdev_find_partuuid(r->uuid, r->partnroff);
	case ROOT_DEV_NUMBER:
		return bdev_lookup(DEV_MAKE(r->major, r->minor));
	}
	return NULL;
}

struct root_types {
	char list[ROOT_TYPES_MAX];
	size_t len;
};

static int root_type_add(const struct fs_type *type, void *arg)
{
	struct root_types *t = arg;
	size_t n = strlen(type->name);

	if (!(type->fs_flags & FS_REQUIRES_DEV) || t->len + n + 2 > sizeof(t->list))
		return 0;
	if (t->len)
		t->list[t->len++] = ',';
	memcpy(t->list + t->len, type->name, n + 1);
	t->len += n;
	return 0;
}

/*
 * Tries each type of the comma-separated list on /dev/root (Linux's
 * mount_block_root): 0 with the type mounted on /root, or the last
 * errno; EACCES retries read-only.
 */
static int root_try_types(char *types, unsigned long flags, const char **mounted)
{
	int err = -ENODEV;
	char *next;

	for (char *t = types; t && *t; t = next) {
		next = strchr(t, ',');
		if (next)
			*next++ = '\0';
		err = vfs_mount_path(ROOT_DEV_PATH, ROOT_MNT_DIR, t, flags, boot_cmdline.rootflags);
		if (err == -EACCES && !(flags & MS_RDONLY))
			err = vfs_mount_path(ROOT_DEV_PATH, ROOT_MNT_DIR, t, flags | MS_RDONLY,
					     boot_cmdline.rootflags);
		if (!err) {
			*mounted = t;
			return 0;
		}
	}
	return err;
}

int vfs_mount_root_dev(const char *spec, const char *fstypes, bool rw, bool wait)
{
	unsigned long flags = (rw ? 0 : MS_RDONLY) | MS_SILENT;
	struct root_types types = { .len = 0 };
	const char *mounted = NULL;
	struct block_device *b;
	struct root_dev r;
	int err;

	err = root_dev_parse(spec, &r);
	if (err) {
		pr_err("VFS: Cannot open root device \"%s\": not a form root= takes "
		       "(/dev/NAME, PARTUUID=, MAJOR:MINOR)\n", spec);
		return err;
	}
	b = root_dev_find(&r);
	if (!b && wait) {
		pr_info("Waiting for root device %s...\n", spec);
		while (!(b = root_dev_find(&r)))
			msleep(ROOT_WAIT_POLL_MS);
	}
	if (!b) {
		pr_err("VFS: Cannot open root device \"%s\" or unknown-block(0,0): error %d\n",
		       spec, -ENXIO);
		return -ENXIO;
	}
	if (fstypes)
		strlcpy(types.list, fstypes, sizeof(types.list));
	else
		vfs_for_each_fs_type(root_type_add, &types);
	err = devfs_add_node(ROOT_DEV_NODE, S_IFBLK | ROOT_DEV_NODE_MODE, b->dev);
	if (err && err != -EEXIST)
		return err;
	err = vfs_mkdirat(AT_FDCWD, ROOT_MNT_DIR, ROOT_MNT_DIR_MODE);
	if (err && err != -EEXIST)
		goto out;
	pr_info("VFS: trying %s on %s (%u:%u) as root, types %s\n", spec, b->name,
		DEV_MAJOR(b->dev), DEV_MINOR(b->dev), types.list[0] ? types.list : "(none)");
	err = root_try_types(types.list, flags, &mounted);
	if (err) {
		pr_err("No filesystem could mount root, tried: %s (last error %d)\n",
		       types.list[0] ? types.list : "(no block file system)", err);
		goto out;
	}
	pr_info("VFS: Mounted root (%s filesystem)%s on device %u:%u.\n", mounted,
		(flags & MS_RDONLY) ? " readonly" : "", DEV_MAJOR(b->dev), DEV_MINOR(b->dev));
	/* devtmpfs_mount: /dev in the new root, if it has the directory. */
	if (vfs_mount_path("/dev", ROOT_MNT_DIR "/dev", NULL, MS_BIND, NULL))
		pr_warn("devtmpfs: no /dev in the root file system\n");
	err = vfs_mount_path(ROOT_MNT_DIR, "/", NULL, MS_MOVE, NULL);
	if (err) {
		pr_err("VFS: cannot move the root onto / (error %d)\n", err);
		goto out;
	}
	vfs_set_root_to_top();
out:
	devfs_remove_node(ROOT_DEV_NODE);
	return err;
}

void vfs_mount_root(void)
{
	const char *spec = boot_cmdline.root;

	if (boot_cmdline.rootdelay > 0) {
		pr_info("Waiting %ld sec before mounting root device...\n",
			boot_cmdline.rootdelay);
		msleep((uint64_t)boot_cmdline.rootdelay * ROOT_MS_PER_SEC);
	}
	if (vfs_mount_root_dev(spec, boot_cmdline.rootfstype, boot_cmdline.root_rw,
			       boot_cmdline.rootwait))
		panic("VFS: Unable to mount root fs on %s", spec);
}
