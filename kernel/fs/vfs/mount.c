/*
 * mount.c: the mount table (mount(2), umount(2)), the file system types
 * and vfs_init. A path is a (mount, dentry) pair; a lookup that reaches
 * a dentry something is mounted on continues at the topmost mount's
 * root (vfs_follow_mounts), and ".." at a mount's root climbs to its
 * mountpoint first (namei.c).
 *
 * mount(2)'s other requests, as Linux's path_mount: MS_REMOUNT (of the
 * super block, or of one mount's flags with MS_BIND), MS_BIND (with
 * MS_REC the mounts below too), MS_MOVE, and the propagation types
 * (every Basalt mount is private). umount2(2): EBUSY while used,
 * MNT_DETACH (the mount and those below leave the tree at once and go
 * with their last user).
 *
 * Locking: namespace_lock (a mutex) serialises mount(2) and umount(2),
 * which may sleep (a file system's mount reads its disk): the mount list
 * changes only under it, so its holder may walk the list unlocked.
 * mount_lock (a spinlock) guards the mount list, every mount's attached
 * flag, flags, writers, parent and mountpoint, dentry.mounted, super
 * blocks' s_flags, writers and mounts, and the id and device counters;
 * lookups take only it. A mount's parent and mountpoint change (MS_MOVE)
 * under mount_lock and dcache_lock both, so d_path.c's walk (dcache_lock)
 * and procfs's (mount_lock) see a consistent pair. A mount's sb and root
 * never change; its reference count is atomic (a path walk gets and puts
 * it without a lock), and umount reads it under mount_lock.
 */
#include <basalt/log.h>
#include <basalt/string.h>
#include <block/buffer.h>
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
	&sysfs_type,
	&ext2_fs_type,
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

/* Drops one of sb->mounts; the last kills the file system. */
static void vfs_sb_put_mount(struct super_block *sb)
{
	bool last_of_sb;

	spin_lock(&mount_lock);
	last_of_sb = --sb->mounts == 0;
	spin_unlock(&mount_lock);
	if (last_of_sb) {
		if (sb->type->kill)
			sb->type->kill(sb);
		else
			vfs_sb_kill(sb);
	}
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

		if (__atomic_sub_fetch(&m->ref, 1, __ATOMIC_ACQ_REL))
			return;
		dentry_put(m->root);
		if (m->mountpoint)
			dentry_put(m->mountpoint);
		kfree(m->source);
		kfree(m);
		vfs_sb_put_mount(sb);
		m = parent;
	}
}

