/*
 * mount.c: the mount table (mount(2), umount(2)), the file system types
 * and vfs_init. A path is a (mount, dentry) pair; a lookup that reaches
 * a dentry something is mounted on continues at the topmost mount's
 * root (vfs_follow_mounts), and ".." at a mount's root climbs to its
 * mountpoint first (namei.c).
 *
 * Locking: namespace_lock (a mutex) serialises mount(2) and umount(2),
 * which may sleep (a file system's mount reads its disk). mount_lock (a
 * spinlock) guards the mount list, every mount's ref and attached flag,
 * dentry.mounted and the id and device counters; lookups take only it.
 * A mount's sb, root, parent and mountpoint never change while it lives;
 * its reference count is atomic (a path walk gets and puts it without a
 * lock), and umount reads it under mount_lock.
 */
#include <basalt/log.h>
#include <basalt/string.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <mm/shrinker.h>
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
	&vfat_fs_type,
	&msdos_fs_type,
};

/* guards: mount(2) and umount(2) as a whole (see the top) */
static struct mutex namespace_lock = MUTEX_INIT(namespace_lock);
/* guards: vfs_mounts, mounts' attached, dentry.mounted, sb->mounts, the counters */
static struct spinlock mount_lock = SPINLOCK_INIT("mount_lock");
/* Every attached mount, oldest first: the last match is the topmost. */
static struct list_node vfs_mounts = { &vfs_mounts, &vfs_mounts };
static struct vfs_mount *vfs_root_mount;
static uint32_t vfs_next_anon_dev = VFS_ANON_DEV_FIRST;
static uint64_t vfs_next_mount_id = 1;

uint32_t vfs_anon_dev(void)
{
	uint32_t dev;

	spin_lock(&mount_lock);
	dev = vfs_next_anon_dev++;
	spin_unlock(&mount_lock);
	return dev;
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
	return __atomic_load_n(&vfs_root_mount, __ATOMIC_ACQUIRE) != NULL;
}

struct vfs_mount *vfs_mount_get(struct vfs_mount *m)
{
	__atomic_add_fetch(&m->ref, 1, __ATOMIC_RELAXED);
	return m;
}

void vfs_mount_put(struct vfs_mount *m)
{
	while (m) {
		struct vfs_mount *parent = m->parent;
		struct super_block *sb = m->sb;
		bool last_of_sb;

		if (__atomic_sub_fetch(&m->ref, 1, __ATOMIC_ACQ_REL))
			return;
		spin_lock(&mount_lock);
		last_of_sb = --sb->mounts == 0;
		spin_unlock(&mount_lock);
		dentry_put(m->root);
		if (m->mountpoint)
			dentry_put(m->mountpoint);
		kfree(m->source);
		kfree(m);
		if (last_of_sb) {
			if (sb->type->kill)
				sb->type->kill(sb);
			else
				vfs_sb_kill(sb);
		}
		m = parent;
	}
}

void vfs_root(struct path *out)
{
	out->mnt = vfs_root_mount;
	out->dentry = vfs_root_mount->root;
	path_get(out);
}

/* The topmost mount on p, or NULL (mount_lock held). */
static struct vfs_mount *vfs_mount_on(const struct path *p)
{
	struct vfs_mount *top = NULL;
	struct list_node *n;

	if (!p->dentry->mounted)
		return NULL;
	list_for_each(n, &vfs_mounts) {
		struct vfs_mount *m = list_entry(n, struct vfs_mount, link);

		if (m->parent == p->mnt && m->mountpoint == p->dentry)
			top = m;
	}
	return top;
}

void vfs_follow_mounts(struct path *p)
{
	for (;;) {
		struct vfs_mount *top;
		struct path next;

		if (!vfs_is_mountpoint(p->dentry))
			return;
		spin_lock(&mount_lock);
		top = vfs_mount_on(p);
		if (top)
			vfs_mount_get(top);
		spin_unlock(&mount_lock);
		if (!top)
			return;
		next.mnt = top;
		next.dentry = dentry_get(top->root);
		path_put(p);
		*p = next;
	}
}

void vfs_follow_mounts_noref(struct path *p)
{
	struct vfs_mount *top;

	if (!vfs_is_mountpoint(p->dentry))
		return;
	spin_lock(&mount_lock);
	while ((top = vfs_mount_on(p)) != NULL) {
		p->mnt = top;
		p->dentry = top->root;
	}
	spin_unlock(&mount_lock);
}

bool vfs_is_mountpoint(const struct dentry *d)
{
	return __atomic_load_n(&d->mounted, __ATOMIC_RELAXED) != 0;
}

static struct vfs_mount *vfs_mount_new(struct super_block *sb)
{
	struct vfs_mount *m = kzalloc(sizeof(*m));

	if (!m)
		return NULL;
	m->sb = sb;
	m->root = dentry_get(sb->root);
	m->ref = 1;
	spin_lock(&mount_lock);
	sb->mounts++;
	m->id = vfs_next_mount_id++;
	spin_unlock(&mount_lock);
	return m;
}

struct vfs_mount *vfs_kern_mount(struct super_block *sb)
{
	return vfs_mount_new(sb);
}

