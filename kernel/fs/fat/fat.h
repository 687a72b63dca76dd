/*
 * fat.h: the FAT file system driver's internal interface ("vfat" with
 * long names, "msdos" with 8.3 names only), by file:
 *
 *   fat_fs.h       the on-disk layout (fatgen103)
 *   fat_parse.h    pure parsing: fat_bpb.c, fat_name.c, fat_time.c
 *   fat_table.c    fat_ent_, fat_chain_: FAT entries, cluster chains,
 *                  allocation and freeing, FSInfo
 *   fat_dir.c      fat_dir_: walking a directory's entries, gathering
 *                  long names, lookup and readdir
 *   fat_dirent.c   fat_dirent_: adding and removing entries, growing
 *                  directories, the short name scan
 *   fat_inode.c    fat_inode_: inodes from entries, modes, times, write_inode
 *   fat_file.c     fat_file_: file data through the page cache, truncate
 *   fat_namei.c    create, mkdir, unlink, rmdir, rename
 *   fat_super.c    mount, options, statfs, sync, the fs types
 *
 * Locking (order: the VFS's i_rwsem (parent before child) -> dirent_lock
 * -> fat_lock; the block device cache's own locks below all of them):
 *  - fat_sb.fat_lock (mutex): every FAT entry (each read and change),
 *    free_count, next_free, fsinfo_dirty.
 *  - fat_sb.dirent_lock (mutex): every fat_inode's dirent_pos and the
 *    attribute bytes (size, first cluster, times, attributes) of the
 *    entries that fat_inode_write updates from outside the parent's
 *    i_rwsem; rename and unlink take it to move or end an entry.
 *  - A directory's entries otherwise: its i_rwsem (VFS): written by
 *    create, unlink, rename (exclusive), read by lookup and readdir.
 *  - fat_inode.map_lock (spinlock): the file's cluster cache (map), read
 *    and set by bmap from readpage without i_rwsem.
 *  - A file's size and chain: its i_rwsem (write, truncate exclusive).
 */
#ifndef FS_FAT_FAT_H
#define FS_FAT_FAT_H

#include <block/buffer.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <sched/mutex.h>
#include <sched/spinlock.h>
#include "fat_parse.h"

/* statfs f_type of FAT file systems (Linux's MSDOS_SUPER_MAGIC). */
#define FAT_SUPER_MAGIC		0x4d44
/* The root directory's inode number (Linux's MSDOS_ROOT_INO). */
#define FAT_ROOT_INO		1
/*
 * Inode numbers are dirent positions (device byte offset / 32: always
 * above FAT_ROOT_INO). An unlinked inode still open moves above this,
 * so the freed entry's position can name a new file.
 */
#define FAT_ORPHAN_INO_BASE	(1ULL << 62)
#define FAT_DIRENT_SHIFT	5	/* log2(FAT_DIRENT_SIZE) */
/* Permission bits (S_IRWXUGO...). */
#define FAT_S_RWX		0777
#define FAT_S_W			0222
#define FAT_S_RX		0555
/* The largest file (DIR_FileSize is 32 bits). */
#define FAT_MAX_FILE_SIZE	0xFFFFFFFFULL

/* Mount options (Documentation/filesystems/vfat.rst). */
struct fat_opts {
	uint32_t uid, gid;		/* uid=, gid=: default the mounter's */
	unsigned fmask, dmask;		/* fmask=, dmask= (umask= sets both): default its umask */
	bool isvfat;			/* "vfat": long names; "msdos": 8.3 only */
	bool showexec;			/* showexec: x bits only for .EXE, .COM, .BAT */
	bool quiet;			/* quiet: chmod/chown that change nothing succeed */
	bool fold;			/* lookups ignore ASCII case (not iocharset=utf8) */
};

struct fat_sb {
	struct super_block *sb;
	struct block_device *bdev;
	struct fat_geometry g;
	uint32_t data_bs;		/* buffer size for cluster data */
	struct fat_opts opts;
	bool rdonly;
	/* guards: the FAT, free_count, next_free, fsinfo_dirty (see the top) */
	struct mutex fat_lock;
	uint32_t free_count;		/* FAT_FSINFO_UNKNOWN until counted */
	uint32_t next_free;		/* where allocation looks first */
	bool fsinfo_dirty;
	bool dirty_at_mount;		/* the boot sector's dirty flag was set at mount */
	/* guards: fat_inode.dirent_pos of every inode, and next_orphan */
	struct mutex dirent_lock;
	uint64_t next_orphan;
	uint32_t name_seed;		/* varies hex tails of new short names */
	/*
	 * Inodes alive (atomic) and whether put_super ran: the last inode
	 * freed after the unmount frees this structure (a lazy unmount's
	 * open files outlive put_super).
	 */
	uint64_t live_inodes;
	bool dead;
	struct list_node mount_link;	/* on fat_mounts (fat_super.c), while mounted */
};

