/*
 * tmpfs.c: the memory file system (tmpfs(5)). Its directories are its
 * dentries, pinned in the dentry cache while the names exist (vfs.h,
 * libfs.c: a lookup that misses is "no such name"); its files' contents
 * are their page caches' frames and nothing else (mm/page_cache.h), as
 * Linux's shmem: a page never written is a hole, read back as zeros, and
 * takes no memory. This file counts those pages against the mount's
 * limit (size=, default half of RAM, as Linux's) and stores symlink
 * targets.
 *
 * Locking: the inode's i_rwsem guards its size and the contents as the
 * VFS sees them (shared for read, for writing for write, truncate and
 * fallocate); the page cache's tree_lock guards the pages themselves,
 * and is all a page fault takes (file_get_page), so a read or write
 * holding i_rwsem may fault on a page of a mapping of the same file in
 * its user buffer. Page counts (sb->bytes_used, ino->bytes_alloc,
 * tmpfs_pages) change atomically in tmpfs_charge, under the file's
 * tree_lock.
 */
#include <basalt/string.h>
#include <basalt/vmlayout.h>
#include <fs/vfs.h>
#include <sched/mutex.h>
#include <mm/mm.h>
#include <mm/page_cache.h>
#include <mm/vm.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/statfs.h>

#define TMPFS_MAX_FILE_SIZE	(PAGE_CACHE_MAX_PAGES * PAGE_SIZE)	/* 512 GiB */
#define TMPFS_ROOT_MODE		(S_IFDIR | 01777)	/* tmpfs(5): mode= default */
#define TMPFS_FIRST_INO		1

/* Pages of every mount's files (atomic; /proc/meminfo Shmem). */
static uint64_t tmpfs_pages;

uint64_t tmpfs_total_pages(void)
{
	return __atomic_load_n(&tmpfs_pages, __ATOMIC_RELAXED);
}

/*
 * address_space_ops.charge: a page comes into a file (refused past the
 * mount's size=) or goes. The mount's count is a compare-and-swap, since
 * files of one mount have different tree_locks.
 */
static int tmpfs_charge(struct address_space *m, int64_t pages)
{
	struct inode *ino = m->host;
	struct super_block *sb = ino->sb;
	int64_t bytes = pages * (int64_t)PAGE_SIZE;
	uint64_t used = __atomic_load_n(&sb->bytes_used, __ATOMIC_RELAXED);

	do {
		if (bytes > 0 && used + (uint64_t)bytes > sb->bytes_max)
			return -ENOSPC;
	} while (!__atomic_compare_exchange_n(&sb->bytes_used, &used, used + (uint64_t)bytes,
					      false, __ATOMIC_RELAXED, __ATOMIC_RELAXED));
	ino->bytes_alloc += (uint64_t)bytes;
	__atomic_add_fetch(&tmpfs_pages, (uint64_t)pages, __ATOMIC_RELAXED);
	return 0;
}

static void tmpfs_evict_inode(struct inode *ino)
{
	if (S_ISREG(ino->mode))
		page_cache_truncate(&ino->i_data, 0);
	/* A symlink's target; a memfd's seals and name (memfd.c); NULL otherwise. */
	kfree(ino->data);
	ino->data = NULL;
}

/* super_ops get_page: the page's frame with a reference, 0 for a hole. */
static int tmpfs_truncate(struct inode *ino, uint64_t size)
{
	if (size > TMPFS_MAX_FILE_SIZE)
		return -EFBIG;
	if (size < ino->size) {
		uint64_t keep = (size + PAGE_SIZE - 1) / PAGE_SIZE, frame;

		/*
		 * The size first, then the pages (Linux's truncate_setsize): a
		 * fault of a mapping that comes meanwhile sees the new end.
		 */
		__atomic_store_n(&ino->size, size, __ATOMIC_RELEASE);
		page_cache_truncate(&ino->i_data, keep);
		/* The tail of the last page must read as zeros if the file grows. */
		if (size % PAGE_SIZE) {
			frame = page_cache_lookup(&ino->i_data, size / PAGE_SIZE);
			if (frame) {
				memset((uint8_t *)phys_to_virt(frame) + size % PAGE_SIZE, 0,
				       PAGE_SIZE - size % PAGE_SIZE);
				vm_frame_put(frame);
			}
		}
	}
	ino->size = size;
	return 0;
}

