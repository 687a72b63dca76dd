/*
 * ext2.h: the ext2 driver's in-memory structures and its interface
 * between files (one concept each):
 *
 *   check.c    ext2_check_     validation of on-disk structures (pure)
 *   super.c    ext2_mount...   mount, the superblock, statfs, sync, umount
 *   inode.c    ext2_iget...    inodes read and written, evict, setattr
 *   bmap.c     ext2_bmap       logical to physical blocks, growing, truncating
 *   balloc.c   ext2_new_block  block bitmaps
 *   ialloc.c   ext2_new_inode  inode bitmaps
 *   dir.c      ext2_dir_       directory blocks: find, add, delete, readdir
 *   namei.c    ext2_dir_iops   create, mkdir, unlink, rename...
 *   file.c     ext2_file_ops   read/write through the page cache, fsync
 *   symlink.c  ext2_symlink    fast and slow symbolic links
 *   options.c  ext2_parse_options  mount options, /proc/mounts
 *
 * Locking, outermost first:
 *  - inode.i_rwsem (the VFS's): a directory's entries; a file's size
 *    and contents; attributes.
 *  - ext2_inode_info.map_lock (mutex): the inode's i_block[] and its
 *    indirect blocks, i_blocks, and copying the inode to its disk slot.
 *  - ext2_sb_info.alloc_lock (mutex): the block and inode bitmaps, the
 *    group descriptors and the superblock's counts, which always change
 *    together so that they stay consistent (e2fsck -fn clean).
 * Buffers (block/buffer.h) are the block device's page cache; the bytes
 * of one buffer are changed only under the lock that guards what it holds.
 */
#ifndef FS_EXT2_EXT2_H
#define FS_EXT2_EXT2_H

#include <block/buffer.h>
#include <fs/vfs.h>
#include <sched/mutex.h>
#include "ext2_fs.h"

#define EXT2_LOG_PREFIX		"ext2: "

/* Mount options (options.c); set at mount and remount, with no writer running. */
struct ext2_mount_opts {
	uint16_t errors;		/* EXT2_ERRORS_*; 0: the superblock's s_errors */
	bool grpid;			/* new inodes take their directory's group (BSD) */
	bool minixdf;			/* statfs counts metadata in f_blocks */
	bool nouid32;			/* 16-bit uids and gids on the disk */
	bool debug;
	bool resuid_set, resgid_set;	/* the reserve's user and group, over the superblock's */
	uint32_t resuid, resgid;
};

struct ext2_sb_info {
	struct super_block sb;		/* first: freed by the VFS with kfree */
	struct block_device *bdev;
	struct ext2_geometry geo;
	bool rdonly;			/* read-only: set at mount, changed by remount with no writer */
	bool put_done;			/* put_super ran: evictions sync themselves */
	bool has_filetype;		/* INCOMPAT_FILETYPE: types in entries */
	uint16_t mount_state;		/* s_state found at mount, restored at umount */
	struct ext2_mount_opts opts;
	/*
	 * guards: the bitmaps, the group descriptors' counts, es's counts
	 * and times (see above)
	 */
	struct mutex alloc_lock;
	struct ext2_super_block es;	/* the superblock (copied to its buffer) */
	uint32_t last_group;		/* alloc_lock: where the last directory went */
	/* guards: inodes (cached ext2 inodes: sync writes their pages back) */
	struct mutex inodes_lock;
	struct list_node inodes;
};

struct ext2_inode_info {
	struct inode vfs;		/* first: the VFS's part */
	/* guards: i_block, i_blocks, the disk copy (see above) */
	struct mutex map_lock;
	uint32_t i_block[EXT2_N_BLOCKS];
	uint32_t i_blocks;		/* 512-byte units */
	uint32_t i_flags;
	uint32_t i_file_acl;
	uint32_t i_generation;
	uint32_t i_dtime;
	uint32_t group;			/* its block group: new blocks go near */
	uint32_t last_alloc;		/* map_lock: the last block given, the next goal */
	bool fresh;			/* never written: the whole slot is zeroed first */
	struct list_node sb_link;	/* on ext2_sb_info.inodes (inodes_lock) */
};

static inline struct ext2_sb_info *EXT2_SB(struct super_block *sb)
{
	return container_of(sb, struct ext2_sb_info, sb);
}

static inline struct ext2_inode_info *EXT2_I(struct inode *ino)
{
	return container_of(ino, struct ext2_inode_info, vfs);
}

static inline uint32_t ext2_bsize(struct super_block *sb)
{
	return EXT2_SB(sb)->geo.block_size;
}

/* ---- super.c -------------------------------------------------------------- */
extern const struct fs_type ext2_fs_type;
/* The descriptor of group in bh (buffer_release it): 0 or an errno. */
int ext2_gd_get(struct ext2_sb_info *sbi, uint32_t group, struct buffer *bh,
		struct ext2_group_desc **out);
