/*
 * pseudo.c: pseudo file systems (Linux's init_pseudo and
 * alloc_file_pseudo): file systems never mounted anywhere (one internal
 * mount each) whose inodes have no name in any directory, for files made
 * by a system call rather than opened by a path: pipes (pipefs.c) and
 * sockets (net/sockfs.c). Each file gets an inode numbered by the
 * instance's counter (fstat's st_ino) and a nameless dentry whose
 * d_op->dname says what /proc/PID/fd/N shows ("pipe:[N]", "socket:[N]").
 *
 * Locking: pseudo_fs.lock guards the making of the instance (sb, mnt,
 * set once); the rest is the dentry and inode caches' (vfs.h).
 */
#include <fs/vfs.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <uapi/errno.h>
#include <uapi/statfs.h>

#define PSEUDO_ROOT_MODE	(S_IFDIR | 0700)
#define PSEUDO_FIRST_INO	1
/* A nameless inode still counts one link, as Linux's pipe and socket inodes. */
#define PSEUDO_NLINK		1

static void pseudo_statfs(struct super_block *sb, struct statfs *st)
{
	st->f_type = (int64_t)sb->magic;
	st->f_bsize = PAGE_SIZE;
	st->f_namelen = NAME_MAX;
}

static const struct super_operations pseudo_super_ops = {
	.statfs = pseudo_statfs,
};

/* Never mountable by mount(2): the types are not in the VFS's list. */
static int pseudo_mount(const struct fs_type *type __unused, const char *source __unused,
			unsigned long flags __unused, const char *options __unused,
			struct super_block **out __unused)
{
	return -ENODEV;
}

/* Never unmounted: the internal mount lives as long as the kernel. */
static void pseudo_kill(struct super_block *sb __unused)
{
}

/* Makes fs's instance and internal mount at its first file. */
static int pseudo_init(struct pseudo_fs *fs)
{
	struct super_block *sb;
	struct inode *root;
	int err = 0;

	mutex_lock(&fs->lock);
	if (fs->mnt)
		goto out;
	err = -ENOMEM;
	sb = kzalloc(sizeof(*sb));
	if (!sb)
		goto out;
	fs->type.name = fs->name;
	fs->type.mount = pseudo_mount;
	fs->type.kill = pseudo_kill;
	sb->next_ino = PSEUDO_FIRST_INO;
	vfs_sb_init(sb, &fs->type, &pseudo_super_ops, fs->magic);
	root = inode_alloc(sb, PSEUDO_ROOT_MODE, 0, 0);
	if (root)
		sb->root = dentry_alloc_root(sb, root);
	if (!sb->root) {
		inode_put(root);
		vfs_sb_kill_unused(sb);
		goto out;
	}
	sb->d_op = fs->d_op;	/* the root keeps its name "/" */
	fs->mnt = vfs_kern_mount(sb);
	if (!fs->mnt)
		goto out;	/* the instance stays for the next try */
	__atomic_store_n(&fs->sb, sb, __ATOMIC_RELEASE);
	err = 0;
out:
	mutex_unlock(&fs->lock);
	return err;
}

int pseudo_fs_attach(struct pseudo_fs *fs, struct file *const *files, unsigned n,
		     unsigned mode)
{
	const struct cred *c = vfs_cred();
	struct inode *ino;
	struct dentry *d;
	int err = pseudo_init(fs);

	if (err)
		return err;
	ino = inode_alloc(fs->sb, mode, c->fsuid, c->fsgid);
	if (!ino)
		return -ENOMEM;
	/* A dentry of its own, in no directory: the files' path (d_alloc_pseudo). */
	d = dentry_alloc_anon(fs->sb, ino);
	if (!d) {
		inode_put(ino);
		return -ENOMEM;
	}
	ino->nlink = PSEUDO_NLINK;
	for (unsigned i = 0; i < n; i++) {
		struct path p = { .mnt = fs->mnt, .dentry = d };

		path_get(&p);
		files[i]->inode = ino;
		files[i]->dentry = d;
		files[i]->mnt = fs->mnt;
	}
	dentry_put(d);		/* the files hold it now */
	return 0;
}

bool pseudo_fs_owns(const struct pseudo_fs *fs, const struct inode *ino)
{
	return ino->sb == __atomic_load_n(&fs->sb, __ATOMIC_ACQUIRE);
}
