/*
 * fat_super.c: mounting a FAT volume ("vfat": long names; "msdos": 8.3
 * names only), both from a block device (FS_REQUIRES_DEV). The boot
 * sector is validated (fat_bpb.c) and its type found by cluster count
 * (fatgen103 "FAT Type Determination"); FAT32's FSInfo gives the free
 * count and next-free hint, counted from the FAT when it is missing. The
 * options are Linux's (Documentation/filesystems/vfat.rst): uid=, gid=
 * (default the mounter's), umask=, fmask=, dmask= (default its umask),
 * showexec, quiet; times are always UTC (tz=UTC). Names are always UTF-8
 * (Linux's utf8 option); lookups ignore ASCII case, except with
 * iocharset=utf8, whose case tables make Linux's lookups exact. The rest
 * of Linux's options that change nothing here are accepted
 * (codepage=437, shortname=mixed, errors=, flush...).
 *
 * A volume mounted read-write is marked dirty in the boot sector's
 * state byte (BS_Reserved1, bit 0) until it is unmounted, as Linux's
 * fat_set_state; one found dirty is mounted with a warning and left
 * dirty. put_super and sync_fs write FSInfo and flush the device.
 */
#include <basalt/log.h>
#include <basalt/string.h>
#include <proc/process.h>
#include <uapi/errno.h>
#include <uapi/statfs.h>
#include "fat.h"

/* Offsets of the state byte: FAT32 0x41, FAT12/16 0x25 (BS_Reserved1). */
#define FAT32_STATE_OFFSET	0x41
#define FAT16_STATE_OFFSET	0x25
#define FAT_STATE_DIRTY		0x01
/* Linux's statfs f_namelen: 255 characters of up to 6 bytes (vfat), 8.3 (msdos). */
#define FAT_VFAT_NAMELEN	1530
#define FAT_MSDOS_NAMELEN	12
#define FAT_DEFAULT_UMASK	022

/*
 * guards: fat_mounts, the FAT file systems mounted, one per device. A
 * second mount(2) of a mounted device never gets here: the VFS gives it
 * the same super block (vfs_mount_find_sb, as Linux's sget); this list
 * refuses (EBUSY) only a device whose super block is still going away.
 */
static struct mutex fat_mounts_lock = MUTEX_INIT(fat_mounts_lock);
static struct list_node fat_mounts = { &fat_mounts, &fat_mounts };

/*
 * Claims b for fs. The /dev node reads and writes through the same
 * cache as the mount (blk_file.c), so what mkfs.fat or dd wrote there
 * is what the mount sees, without dropping anything.
 */
static int fat_claim_bdev(struct fat_sb *fs, struct block_device *b)
{
	struct list_node *n;
	int err = 0;

	mutex_lock(&fat_mounts_lock);
	list_for_each(n, &fat_mounts)
		if (list_entry(n, struct fat_sb, mount_link)->bdev == b)
			err = -EBUSY;
	if (!err) {
		fs->bdev = b;
		list_add_tail(&fat_mounts, &fs->mount_link);
	}
	mutex_unlock(&fat_mounts_lock);
	return err;
}

static void fat_release_bdev(struct fat_sb *fs)
{
	mutex_lock(&fat_mounts_lock);
	list_del(&fs->mount_link);
	mutex_unlock(&fat_mounts_lock);
}

static int fat_set_state(struct fat_sb *fs, bool dirty)
{
	uint32_t off = fs->g.type == 32 ? FAT32_STATE_OFFSET : FAT16_STATE_OFFSET;
	struct buffer bh;
	int err = buffer_read(fs->bdev, 0, fs->g.sector_size, &bh);

	if (err)
		return err;
	if (dirty)
		bh.data[off] |= FAT_STATE_DIRTY;
	else
		bh.data[off] &= (uint8_t)~FAT_STATE_DIRTY;
	buffer_mark_dirty(&bh);
	err = buffer_write_sync(&bh);
	buffer_release(&bh);
	return err;
}

static struct inode *fat_alloc_inode(struct super_block *sb)
{
	struct fat_inode *fi = kzalloc(sizeof(*fi));

	if (!fi)
		return NULL;
	__atomic_add_fetch(&FAT_SB(sb)->live_inodes, 1, __ATOMIC_RELAXED);
	return &fi->vfs;
}

/* Drops fs's count of live inodes (or put_super's hold): the last frees it. */
static void fat_sb_put(struct fat_sb *fs)
{
	if (!__atomic_sub_fetch(&fs->live_inodes, 1, __ATOMIC_ACQ_REL))
		kfree(fs);
}

