/*
 * super.c: mounting an ext2 file system from a block device, its
 * superblock and group descriptors, statfs, sync and unmount.
 *
 * The superblock is kept as a copy in ext2_sb_info (es, under
 * alloc_lock) and written into its buffer whenever its counts change,
 * as Linux's ext2 keeps its buffer head. Group descriptors are read
 * through buffers on demand: nothing stays held, so an inode evicted
 * after put_super (a lazily unmounted open file) still finds them.
 *
 * Mount state as Linux's ext2 ([ext2.rst] "Mount state"; ext2_setup_super
 * and ext2_put_super): a read-write mount clears EXT2_VALID_FS on the disk
 * and counts the mount (s_mnt_count, s_mtime); unmount writes back the
 * state found at mount. An unchecked or erroneous file system mounts
 * with a warning.
 */
#include <basalt/log.h>
#include <basalt/string.h>
#include <mm/mm.h>
#include <uapi/errno.h>
#include <basalt/panic.h>
#include <uapi/statfs.h>
#include "ext2.h"

#define EXT2_STATFS_MAGIC	EXT2_SUPER_MAGIC	/* statfs(2) f_type: 0xEF53 */
#define EXT2_DFL_MAX_MNT_COUNT	20	/* Linux's when s_max_mnt_count is 0 */
/* mount(2)'s MS_SILENT: no log line for a device that is not ext2 at all. */
#define EXT2_MS_SILENT		0x8000

/*
 * guards: ext2_mounted (devices mounted by ext2: one super block each).
 * A second mount(2) of a mounted device shares its super block in the
 * VFS (vfs_mount_find_sb) before reaching ext2_mount; EBUSY here is for
 * a device whose super block is still being killed.
 */
static struct mutex ext2_mounts_lock = MUTEX_INIT(ext2_mounts_lock);
#define EXT2_MAX_MOUNTS	32
static struct block_device *ext2_mounted[EXT2_MAX_MOUNTS];

int ext2_corrupt(struct super_block *sb, const char *what, uint64_t num)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	pr_err(EXT2_LOG_PREFIX "%s: corrupted: %s (%llu)\n", sbi->bdev->name, what,
	       (unsigned long long)num);
	/* errors= (Linux's ext2_error): go on, stop writing, or stop. */
	switch (ext2_errors_behaviour(sbi)) {
	case EXT2_ERRORS_PANIC:
		panic(EXT2_LOG_PREFIX "%s: panic forced after error", sbi->bdev->name);
	case EXT2_ERRORS_RO:
		if (!__atomic_exchange_n(&sbi->rdonly, true, __ATOMIC_ACQ_REL)) {
			pr_crit(EXT2_LOG_PREFIX "%s: Remounting filesystem read-only\n",
				sbi->bdev->name);
			__atomic_or_fetch(&sb->s_flags, SB_RDONLY, __ATOMIC_RELEASE);
		}
		break;
	default:
		break;
	}
	return -EUCLEAN;
}

int ext2_bread(struct super_block *sb, uint32_t b, struct buffer *out)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	if (!ext2_block_valid(&sbi->es, b))
		return ext2_corrupt(sb, "block number outside the file system", b);
	return buffer_read(sbi->bdev, b, sbi->geo.block_size, out);
}

int ext2_bget_new(struct super_block *sb, uint32_t b, struct buffer *out)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	if (!ext2_block_valid(&sbi->es, b))
		return ext2_corrupt(sb, "block number outside the file system", b);
	return buffer_get_new(sbi->bdev, b, sbi->geo.block_size, out);
}

int ext2_gd_get(struct ext2_sb_info *sbi, uint32_t group, struct buffer *bh,
		struct ext2_group_desc **out)
{
	uint32_t per_block = sbi->geo.block_size / sizeof(struct ext2_group_desc);
	/* [Poirier §3.2] the table follows the superblock's block. */
	uint32_t b = sbi->es.s_first_data_block + 1 + group / per_block;
	int err;