/* A mount of sb on at (NULL for the root), in the table with one reference. */
static int vfs_mount_attach(struct super_block *sb, const struct path *at,
			    unsigned flags, const char *source)
{
	char *name = source ? kstrdup(source) : NULL;
	struct vfs_mount *m;

	if (source && !name)
		return -ENOMEM;
	m = vfs_mount_new(sb);
	if (!m) {
		kfree(name);
		return -ENOMEM;
	}
	m->source = name;
	m->flags = flags;
	if (at) {
		m->parent = vfs_mount_get(at->mnt);
		m->mountpoint = dentry_get(at->dentry);
	}
	spin_lock(&mount_lock);
	m->attached = true;
	if (at)
		__atomic_add_fetch(&at->dentry->mounted, 1, __ATOMIC_RELAXED);
	list_add_tail(&vfs_mounts, &m->link);
	spin_unlock(&mount_lock);
	if (!at)
		__atomic_store_n(&vfs_root_mount, m, __ATOMIC_RELEASE);
	return 0;
}

/* namespace_lock held. */
static int vfs_mount_at(const struct path *at, const char *source, const char *fstype,
			unsigned long flags, const char *options)
{
	const struct fs_type *type = vfs_find_fs_type(fstype);
	struct super_block *sb;
	int err;

	if (!type)
		return -ENODEV;
	if (at && !S_ISDIR(at->dentry->inode->mode))
		return -ENOTDIR;
	if (at && dentry_is_dead(at->dentry))
		return -ENOENT;
	if ((type->fs_flags & FS_REQUIRES_DEV) && !source)
		return -EINVAL;
	err = type->mount(type, source, flags, options, &sb);
	if (err)
		return err;
	err = vfs_mount_attach(sb, at, (unsigned)flags & VFS_MOUNT_FLAGS, source);
	if (err) {
		if (type->kill)
			type->kill(sb);
		else
			vfs_sb_kill(sb);
	}
	return err;
}

/* Whether a mount hangs below parent (mount_lock held). */
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

	spin_lock(&mount_lock);
	if (p->dentry != m->root || !m->attached) {
		spin_unlock(&mount_lock);
		return -EINVAL;
	}
	if (!m->parent) {
		spin_unlock(&mount_lock);
		return -EBUSY;			/* the root stays */
	}
	/* The table's reference and the caller's: anything more is a user. */
	if (!(flags & MNT_DETACH) &&
	    (__atomic_load_n(&m->ref, __ATOMIC_RELAXED) != 2 || vfs_mount_has_children(m))) {
		spin_unlock(&mount_lock);
		return -EBUSY;
	}
	list_del(&m->link);
	m->attached = false;
	__atomic_sub_fetch(&m->mountpoint->mounted, 1, __ATOMIC_RELAXED);
	spin_unlock(&mount_lock);
	vfs_mount_put(m);			/* the table's reference */
	return 0;
}

/* The dentry and inode caches give memory back when it runs short. */
static struct shrinker vfs_cache_shrinker = {
	.name = "vfs-caches",
	.scan = vfs_shrink_caches,
};

int vfs_init(void)
{
	struct path root, dev;
	struct dentry *d;
	int err;

	mutex_lock(&namespace_lock);
	if (vfs_root_mount) {
		mutex_unlock(&namespace_lock);
		return 0;
	}
	err = vfs_mount_at(NULL, NULL, "tmpfs", 0, VFS_ROOT_OPTIONS);
	if (err)
		goto out;
	shrinker_register(&vfs_cache_shrinker);
	root.mnt = vfs_root_mount;
	root.dentry = vfs_root_mount->root;
	err = vfs_create(&root, "dev", 3, S_IFDIR | VFS_DEV_DIR_MODE, 0, &d);
	if (err)
		goto out;
	dev.mnt = root.mnt;
	dev.dentry = d;
	err = vfs_mount_at(&dev, NULL, "devtmpfs", 0, NULL);
	dentry_put(d);
	if (err)
		goto out;
	vfs_follow_mounts_noref(&dev);
	err = devfs_attach(&dev);
out:
	mutex_unlock(&namespace_lock);
	if (err)
		pr_warn("vfs: cannot set up / and /dev: error %d\n", err);
	else
		pr_info("vfs: tmpfs on /, devtmpfs on /dev\n");
	return err;
}

int vfs_mount_path(const char *source, const char *target, const char *fstype,
		   unsigned long flags, const char *options)
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
	err = vfs_lookup(&nd, NULL, target, LOOKUP_FOLLOW | LOOKUP_DIRECTORY);
	if (!err) {
		mutex_lock(&namespace_lock);
		err = vfs_mount_at(&nd.path, source, fstype, flags, options);
		mutex_unlock(&namespace_lock);
	}
	vfs_lookup_done(&nd);
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
	err = vfs_lookup(&nd, NULL, target,
			 (flags & UMOUNT_NOFOLLOW) ? 0 : LOOKUP_FOLLOW);
	if (!err) {
		mutex_lock(&namespace_lock);
		err = (flags & MNT_EXPIRE) ? -EAGAIN : vfs_umount(&nd.path, (unsigned)flags);
		mutex_unlock(&namespace_lock);
	}
	vfs_lookup_done(&nd);
	return err;
}

int vfs_for_each_mount(int (*fn)(const struct vfs_mount *m, void *arg), void *arg)
{
	struct list_node *n;
	int ret = 0;

	spin_lock(&mount_lock);
	list_for_each(n, &vfs_mounts) {
		ret = fn(list_entry(n, struct vfs_mount, link), arg);
		if (ret)
			break;
	}
	spin_unlock(&mount_lock);
	return ret;
}

int vfs_for_each_fs_type(int (*fn)(const struct fs_type *type, void *arg), void *arg)
{
	int ret = 0;

	for (size_t i = 0; i < ARRAY_SIZE(vfs_fs_types) && !ret; i++)
		ret = fn(vfs_fs_types[i], arg);
	return ret;
}