/* lseek(2) SEEK_DATA/SEEK_HOLE at page granularity; -1 if none. */
static int64_t tmpfs_seek_data(struct inode *ino, uint64_t off, bool hole)
{
	int64_t idx = page_cache_find(&ino->i_data, off / PAGE_SIZE, !hole);

	if (idx < 0)
		return -1;
	return (int64_t)MAX((uint64_t)idx * PAGE_SIZE, off);
}

/*
 * fallocate(2) mode 0: backs [off, off + len) with pages and extends the
 * size; with FALLOC_FL_KEEP_SIZE the size stays (pages past the end wait
 * for a write or a truncate up, as Linux's shmem_fallocate).
 */
static int tmpfs_allocate(struct inode *ino, uint64_t off, uint64_t len, bool keep_size)
{
	uint64_t end;

	if (__builtin_add_overflow(off, len, &end) || end > TMPFS_MAX_FILE_SIZE)
		return -EFBIG;
	for (uint64_t idx = off / PAGE_SIZE; idx * PAGE_SIZE < end; idx++) {
		uint64_t frame;
		int err = page_cache_get(&ino->i_data, idx, true, &frame);

		if (err)
			return err == -ENOMEM ? -ENOSPC : err;
		vm_frame_put(frame);
	}
	if (!keep_size && end > ino->size)
		ino->size = end;
	return 0;
}

/* Zeroes bytes [from, to) of page index if it is cached (not a hole). */
static void tmpfs_zero_partial(struct inode *ino, uint64_t index, uint64_t from, uint64_t to)
{
	uint64_t frame = page_cache_lookup(&ino->i_data, index);

	if (!frame)
		return;
	memset((uint8_t *)phys_to_virt(frame) + from, 0, to - from);
	vm_frame_put(frame);
}

/*
 * FALLOC_FL_PUNCH_HOLE (always with KEEP_SIZE): the whole pages of
 * [off, off + len) leave the cache, so their memory and their charge go,
 * and every mapping of them is unmapped (page_cache_punch, through the
 * reverse map; a private copy stays, as Linux's shmem_fallocate); the
 * partial pages at either edge are zeroed in place. Past the end of the
 * file too: pages KEEP_SIZE allocated there.
 */
static int tmpfs_punch_hole(struct inode *ino, uint64_t off, uint64_t len)
{
	uint64_t end, first, last;

	if (__builtin_add_overflow(off, len, &end) || end > TMPFS_MAX_FILE_SIZE)
		end = TMPFS_MAX_FILE_SIZE;
	if (off >= end)
		return 0;
	first = ALIGN_UP(off, PAGE_SIZE) / PAGE_SIZE;
	last = end / PAGE_SIZE;		/* the first page not wholly inside */
	if (off / PAGE_SIZE == (end - 1) / PAGE_SIZE && off % PAGE_SIZE && end % PAGE_SIZE) {
		/* Inside one page. */
		tmpfs_zero_partial(ino, off / PAGE_SIZE, off % PAGE_SIZE, end % PAGE_SIZE);
		return 0;
	}
	if (off % PAGE_SIZE)
		tmpfs_zero_partial(ino, off / PAGE_SIZE, off % PAGE_SIZE, PAGE_SIZE);
	if (end % PAGE_SIZE)
		tmpfs_zero_partial(ino, end / PAGE_SIZE, 0, end % PAGE_SIZE);
	page_cache_punch(&ino->i_data, first, last);
	return 0;
}

static void tmpfs_statfs(struct super_block *sb, struct statfs *st)
{
	memset(st, 0, sizeof(*st));
	st->f_type = (int64_t)sb->magic;
	st->f_bsize = PAGE_SIZE;
	st->f_frsize = PAGE_SIZE;
	st->f_blocks = sb->bytes_max / PAGE_SIZE;
	st->f_bfree = (sb->bytes_max - MIN(sb->bytes_used, sb->bytes_max)) / PAGE_SIZE;
	st->f_bavail = st->f_bfree;
	st->f_files = sb->inodes_max;
	st->f_ffree = sb->inodes_max - MIN(sb->inodes, sb->inodes_max);
	st->f_fsid[0] = (int32_t)sb->dev;
	st->f_namelen = NAME_MAX;
}

