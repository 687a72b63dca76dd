/*
 * fat_dirent.c: changing directories (fatgen103 "FAT Directory
 * Structure", "FAT Long Directory Entries"). A new name takes a run of
 * free entries (DIR_Name[0] 0xE5, or anything from the 0x00 end marker
 * on): its long entries, last part first with the short name's checksum,
 * then the short entry. A directory that has no such run grows by a
 * zeroed cluster (FAT12/16's fixed root cannot: ENOSPC). A removed name's
 * entries are all marked 0xE5, as Linux does.
 *
 * Locking: the directory's i_rwsem held for writing by the caller.
 */
#include <basalt/string.h>
#include <uapi/errno.h>
#include "fat.h"

int fat_dirent_update(struct fat_sb *fs, uint64_t pos,
		      void (*fn)(struct fat_dirent *de, void *arg), void *arg)
{
	uint32_t ss = fs->g.sector_size;
	struct buffer bh;
	int err = buffer_read(fs->bdev, pos / ss, ss, &bh);

	if (err)
		return err;
	fn((struct fat_dirent *)(bh.data + pos % ss), arg);
	buffer_mark_dirty(&bh);
	buffer_release(&bh);
	return 0;
}

struct fat_exists_ctx {
	struct fat_sb *fs;
	struct fat_inode *dir;
};

/* fat_short_exists_fn: whether dir has a short entry named name. */
static int fat_dirent_short_exists(void *arg, const uint8_t name[FAT_NAME_LEN])
{
	struct fat_exists_ctx *x = arg;
	struct fat_dir_cursor c;
	struct fat_dirent *de;
	uint64_t disk_pos;
	int r;

	fat_dir_cursor_init(&c, x->fs, x->dir, 0);
	while ((r = fat_dir_next_raw(&c, &de, &disk_pos)) > 0) {
		if (de->name[0] == FAT_DIRENT_END) {
			r = 0;
			break;
		}
		if (de->name[0] == FAT_DIRENT_FREE ||
		    (de->attr & FAT_ATTR_LONG_NAME_MASK) == FAT_ATTR_LONG_NAME)
			continue;
		if (!memcmp(de->name, name, FAT_NAME_LEN))
			break;
	}
	fat_dir_cursor_done(&c);
	return r;
}

/* Adds a cluster to a chained directory (zeroed: the new end marker). */
static int fat_dirent_grow(struct fat_sb *fs, struct fat_inode *dir)
{
	uint32_t last, c;
	int err;

	if (fs->g.type != 32 && dir->vfs.ino == FAT_ROOT_INO)
		return -ENOSPC;
	if (dir->vfs.size + fs->g.cluster_size > (uint64_t)FAT_DIR_MAX_ENTRIES * FAT_DIRENT_SIZE)
		return -ENOSPC;
	err = fat_file_bmap(fs, dir, (uint32_t)(dir->vfs.size / fs->g.cluster_size) - 1, &last);
	if (err)
		return err;
	if (!last)
		return fat_corrupt(fs, "directory chain shorter than its size", dir->vfs.size);
	err = fat_cluster_alloc(fs, last, true, &c);
	if (err)
		return err;
	dir->vfs.size += fs->g.cluster_size;
	dir->vfs.bytes_alloc = dir->vfs.size;
	dir->nr_known = false;
	return 0;
}

/* Finds n free entries in a row: the directory offset of the first. */
static int fat_dirent_find_free(struct fat_sb *fs, struct fat_inode *dir, unsigned n,
				uint64_t *first)
{
	for (;;) {
		struct fat_dir_cursor c;
		struct fat_dirent *de;
		uint64_t disk_pos, run_start = 0;
		unsigned run = 0;
		bool past_end = false;
		int r, err;

		fat_dir_cursor_init(&c, fs, dir, 0);
		while ((r = fat_dir_next_raw(&c, &de, &disk_pos)) > 0) {
			if (de->name[0] == FAT_DIRENT_END)
				past_end = true;
			if (past_end || de->name[0] == FAT_DIRENT_FREE) {
				if (!run++)
					run_start = c.pos - FAT_DIRENT_SIZE;
				if (run == n)
					break;
			} else {
				run = 0;
			}
		}
		fat_dir_cursor_done(&c);
		if (r < 0)
			return r;
		if (r > 0) {
			*first = run_start;
			return 0;
		}
		err = fat_dirent_grow(fs, dir);
		if (err)
			return err;
	}
}

