/*
 * devfs.c: /dev, a tmpfs whose device nodes drivers publish with
 * devfs_add_node (file.h), mountable as "devtmpfs" as on Linux. Every
 * devtmpfs mount shows the one instance, created at the first mount;
 * nodes published before it exists wait on a pending list.
 *
 * Nodes are made as root, whatever process the driver runs in (a pty
 * appears in /dev/pts when a user opens /dev/ptmx), so this bypasses the
 * permission checks of vfs_create (tmpfs_make_node). The links of
 * devfs_links (/dev/fd, /dev/stdin...) are made when /dev is first
 * attached. Locking: devfs_lock guards devfs_sb and the pending list;
 * the tree is tmpfs's (its directories' i_rwsem).
 */
#include <basalt/log.h>
#include <basalt/string.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <sched/mutex.h>
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
	uint32_t uid, gid;
};

/* guards: devfs_sb and devfs_pending_list */
static struct mutex devfs_lock = MUTEX_INIT(devfs_lock);
static struct super_block *devfs_sb;
static struct list_node devfs_pending_list = { &devfs_pending_list, &devfs_pending_list };

/*
 * Finds or makes the directory a node goes in ("pts/0" -> pts),
 * referenced; the leaf's name in *leaf.
 */
static int devfs_dir_for(const char *name, bool make, struct dentry **dir,
			 const char **leaf)
{
	const char *slash = strchr(name, '/');
	struct dentry *root = devfs_sb->root, *d;
	size_t len;
	int err;

	*leaf = name;
	if (!slash) {
		*dir = dentry_get(root);
		return 0;
	}
	len = (size_t)(slash - name);
	if (len == 0 || strchr(slash + 1, '/'))
		return -EINVAL;
	*leaf = slash + 1;
	err = dentry_lookup(root, name, len, &d);
	if (err)
		return err;
	if (d->inode) {
		if (!S_ISDIR(d->inode->mode)) {
			dentry_put(d);
			return -ENOTDIR;
		}
		*dir = d;
		return 0;
	}
	dentry_put(d);
	if (!make)
		return -ENOENT;
	err = tmpfs_make_node(root, name, len, DEVFS_SUBDIR_MODE, 0, NULL, dir);
	if (err == -EEXIST)		/* made meanwhile by another driver */
		return devfs_dir_for(name, false, dir, leaf);
	return err;
}

/* Makes one node now (devfs_lock held), owned by uid:gid. */
static int devfs_make(const char *name, unsigned mode, dev_t rdev, uint32_t uid, uint32_t gid)
{
	struct dentry *dir, *d;
	const char *leaf;
	int err = devfs_dir_for(name, true, &dir, &leaf);

	if (err)
		return err;
	err = tmpfs_make_node(dir, leaf, strlen(leaf), mode, rdev, NULL, &d);
	if (!err) {
		inode_lock(d->inode);
		d->inode->uid = uid;
		d->inode->gid = gid;
		inode_unlock(d->inode);
		dentry_put(d);
	}
	dentry_put(dir);
	return err;
}

int devfs_add_node(const char *name, unsigned mode, dev_t dev)
{
	return devfs_add_node_owned(name, mode, dev, 0, 0);
}

int devfs_add_node_owned(const char *name, unsigned mode, dev_t dev, uint32_t uid, uint32_t gid)
{
	struct devfs_pending *p;
	int err = 0;

	if (!name || !*name || strlen(name) >= DEVFS_NAME_MAX)
		return -EINVAL;
	if (!S_ISCHR(mode) && !S_ISBLK(mode))
		return -EINVAL;
	mutex_lock(&devfs_lock);
	if (devfs_sb) {
		err = devfs_make(name, mode, dev, uid, gid);
	} else {
		p = kzalloc(sizeof(*p));
		if (!p) {
			err = -ENOMEM;
		} else {
			strlcpy(p->name, name, sizeof(p->name));
			p->mode = mode;
			p->rdev = dev;
			p->uid = uid;
			p->gid = gid;
			list_add_tail(&devfs_pending_list, &p->link);
		}
	}
	mutex_unlock(&devfs_lock);
	return err;
}

int devfs_remove_node(const char *name)
{
	struct devfs_pending *p;
	struct list_node *n;
	int err = -ENOENT;

	if (!name)
		return -EINVAL;
	mutex_lock(&devfs_lock);
	if (devfs_sb) {
		struct dentry *dir;
		const char *leaf;

		err = devfs_dir_for(name, false, &dir, &leaf);
		if (!err) {
			err = tmpfs_remove_node(dir, leaf, strlen(leaf));
			dentry_put(dir);
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
	mutex_unlock(&devfs_lock);
	return err;
}

static int devfs_mount(const struct fs_type *type, const char *source __unused,
		       unsigned long flags __unused, const char *options,
		       struct super_block **out)
{
	int err = 0;

	mutex_lock(&devfs_lock);
	if (!devfs_sb)
		err = tmpfs_fill_super(type, options, DEVFS_ROOT_MODE, &devfs_sb);
	if (!err)
		*out = devfs_sb;
	mutex_unlock(&devfs_lock);
	return err;
}

/* The one instance outlives its mounts: nodes stay for the next mount. */
static void devfs_kill(struct super_block *sb __unused)
{
}

int devfs_attach(const struct path *dev __unused)
{
	struct list_node *n;

	mutex_lock(&devfs_lock);
	if (!devfs_sb) {
		mutex_unlock(&devfs_lock);
		return -ENODEV;
	}
	for (size_t i = 0; i < ARRAY_SIZE(devfs_links); i++) {
		const char *name = devfs_links[i].name;
		int err = tmpfs_make_node(devfs_sb->root, name, strlen(name), DEVFS_LINK_MODE,
					  0, devfs_links[i].target, NULL);

		if (err && err != -EEXIST)
			pr_warn("devfs: cannot make /dev/%s: error %d\n", devfs_links[i].name, err);
	}
	while (!list_empty(&devfs_pending_list)) {
		struct devfs_pending *p;
		int err;

		n = devfs_pending_list.next;
		p = list_entry(n, struct devfs_pending, link);
		err = devfs_make(p->name, p->mode, p->rdev, p->uid, p->gid);
		if (err)
			pr_warn("devfs: cannot make /dev/%s: error %d\n", p->name, err);
		list_del(n);
		kfree(p);
	}
	mutex_unlock(&devfs_lock);
	return 0;
}

const struct fs_type devtmpfs_type = {
	.name = "devtmpfs",
	.mount = devfs_mount,
	.kill = devfs_kill,
};