static void fat_free_inode(struct inode *ino)
{
	struct fat_sb *fs = FAT_SB(ino->sb);

	kfree(FAT_I(ino));
	fat_sb_put(fs);
}

static int fat_sync_fs(struct super_block *sb, bool wait __unused)
{
	struct fat_sb *fs = FAT_SB(sb);
	int err;

	if (fs->rdonly)
		return 0;
	err = fat_fsinfo_write(fs);
	if (!err)
		err = bdev_sync(fs->bdev);
	return err;
}

static void fat_statfs(struct super_block *sb, struct statfs *st)
{
	struct fat_sb *fs = FAT_SB(sb);

	fat_count_free(fs);
	memset(st, 0, sizeof(*st));
	st->f_type = FAT_SUPER_MAGIC;
	st->f_bsize = fs->g.cluster_size;
	st->f_frsize = fs->g.cluster_size;
	st->f_blocks = fs->g.clusters;
	mutex_lock(&fs->fat_lock);
	st->f_bfree = fs->free_count == FAT_FSINFO_UNKNOWN ? 0 : fs->free_count;
	mutex_unlock(&fs->fat_lock);
	st->f_bavail = st->f_bfree;
	st->f_fsid[0] = (int32_t)fs->bdev->dev;
	st->f_namelen = fs->opts.isvfat ? FAT_VFAT_NAMELEN : FAT_MSDOS_NAMELEN;
}

static void fat_put_super(struct super_block *sb)
{
	struct fat_sb *fs = FAT_SB(sb);

	if (!fs->rdonly) {
		fat_fsinfo_write(fs);
		if (!fs->dirty_at_mount)
			fat_set_state(fs, false);
		bdev_sync(fs->bdev);
	}
	fat_release_bdev(fs);
	fs->dead = true;
	fat_sb_put(fs);		/* the mount's hold; inodes still open keep fs */
}

/*
 * MS_REMOUNT, as Linux's fat_remount: the data string is not parsed
 * again; going read-only writes everything back and clears the state
 * byte's dirty bit (as an unmount), going read-write sets it again. The
 * VFS lets no file be open for writing across the switch.
 */
static int fat_remount(struct super_block *sb, unsigned long *flags,
		       const char *options __unused)
{
	struct fat_sb *fs = FAT_SB(sb);
	bool want_ro = *flags & MS_RDONLY;
	int err = 0;

	if (want_ro && !fs->rdonly) {
		err = vfs_sync_sb(sb);
		if (!err && !fs->dirty_at_mount)
			err = fat_set_state(fs, false);
		if (!err)
			err = bdev_sync(fs->bdev);
		if (!err)
			fs->rdonly = true;
	} else if (!want_ro && fs->rdonly) {
		fs->rdonly = false;
		if (!fs->dirty_at_mount)
			err = fat_set_state(fs, true);
		if (err)
			fs->rdonly = true;
	}
	return err;
}

static const struct super_operations fat_super_ops = {
	.alloc_inode = fat_alloc_inode,
	.free_inode = fat_free_inode,
	.evict_inode = fat_inode_evict,
	.write_inode = fat_inode_write,
	.sync_fs = fat_sync_fs,
	.statfs = fat_statfs,
	.put_super = fat_put_super,
	.remount = fat_remount,
};

/*
 * A cached negative name may hide a name created since under another
 * case (lookups are case-insensitive): ask the directory again, as
 * Linux's vfat_revalidate does for negative dentries.
 */
static int fat_d_revalidate(struct dentry *d)
{
	return d->inode != NULL;
}

static const struct dentry_operations fat_dentry_ops = {
	.revalidate = fat_d_revalidate,
};

/* Linux's options that change nothing here (values as Basalt behaves). */
static const char *const fat_ignored_opts[] = {
	"iocharset=iso8859-1", "iocharset=ascii", "codepage=437", "shortname=mixed", "utf8", "utf8=1", "tz=UTC",
	"errors=remount-ro", "errors=continue", "errors=panic", "flush", "usefree",
	"nocase", "check=relaxed", "check=r", "allow_utime=20", "allow_utime=22",
	"rodir", "discard", "nfs", "nfs=nostale_ro", "time_offset=0", "sys_immutable",
	"dos1xfloppy", "debug", "uni_xlate", "posix",
};