static const struct inode_operations tmpfs_dir_inode_ops;
static const struct inode_operations tmpfs_file_inode_ops;
static const struct inode_operations tmpfs_symlink_inode_ops;
static const struct inode_operations tmpfs_special_inode_ops;
static const struct file_ops tmpfs_file_ops;
static const struct address_space_ops tmpfs_aops;

/* A new inode of dir's file system with the ops its type needs; NULL: ENOSPC. */
static struct inode *tmpfs_new_inode(struct super_block *sb, unsigned mode, dev_t rdev,
				     uint32_t uid, uint32_t gid)
{
	struct inode *ino = inode_alloc(sb, mode, uid, gid);

	if (!ino)
		return NULL;
	ino->rdev = rdev;
	switch (mode & S_IFMT) {
	case S_IFDIR:
		ino->i_op = &tmpfs_dir_inode_ops;
		ino->i_fop = &simple_dir_file_ops;
		break;
	case S_IFREG:
		ino->i_op = &tmpfs_file_inode_ops;
		ino->i_fop = &tmpfs_file_ops;
		ino->i_data.a_ops = &tmpfs_aops;
		break;
	case S_IFLNK:
		ino->i_op = &tmpfs_symlink_inode_ops;
		break;
	default:
		ino->i_op = &tmpfs_special_inode_ops;
		break;
	}
	return ino;
}

/* The errno of a failed tmpfs_new_inode: the mount's inode limit, or memory. */
static int tmpfs_new_inode_errno(const struct super_block *sb)
{
	return sb->inodes_max && sb->inodes >= sb->inodes_max ? -ENOSPC : -ENOMEM;
}

static int tmpfs_mknod(struct inode *dir, struct dentry *d, unsigned mode, dev_t rdev,
		       uint32_t uid, uint32_t gid)
{
	struct inode *ino = tmpfs_new_inode(dir->sb, mode, rdev, uid, gid);

	if (!ino)
		return tmpfs_new_inode_errno(dir->sb);
	simple_link_new(dir, d, ino);
	return 0;
}

static int tmpfs_create(struct inode *dir, struct dentry *d, unsigned mode, uint32_t uid,
			uint32_t gid)
{
	return tmpfs_mknod(dir, d, mode, 0, uid, gid);
}

static int tmpfs_mkdir(struct inode *dir, struct dentry *d, unsigned mode, uint32_t uid,
		       uint32_t gid)
{
	return tmpfs_mknod(dir, d, mode, 0, uid, gid);
}

static int tmpfs_set_link(struct inode *ino, const char *target, size_t len)
{
	char *copy = kmalloc(len + 1);

	if (!copy)
		return -ENOMEM;
	memcpy(copy, target, len);
	copy[len] = '\0';
	ino->data = copy;
	ino->size = len;
	return 0;
}

static int tmpfs_symlink(struct inode *dir, struct dentry *d, const char *target,
			 size_t len, uint32_t uid, uint32_t gid)
{
	struct inode *ino = tmpfs_new_inode(dir->sb, S_IFLNK | 0777, 0, uid, gid);
	int err;

	if (!ino)
		return tmpfs_new_inode_errno(dir->sb);
	err = tmpfs_set_link(ino, target, len);
	if (err) {
		inode_put(ino);
		return err;
	}
	simple_link_new(dir, d, ino);
	return 0;
}

static int tmpfs_link(struct dentry *old, struct inode *dir, struct dentry *d)
{
	inode_get(old->inode);
	simple_link_new(dir, d, old->inode);
	return 0;
}

static int tmpfs_unlink(struct inode *dir, struct dentry *d)
{
	simple_unlink_name(dir, d);
	return 0;
}

static int tmpfs_rmdir(struct inode *dir, struct dentry *d)
{
	if (dentry_has_positive_children(d))
		return -ENOTEMPTY;
	/* Its negative children go with it: nothing can be looked up there now. */
	simple_unlink_name(dir, d);
	dentry_prune_tree(d, false);
	return 0;
}