struct fat_inode {
	struct inode vfs;
	uint32_t start;			/* first cluster, 0: none (dirent_lock to change) */
	uint64_t dirent_pos;		/* device byte offset of its short entry; 0: root */
	uint8_t attr;			/* DIR_Attr */
	bool unlinked;			/* its entry went: clusters freed at evict */
	struct fat_time_fields {
		uint16_t crt_time, crt_date, acc_date;
		uint8_t crt_cs;
	} crt;
	/* guards: map (the last two lookups, most recent first) */
	struct spinlock map_lock;
	struct fat_map_entry {
		uint32_t index;		/* cluster index in the file */
		uint32_t cluster;	/* 0: empty */
	} map[2];
	/* guards (i_rwsem): nr_clusters (valid when nr_known), tail_cluster */
	uint32_t nr_clusters;
	bool nr_known;
	uint32_t tail_cluster;		/* the chain's last cluster, 0: not known */
};

static inline struct fat_inode *FAT_I(struct inode *ino)
{
	return container_of(ino, struct fat_inode, vfs);
}

static inline struct fat_sb *FAT_SB(const struct super_block *sb)
{
	return sb->priv;
}

/* Logs a corruption of fs (once per call) and gives -EUCLEAN. */
int fat_corrupt(struct fat_sb *fs, const char *what, uint64_t value);

/* ---- fat_table.c ---------------------------------------------------------- */

/* Whether c names a data cluster of fs. */
static inline bool fat_cluster_valid(const struct fat_sb *fs, uint32_t c)
{
	return c >= FAT_FIRST_CLUSTER && c <= fs->g.max_cluster;
}
/* The first device sector of cluster c (valid). */
static inline uint64_t fat_cluster_sector(const struct fat_sb *fs, uint32_t c)
{
	return fs->g.data_start + (uint64_t)(c - FAT_FIRST_CLUSTER) * fs->g.sec_per_clus;
}
/* The device byte offset of cluster c. */
static inline uint64_t fat_cluster_byte(const struct fat_sb *fs, uint32_t c)
{
	return fat_cluster_sector(fs, c) * fs->g.sector_size;
}
/*
 * The next cluster of the chain after c: *next a valid cluster, or 0 at
 * the end of the chain. -EUCLEAN for a free, bad or out of range entry
 * (logged), -EIO.
 */
int fat_ent_next(struct fat_sb *fs, uint32_t c, uint32_t *next);
/*
 * The cluster at index idx (0: first) of the chain starting at start:
 * *out, or 0 when the chain is shorter. A loop or a bad entry: -EUCLEAN.
 */
int fat_chain_get(struct fat_sb *fs, uint32_t start, uint32_t idx, uint32_t *out);
/* The chain's length in clusters (loops: -EUCLEAN). */
int fat_chain_length(struct fat_sb *fs, uint32_t start, uint32_t *len);
/*
 * Allocates a free cluster, linked after prev (0: a new chain), marked
 * the end of chain; its bytes zeroed when zero. -ENOSPC, -EIO.
 */
int fat_cluster_alloc(struct fat_sb *fs, uint32_t prev, bool zero, uint32_t *out);
/* Frees the chain from c on; if last is valid, it becomes the end. */
int fat_chain_free(struct fat_sb *fs, uint32_t last, uint32_t c);
/* Counts free clusters (fs->free_count) if FSInfo did not say. */
int fat_count_free(struct fat_sb *fs);
/* Writes FSInfo back if it changed. */
int fat_fsinfo_write(struct fat_sb *fs);

/* ---- fat_dir.c ------------------------------------------------------------ */

/* A cursor over the 32-byte entries of a directory. */
struct fat_dir_cursor {
	struct fat_sb *fs;
	struct fat_inode *dir;
	uint64_t pos;			/* byte offset in the directory of the next entry */
	uint32_t cluster;		/* chained directories: the cluster holding pos */
	uint32_t cluster_idx;		/* its index in the chain */
	struct buffer bh;		/* one sector, held when have_bh */
	bool have_bh;
};

/* One name found in a directory. */
struct fat_slot {
	struct fat_dirent de;		/* a copy of the short entry */
	uint64_t first_pos;		/* dir offset of its first (long) entry */
	uint64_t pos;			/* dir offset of its short entry */
	uint64_t disk_pos;		/* device byte offset of its short entry */
	size_t len;			/* of name */
	char name[FAT_NAME_UTF8_MAX];	/* the long name, or the short one shown */
	char short_name[FAT_SHORT_UTF8_MAX];	/* the short name shown */
};

