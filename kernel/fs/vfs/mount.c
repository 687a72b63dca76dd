/*
 * mount.c: the mount table (mount(2), umount(2)), the file system types
 * and vfs_init. A path is a (mount, dentry) pair; a lookup that reaches
 * a dentry something is mounted on continues at the topmost mount's
 * root (vfs_follow_mounts), and ".." at a mount's root climbs to its
 * mountpoint first (namei.c). Locking: vfs_lock (vfs.h).
 */
#include <basalt/log.h>
#include <basalt/string.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <uapi/errno.h>
#include <uapi/mount.h>

#define VFS_DEV_DIR_MODE	0755
/* "/" is 0755 like Linux's rootfs (tmpfs alone defaults to 1777). */
#define VFS_ROOT_OPTIONS	"mode=0755"
/* Linux gives tmpfs and other nodev file systems anonymous devices 0:N. */
#define VFS_ANON_DEV_FIRST	1

static const struct fs_type *const vfs_fs_types[] = {
	&tmpfs_type,
	&devtmpfs_type,
	&procfs_type,
};

/* Every attached mount, oldest first: the last match is the topmost. */
static struct list_node vfs_mounts = { &vfs_mounts, &vfs_mounts };
static struct vfs_mount *vfs_root_mount;
static uint32_t vfs_next_anon_dev = VFS_ANON_DEV_FIRST;
static uint64_t vfs_next_mount_id = 1;

uint32_t vfs_anon_dev(void)
{
	return vfs_next_anon_dev++;
}

const struct fs_type *vfs_find_fs_type(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(vfs_fs_types); i++)
		if (!strcmp(vfs_fs_types[i]->name, name))
			return vfs_fs_types[i];
	return NULL;
}

bool vfs_ready(void)
{
	return vfs_root_mount != NULL;
}

struct vfs_mount *vfs_mount_get(struct vfs_mount *m)
{
	m->ref++;
	return m;
}

void vfs_mount_put(struct vfs_mount *m)
{
	while (m && --m->ref == 0) {
		struct vfs_mount *parent = m->parent;
		struct super_block *sb = m->sb;

		dentry_put(m->root);
		if (m->mountpoint)
			dentry_put(m->mountpoint);
		kfree(m);
		if (--sb->mounts == 0)
			sb->type->kill(sb);
		m = parent;
	}
}

void vfs_root(struct path *out)
{
	out->mnt = vfs_root_mount;
	out->dentry = vfs_root_mount->root;
	path_get(out);
}

void vfs_follow_mounts(struct path *p)
{
	while (p->dentry->mounted) {
		struct vfs_mount *top = NULL;
		struct list_node *n;

		list_for_each(n, &vfs_mounts) {
			struct vfs_mount *m = list_entry(n, struct vfs_mount, link);

			if (m->parent == p->mnt && m->mountpoint == p->dentry)
				top = m;
		}
		if (!top)
			return;
		p->mnt = top;
		p->dentry = top->root;
	}
}

struct vfs_mount *vfs_kern_mount(struct super_block *sb)
{
	struct vfs_mount *m = kzalloc(sizeof(*m));

	if (!m)
		return NULL;
	m->sb = sb;
	m->root = sb->root;
	dentry_get(m->root);
	sb->mounts++;
	m->ref = 1;
	m->id = vfs_next_mount_id++;
	return m;
}

/* A mount of sb on at (NULL for the root), in the table with one reference. */
static int vfs_mount_attach(struct super_block *sb, const struct path *at,
			    unsigned flags)
{
	struct vfs_mount *m = kzalloc(sizeof(*m));

	if (!m)
		return -ENOMEM;
	m->sb = sb;
	m->root = sb->root;
	dentry_get(m->root);
	sb->mounts++;
	m->flags = flags;
	m->ref = 1;
	m->attached = true;
	m->id = vfs_next_mount_id++;
	if (at) {
		m->parent = vfs_mount_get(at->mnt);
		m->mountpoint = at->dentry;
		dentry_get(at->dentry);
		at->dentry->mounted++;
	} else {
		vfs_root_mount = m;
	}
	list_add_tail(&vfs_mounts, &m->link);
	return 0;
}

int vfs_mount_at(const struct path *at, const char *fstype, const char *options,
		 unsigned flags)
{
	const struct fs_type *type = vfs_find_fs_type(fstype);
	struct super_block *sb;
	int err;

	if (!type)
		return -ENODEV;
	if (at && !S_ISDIR(at->dentry->inode->mode))
		return -ENOTDIR;
	if (at && at->dentry->dead)
		return -ENOENT;
	err = type->mount(type, options, &sb);
	if (err)
		return err;
	err = vfs_mount_attach(sb, at, flags);
	if (err)
		type->kill(sb);
	return err;
}