static int tmpfs_rename(struct inode *odir, struct dentry *old, struct inode *ndir,
			struct dentry *new, unsigned flags)
{
	return simple_rename(odir, old, ndir, new, flags);
}

/* setattr: the generic fields, and the size through tmpfs_truncate. */
static int tmpfs_setattr(struct dentry *d, const struct vfs_iattr *attr)
{
	struct vfs_iattr rest = *attr;
	int err;

	if (attr->valid & ATTR_SIZE) {
		if (!S_ISREG(d->inode->mode))
			return -EINVAL;
		err = tmpfs_truncate(d->inode, attr->size);
		if (err)
			return err;
		rest.valid &= ~ATTR_SIZE;
	}
	return inode_setattr(d, &rest);
}

static const struct inode_operations tmpfs_dir_inode_ops = {
	.lookup = simple_lookup,
	.create = tmpfs_create,
	.mkdir = tmpfs_mkdir,
	.mknod = tmpfs_mknod,
	.symlink = tmpfs_symlink,
	.link = tmpfs_link,
	.unlink = tmpfs_unlink,
	.rmdir = tmpfs_rmdir,
	.rename = tmpfs_rename,
	.setattr = tmpfs_setattr,
};

static const struct inode_operations tmpfs_file_inode_ops = {
	.setattr = tmpfs_setattr,
};

static const struct inode_operations tmpfs_symlink_inode_ops = {
	.get_link = simple_get_link,
	.setattr = tmpfs_setattr,
};

static const struct inode_operations tmpfs_special_inode_ops = {
	.setattr = tmpfs_setattr,
};

static long tmpfs_file_read(struct file *f, struct uio *u, uint64_t *pos)
{
	struct inode *ino = f->inode;
	long r;

	inode_lock_shared(ino);
	r = page_cache_read(&ino->i_data, u, *pos, ino->size);
	if (r > 0)
		file_accessed(f);
	inode_unlock_shared(ino);
	if (r > 0)
		*pos += (uint64_t)r;
	return r;
}

static long tmpfs_file_write(struct file *f, struct uio *u, uint64_t *pos)
{
	struct inode *ino = f->inode;
	long r;

	inode_lock(ino);
	r = generic_write_checks(f, u, pos);
	if (!r)
		r = page_cache_write(&ino->i_data, u, *pos, &ino->size);
	if (r > 0) {
		inode_touch(ino, true);
		*pos += (uint64_t)r;
	}
	inode_unlock(ino);
	return r;
}

static long tmpfs_file_lseek(struct file *f, int64_t off, int whence)
{
	return generic_file_lseek(f, off, whence, tmpfs_seek_data);
}

/* Both kinds map the cache's frames (vm_fault.c). */
static int tmpfs_file_mmap(struct file *f __unused, bool shared __unused)
{
	return 0;
}

/* fallocate(2): mode 0, KEEP_SIZE and PUNCH_HOLE (the VFS checked the combinations). */
static int tmpfs_file_fallocate(struct file *f, int mode, uint64_t off, uint64_t len)
{
	if (mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE))
		return -EOPNOTSUPP;
	if (mode & FALLOC_FL_PUNCH_HOLE)
		return tmpfs_punch_hole(f->inode, off, len);
	return tmpfs_allocate(f->inode, off, len, mode & FALLOC_FL_KEEP_SIZE);
}

static const struct file_ops tmpfs_file_ops = {
	.read = tmpfs_file_read,
	.write = tmpfs_file_write,
	.lseek = tmpfs_file_lseek,
	.fsync = noop_fsync,
	.mmap = tmpfs_file_mmap,
	.fallocate = tmpfs_file_fallocate,
};

static const struct address_space_ops tmpfs_aops = {
	.charge = tmpfs_charge,
};

static const struct super_operations tmpfs_super_ops = {
	.evict_inode = tmpfs_evict_inode,
	.statfs = tmpfs_statfs,
};

