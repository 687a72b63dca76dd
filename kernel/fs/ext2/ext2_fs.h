/*
 * ext2_fs.h: the on-disk layout of the second extended file system,
 * written from "The Second Extended File System: Internal Layout" by
 * Dave Poirier (cited as [Poirier §n]) and Linux's
 * Documentation/filesystems/ext2.rst ([ext2.rst]). Every multi-byte field
 * is little-endian, as is x86_64, so the structures are read in place.
 * Only revision 1 ("dynamic") file systems as mke2fs makes them are
 * mounted; the revision 0 fields that differ are named for validation.
 *
 * Pure definitions and the pure checks of check.c: shared with the host
 * unit test (tests/unit/fs/ext2_check_test.c).
 */
#ifndef FS_EXT2_EXT2_FS_H
#define FS_EXT2_EXT2_FS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* [Poirier §3.1]: the superblock is always 1024 bytes at byte 1024. */
#define EXT2_SUPER_OFFSET	1024
#define EXT2_SUPER_SIZE		1024
#define EXT2_SUPER_MAGIC	0xEF53
/* Block size is 1024 << s_log_block_size; Linux's ext2 takes 1..64 KiB, we 1..4 KiB (PAGE_SIZE). */
#define EXT2_MIN_BLOCK_LOG	10
#define EXT2_MIN_BLOCK_SIZE	1024
#define EXT2_MAX_BLOCK_SIZE	4096

/* [Poirier §3.1] s_state */
#define EXT2_VALID_FS		0x0001	/* unmounted cleanly */
#define EXT2_ERROR_FS		0x0002	/* errors detected */
/* [Poirier §3.1] s_errors: what the driver does when it finds an error */
#define EXT2_ERRORS_CONTINUE	1
#define EXT2_ERRORS_RO		2	/* remount read-only */
#define EXT2_ERRORS_PANIC	3
/* The 16-bit id an id past 65535 becomes (Linux's fs_overflowuid default). */
#define EXT2_OVERFLOW_ID	65534
/* s_rev_level */
#define EXT2_GOOD_OLD_REV	0
#define EXT2_DYNAMIC_REV	1
#define EXT2_GOOD_OLD_INODE_SIZE 128
#define EXT2_GOOD_OLD_FIRST_INO	11
/* s_max_mnt_count: -1 means no limit (Linux's default since e2fsprogs 1.42) */

/* [Poirier §3.1] s_feature_compat: may be ignored by an implementation. */
#define EXT2_FEATURE_COMPAT_DIR_PREALLOC	0x0001
#define EXT2_FEATURE_COMPAT_IMAGIC_INODES	0x0002
#define EXT3_FEATURE_COMPAT_HAS_JOURNAL		0x0004
#define EXT2_FEATURE_COMPAT_EXT_ATTR		0x0008
#define EXT2_FEATURE_COMPAT_RESIZE_INO		0x0010
#define EXT2_FEATURE_COMPAT_DIR_INDEX		0x0020
/* s_feature_ro_compat: unknown ones allow a read-only mount only. */
#define EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER	0x0001
#define EXT2_FEATURE_RO_COMPAT_LARGE_FILE	0x0002
#define EXT2_FEATURE_RO_COMPAT_BTREE_DIR	0x0004
/* s_feature_incompat: unknown ones forbid any mount. */
#define EXT2_FEATURE_INCOMPAT_COMPRESSION	0x0001
#define EXT2_FEATURE_INCOMPAT_FILETYPE		0x0002
#define EXT3_FEATURE_INCOMPAT_RECOVER		0x0004	/* a journal to replay */
#define EXT3_FEATURE_INCOMPAT_JOURNAL_DEV	0x0008
#define EXT2_FEATURE_INCOMPAT_META_BG		0x0010
#define EXT4_FEATURE_INCOMPAT_EXTENTS		0x0040
#define EXT4_FEATURE_INCOMPAT_64BIT		0x0080
#define EXT4_FEATURE_INCOMPAT_FLEX_BG		0x0200

/* What this driver implements. */
#define EXT2_FEATURE_INCOMPAT_SUPP	EXT2_FEATURE_INCOMPAT_FILETYPE
#define EXT2_FEATURE_RO_COMPAT_SUPP	(EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER | \
					 EXT2_FEATURE_RO_COMPAT_LARGE_FILE)