static int fat_parse_octal(const char *v, size_t len, unsigned *out)
{
	unsigned n = 0;

	if (!len || len > 4)
		return -EINVAL;
	for (size_t i = 0; i < len; i++) {
		if (v[i] < '0' || v[i] > '7')
			return -EINVAL;
		n = n * 8 + (unsigned)(v[i] - '0');
	}
	*out = n & FAT_S_RWX;
	return 0;
}

static int fat_parse_dec(const char *v, size_t len, uint32_t *out)
{
	uint64_t n = 0;

	if (!len || len > 10)
		return -EINVAL;
	for (size_t i = 0; i < len; i++) {
		if (v[i] < '0' || v[i] > '9')
			return -EINVAL;
		n = n * 10 + (uint64_t)(v[i] - '0');
	}
	if (n > UINT32_MAX)
		return -EINVAL;
	*out = (uint32_t)n;
	return 0;
}

static bool fat_opt_is(const char *opt, size_t len, const char *name)
{
	return strlen(name) == len && !memcmp(opt, name, len);
}

static int fat_parse_options(struct fat_sb *fs, const char *dev, const char *opts)
{
	while (opts && *opts) {
		const char *opt = opts, *eq;
		size_t len = 0, klen;
		bool ignored = false;
		int err = 0;

		while (opt[len] && opt[len] != ',')
			len++;
		opts = opt[len] ? opt + len + 1 : opt + len;
		if (!len)
			continue;
		for (klen = 0; klen < len && opt[klen] != '='; klen++)
			;
		eq = klen < len ? opt + klen : NULL;
		if (eq && fat_opt_is(opt, klen, "uid")) {
			err = fat_parse_dec(eq + 1, len - klen - 1, &fs->opts.uid);
		} else if (eq && fat_opt_is(opt, klen, "gid")) {
			err = fat_parse_dec(eq + 1, len - klen - 1, &fs->opts.gid);
		} else if (eq && fat_opt_is(opt, klen, "umask")) {
			err = fat_parse_octal(eq + 1, len - klen - 1, &fs->opts.fmask);
			fs->opts.dmask = fs->opts.fmask;
		} else if (eq && fat_opt_is(opt, klen, "fmask")) {
			err = fat_parse_octal(eq + 1, len - klen - 1, &fs->opts.fmask);
		} else if (eq && fat_opt_is(opt, klen, "dmask")) {
			err = fat_parse_octal(eq + 1, len - klen - 1, &fs->opts.dmask);
		} else if (fat_opt_is(opt, len, "iocharset=utf8")) {
			fs->opts.fold = false;
		} else if (fat_opt_is(opt, len, "showexec")) {
			fs->opts.showexec = true;
		} else if (fat_opt_is(opt, len, "quiet")) {
			fs->opts.quiet = true;
		} else {
			for (size_t i = 0; i < ARRAY_SIZE(fat_ignored_opts); i++)
				if (fat_opt_is(opt, len, fat_ignored_opts[i]))
					ignored = true;
			if (!ignored) {
				pr_err("FAT-fs (%s): Unrecognized mount option \"%.*s\" or missing value\n",
				       dev, (int)len, opt);
				err = -EINVAL;
			}
		}
		if (err)
			return err;
	}
	return 0;
}

/* The largest buffer size that keeps every cluster's blocks aligned. */
static uint32_t fat_data_block_size(const struct fat_geometry *g)
{
	uint64_t start = (uint64_t)g->data_start * g->sector_size;
	uint32_t bs = MIN(g->cluster_size, (uint32_t)PAGE_SIZE);

	while (bs > g->sector_size && (start % bs))
		bs /= 2;
	return bs;
}

static int fat_read_fsinfo(struct fat_sb *fs)
{
	struct buffer bh;
	int err;

	if (fs->g.type != 32 || !fs->g.fsinfo_sector)
		return 0;
	err = buffer_read(fs->bdev, fs->g.fsinfo_sector, fs->g.sector_size, &bh);
	if (err)
		return err;
	if (fat_parse_fsinfo(bh.data, fs->g.sector_size, &fs->g, &fs->free_count,
			     &fs->next_free))
		pr_warn("FAT-fs (%s): Invalid FSINFO signature (sector %u)\n", fs->bdev->name,
			fs->g.fsinfo_sector);
	buffer_release(&bh);
	return 0;
}

