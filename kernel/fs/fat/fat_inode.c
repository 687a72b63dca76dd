/*
 * fat_inode.c: inodes of a FAT file system. FAT keeps a file's
 * attributes in its short directory entry (fatgen103 "FAT Directory
 * Structure"), so an inode is named by where that entry is: its number
 * is the entry's device byte offset / 32 (stable while the name stays
 * where it is; the root is FAT_ROOT_INO), and the inode cache finds it
 * again by that number. Modes come from DIR_Attr and the mount options
 * (Linux's fat_make_mode: rwx for all less fmask or dmask, no write bits
 * for a read-only file), owners from uid= and gid=, times from the DOS
 * stamps as UTC (vfat: ctime is the creation time, atime the access
 * date, as Linux).
 */
#include <basalt/log.h>
#include <basalt/string.h>
#include <uapi/errno.h>
#include "fat.h"

static uint32_t fat_dirent_start(const struct fat_sb *fs, const struct fat_dirent *de)
{
	uint32_t start = de->fst_clus_lo;

	/* DIR_FstClusHI is only meaningful on FAT32. */
	if (fs->g.type == 32)
		start |= (uint32_t)de->fst_clus_hi << 16;
	return start;
}

/* showexec: only these extensions get x bits (Linux's is_exec). */
static bool fat_is_exec(const char *name, size_t len)
{
	static const char *const exts[] = { "EXE", "COM", "BAT" };

	if (len < 4 || name[len - 4] != '.')
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(exts); i++)
		if (fat_name_eq(name + len - 3, 3, exts[i], 3, true))
			return true;
	return false;
}

unsigned fat_inode_mode(const struct fat_sb *fs, uint8_t attr, const char *name, size_t len)
{
	unsigned mode;

	if (attr & FAT_ATTR_DIRECTORY)
		return S_IFDIR | (FAT_S_RWX & ~fs->opts.dmask);
	mode = FAT_S_RWX & ~fs->opts.fmask;
	if (fs->opts.showexec && !fat_is_exec(name, len))
		mode &= ~0111u;
	if (attr & FAT_ATTR_READ_ONLY)
		mode &= ~FAT_S_W;
	return S_IFREG | mode;
}

void fat_inode_set_ops(struct inode *ino)
{
	if (S_ISDIR(ino->mode)) {
		ino->i_op = &fat_dir_inode_ops;
		ino->i_fop = &fat_dir_file_ops;
	} else {
		ino->i_op = &fat_file_inode_ops;
		ino->i_fop = &fat_file_ops;
		ino->i_data.a_ops = &fat_aops;
	}
}

static struct vfs_time fat_vfs_time(uint16_t date, uint16_t time, uint8_t cs)
{
	struct vfs_time t;

	t.sec = fat_time_to_unix(date, time, cs, &t.nsec);
	return t;
}

/* Directories' sizes are their chains' (Linux's fat_calc_dir_size). */
static int fat_inode_dir_size(struct fat_sb *fs, struct fat_inode *fi)
{
	uint32_t n;
	unsigned subdirs;
	int err;

	if (fs->g.type != 32 && fi->vfs.ino == FAT_ROOT_INO) {
		fi->vfs.size = (uint64_t)fs->g.root_entries * FAT_DIRENT_SIZE;
	} else {
		err = fat_chain_length(fs, fi->start, &n);
		if (err)
			return err;
		fi->vfs.size = (uint64_t)n * fs->g.cluster_size;
	}
	err = fat_dir_count_subdirs(fs, fi, &subdirs);
	if (err)
		return err;
	fi->vfs.nlink = 2 + subdirs;
	return 0;
}

static void fat_inode_common(struct fat_sb *fs, struct fat_inode *fi)
{
	fi->vfs.uid = fs->opts.uid;
	fi->vfs.gid = fs->opts.gid;
	spin_lock_init(&fi->map_lock, "fat_inode.map_lock");
	fi->map[0].cluster = fi->map[1].cluster = 0;
}

struct inode *fat_inode_get(struct fat_sb *fs, const struct fat_slot *s, int *err)
{
	struct inode *ino = inode_iget(fs->sb, s->disk_pos >> FAT_DIRENT_SHIFT);
	struct fat_inode *fi;
	const struct fat_dirent *de = &s->de;