	if (group >= sbi->geo.groups)
		return ext2_corrupt(&sbi->sb, "group number out of range", group);
	err = buffer_read(sbi->bdev, b, sbi->geo.block_size, bh);
	if (err)
		return err;
	*out = (struct ext2_group_desc *)bh->data + group % per_block;
	return 0;
}

/* Where the superblock lies in the device's blocks of size bytes. */
static uint32_t ext2_super_size(const struct ext2_sb_info *sbi)
{
	return MAX((uint32_t)EXT2_SUPER_SIZE, sbi->bdev->disk->block_size);
}

/* Writes the copy es into the superblock's buffer (alloc_lock held); sync: now. */
int ext2_sb_write(struct ext2_sb_info *sbi, bool sync)
{
	uint32_t size = ext2_super_size(sbi);
	struct buffer bh;
	int err = buffer_read(sbi->bdev, EXT2_SUPER_OFFSET / size, size, &bh);

	if (err)
		return err;
	sbi->es.s_wtime = (uint32_t)vfs_now().sec;
	memcpy(bh.data + EXT2_SUPER_OFFSET % size, &sbi->es, sizeof(sbi->es));
	buffer_mark_dirty(&bh);
	if (sync)
		err = buffer_write_sync(&bh);
	buffer_release(&bh);
	return err;
}

static int ext2_check_groups(struct ext2_sb_info *sbi)
{
	for (uint32_t g = 0; g < sbi->geo.groups; g++) {
		struct ext2_group_desc *gd;
		struct buffer bh;
		const char *why = NULL;
		int err = ext2_gd_get(sbi, g, &bh, &gd);

		if (err)
			return err;
		err = ext2_check_group(&sbi->es, &sbi->geo, g, gd, &why);
		buffer_release(&bh);
		if (err) {
			pr_err(EXT2_LOG_PREFIX "%s: group descriptor %u: %s\n", sbi->bdev->name,
			       g, why);
			return err;
		}
	}
	return 0;
}

/* ext2_setup_super's warnings and, read-write, the mount count and state. */
static int ext2_setup_super(struct ext2_sb_info *sbi)
{
	struct ext2_super_block *es = &sbi->es;
	const char *name = sbi->bdev->name;

	if (!(es->s_state & EXT2_VALID_FS))
		pr_warn(EXT2_LOG_PREFIX "%s: warning: mounting unchecked fs, running e2fsck is recommended\n",
			name);
	else if (es->s_state & EXT2_ERROR_FS)
		pr_warn(EXT2_LOG_PREFIX "%s: warning: mounting fs with errors, running e2fsck is recommended\n",
			name);
	else if (es->s_max_mnt_count > 0 && es->s_mnt_count >= (uint16_t)es->s_max_mnt_count)
		pr_warn(EXT2_LOG_PREFIX "%s: warning: maximal mount count reached, running e2fsck is recommended\n",
			name);
	if (sbi->rdonly)
		return 0;
	if (!es->s_max_mnt_count)
		es->s_max_mnt_count = EXT2_DFL_MAX_MNT_COUNT;
	es->s_mnt_count++;
	es->s_mtime = (uint32_t)vfs_now().sec;
	sbi->mount_state = es->s_state;
	es->s_state &= (uint16_t)~EXT2_VALID_FS;
	return ext2_sb_write(sbi, true);
}

static int ext2_mount_claim(struct block_device *b)
{
	int free_slot = -1, err = 0;

	mutex_lock(&ext2_mounts_lock);
	for (int i = 0; i < EXT2_MAX_MOUNTS; i++) {
		if (ext2_mounted[i] == b)
			err = -EBUSY;
		else if (!ext2_mounted[i] && free_slot < 0)
			free_slot = i;
	}
	if (!err && free_slot < 0)
		err = -ENOMEM;
	if (!err)
		ext2_mounted[free_slot] = b;
	mutex_unlock(&ext2_mounts_lock);
	return err;
}

static void ext2_mount_release(struct block_device *b)
{
	mutex_lock(&ext2_mounts_lock);
	for (int i = 0; i < EXT2_MAX_MOUNTS; i++)
		if (ext2_mounted[i] == b)
			ext2_mounted[i] = NULL;
	mutex_unlock(&ext2_mounts_lock);
}