void fat_dir_cursor_init(struct fat_dir_cursor *c, struct fat_sb *fs,
			 struct fat_inode *dir, uint64_t pos);
void fat_dir_cursor_done(struct fat_dir_cursor *c);
/*
 * The next raw entry: 1 with *de pointing into the held buffer (valid
 * until the next call) and *disk_pos its device offset, 0 at the end of
 * the directory's space, or an errno.
 */
int fat_dir_next_raw(struct fat_dir_cursor *c, struct fat_dirent **de, uint64_t *disk_pos);
/* The next name (skipping free entries, "." and "..", volume labels): 1, 0 at the end, errno. */
int fat_dir_next_slot(struct fat_dir_cursor *c, struct fat_slot *s);
/* Looks name up in dir (case-insensitively, long or short): 1 found, 0 not, errno. */
int fat_dir_find(struct fat_sb *fs, struct fat_inode *dir, const char *name, size_t len,
		 struct fat_slot *s);
/* Counts dir's subdirectories (for nlink); 0 or errno. */
int fat_dir_count_subdirs(struct fat_sb *fs, struct fat_inode *dir, unsigned *count);
/* Whether dir has entries besides "." and "..": 1 yes, 0 no, errno. */
int fat_dir_not_empty(struct fat_sb *fs, struct fat_inode *dir);
int fat_dir_lookup(struct inode *dir, struct dentry *d);
extern const struct file_ops fat_dir_file_ops;

/* ---- fat_dirent.c --------------------------------------------------------- */

/*
 * Adds the entries for name in dir (long ones when needed, vfat): the
 * short entry made from tmpl (its name bytes replaced), its device
 * offset in *disk_pos. -EEXIST, -ENOSPC, -EINVAL, -ENAMETOOLONG.
 */
int fat_dirent_add(struct fat_sb *fs, struct fat_inode *dir, const char *name, size_t len,
		   const struct fat_dirent *tmpl, uint64_t *disk_pos);
/* Marks a name's entries free (its slot from fat_dir_find). */
int fat_dirent_remove(struct fat_sb *fs, struct fat_inode *dir, const struct fat_slot *s);
/* Applies fn to the entry at device offset pos and marks its buffer dirty. */
int fat_dirent_update(struct fat_sb *fs, uint64_t pos,
		      void (*fn)(struct fat_dirent *de, void *arg), void *arg);

/* ---- fat_inode.c ---------------------------------------------------------- */

/* The inode of a found entry (its dir's), referenced; NULL with *err. */
struct inode *fat_inode_get(struct fat_sb *fs, const struct fat_slot *s, int *err);
/* The root's inode. */
struct inode *fat_inode_root(struct fat_sb *fs, int *err);
/* Writes ino's size, first cluster, attributes and times into its entry. */
int fat_inode_write(struct inode *ino, bool wait);
/* The mode of an entry's attributes under the mount options. */
unsigned fat_inode_mode(const struct fat_sb *fs, uint8_t attr, const char *name, size_t len);
/* Fills the DIR_* time fields of de from ino's times. */
void fat_inode_stamp(const struct inode *ino, struct fat_dirent *de);
int fat_inode_setattr(struct dentry *d, const struct vfs_iattr *attr);
void fat_inode_evict(struct inode *ino);
/* Sets the file operations of ino by its mode. */
void fat_inode_set_ops(struct inode *ino);
/* Moves ino's inode number (an entry moved or went). dirent_lock held. */
void fat_inode_moved(struct fat_sb *fs, struct fat_inode *fi, uint64_t new_pos);

/* ---- fat_file.c ----------------------------------------------------------- */

extern const struct file_ops fat_file_ops;
extern const struct address_space_ops fat_aops;
extern const struct inode_operations fat_file_inode_ops;
/* Sets ino's size, freeing or (zero-filled) keeping clusters. i_rwsem held. */
int fat_file_truncate(struct inode *ino, uint64_t size);
/*
 * The cluster at index idx of a file's or directory's chain (from the
 * cluster cache when it can): *cluster, 0 past the end; -EUCLEAN.
 */
int fat_file_bmap(struct fat_sb *fs, struct fat_inode *fi, uint32_t idx, uint32_t *cluster);

/* ---- fat_namei.c ---------------------------------------------------------- */

extern const struct inode_operations fat_dir_inode_ops;

#endif /* FS_FAT_FAT_H */