	if (!ino) {
		*err = -ENOMEM;
		return NULL;
	}
	if (!(ino->state & INODE_NEW))
		return ino;
	fi = FAT_I(ino);
	fat_inode_common(fs, fi);
	fi->start = fat_dirent_start(fs, de);
	fi->dirent_pos = s->disk_pos;
	fi->attr = de->attr;
	fi->crt.crt_time = de->crt_time;
	fi->crt.crt_date = de->crt_date;
	fi->crt.crt_cs = de->crt_time_tenth;
	fi->crt.acc_date = de->lst_acc_date;
	ino->mode = fat_inode_mode(fs, de->attr, s->name, s->len);
	ino->mtime = fat_vfs_time(de->wrt_date, de->wrt_time, 0);
	if (fs->opts.isvfat) {
		ino->ctime = fat_vfs_time(de->crt_date, de->crt_time, de->crt_time_tenth);
		ino->atime = fat_vfs_time(de->lst_acc_date, 0, 0);
	} else {
		ino->ctime = ino->atime = ino->mtime;
	}
	*err = 0;
	if (fi->start && !fat_cluster_valid(fs, fi->start))
		*err = fat_corrupt(fs, "first cluster out of range", fi->start);
	if (!*err && S_ISDIR(ino->mode)) {
		if (!fi->start)
			*err = fat_corrupt(fs, "directory without a cluster at",
					   s->disk_pos);
		else
			*err = fat_inode_dir_size(fs, fi);
	} else if (!*err) {
		ino->nlink = 1;
		ino->size = de->file_size;
		if (ino->size && !fi->start)
			*err = fat_corrupt(fs, "file with a size and no cluster at", s->disk_pos);
	}
	if (*err) {
		inode_new_failed(ino);
		return NULL;
	}
	ino->bytes_alloc = (ino->size + fs->g.cluster_size - 1) / fs->g.cluster_size *
			   fs->g.cluster_size;
	fat_inode_set_ops(ino);
	inode_new_done(ino);
	return ino;
}

struct inode *fat_inode_root(struct fat_sb *fs, int *err)
{
	struct inode *ino = inode_iget(fs->sb, FAT_ROOT_INO);
	struct fat_inode *fi;

	if (!ino) {
		*err = -ENOMEM;
		return NULL;
	}
	fi = FAT_I(ino);
	fat_inode_common(fs, fi);
	fi->start = fs->g.type == 32 ? fs->g.root_cluster : 0;
	fi->dirent_pos = 0;
	fi->attr = FAT_ATTR_DIRECTORY;
	ino->mode = fat_inode_mode(fs, FAT_ATTR_DIRECTORY, "", 0);
	/* The root has no entry and so no times: the epoch, as Linux shows. */
	ino->mtime = ino->ctime = ino->atime = (struct vfs_time){ 0, 0 };
	*err = fat_inode_dir_size(fs, fi);
	if (*err) {
		inode_new_failed(ino);
		return NULL;
	}
	fat_inode_set_ops(ino);
	inode_new_done(ino);
	return ino;
}

void fat_inode_stamp(const struct inode *ino, struct fat_dirent *de)
{
	uint16_t date, time;
	uint8_t cs;

	fat_time_from_unix(ino->mtime.sec, ino->mtime.nsec, &date, &time, NULL);
	de->wrt_date = date;
	de->wrt_time = time;
	if (FAT_SB(ino->sb)->opts.isvfat) {
		fat_time_from_unix(ino->ctime.sec, ino->ctime.nsec, &date, &time, &cs);
		de->crt_date = date;
		de->crt_time = time;
		de->crt_time_tenth = cs;
		fat_time_from_unix(ino->atime.sec, 0, &date, &time, NULL);
		de->lst_acc_date = date;
	}
}

/* Linux's fat_mode_can_hold_ro: a file whose fmask leaves w bits. */
static bool fat_mode_can_hold_ro(const struct fat_sb *fs, const struct inode *ino)
{
	return S_ISREG(ino->mode) && (~fs->opts.fmask & FAT_S_W);
}

struct fat_write_arg {
	struct fat_sb *fs;
	struct inode *ino;
};

static void fat_inode_fill_dirent(struct fat_dirent *de, void *arg)
{
	struct fat_write_arg *a = arg;
	struct fat_inode *fi = FAT_I(a->ino);
	uint8_t attr = fi->attr & ~FAT_ATTR_READ_ONLY;

	if (fat_mode_can_hold_ro(a->fs, a->ino) && !(a->ino->mode & FAT_S_W))
		attr |= FAT_ATTR_READ_ONLY;
	else if (!fat_mode_can_hold_ro(a->fs, a->ino))
		attr |= fi->attr & FAT_ATTR_READ_ONLY;
	fi->attr = attr;
	de->attr = attr;
	de->file_size = S_ISDIR(a->ino->mode) ? 0 : (uint32_t)a->ino->size;
	de->fst_clus_lo = (uint16_t)fi->start;
	de->fst_clus_hi = a->fs->g.type == 32 ? (uint16_t)(fi->start >> 16) : 0;
	fat_inode_stamp(a->ino, de);
}