static bool vfs_mount_has_children(const struct vfs_mount *parent)
{
	struct list_node *n;

	list_for_each(n, &vfs_mounts)
		if (list_entry(n, struct vfs_mount, link)->parent == parent)
			return true;
	return false;
}

int vfs_umount(const struct path *p, unsigned flags)
{
	struct vfs_mount *m = p->mnt;

	if (p->dentry != m->root || !m->attached)
		return -EINVAL;
	if (!m->parent)
		return -EBUSY;			/* the root stays */
	if (!(flags & MNT_DETACH) &&
	    (m->ref != 1 || vfs_mount_has_children(m)))
		return -EBUSY;
	list_del(&m->link);
	m->attached = false;
	m->mountpoint->mounted--;
	vfs_mount_put(m);			/* the table's reference */
	return 0;
}

int vfs_init(void)
{
	struct nameidata nd;
	struct path root, dev;
	struct dentry *d;
	int err;

	mutex_lock(&vfs_lock);
	if (vfs_root_mount) {
		mutex_unlock(&vfs_lock);
		return 0;
	}
	err = vfs_mount_at(NULL, "tmpfs", VFS_ROOT_OPTIONS, 0);
	if (err)
		goto out;
	root.mnt = vfs_root_mount;
	root.dentry = vfs_root_mount->root;
	err = vfs_create(&root, "dev", 3, S_IFDIR | VFS_DEV_DIR_MODE, 0, &d);
	if (err)
		goto out;
	dev.mnt = root.mnt;
	dev.dentry = d;
	err = vfs_mount_at(&dev, "devtmpfs", NULL, 0);
	if (err)
		goto out;
	err = vfs_lookup(&nd, &root, "/dev", LOOKUP_FOLLOW);
	if (!err)
		err = devfs_attach(&nd.path);
	vfs_lookup_done(&nd);
out:
	mutex_unlock(&vfs_lock);
	if (err)
		pr_warn("vfs: cannot set up / and /dev: error %d\n", err);
	else
		pr_info("vfs: tmpfs on /, devtmpfs on /dev\n");
	return err;
}

int vfs_mount_path(const char *target, const char *fstype, unsigned long flags,
		   const char *options)
{
	struct nameidata nd;
	int err;

	if (vfs_cred()->euid != 0)
		return -EPERM;		/* CAP_SYS_ADMIN */
	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	if (flags & (MS_REMOUNT | MS_BIND | MS_MOVE))
		return -EINVAL;		/* only new mounts so far */
	if (!fstype)
		return -EINVAL;
	if (!vfs_find_fs_type(fstype))
		return -ENODEV;
	mutex_lock(&vfs_lock);
	err = vfs_lookup(&nd, NULL, target, LOOKUP_FOLLOW | LOOKUP_DIRECTORY);
	if (!err)
		err = vfs_mount_at(&nd.path, fstype, options, (unsigned)flags & VFS_MOUNT_FLAGS);
	vfs_lookup_done(&nd);
	mutex_unlock(&vfs_lock);
	return err;
}

int vfs_umount_path(const char *target, int flags)
{
	struct nameidata nd;
	int err;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	if ((flags & MNT_EXPIRE) && (flags & (MNT_FORCE | MNT_DETACH)))
		return -EINVAL;
	if (vfs_cred()->euid != 0)
		return -EPERM;
	mutex_lock(&vfs_lock);
	err = vfs_lookup(&nd, NULL, target,
			 (flags & UMOUNT_NOFOLLOW) ? 0 : LOOKUP_FOLLOW);
	if (!err)
		err = (flags & MNT_EXPIRE) ? -EAGAIN : vfs_umount(&nd.path, (unsigned)flags);
	vfs_lookup_done(&nd);
	mutex_unlock(&vfs_lock);
	return err;
}

int vfs_for_each_mount(int (*fn)(const struct vfs_mount *m, void *arg), void *arg)
{
	struct list_node *n;
	int ret = 0;

	list_for_each(n, &vfs_mounts) {
		ret = fn(list_entry(n, struct vfs_mount, link), arg);
		if (ret)
			break;
	}
	return ret;
}

int vfs_for_each_fs_type(int (*fn)(const struct fs_type *type, void *arg), void *arg)
{
	int ret = 0;

	for (size_t i = 0; i < ARRAY_SIZE(vfs_fs_types) && !ret; i++)
		ret = fn(vfs_fs_types[i], arg);
	return ret;
}