/* [Poirier §3.1] The superblock (revision 1 fields up to s_last_orphan). */
struct ext2_super_block {
	uint32_t s_inodes_count;
	uint32_t s_blocks_count;
	uint32_t s_r_blocks_count;
	uint32_t s_free_blocks_count;
	uint32_t s_free_inodes_count;
	uint32_t s_first_data_block;
	uint32_t s_log_block_size;
	uint32_t s_log_frag_size;
	uint32_t s_blocks_per_group;
	uint32_t s_frags_per_group;
	uint32_t s_inodes_per_group;
	uint32_t s_mtime;
	uint32_t s_wtime;
	uint16_t s_mnt_count;
	int16_t s_max_mnt_count;
	uint16_t s_magic;
	uint16_t s_state;
	uint16_t s_errors;
	uint16_t s_minor_rev_level;
	uint32_t s_lastcheck;
	uint32_t s_checkinterval;
	uint32_t s_creator_os;
	uint32_t s_rev_level;
	uint16_t s_def_resuid;
	uint16_t s_def_resgid;
	/* EXT2_DYNAMIC_REV */
	uint32_t s_first_ino;
	uint16_t s_inode_size;
	uint16_t s_block_group_nr;
	uint32_t s_feature_compat;
	uint32_t s_feature_incompat;
	uint32_t s_feature_ro_compat;
	uint8_t s_uuid[16];
	char s_volume_name[16];
	char s_last_mounted[64];
	uint32_t s_algo_bitmap;
	uint8_t s_prealloc_blocks;
	uint8_t s_prealloc_dir_blocks;
	uint16_t s_reserved_gdt_blocks;	/* COMPAT_RESIZE_INO: room for the table to grow */
	uint8_t s_journal_uuid[16];
	uint32_t s_journal_inum;
	uint32_t s_journal_dev;
	uint32_t s_last_orphan;
	uint32_t s_hash_seed[4];
	uint8_t s_def_hash_version;
	uint8_t s_reserved_pad[3];
	uint32_t s_default_mount_opts;
	uint32_t s_first_meta_bg;
	uint32_t s_reserved[190];
};
_Static_assert(sizeof(struct ext2_super_block) == EXT2_SUPER_SIZE, "superblock is 1024 bytes");

/* [Poirier §3.2] One block group descriptor (32 bytes). */
struct ext2_group_desc {
	uint32_t bg_block_bitmap;
	uint32_t bg_inode_bitmap;
	uint32_t bg_inode_table;
	uint16_t bg_free_blocks_count;
	uint16_t bg_free_inodes_count;
	uint16_t bg_used_dirs_count;
	uint16_t bg_pad;
	uint32_t bg_reserved[3];
};
_Static_assert(sizeof(struct ext2_group_desc) == 32, "group descriptor is 32 bytes");

/* [Poirier §3.5] i_block: 12 direct, then single, double, triple indirect. */
#define EXT2_NDIR_BLOCKS	12
#define EXT2_IND_BLOCK		12
#define EXT2_DIND_BLOCK		13
#define EXT2_TIND_BLOCK		14
#define EXT2_N_BLOCKS		15

/* [Poirier §3.5] The inode (the first 128 bytes; s_inode_size may be more). */
struct ext2_inode {
	uint16_t i_mode;
	uint16_t i_uid;
	uint32_t i_size;
	uint32_t i_atime;
	uint32_t i_ctime;
	uint32_t i_mtime;
	uint32_t i_dtime;
	uint16_t i_gid;
	uint16_t i_links_count;
	uint32_t i_blocks;		/* 512-byte units, indirect blocks included */
	uint32_t i_flags;
	uint32_t i_osd1;
	uint32_t i_block[EXT2_N_BLOCKS];
	uint32_t i_generation;
	uint32_t i_file_acl;
	uint32_t i_size_high;		/* i_dir_acl in revision 0; large_file for regular files */
	uint32_t i_faddr;
	/* osd2, Linux's layout [Poirier §3.5 "Linux osd2"] */
	uint8_t l_i_frag;
	uint8_t l_i_fsize;
	uint16_t i_pad1;
	uint16_t l_i_uid_high;
	uint16_t l_i_gid_high;
	uint32_t l_i_reserved2;
};
_Static_assert(sizeof(struct ext2_inode) == EXT2_GOOD_OLD_INODE_SIZE, "inode is 128 bytes");

/* Without large_file, i_size alone: 2 GiB - 1 [Poirier §3.5 i_size]. */
#define EXT2_SMALL_FILE_MAX	0x7fffffffULL