int fat_inode_write(struct inode *ino, bool wait __unused)
{
	struct fat_sb *fs = FAT_SB(ino->sb);
	struct fat_inode *fi = FAT_I(ino);
	struct fat_write_arg a = { fs, ino };
	int err = 0;

	if (fs->rdonly)
		return 0;
	mutex_lock(&fs->dirent_lock);
	if (fi->dirent_pos)
		err = fat_dirent_update(fs, fi->dirent_pos, fat_inode_fill_dirent, &a);
	mutex_unlock(&fs->dirent_lock);
	return err;
}

void fat_inode_moved(struct fat_sb *fs, struct fat_inode *fi, uint64_t new_pos)
{
	fi->dirent_pos = new_pos;
	if (new_pos)
		inode_rehash(&fi->vfs, new_pos >> FAT_DIRENT_SHIFT);
	else
		inode_rehash(&fi->vfs, FAT_ORPHAN_INO_BASE + fs->next_orphan++);
}

/* Linux's fat_sanitize_mode: chmod may only change what FAT can hold. */
static int fat_inode_check_mode(const struct fat_sb *fs, const struct inode *ino,
				unsigned *mode)
{
	unsigned mask = S_ISREG(ino->mode) ? fs->opts.fmask : fs->opts.dmask;
	unsigned perm = *mode & FAT_S_RWX & ~mask;

	if ((perm & FAT_S_RX) != (ino->mode & FAT_S_RX))
		return -EPERM;
	if (fat_mode_can_hold_ro(fs, ino)) {
		if ((perm & FAT_S_W) && (perm & FAT_S_W) != (FAT_S_W & ~mask))
			return -EPERM;
	} else if ((perm & FAT_S_W) != (FAT_S_W & ~mask)) {
		return -EPERM;
	}
	*mode = perm;
	return 0;
}

int fat_inode_setattr(struct dentry *d, const struct vfs_iattr *attr)
{
	struct inode *ino = d->inode;
	struct fat_sb *fs = FAT_SB(ino->sb);
	struct vfs_iattr rest = *attr;
	int err;

	if (fs->rdonly)
		return -EROFS;
	/* Owners are the mount's: another one cannot be stored (quiet: ignored). */
	if ((attr->valid & ATTR_UID) && attr->uid != fs->opts.uid) {
		if (!fs->opts.quiet)
			return -EPERM;
		rest.valid &= ~ATTR_UID;
	}
	if ((attr->valid & ATTR_GID) && attr->gid != fs->opts.gid) {
		if (!fs->opts.quiet)
			return -EPERM;
		rest.valid &= ~ATTR_GID;
	}
	if (attr->valid & ATTR_MODE) {
		/* Linux's fat_setattr: special bits are EPERM, the rest ignored if unstorable. */
		if (attr->mode & ~FAT_S_RWX) {
			if (!fs->opts.quiet)
				return -EPERM;
			rest.valid &= ~ATTR_MODE;
		} else if (fat_inode_check_mode(fs, ino, &rest.mode)) {
			rest.valid &= ~ATTR_MODE;
		}
	}
	if (attr->valid & ATTR_SIZE) {
		if (!S_ISREG(ino->mode))
			return -EINVAL;
		err = fat_file_truncate(ino, attr->size);
		if (err)
			return err;
		rest.valid &= ~ATTR_SIZE;
	}
	err = inode_setattr(d, &rest);
	if (err)
		return err;
	return fat_inode_write(ino, false);
}

void fat_inode_evict(struct inode *ino)
{
	struct fat_sb *fs = FAT_SB(ino->sb);
	struct fat_inode *fi = FAT_I(ino);

	if (!fi->unlinked) {
		/* Pages a shared mapping dirtied go to the disk with the inode. */
		if (S_ISREG(ino->mode) && !fs->rdonly)
			page_cache_writeback(&ino->i_data, 0, UINT64_MAX);
		return;
	}
	/* The last user of an unlinked file went: its clusters are free now. */
	if (fi->start)
		fat_chain_free(fs, 0, fi->start);
	fi->start = 0;
}