/* Reads and validates the superblock into sbi->es and sbi->geo. */
static int ext2_read_super(struct ext2_sb_info *sbi, unsigned long flags)
{
	uint32_t size = ext2_super_size(sbi), feature = 0;
	const char *why = NULL;
	struct buffer bh;
	int err;

	if (size > PAGE_SIZE)
		return -EINVAL;
	err = buffer_read(sbi->bdev, EXT2_SUPER_OFFSET / size, size, &bh);
	if (err)
		return err;
	memcpy(&sbi->es, bh.data + EXT2_SUPER_OFFSET % size, sizeof(sbi->es));
	buffer_release(&bh);
	err = ext2_check_super(&sbi->es, bdev_size(sbi->bdev), &sbi->geo, &why, &feature);
	if (err) {
		if (!(flags & EXT2_MS_SILENT) || sbi->es.s_magic == EXT2_SUPER_MAGIC)
			pr_err(EXT2_LOG_PREFIX "%s: cannot mount: %s%s%x\n", sbi->bdev->name, why,
			       feature ? ": 0x" : "", feature);
		return err;
	}
	if (sbi->geo.need_ro && !(flags & MS_RDONLY)) {
		/* Linux's ext2_fill_super refuses read-write the same way. */
		pr_err(EXT2_LOG_PREFIX "%s: couldn't mount RDWR because of unsupported optional features (0x%x)\n",
		       sbi->bdev->name, feature);
		return -EINVAL;
	}
	if (sbi->geo.block_size < sbi->bdev->disk->block_size) {
		pr_err(EXT2_LOG_PREFIX "%s: block size %u below the device's sector size %u\n",
		       sbi->bdev->name, sbi->geo.block_size, sbi->bdev->disk->block_size);
		return -EINVAL;
	}
	sbi->has_filetype = sbi->es.s_rev_level >= EXT2_DYNAMIC_REV &&
			    (sbi->es.s_feature_incompat & EXT2_FEATURE_INCOMPAT_FILETYPE);
	return 0;
}

static const struct super_operations ext2_super_ops;

static int ext2_mount(const struct fs_type *type, const char *source, unsigned long flags,
		      const char *options, struct super_block **out)
{
	struct block_device *b;
	struct ext2_sb_info *sbi;
	struct inode *root;
	int err;

	if (!source)
		return -EINVAL;
	err = bdev_lookup_path(source, &b);
	if (err)
		return err;
	err = ext2_mount_claim(b);
	if (err)
		return err;
	sbi = kzalloc(sizeof(*sbi));
	if (!sbi) {
		ext2_mount_release(b);
		return -ENOMEM;
	}
	sbi->bdev = b;
	sbi->rdonly = flags & MS_RDONLY;
	err = ext2_parse_options(b->name, options, &sbi->opts);
	if (err) {
		ext2_mount_release(b);
		kfree(sbi);
		return err;
	}
	mutex_init(&sbi->alloc_lock);
	mutex_init(&sbi->inodes_lock);
	list_init(&sbi->inodes);
	err = ext2_read_super(sbi, flags);
	if (!err)
		err = ext2_check_groups(sbi);
	if (err) {
		ext2_mount_release(b);
		kfree(sbi);
		return err;
	}
	vfs_sb_init(&sbi->sb, type, &ext2_super_ops, EXT2_STATFS_MAGIC);
	sbi->sb.dev = b->dev;		/* st_dev is the device's, as on Linux */
	sbi->sb.bdev = b;
	sbi->sb.bytes_max = ext2_max_size(sbi->geo.block_size);
	err = ext2_iget(&sbi->sb, EXT2_ROOT_INO, &root);
	if (!err && !S_ISDIR(root->mode)) {
		inode_put(root);
		err = ext2_corrupt(&sbi->sb, "root inode is not a directory", EXT2_ROOT_INO);
	}
	if (!err) {
		sbi->sb.root = dentry_alloc_root(&sbi->sb, root);
		if (!sbi->sb.root) {
			inode_put(root);
			err = -ENOMEM;
		}
	}
	if (!err)
		err = ext2_setup_super(sbi);
	if (err) {
		if (sbi->sb.root) {
			/* The root's inode goes with the sb (vfs_sb_kill frees it). */
			sbi->rdonly = true;
			vfs_sb_kill(&sbi->sb);
		} else {
			inode_evict_sb(&sbi->sb);
			vfs_sb_kill_unused(&sbi->sb);
		}
		ext2_mount_release(b);
		return err;
	}
	*out = &sbi->sb;
	return 0;
}

