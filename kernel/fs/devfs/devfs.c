/*
 * devfs.c: /dev, a tmpfs whose device nodes drivers publish with
 * devfs_add_node (file.h), mountable as "devtmpfs" as on Linux. Every
 * devtmpfs mount shows the one instance, created at the first mount;
 * nodes published before it exists wait on a pending list.
 *
 * Nodes are made as root, whatever process the driver runs in (a pty
 * appears in /dev/pts when a user opens /dev/ptmx), so this bypasses the
 * permission checks of vfs_create. The links of devfs_links (/dev/fd,
 * /dev/stdin...) are made when /dev is first attached. Locking: vfs_lock.
 */
#include <basalt/log.h>
#include <basalt/string.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <uapi/errno.h>

#define DEVFS_ROOT_MODE		(S_IFDIR | 0755)
#define DEVFS_SUBDIR_MODE	(S_IFDIR | 0755)
#define DEVFS_NAME_MAX		64	/* "pts/4095" and the like */
#define DEVFS_LINK_MODE		(S_IFLNK | 0777)

/*
 * The links Linux's userspace makes in /dev at boot (systemd-udev's and
 * BusyBox mdev's static nodes, from the kernel's Documentation/admin-
 * guide/devices.rst "Compulsory links"): /dev/fd is the descriptor
 * directory, /dev/stdin, stdout, stderr the three standard descriptors.
 */
static const struct {
	const char *name;
	const char *target;
} devfs_links[] = {
	{ "fd", "/proc/self/fd" },
	{ "stdin", "/proc/self/fd/0" },
	{ "stdout", "/proc/self/fd/1" },
	{ "stderr", "/proc/self/fd/2" },
};

struct devfs_pending {
	struct list_node link;
	char name[DEVFS_NAME_MAX];
	unsigned mode;
	dev_t rdev;
};

static struct super_block *devfs_sb;
static struct list_node devfs_pending_list = { &devfs_pending_list, &devfs_pending_list };

/* Finds or makes the directory a node goes in; "pts/0" -> pts (locked). */
static int devfs_dir_for(const char *name, struct dentry **dir, const char **leaf)
{
	const char *slash = strchr(name, '/');
	struct dentry *root = devfs_sb->root, *d;
	struct inode *ino;
	size_t len;

	*dir = root;
	*leaf = name;
	if (!slash)
		return 0;
	len = (size_t)(slash - name);
	if (len == 0 || strchr(slash + 1, '/'))
		return -EINVAL;
	*leaf = slash + 1;
	d = dentry_find(root, name, len);
	if (d) {
		if (!S_ISDIR(d->inode->mode))
			return -ENOTDIR;
		*dir = d;
		return 0;
	}
	ino = inode_alloc(devfs_sb, DEVFS_SUBDIR_MODE, 0, 0);
	if (!ino)
		return -ENOMEM;
	d = dentry_link(root, name, len, ino);
	inode_put(ino);
	if (!d)
		return -ENOMEM;
	*dir = d;
	return 0;
}

/* Makes one node now (locked). */
static int devfs_make(const char *name, unsigned mode, dev_t rdev)
{
	struct dentry *dir, *d;
	struct inode *ino;
	const char *leaf;
	size_t len;
	int err = devfs_dir_for(name, &dir, &leaf);

	if (err)
		return err;
	len = strlen(leaf);
	if (len == 0 || len > NAME_MAX)
		return -EINVAL;
	if (dentry_find(dir, leaf, len))
		return -EEXIST;
	ino = inode_alloc(devfs_sb, mode, 0, 0);
	if (!ino)
		return -ENOMEM;
	ino->rdev = rdev;
	d = dentry_link(dir, leaf, len, ino);
	inode_put(ino);
	return d ? 0 : -ENOMEM;
}