static int fat_fill_super(struct fat_sb *fs, const char *options)
{
	struct block_device *b = fs->bdev;
	uint32_t bsize = MAX(b->disk->block_size, (uint32_t)FAT_MIN_SECTOR_SIZE);
	struct buffer bh;
	int err;

	if (bsize > PAGE_SIZE)
		return -EINVAL;
	err = buffer_read(b, 0, bsize, &bh);
	if (err)
		return err;
	err = fat_parse_boot(bh.data, bsize, bdev_size(b), b->name, &fs->g);
	if (!err) {
		uint32_t off = fs->g.type == 32 ? FAT32_STATE_OFFSET : FAT16_STATE_OFFSET;

		fs->dirty_at_mount = bh.data[off] & FAT_STATE_DIRTY;
	}
	buffer_release(&bh);
	if (err)
		return err;
	if (fs->g.sector_size < b->disk->block_size) {
		pr_err("FAT-fs (%s): logical sector size %u below the disk's block size %u\n",
		       b->name, fs->g.sector_size, b->disk->block_size);
		return -EINVAL;
	}
	err = fat_parse_options(fs, b->name, options);
	if (err)
		return err;
	fs->data_bs = fat_data_block_size(&fs->g);
	fs->free_count = FAT_FSINFO_UNKNOWN;
	fs->next_free = FAT_FSINFO_UNKNOWN;
	err = fat_read_fsinfo(fs);
	if (err)
		return err;
	if (fs->dirty_at_mount)
		pr_warn("FAT-fs (%s): Volume was not properly unmounted. Some data may be corrupt. Please run fsck.\n",
			b->name);
	else if (!fs->rdonly)
		err = fat_set_state(fs, true);
	return err;
}

static int fat_mount_common(const struct fs_type *type, const char *source,
			    unsigned long flags, const char *options, bool isvfat,
			    struct super_block **out)
{
	struct fs_context *ctx = fs_context_of_current();
	const struct cred *cred = vfs_cred();
	struct super_block *sb;
	struct block_device *b;
	struct fat_sb *fs;
	struct inode *root;
	int err;

	if (!source)
		return -EINVAL;
	sb = kzalloc(sizeof(*sb));
	fs = kzalloc(sizeof(*fs));
	if (!sb || !fs) {
		kfree(sb);
		kfree(fs);
		return -ENOMEM;
	}
	mutex_init(&fs->fat_lock);
	mutex_init(&fs->dirent_lock);
	fs->live_inodes = 1;	/* the mount's, dropped by put_super */
	fs->sb = sb;
	fs->rdonly = flags & MS_RDONLY;
	fs->opts.isvfat = isvfat;
	fs->opts.fold = true;
	fs->opts.uid = cred->fsuid;
	fs->opts.gid = cred->fsgid;
	fs->opts.fmask = fs->opts.dmask = ctx ? ctx->umask & FAT_S_RWX : FAT_DEFAULT_UMASK;
	sb->priv = fs;
	err = bdev_lookup_path(source, &b);
	if (!err)
		err = fat_claim_bdev(fs, b);
	if (err) {
		kfree(fs);
		kfree(sb);
		return err;
	}
	err = fat_fill_super(fs, options);
	if (err) {
		fat_release_bdev(fs);
		kfree(fs);
		kfree(sb);
		return err;
	}
	vfs_sb_init(sb, type, &fat_super_ops, FAT_SUPER_MAGIC);
	sb->bdev = b;		/* umount writes the device back and drops its cache */
	sb->d_op = &fat_dentry_ops;
	root = fat_inode_root(fs, &err);
	if (root)
		sb->root = dentry_alloc_root(sb, root);
	if (!sb->root) {
		if (root)
			inode_put(root);
		if (!fs->rdonly && !fs->dirty_at_mount)
			fat_set_state(fs, false);
		fat_release_bdev(fs);
		fat_sb_put(fs);
		vfs_sb_kill_unused(sb);
		return err ? err : -ENOMEM;
	}
	*out = sb;
	return 0;
}

static int fat_vfat_mount(const struct fs_type *type, const char *source, unsigned long flags,
			  const char *options, struct super_block **out)
{
	return fat_mount_common(type, source, flags, options, true, out);
}

static int fat_msdos_mount(const struct fs_type *type, const char *source,
			   unsigned long flags, const char *options, struct super_block **out)
{
	return fat_mount_common(type, source, flags, options, false, out);
}

const struct fs_type vfat_fs_type = {
	.name = "vfat",
	.fs_flags = FS_REQUIRES_DEV,
	.mount = fat_vfat_mount,
};

const struct fs_type msdos_fs_type = {
	.name = "msdos",
	.fs_flags = FS_REQUIRES_DEV,
	.mount = fat_msdos_mount,
};