/*
 * Writes every cached inode's dirty pages back (sync, umount). The list
 * lock keeps an inode from being evicted while its pages are written.
 */
static int ext2_sync_inodes(struct ext2_sb_info *sbi)
{
	struct list_node *n;
	int err = 0, r;

	mutex_lock(&sbi->inodes_lock);
	list_for_each(n, &sbi->inodes) {
		struct ext2_inode_info *ei = list_entry(n, struct ext2_inode_info, sb_link);

		if (!ei->vfs.i_data.nrdirty)
			continue;
		r = page_cache_writeback(&ei->vfs.i_data, 0, PAGE_CACHE_MAX_PAGES - 1);
		if (r && !err)
			err = r;
	}
	mutex_unlock(&sbi->inodes_lock);
	return err;
}

static int ext2_sync_fs(struct super_block *sb, bool wait __unused)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	int err, r;

	if (sbi->rdonly)
		return 0;
	err = ext2_sync_inodes(sbi);
	mutex_lock(&sbi->alloc_lock);
	r = ext2_sb_write(sbi, false);
	mutex_unlock(&sbi->alloc_lock);
	if (r && !err)
		err = r;
	r = bdev_sync(sbi->bdev);
	return err ? err : r;
}

static void ext2_put_super(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	if (!sbi->rdonly) {
		ext2_sync_inodes(sbi);
		mutex_lock(&sbi->alloc_lock);
		sbi->es.s_state = sbi->mount_state;
		ext2_sb_write(sbi, false);
		mutex_unlock(&sbi->alloc_lock);
		bdev_sync(sbi->bdev);
	}
	sbi->put_done = true;
	ext2_mount_release(sbi->bdev);
}

/*
 * Read-only to read-write: e2fsck may have repaired the disk meanwhile
 * (the root checked at boot before it is remounted). Linux's
 * ext2_remount rereads the valid flag, and its superblock is the buffer
 * itself, so it sees every field e2fsck wrote; here the fields e2fsck
 * writes when it repairs are copied from the disk into the copy es
 * (nothing was written through it while read-only).
 */
static int ext2_reread_repaired(struct ext2_sb_info *sbi)
{
	uint32_t size = ext2_super_size(sbi);
	const struct ext2_super_block *disk;
	struct buffer bh;
	int err = buffer_read(sbi->bdev, EXT2_SUPER_OFFSET / size, size, &bh);

	if (err)
		return err;
	disk = (const struct ext2_super_block *)(bh.data + EXT2_SUPER_OFFSET % size);
	sbi->es.s_state = disk->s_state;
	sbi->es.s_free_blocks_count = disk->s_free_blocks_count;
	sbi->es.s_free_inodes_count = disk->s_free_inodes_count;
	sbi->es.s_mnt_count = disk->s_mnt_count;
	sbi->es.s_lastcheck = disk->s_lastcheck;
	buffer_release(&bh);
	return 0;
}

/*
 * MS_REMOUNT (Linux's ext2_remount): going read-only writes everything
 * back and marks the disk clean again, as an unmount does; going
 * read-write counts a mount and marks it in use, unless a RO_COMPAT
 * feature we do not know forbids writing (EROFS). The VFS lets no file
 * be open for writing across the switch, so rdonly changes with no
 * writer running.
 */