int devfs_add_node(const char *name, unsigned mode, dev_t dev)
{
	struct devfs_pending *p;
	int err = 0;

	if (!name || !*name || strlen(name) >= DEVFS_NAME_MAX)
		return -EINVAL;
	if (!S_ISCHR(mode) && !S_ISBLK(mode))
		return -EINVAL;
	mutex_lock(&vfs_lock);
	if (devfs_sb) {
		err = devfs_make(name, mode, dev);
	} else {
		p = kzalloc(sizeof(*p));
		if (!p) {
			err = -ENOMEM;
		} else {
			strlcpy(p->name, name, sizeof(p->name));
			p->mode = mode;
			p->rdev = dev;
			list_add_tail(&devfs_pending_list, &p->link);
		}
	}
	mutex_unlock(&vfs_lock);
	return err;
}

int devfs_remove_node(const char *name)
{
	struct devfs_pending *p;
	struct list_node *n;
	int err = -ENOENT;

	if (!name)
		return -EINVAL;
	mutex_lock(&vfs_lock);
	if (devfs_sb) {
		struct dentry *dir = devfs_sb->root, *d;
		const char *slash = strchr(name, '/'), *leaf = name;

		if (slash) {
			dir = dentry_find(dir, name, (size_t)(slash - name));
			leaf = slash + 1;
		}
		d = dir ? dentry_find(dir, leaf, strlen(leaf)) : NULL;
		if (d && !S_ISDIR(d->inode->mode) && !d->mounted) {
			dentry_unlink(d);
			err = 0;
		}
	} else {
		list_for_each(n, &devfs_pending_list) {
			p = list_entry(n, struct devfs_pending, link);
			if (!strcmp(p->name, name)) {
				list_del(&p->link);
				kfree(p);
				err = 0;
				break;
			}
		}
	}
	mutex_unlock(&vfs_lock);
	return err;
}

static int devfs_mount(const struct fs_type *type, const char *options,
		       struct super_block **out)
{
	int err;

	if (!devfs_sb) {
		err = tmpfs_fill_super(type, options, DEVFS_ROOT_MODE, &devfs_sb);
		if (err)
			return err;
	}
	*out = devfs_sb;
	return 0;
}

/* The one instance outlives its mounts: nodes stay for the next mount. */
static void devfs_kill(struct super_block *sb __unused)
{
}

/* Makes the symlink /dev/name -> target as root (locked). */
static int devfs_make_link(const char *name, const char *target)
{
	size_t len = strlen(name);
	struct inode *ino;
	struct dentry *d;
	int err;

	if (dentry_find(devfs_sb->root, name, len))
		return -EEXIST;
	ino = inode_alloc(devfs_sb, DEVFS_LINK_MODE, 0, 0);
	if (!ino)
		return -ENOMEM;
	err = devfs_sb->ops->set_link(ino, target, strlen(target));
	if (err) {
		inode_put(ino);
		return err;
	}
	d = dentry_link(devfs_sb->root, name, len, ino);
	inode_put(ino);
	return d ? 0 : -ENOMEM;
}

int devfs_attach(const struct path *dev __unused)
{
	struct list_node *n;

	if (!devfs_sb)
		return -ENODEV;
	for (size_t i = 0; i < ARRAY_SIZE(devfs_links); i++) {
		int err = devfs_make_link(devfs_links[i].name, devfs_links[i].target);

		if (err && err != -EEXIST)
			pr_warn("devfs: cannot make /dev/%s: error %d\n", devfs_links[i].name, err);
	}
	while (!list_empty(&devfs_pending_list)) {
		struct devfs_pending *p;
		int err;

		n = devfs_pending_list.next;
		p = list_entry(n, struct devfs_pending, link);
		err = devfs_make(p->name, p->mode, p->rdev);
		if (err)
			pr_warn("devfs: cannot make /dev/%s: error %d\n", p->name, err);
		list_del(n);
		kfree(p);
	}
	return 0;
}

const struct fs_type devtmpfs_type = {
	.name = "devtmpfs",
	.mount = devfs_mount,
	.kill = devfs_kill,
};