/* Parses "size=N[kmg],mode=OCTAL,nr_inodes=N"; -EINVAL for anything else. */
static int tmpfs_parse_options(struct super_block *sb, const char *opt, unsigned *mode)
{
	while (opt && *opt) {
		const char *key = opt, *val;
		uint64_t num = 0;
		unsigned base = 10;
		size_t klen;

		while (*opt && *opt != ',' && *opt != '=')
			opt++;
		klen = (size_t)(opt - key);
		if (*opt != '=')
			return -EINVAL;
		val = ++opt;
		if (klen == 4 && !memcmp(key, "mode", 4))
			base = 8;
		while (*opt >= '0' && *opt < (char)('0' + base)) {
			num = num * base + (uint64_t)(*opt - '0');
			opt++;
		}
		if (opt == val)
			return -EINVAL;
		if (klen == 4 && !memcmp(key, "size", 4)) {
			unsigned shift = *opt == 'k' ? 10 : *opt == 'm' ? 20 :
					 *opt == 'g' ? 30 : 0;

			if (shift)
				opt++;
			sb->bytes_max = num << shift;
		} else if (klen == 4 && !memcmp(key, "mode", 4)) {
			*mode = S_IFDIR | ((unsigned)num & S_IALLUGO);
		} else if (klen == 9 && !memcmp(key, "nr_inodes", 9)) {
			sb->inodes_max = num;
		} else {
			return -EINVAL;
		}
		if (*opt == ',')
			opt++;
		else if (*opt)
			return -EINVAL;
	}
	return 0;
}

int tmpfs_fill_super(const struct fs_type *type, const char *options,
		     unsigned root_mode, struct super_block **out)
{
	struct super_block *sb = kzalloc(sizeof(*sb));
	struct inode *root;
	int err;

	if (!sb)
		return -ENOMEM;
	sb->next_ino = TMPFS_FIRST_INO;
	sb->bytes_max = pmm_total_pages() * PAGE_SIZE / 2;
	sb->inodes_max = pmm_total_pages() / 2;
	err = tmpfs_parse_options(sb, options, &root_mode);
	if (err) {
		kfree(sb);
		return err;
	}
	vfs_sb_init(sb, type, &tmpfs_super_ops, TMPFS_MAGIC);
	root = tmpfs_new_inode(sb, root_mode, 0, 0, 0);
	if (root)
		sb->root = dentry_alloc_root(sb, root);
	if (!sb->root) {
		if (root)
			inode_put(root);
		vfs_sb_kill_unused(sb);
		return -ENOMEM;
	}
	*out = sb;
	return 0;
}

int tmpfs_make_node(struct dentry *dir, const char *name, size_t len, unsigned mode,
		    dev_t rdev, const char *target, struct dentry **out)
{
	struct inode *dino = dir->inode, *ino;
	struct dentry *d;
	int err;

	if (len == 0 || len > NAME_MAX)
		return -EINVAL;
	inode_lock(dino);
	err = dentry_lookup_locked(dir, name, len, &d);
	if (err)
		goto out;
	if (d->inode) {
		err = -EEXIST;
		dentry_put(d);
		goto out;
	}
	ino = tmpfs_new_inode(dino->sb, mode, rdev, 0, 0);
	if (!ino)
		err = tmpfs_new_inode_errno(dino->sb);
	else if (target)
		err = tmpfs_set_link(ino, target, strlen(target));
	if (err) {
		inode_put(ino);
		dentry_put(d);
		goto out;
	}
	simple_link_new(dino, d, ino);
	if (out)
		*out = d;
	else
		dentry_put(d);
out:
	inode_unlock(dino);
	return err;
}

static int tmpfs_mount(const struct fs_type *type, const char *source __unused,
		       unsigned long flags __unused, const char *options,
		       struct super_block **out)
{
	return tmpfs_fill_super(type, options, TMPFS_ROOT_MODE, out);
}

const struct fs_type tmpfs_type = {
	.name = "tmpfs",
	.mount = tmpfs_mount,
};

int tmpfs_remove_node(struct dentry *dir, const char *name, size_t len)
{
	struct inode *dino = dir->inode;
	struct dentry *d;
	int err;

	inode_lock(dino);
	err = dentry_lookup_locked(dir, name, len, &d);
	if (err)
		goto out;
	if (!d->inode)
		err = -ENOENT;
	else if (S_ISDIR(d->inode->mode) || vfs_is_mountpoint(d))
		err = -EBUSY;
	else
		simple_unlink_name(dino, d);
	dentry_put(d);
out:
	inode_unlock(dino);
	return err;
}