/* Copies es to the superblock's buffer, written now if sync (alloc_lock held). */
int ext2_sb_write(struct ext2_sb_info *sbi, bool sync);
/* Logs corruption of sb with what: returns -EUCLEAN for the caller to pass on. */
int ext2_corrupt(struct super_block *sb, const char *what, uint64_t num);
/* Reads block b of sb (validated to lie inside the file system). */
int ext2_bread(struct super_block *sb, uint32_t b, struct buffer *out);
/* The same for a block about to be overwritten whole. */
int ext2_bget_new(struct super_block *sb, uint32_t b, struct buffer *out);

/* ---- options.c ------------------------------------------------------------ */
/* Applies mount(2)'s data string to *o (all or nothing): 0 or -EINVAL (logged). */
int ext2_parse_options(const char *dev, const char *options, struct ext2_mount_opts *o);
/* EXT2_ERRORS_*: the errors= option, else the superblock's s_errors. */
uint16_t ext2_errors_behaviour(const struct ext2_sb_info *sbi);
/* super_operations.show_options: ",opt,..." for /proc/mounts. */
long ext2_show_options(struct super_block *sb, char *buf, size_t size);

/* ---- inode.c -------------------------------------------------------------- */
/* Inode ino of sb, read from the disk if not cached: 0 and *out, or an errno. */
int ext2_iget(struct super_block *sb, uint32_t ino, struct inode **out);
/* Sets the ops of an inode from its mode. */
void ext2_set_ops(struct inode *ino);
/* Copies ino to its slot in the inode table and marks it dirty (map_lock held). */
int ext2_write_inode_locked(struct inode *ino);
/* The same taking map_lock: after every change of an inode. */
int ext2_inode_sync(struct inode *ino);
int ext2_write_inode(struct inode *ino, bool wait);
void ext2_evict_inode(struct inode *ino);
struct inode *ext2_alloc_inode(struct super_block *sb);
void ext2_free_inode(struct inode *ino);
int ext2_setattr(struct dentry *d, const struct vfs_iattr *attr);
int ext2_getattr(const struct path *p, struct stat *st);
/* A regular file grew: past 2 GiB, the superblock gets large_file. */
int ext2_note_size(struct inode *ino);
/* The largest regular file of sb: 2 GiB - 1 on revision 0 (no large_file). */
uint64_t ext2_file_max(struct super_block *sb);
/* -EROFS if sb was mounted read-only. */
int ext2_check_rw(struct super_block *sb);

/* ---- bmap.c --------------------------------------------------------------- */
/*
 * The physical block of logical block lblk of ino: *pblk 0 for a hole
 * (unless create: then allocated, zeroed, and *fresh set). map_lock held.
 */
int ext2_bmap(struct inode *ino, uint64_t lblk, bool create, uint32_t *pblk, bool *fresh);
/* Frees every block of ino at logical block >= first (map_lock held). */
int ext2_truncate_blocks(struct inode *ino, uint64_t first);
/* The largest file a block size allows through the indirect blocks. */
uint64_t ext2_max_size(uint32_t block_size);

/* ---- balloc.c / ialloc.c --------------------------------------------------- */
/* A free block near goal (a block number), marked used: 0 and *out, or -ENOSPC. */
int ext2_new_block(struct ext2_sb_info *sbi, uint32_t goal, uint32_t *out);
int ext2_free_block(struct ext2_sb_info *sbi, uint32_t b);
/*
 * A free inode for a new file near its directory's group, or for a new
 * directory as Orlov places it (top: its parent is the root): *out.
 */
int ext2_new_inode_num(struct ext2_sb_info *sbi, uint32_t dir_group, bool is_dir, bool top,
		       uint32_t *out);
int ext2_free_inode_num(struct ext2_sb_info *sbi, uint32_t ino, bool is_dir);


/* ---- dir.c ----------------------------------------------------------------- */
/* The entry name in dir: its inode number (0: none). dir's i_rwsem held. */
int ext2_dir_find(struct inode *dir, const char *name, size_t len, uint32_t *ino);
/* Adds name -> ino (file type from mode) to dir, growing it. */
int ext2_dir_add(struct inode *dir, const char *name, size_t len, uint32_t ino,
		 unsigned mode);
/* Removes name from dir (coalescing with the entry before). */
int ext2_dir_delete(struct inode *dir, const char *name, size_t len);
/* Points the existing entry name of dir at ino (rename over, "..") */
int ext2_dir_set(struct inode *dir, const char *name, size_t len, uint32_t ino,
		 unsigned mode);
/* Whether dir holds only "." and ".."; -EUCLEAN/-EIO on errors. */
int ext2_dir_empty(struct inode *dir);
/* Writes the first block of a new directory: "." and "..". */
int ext2_dir_init(struct inode *dir, uint32_t parent);
extern const struct file_ops ext2_dir_file_ops;
uint8_t ext2_file_type(unsigned mode);

/* ---- namei.c, file.c, symlink.c -------------------------------------------- */
extern const struct inode_operations ext2_dir_iops;
extern const struct inode_operations ext2_file_iops;
extern const struct inode_operations ext2_special_iops;
extern const struct inode_operations ext2_symlink_iops;
extern const struct file_ops ext2_file_ops;
extern const struct address_space_ops ext2_aops;
/* Stores a new symlink's target (fast in i_block, or a block). */
int ext2_symlink_write(struct inode *ino, const char *target, size_t len);

#endif /* FS_EXT2_EXT2_H */