void vfs_root(struct path *out)
{
	struct vfs_mount *m = __atomic_load_n(&vfs_root_mount, __ATOMIC_ACQUIRE);

	out->mnt = m;
	out->dentry = m->root;
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

bool vfs_mount_readonly(const struct vfs_mount *m)
{
	return (__atomic_load_n(&m->flags, __ATOMIC_RELAXED) & MS_RDONLY) ||
	       (__atomic_load_n(&m->sb->s_flags, __ATOMIC_RELAXED) & SB_RDONLY);
}

int vfs_mount_want_write(struct vfs_mount *m)
{
	int err = 0;

	spin_lock(&mount_lock);
	if (vfs_mount_readonly(m)) {
		err = -EROFS;
	} else {
		m->writers++;
		m->sb->writers++;
	}
	spin_unlock(&mount_lock);
	return err;
}

void vfs_mount_drop_write(struct vfs_mount *m)
{
	spin_lock(&mount_lock);
	m->writers--;
	m->sb->writers--;
	spin_unlock(&mount_lock);
}

bool vfs_mount_parent_path(struct vfs_mount *m, struct path *out)
{
	bool found = false;

	spin_lock(&mount_lock);
	if (m->attached && m->parent) {
		out->mnt = m->parent;
		out->dentry = m->mountpoint;
		path_get(out);
		found = true;
	}
	spin_unlock(&mount_lock);
	return found;
}

/* A new mount of sb showing root (sb's root, or a directory of it: MS_BIND). */
static struct vfs_mount *vfs_mount_new(struct super_block *sb, struct dentry *root)
{
	struct vfs_mount *m = kzalloc(sizeof(*m));

	if (!m)
		return NULL;
	m->sb = sb;
	m->root = dentry_get(root);
	m->ref = 1;
	spin_lock(&mount_lock);
	sb->mounts++;
	m->id = vfs_next_mount_id++;
	spin_unlock(&mount_lock);
	return m;
}

struct vfs_mount *vfs_kern_mount(struct super_block *sb)
{
	return vfs_mount_new(sb, sb->root);
}

/* A mount of sb on at (NULL for the root), in the table with one reference. */
static int vfs_mount_attach(struct super_block *sb, const struct path *at,
			    unsigned flags, const char *source)
{
	char *name = source ? kstrdup(source) : NULL;
	struct vfs_mount *m;

	if (source && !name)
		return -ENOMEM;
	m = vfs_mount_new(sb, sb->root);
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

/*
 * The per-mount flags of mount(2)'s flags (Linux's path_mount): relatime
 * unless noatime or strictatime; a remount that names no atime rule keeps
 * the mount's.
 */
static unsigned vfs_mount_flags_of(unsigned long flags, const struct vfs_mount *old)
{
	unsigned f = (unsigned)flags & (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC |
					MS_NOATIME | MS_NODIRATIME);
	const unsigned atime = MS_NOATIME | MS_NODIRATIME | MS_RELATIME;

	if (!(flags & MS_NOATIME))
		f |= MS_RELATIME;
	if (flags & MS_STRICTATIME)
		f &= ~(MS_RELATIME | MS_NOATIME);
	if (old && !(flags & (atime | MS_STRICTATIME)))
		f = (f & ~atime) | (old->flags & atime);
	return f;
}

/* Whether a mount of root (a directory or not) may go on at: ENOTDIR as graft_tree. */
static int vfs_mount_fits(const struct path *at, const struct dentry *root)
{
	if (S_ISDIR(at->dentry->inode->mode) != S_ISDIR(root->inode->mode))
		return -ENOTDIR;
	if (dentry_is_dead(at->dentry))
		return -ENOENT;
	return 0;
}

/* A disk file system's st_dev is its block device's (mountinfo's major:minor). */
static void vfs_mount_set_bdev(const struct fs_type *type, struct super_block *sb,
			       const char *source)
{
	struct block_device *b;

	if ((type->fs_flags & FS_REQUIRES_DEV) && DEV_MAJOR(sb->dev) == 0 && source &&
	    bdev_lookup_path(source, &b) == 0)
		sb->dev = b->dev;
}

/* What vfs_mount_find_sb looks for and finds. */
struct vfs_mount_sb_query {
	const struct fs_type *type;
	struct block_device *bdev;
	bool rdonly;
	struct super_block *found;	/* with one more of sb->mounts */
};

static int vfs_mount_match_sb(struct super_block *sb, void *arg)
{
	struct vfs_mount_sb_query *q = arg;
	int r = 0;

	if (sb->bdev != q->bdev)
		return 0;
	spin_lock(&mount_lock);
	if (sb->mounts == 0 || sb->dying)
		r = -EBUSY;		/* going away: its device is still held */
	else if (sb->type != q->type)
		r = -EBUSY;		/* held by another file system */
	else if (!!(sb->s_flags & SB_RDONLY) != q->rdonly)
		r = -EBUSY;		/* get_tree_bdev: "would change RO state" */
	else {
		sb->mounts++;
		q->found = sb;
		r = 1;
	}
	spin_unlock(&mount_lock);
	return r;
}

/*
 * A disk file system's device mounted already: as Linux's sget on the
 * same block device, the second mount shares the super block (its mount
 * options are not parsed again). EBUSY when another file system type
 * holds the device (Linux opens it exclusively, with the type as the
 * holder) or when the read-only state would change. 1 and *out (with
 * one more of sb->mounts, for the caller to drop) when found, 0 when the
 * device is not mounted, or a negative errno.
 */
static int vfs_mount_find_sb(const struct fs_type *type, const char *source,
			     unsigned long flags, struct super_block **out)
{
	struct vfs_mount_sb_query q = { .type = type, .rdonly = !!(flags & MS_RDONLY) };
	int r;

	if (!(type->fs_flags & FS_REQUIRES_DEV) || !source ||
	    bdev_lookup_path(source, &q.bdev) != 0)
		return 0;		/* the file system's mount says why */
	r = vfs_for_each_sb(vfs_mount_match_sb, &q);
	if (r == 1)
		*out = q.found;
	return r;
}

/* namespace_lock held. */
static int vfs_mount_at(const struct path *at, const char *source, const char *fstype,
			unsigned long flags, const char *options)
{
	const struct fs_type *type = vfs_find_fs_type(fstype);
	struct super_block *sb;
	int err, shared;

	if (!type)
		return -ENODEV;
	if (at && !S_ISDIR(at->dentry->inode->mode))
		return -ENOTDIR;
	if (at && dentry_is_dead(at->dentry))
		return -ENOENT;
	if ((type->fs_flags & FS_REQUIRES_DEV) && !source)
		return -EINVAL;
	shared = vfs_mount_find_sb(type, source, flags, &sb);
	if (shared < 0)
		return shared;
	if (!shared) {
		err = type->mount(type, source, flags, options, &sb);
		if (err)
			return err;
		vfs_mount_set_bdev(type, sb, source);
		if (flags & MS_RDONLY) {
			spin_lock(&mount_lock);
			sb->s_flags |= SB_RDONLY;
			spin_unlock(&mount_lock);
		}
	}
	/* The root is a kernel mount with no atime rule, as Linux's rootfs ("rw"). */
	err = vfs_mount_attach(sb, at, at ? vfs_mount_flags_of(flags, NULL) : 0, source);
	if (shared)
		vfs_sb_put_mount(sb);	/* vfs_mount_find_sb's count */
	else if (err) {
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

/* Takes m out of the tree onto gone (mount_lock held); the table's reference goes with it. */
static void vfs_mount_detach(struct vfs_mount *m, struct list_node *gone)
{
	list_del(&m->link);
	m->attached = false;
	__atomic_sub_fetch(&m->mountpoint->mounted, 1, __ATOMIC_RELAXED);
	list_add_tail(gone, &m->link);
}

/* Drops the table's reference of every mount on gone (no lock held). */
static void vfs_mount_put_list(struct list_node *gone)
{
	while (!list_empty(gone)) {
		struct vfs_mount *m = list_entry(gone->next, struct vfs_mount, link);

		list_del(&m->link);
		vfs_mount_put(m);
	}
}

int vfs_umount(const struct path *p, unsigned flags)
{
	struct list_node gone = { &gone, &gone };
	struct vfs_mount *m = p->mnt;
	bool more;

	spin_lock(&mount_lock);
	if (p->dentry != m->root || !m->attached) {
		spin_unlock(&mount_lock);
		return -EINVAL;
	}
	if (!m->parent || m == vfs_root_mount) {
		spin_unlock(&mount_lock);
		return -EBUSY;			/* the root stays */
	}
	/* The table's reference and the caller's: anything more is a user. */
	if (!(flags & MNT_DETACH) &&
	    (__atomic_load_n(&m->ref, __ATOMIC_RELAXED) != 2 || vfs_mount_has_children(m))) {
		spin_unlock(&mount_lock);
		return -EBUSY;
	}
	vfs_mount_detach(m, &gone);
	/* MNT_DETACH: the mounts below leave with it (Linux's umount_tree). */
	do {
		struct list_node *n;

		more = false;
		for (n = vfs_mounts.next; n != &vfs_mounts; n = n->next) {
			struct vfs_mount *c = list_entry(n, struct vfs_mount, link);

			if (c->parent && !c->parent->attached) {
				vfs_mount_detach(c, &gone);
				more = true;
				break;
			}
		}
	} while (more);
	spin_unlock(&mount_lock);
	vfs_mount_put_list(&gone);
	return 0;
}

/*
 * MS_REMOUNT (namespace_lock held). With MS_BIND only the mount's flags
 * change; without, the super block's read-only state and options too
 * (s_op->remount), then the mount's flags. Going read-only while a file
 * is open for writing: EBUSY, as Linux's sb_prepare_remount_readonly
 * and mnt_make_readonly.
 */
static int vfs_remount(const struct path *p, unsigned long flags, const char *options)
{
	struct vfs_mount *m = p->mnt;
	struct super_block *sb = m->sb;
	unsigned mflags;
	int err = 0;

	if (p->dentry != m->root || !m->attached)
		return -EINVAL;
	mflags = vfs_mount_flags_of(flags, m);
	if (!(flags & MS_BIND)) {
		unsigned long sbflags = flags & MS_RDONLY;
		bool was_ro, to_ro;

		spin_lock(&mount_lock);
		was_ro = sb->s_flags & SB_RDONLY;
		to_ro = (flags & MS_RDONLY) && !was_ro;
		if (to_ro && sb->writers)
			err = -EBUSY;
		else if (to_ro)
			sb->s_flags |= SB_RDONLY;	/* no new writer from now on */
		spin_unlock(&mount_lock);
		if (err)
			return err;
		if (sb->s_op && sb->s_op->remount)
			err = sb->s_op->remount(sb, &sbflags, options);
		spin_lock(&mount_lock);
		if (err) {
			if (to_ro)
				sb->s_flags &= ~SB_RDONLY;
		} else if (sbflags & MS_RDONLY) {
			sb->s_flags |= SB_RDONLY;
		} else {
			sb->s_flags &= ~SB_RDONLY;
		}
		spin_unlock(&mount_lock);
		if (err)
			return err;
	}
	spin_lock(&mount_lock);
	if ((mflags & MS_RDONLY) && !(m->flags & MS_RDONLY) && m->writers)
		err = -EBUSY;
	else
		__atomic_store_n(&m->flags, mflags, __ATOMIC_RELAXED);
	spin_unlock(&mount_lock);
	return err;
}

/*
 * A copy of src showing root, for MS_BIND: the same super block, source
 * and flags (Linux's clone_mnt), not in the table yet.
 */
static struct vfs_mount *vfs_mount_clone(const struct vfs_mount *src, struct dentry *root)
{
	char *name = src->source ? kstrdup(src->source) : NULL;
	struct vfs_mount *m;

	if (src->source && !name)
		return NULL;
	m = vfs_mount_new(src->sb, root);
	if (!m) {
		kfree(name);
		return NULL;
	}
	m->source = name;
	m->flags = src->flags;
	return m;
}

/*
 * MS_REC: copies of the mounts on src below the dentry below (and of
 * theirs) onto dst, added to out (namespace_lock held: the table holds
 * still while it is walked unlocked).
 */
static int vfs_mount_clone_below(struct vfs_mount *src, struct dentry *below,
				 struct vfs_mount *dst, struct list_node *out)
{
	struct list_node *n;
	int err;

	list_for_each(n, &vfs_mounts) {
		struct vfs_mount *c = list_entry(n, struct vfs_mount, link), *copy;

		if (c->parent != src || !dentry_is_below(c->mountpoint, below))
			continue;
		copy = vfs_mount_clone(c, c->root);
		if (!copy)
			return -ENOMEM;
		copy->parent = vfs_mount_get(dst);
		copy->mountpoint = dentry_get(c->mountpoint);
		list_add_tail(out, &copy->link);
		err = vfs_mount_clone_below(c, c->root, copy, out);
		if (err)
			return err;
	}
	return 0;
}

/* MS_BIND of source (MS_REC: with the mounts below it) on at (namespace_lock held). */
static int vfs_bind(const struct path *at, const char *source, bool rec)
{
	struct list_node copies = { &copies, &copies };
	struct vfs_mount *top;
	struct path src;
	int err;

	if (!source)
		return -EFAULT;
	err = vfs_lookup_path(source, LOOKUP_FOLLOW, &src);
	if (err)
		return err;
	err = -EINVAL;
	if (!src.mnt->attached || !at->mnt->attached)
		goto out;
	err = vfs_mount_fits(at, src.dentry);
	if (err)
		goto out;
	err = -ENOMEM;
	top = vfs_mount_clone(src.mnt, src.dentry);
	if (!top)
		goto out;
	top->parent = vfs_mount_get(at->mnt);
	top->mountpoint = dentry_get(at->dentry);
	list_add_tail(&copies, &top->link);
	err = rec ? vfs_mount_clone_below(src.mnt, src.dentry, top, &copies) : 0;
	if (err) {
		vfs_mount_put_list(&copies);
		goto out;
	}
	spin_lock(&mount_lock);
	while (!list_empty(&copies)) {
		struct vfs_mount *m = list_entry(copies.next, struct vfs_mount, link);

		list_del(&m->link);
		m->attached = true;
		__atomic_add_fetch(&m->mountpoint->mounted, 1, __ATOMIC_RELAXED);
		list_add_tail(&vfs_mounts, &m->link);
	}
	spin_unlock(&mount_lock);
out:
	path_put(&src);
	return err;
}

struct vfs_move {
	struct vfs_mount *m;
	struct path to;			/* referenced for m */
	struct path from;		/* m's old place, put after */
};

/* MS_MOVE's switch (mount_lock and dcache_lock held). */
static void vfs_move_locked(void *arg)
{
	struct vfs_move *mv = arg;
	struct vfs_mount *m = mv->m;

	mv->from.mnt = m->parent;
	mv->from.dentry = m->mountpoint;
	__atomic_sub_fetch(&m->mountpoint->mounted, 1, __ATOMIC_RELAXED);
	m->parent = mv->to.mnt;
	m->mountpoint = mv->to.dentry;
	__atomic_add_fetch(&m->mountpoint->mounted, 1, __ATOMIC_RELAXED);
	/* The newest mount on a dentry is the one lookups find: the table's tail. */
	list_del(&m->link);
	list_add_tail(&vfs_mounts, &m->link);
}

/* MS_MOVE of the mount whose root source is onto at (namespace_lock held). */
static int vfs_move(const struct path *at, const char *source)
{
	struct vfs_move mv;
	struct vfs_mount *p;
	struct path src;
	int err;

	if (!source)
		return -EFAULT;
	err = vfs_lookup_path(source, LOOKUP_FOLLOW, &src);
	if (err)
		return err;
	mv.m = src.mnt;
	err = -EINVAL;
	if (!mv.m->attached || !at->mnt->attached || src.dentry != mv.m->root ||
	    !mv.m->parent || mv.m == vfs_root_mount)
		goto out;
	err = vfs_mount_fits(at, src.dentry);
	if (err)
		goto out;
	/* Not onto itself or below it (mount(2): ELOOP). */
	err = -ELOOP;
	for (p = at->mnt; p; p = p->parent)
		if (p == mv.m)
			goto out;
	err = 0;
	mv.to = *at;
	path_get(&mv.to);
	spin_lock(&mount_lock);
	dentry_tree_locked(vfs_move_locked, &mv);
	spin_unlock(&mount_lock);
	path_put(&mv.from);
out:
	path_put(&src);
	return err;
}

/*
 * MS_PRIVATE, MS_SLAVE...: every Basalt mount is private (there is one
 * namespace and no propagation), which a slave of nothing is too; shared
 * and unbindable mounts are not there (EINVAL). One type only, on a mount's
 * root, as Linux's do_change_type.
 */
static int vfs_change_type(const struct path *at, unsigned long flags)
{
	unsigned long type = flags & (MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE);

	if (at->dentry != at->mnt->root || !at->mnt->attached)
		return -EINVAL;
	if (type & (type - 1))
		return -EINVAL;
	return (type & (MS_PRIVATE | MS_SLAVE)) ? 0 : -EINVAL;
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
	page_cache_shrinker_register();
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
	if (!err)
		vfs_flusher_start();
out:
	mutex_unlock(&namespace_lock);
	if (err)
		pr_warn("vfs: cannot set up / and /dev: error %d\n", err);
	else
		pr_info("vfs: tmpfs on /, devtmpfs on /dev\n");
	return err;
}

void vfs_set_root_to_top(void)
{
	struct path p;

	mutex_lock(&namespace_lock);
	p.mnt = vfs_root_mount;
	p.dentry = vfs_root_mount->root;
	vfs_follow_mounts_noref(&p);
	if (p.dentry == p.mnt->root)
		__atomic_store_n(&vfs_root_mount, p.mnt, __ATOMIC_RELEASE);
	mutex_unlock(&namespace_lock);
}

int vfs_mount_path(const char *source, const char *target, const char *fstype,
		   unsigned long flags, const char *options)
{
	struct nameidata nd;
	int err;

	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	err = vfs_lookup(&nd, NULL, target, LOOKUP_FOLLOW);
	if (err)
		goto out;
	if (vfs_cred()->euid != 0) {
		err = -EPERM;		/* CAP_SYS_ADMIN */
		goto out;
	}
	if (flags & MS_NOUSER) {
		err = -EINVAL;
		goto out;
	}
	/* The requests in Linux's order (path_mount). */
	mutex_lock(&namespace_lock);
	if (flags & MS_REMOUNT)
		err = vfs_remount(&nd.path, flags, options);
	else if (flags & MS_BIND)
		err = vfs_bind(&nd.path, source, flags & MS_REC);
	else if (flags & (MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE))
		err = vfs_change_type(&nd.path, flags);
	else if (flags & MS_MOVE)
		err = vfs_move(&nd.path, source);
	else if (!fstype)
		err = -EINVAL;
	else
		err = vfs_mount_at(&nd.path, source, fstype, flags, options);
	mutex_unlock(&namespace_lock);
out:
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
	err = vfs_lookup(&nd, NULL, target,
			 (flags & UMOUNT_NOFOLLOW) ? 0 : LOOKUP_FOLLOW);
	if (!err && vfs_cred()->euid != 0)
		err = -EPERM;		/* after the lookup, as Linux's path_umount */
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