/* Fills one long entry: part ord (1-based) of the name, last marks the first stored. */
static void fat_dirent_fill_lfn(struct fat_lfn_entry *e, const uint16_t *uname, unsigned n,
				unsigned ord, bool last, uint8_t chksum)
{
	static const uint8_t offsets[FAT_LFN_CHARS] = {
		1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30
	};
	uint8_t *p = (uint8_t *)e;

	memset(e, 0, sizeof(*e));
	e->ord = (uint8_t)(ord | (last ? FAT_LFN_LAST : 0));
	e->attr = FAT_ATTR_LONG_NAME;
	e->chksum = chksum;
	for (unsigned i = 0; i < FAT_LFN_CHARS; i++) {
		unsigned k = (ord - 1) * FAT_LFN_CHARS + i;
		uint16_t ch = k < n ? uname[k] : k == n ? 0 : FAT_LFN_PAD;

		p[offsets[i]] = (uint8_t)ch;
		p[offsets[i] + 1] = (uint8_t)(ch >> 8);
	}
}

int fat_dirent_add(struct fat_sb *fs, struct fat_inode *dir, const char *name, size_t len,
		   const struct fat_dirent *tmpl, uint64_t *disk_pos)
{
	struct fat_exists_ctx x = { fs, dir };
	struct fat_dirent de = *tmpl;
	uint16_t *uname = NULL;
	unsigned nlfn = 0, nslots;
	int n = 0, r;
	uint64_t first;
	struct fat_dir_cursor c;

	/* A new short name is upper case: no NT case bits from a renamed entry. */
	de.ntres = 0;

	if (fs->opts.isvfat) {
		/* Linux's vfat_valid_longname and vfat_striptail_len. */
		if (len && name[len - 1] == ' ')
			return -EINVAL;
		len = fat_name_strip_len(name, len);
		if (!len)
			return -EINVAL;
		uname = kmalloc(FAT_LFN_MAX_CHARS * sizeof(*uname));
		if (!uname)
			return -ENOMEM;
		n = fat_utf8_to_ucs2(name, len, uname);
		r = n;
		if (n > 0)
			r = fat_make_short_name(uname, (unsigned)n, fat_dirent_short_exists, &x,
						fs->name_seed++, de.name);
		if (r < 0)
			goto out;
		if (!r)
			nlfn = ((unsigned)n + FAT_LFN_CHARS - 1) / FAT_LFN_CHARS;
	} else {
		r = fat_msdos_format_name(name, len, de.name);
		if (!r)
			r = fat_dirent_short_exists(&x, de.name);
		if (r) {
			r = r > 0 ? -EEXIST : r;
			goto out;
		}
	}
	nslots = nlfn + 1;
	r = fat_dirent_find_free(fs, dir, nslots, &first);
	if (r)
		goto out;
	fat_dir_cursor_init(&c, fs, dir, first);
	for (unsigned i = 0; i < nslots; i++) {
		struct fat_dirent *slot;
		uint64_t pos;

		r = fat_dir_next_raw(&c, &slot, &pos);
		if (r <= 0) {
			r = r ? r : fat_corrupt(fs, "directory ended in a free run at", first);
			break;
		}
		if (i < nlfn)
			fat_dirent_fill_lfn((struct fat_lfn_entry *)slot, uname, (unsigned)n,
					    nlfn - i, i == 0, fat_lfn_checksum(de.name));
		else
			*slot = de;
		buffer_mark_dirty(&c.bh);
		*disk_pos = pos;
		r = 0;
	}
	fat_dir_cursor_done(&c);
out:
	kfree(uname);
	return r;
}

int fat_dirent_remove(struct fat_sb *fs, struct fat_inode *dir, const struct fat_slot *s)
{
	struct fat_dir_cursor c;
	int r = 0;

	fat_dir_cursor_init(&c, fs, dir, s->first_pos);
	while (c.pos <= s->pos) {
		struct fat_dirent *de;
		uint64_t pos;

		r = fat_dir_next_raw(&c, &de, &pos);
		if (r <= 0) {
			r = r ? r : -EIO;
			break;
		}
		de->name[0] = FAT_DIRENT_FREE;
		buffer_mark_dirty(&c.bh);
		r = 0;
	}
	fat_dir_cursor_done(&c);
	return r;
}