static int ext2_remount(struct super_block *sb, unsigned long *flags,
			const char *options)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	bool want_ro = *flags & MS_RDONLY;
	int err = ext2_parse_options(sbi->bdev->name, options, &sbi->opts);

	if (err)
		return err;		/* nothing changed */

	if (want_ro && !sbi->rdonly) {
		ext2_sync_inodes(sbi);
		mutex_lock(&sbi->alloc_lock);
		sbi->es.s_state = sbi->mount_state;
		err = ext2_sb_write(sbi, false);
		mutex_unlock(&sbi->alloc_lock);
		if (!err)
			err = bdev_sync(sbi->bdev);
		if (!err)
			sbi->rdonly = true;
	} else if (!want_ro && sbi->rdonly) {
		if (sbi->geo.need_ro) {
			pr_err(EXT2_LOG_PREFIX "%s: couldn't remount RDWR because of unsupported optional features\n",
			       sbi->bdev->name);
			return -EROFS;
		}
		sbi->rdonly = false;
		mutex_lock(&sbi->alloc_lock);
		err = ext2_reread_repaired(sbi);
		if (!err)
			err = ext2_setup_super(sbi);
		mutex_unlock(&sbi->alloc_lock);
		if (err)
			sbi->rdonly = true;
	}
	return err;
}

/* Linux's statfs of ext2 (the BSD df: metadata is not counted in f_blocks). */
static void ext2_statfs(struct super_block *sb, struct statfs *st)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_super_block *es = &sbi->es;
	uint64_t overhead = es->s_first_data_block, fsid = 0;

	uint32_t rsv = (es->s_feature_compat & EXT2_FEATURE_COMPAT_RESIZE_INO) ?
		       es->s_reserved_gdt_blocks : 0;

	/*
	 * The reserved descriptor blocks count as overhead too, as in
	 * ext4_calculate_overhead (Linux's ext4 driver, which mounts ext2
	 * images on today's kernels; the old ext2 driver left them out).
	 */
	for (uint32_t g = 0; g < sbi->geo.groups; g++)
		if (ext2_group_has_super(es, g))
			overhead += 1 + sbi->geo.desc_blocks + rsv;
	overhead += (uint64_t)sbi->geo.groups * (2 + sbi->geo.inode_table_blocks);
	memset(st, 0, sizeof(*st));
	mutex_lock(&sbi->alloc_lock);
	st->f_type = EXT2_STATFS_MAGIC;
	st->f_bsize = sbi->geo.block_size;
	st->f_frsize = sbi->geo.block_size;
	if (sbi->opts.minixdf)
		overhead = 0;		/* minixdf: metadata counted as used blocks */
	st->f_blocks = es->s_blocks_count - MIN((uint64_t)es->s_blocks_count, overhead);
	st->f_bfree = es->s_free_blocks_count;
	st->f_bavail = st->f_bfree >= es->s_r_blocks_count ?
		       st->f_bfree - es->s_r_blocks_count : 0;
	st->f_files = es->s_inodes_count;
	st->f_ffree = es->s_free_inodes_count;
	mutex_unlock(&sbi->alloc_lock);
	st->f_namelen = EXT2_NAME_LEN;
	/* Linux: the two halves of the UUID xor'ed, low word first. */
	for (int i = 0; i < 8; i++)
		fsid |= (uint64_t)(es->s_uuid[i] ^ es->s_uuid[i + 8]) << (8 * i);
	st->f_fsid[0] = (int32_t)(uint32_t)fsid;
	st->f_fsid[1] = (int32_t)(uint32_t)(fsid >> 32);
}

static const struct super_operations ext2_super_ops = {
	.alloc_inode = ext2_alloc_inode,
	.free_inode = ext2_free_inode,
	.evict_inode = ext2_evict_inode,
	.write_inode = ext2_write_inode,
	.sync_fs = ext2_sync_fs,
	.statfs = ext2_statfs,
	.put_super = ext2_put_super,
	.remount = ext2_remount,
	.show_options = ext2_show_options,
};

const struct fs_type ext2_fs_type = {
	.name = "ext2",
	.fs_flags = FS_REQUIRES_DEV,
	.mount = ext2_mount,
};