/* [Poirier §3.5] i_flags we refuse to treat as an ordinary inode. */
#define EXT2_INDEX_FL		0x00001000	/* hashed directory: readable as linear */
#define EXT4_EXTENTS_FL		0x00080000	/* i_block is an extent tree */
/* i_blocks counts 512-byte sectors [Poirier §3.5]. */
#define EXT2_SECTOR_SIZE	512

/* An extended attribute block starts with this magic and a reference count. */
#define EXT2_XATTR_MAGIC	0xEA020000

/* [Poirier §3.5] Reserved inode numbers. */
#define EXT2_BAD_INO		1
#define EXT2_ROOT_INO		2

/* [Poirier §4.1] A linked-list directory entry (name follows, no NUL). */
struct ext2_dir_entry {
	uint32_t inode;			/* 0: unused entry */
	uint16_t rec_len;		/* to the next entry, 4-aligned */
	uint8_t name_len;
	uint8_t file_type;		/* with the filetype feature; else name_len's high byte */
	char name[];
};
#define EXT2_DIR_ENTRY_HEADER	8
#define EXT2_DIR_PAD		4
#define EXT2_NAME_LEN		255
/* The record an entry with a name of len bytes needs. */
#define EXT2_DIR_REC_LEN(len)	(((len) + EXT2_DIR_ENTRY_HEADER + EXT2_DIR_PAD - 1) & \
				 ~(EXT2_DIR_PAD - 1))

/* [Poirier §4.1] file_type values. */
#define EXT2_FT_UNKNOWN		0
#define EXT2_FT_REG_FILE	1
#define EXT2_FT_DIR		2
#define EXT2_FT_CHRDEV		3
#define EXT2_FT_BLKDEV		4
#define EXT2_FT_FIFO		5
#define EXT2_FT_SOCK		6
#define EXT2_FT_SYMLINK		7
#define EXT2_FT_MAX		8

/* [Poirier §3.5] A fast symlink keeps its target in i_block (60 bytes). */
#define EXT2_FAST_LINK_MAX	(EXT2_N_BLOCKS * 4)

/* ---- check.c: pure validation, also built for the host unit test ---------- */

/*
 * The geometry of a file system derived from a validated superblock.
 */
struct ext2_geometry {
	uint32_t block_size;
	uint32_t groups;
	uint32_t inode_size;
	uint32_t first_ino;
	uint32_t desc_blocks;		/* blocks of group descriptors */
	uint32_t inodes_per_block;
	uint32_t addr_per_block;	/* block numbers per indirect block */
	uint32_t inode_table_blocks;	/* per group */
	bool need_ro;			/* an unknown RO_COMPAT feature */
};

/*
 * Validates sb for a device of dev_bytes bytes and fills g: 0, or
 * -EINVAL (not an ext2 we mount: magic, revision, unknown INCOMPAT
 * features, a journal) or -EUCLEAN (inconsistent counts). why gets a
 * short reason for the log (static text), feature the offending bits.
 */
int ext2_check_super(const struct ext2_super_block *sb, uint64_t dev_bytes,
		     struct ext2_geometry *g, const char **why, uint32_t *feature);
/* Validates group descriptor gd of group group: 0 or -EUCLEAN. */
int ext2_check_group(const struct ext2_super_block *sb, const struct ext2_geometry *g,
		     uint32_t group, const struct ext2_group_desc *gd, const char **why);
/*
 * Validates the directory entry at off of a directory block of size
 * bytes: 0 or -EUCLEAN (rec_len too small, unaligned or past the block,
 * name_len past rec_len, inode number out of range).
 */
int ext2_check_dirent(const uint8_t *block, uint32_t size, uint32_t off,
		      uint32_t inodes_count, const char **why);
/* Whether block number b is a data block inside the file system. */
bool ext2_block_valid(const struct ext2_super_block *sb, uint32_t b);
/*
 * Validates an inode read from disk (ino its number): 0, or -EUCLEAN
 * (an unknown file type, a block pointer outside the fs, extents).
 */
int ext2_check_inode(const struct ext2_super_block *sb, const struct ext2_geometry *g,
		     const struct ext2_inode *raw, uint32_t ino, const char **why);
/* Whether group g holds a superblock backup (sparse_super: 0, 1, powers of 3, 5, 7). */
bool ext2_group_has_super(const struct ext2_super_block *sb, uint32_t group);

/* ---- bitmap.c (pure) ---------------------------------------------------------- */

/* The first clear bit of a bitmap in [start, count), then [0, start); -1 if none. */
int64_t ext2_find_zero(const uint8_t *map, uint32_t count, uint32_t start);

#endif /* FS_EXT2_EXT2_FS_H */
