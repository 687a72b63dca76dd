/*
 * fat_fs.h: the on-disk layout of FAT12, FAT16 and FAT32 volumes, written
 * from Microsoft's "FAT: General Overview of On-Disk Format" (fatgen103,
 * version 1.03), cited below as "fatgen103 <section>". Every multi-byte
 * field is little-endian; the structures are packed and only ever read
 * from a buffer of at least their size (fat_bpb.c checks the sizes).
 */
#ifndef FS_FAT_FAT_FS_H
#define FS_FAT_FAT_FS_H

#include <stdint.h>

/* ---- fatgen103 "Boot Sector and BPB" ------------------------------------- */

/* The BPB fields common to all three types (offsets 0..35). */
struct fat_boot_common {
	uint8_t jmp_boot[3];		/* BS_jmpBoot: EB xx 90 or E9 xx xx */
	uint8_t oem_name[8];		/* BS_OEMName */
	uint16_t bytes_per_sec;		/* BPB_BytsPerSec: 512, 1024, 2048, 4096 */
	uint8_t sec_per_clus;		/* BPB_SecPerClus: a power of two, 1..128 */
	uint16_t rsvd_sec_cnt;		/* BPB_RsvdSecCnt: never 0 */
	uint8_t num_fats;		/* BPB_NumFATs: 2 normally, 1 allowed */
	uint16_t root_ent_cnt;		/* BPB_RootEntCnt: 0 on FAT32 */
	uint16_t tot_sec16;		/* BPB_TotSec16: 0 -> BPB_TotSec32 */
	uint8_t media;			/* BPB_Media: 0xF0, 0xF8..0xFF */
	uint16_t fat_sz16;		/* BPB_FATSz16: 0 on FAT32 */
	uint16_t sec_per_trk;		/* BPB_SecPerTrk */
	uint16_t num_heads;		/* BPB_NumHeads */
	uint32_t hidd_sec;		/* BPB_HiddSec */
	uint32_t tot_sec32;		/* BPB_TotSec32 */
} __attribute__((packed));

/* FAT32's extension of the BPB (offsets 36..89). */
struct fat_boot_fat32 {
	uint32_t fat_sz32;		/* BPB_FATSz32 */
	uint16_t ext_flags;		/* BPB_ExtFlags: bit 7 mirroring off, bits 0-3 active FAT */
	uint16_t fs_ver;		/* BPB_FSVer: 0:0 is the only version */
	uint32_t root_clus;		/* BPB_RootClus */
	uint16_t fs_info;		/* BPB_FSInfo: sector of the FSInfo structure */
	uint16_t bk_boot_sec;		/* BPB_BkBootSec */
	uint8_t reserved[12];
	uint8_t drv_num;		/* BS_DrvNum */
	uint8_t reserved1;
	uint8_t boot_sig;		/* BS_BootSig: 0x29 -> the next three are valid */
	uint32_t vol_id;		/* BS_VolID */
	uint8_t vol_lab[11];		/* BS_VolLab */
	uint8_t fil_sys_type[8];	/* BS_FilSysType: informative only */
} __attribute__((packed));

#define FAT_BOOT_COMMON_SIZE	36
#define FAT_BOOT_FAT32_OFFSET	36
#define FAT_BOOT_SIG_OFFSET	510	/* 0x55 0xAA at bytes 510 and 511 */
#define FAT_BOOT_SIG0		0x55
#define FAT_BOOT_SIG1		0xAA
#define FAT_MIN_SECTOR_SIZE	512
#define FAT_MAX_SECTOR_SIZE	4096
#define FAT_MAX_SEC_PER_CLUS	128
/* "Boot Sector and BPB": BPB_FSVer must be 0:0 for this version. */
#define FAT32_FS_VERSION	0
#define FAT32_EXT_FLAGS_NOMIRROR	0x80
#define FAT32_EXT_FLAGS_ACTIVE_MASK	0x0F

/* ---- fatgen103 "FAT Type Determination" ----------------------------------- */

/* CountofClusters < 4085: FAT12; < 65525: FAT16; else FAT32. */
#define FAT12_MAX_CLUSTERS	4084
#define FAT16_MAX_CLUSTERS	65524
/* The first data cluster is 2; entries 0 and 1 are reserved. */
#define FAT_FIRST_CLUSTER	2

/* ---- fatgen103 "FAT Data Structure" --------------------------------------- */

#define FAT_FREE_CLUSTER	0
/* FAT32 entries are 28 bits: the high 4 are reserved and kept on writes. */
#define FAT32_ENTRY_MASK	0x0FFFFFFFu
/* Values at or above these end a chain (EOC); the BAD value marks a bad cluster. */
#define FAT12_EOC_MIN		0x0FF8u
#define FAT16_EOC_MIN		0xFFF8u
#define FAT32_EOC_MIN		0x0FFFFFF8u
#define FAT12_BAD		0x0FF7u
#define FAT16_BAD		0xFFF7u
#define FAT32_BAD		0x0FFFFFF7u
#define FAT12_EOC		0x0FFFu
#define FAT16_EOC		0xFFFFu
#define FAT32_EOC		0x0FFFFFFFu
/*
 * FAT[1]'s high bits ("FAT Data Structure"): ClnShutBitMask set when the
 * volume was dismounted cleanly, HrdErrBitMask set when no disk error
 * was met. FAT16 uses bits 15 and 14, FAT32 bits 27 and 26; FAT12 has none.
 */
#define FAT16_CLN_SHUT_BIT	0x8000u
#define FAT16_HRD_ERR_BIT	0x4000u
#define FAT32_CLN_SHUT_BIT	0x08000000u
#define FAT32_HRD_ERR_BIT	0x04000000u

/* ---- fatgen103 "FAT32 FSInfo Sector Structure and Backup Boot Sector" --- */

struct fat_fsinfo {
	uint32_t lead_sig;		/* FSI_LeadSig 0x41615252 */
	uint8_t reserved1[480];
	uint32_t struc_sig;		/* FSI_StrucSig 0x61417272 */
	uint32_t free_count;		/* FSI_Free_Count: 0xFFFFFFFF unknown */
	uint32_t nxt_free;		/* FSI_Nxt_Free: 0xFFFFFFFF unknown */
	uint8_t reserved2[12];
	uint32_t trail_sig;		/* FSI_TrailSig 0xAA550000 */
} __attribute__((packed));

#define FAT_FSINFO_LEAD_SIG	0x41615252u
#define FAT_FSINFO_STRUC_SIG	0x61417272u
#define FAT_FSINFO_TRAIL_SIG	0xAA550000u
#define FAT_FSINFO_UNKNOWN	0xFFFFFFFFu

/* ---- fatgen103 "FAT Directory Structure" ---------------------------------- */

struct fat_dirent {
	uint8_t name[11];		/* DIR_Name: 8 + 3, space padded */
	uint8_t attr;			/* DIR_Attr */
	uint8_t ntres;			/* DIR_NTRes: Windows NT's case bits (below) */
	uint8_t crt_time_tenth;		/* DIR_CrtTimeTenth: 0..199 tenths of a second */
	uint16_t crt_time;		/* DIR_CrtTime */
	uint16_t crt_date;		/* DIR_CrtDate */
	uint16_t lst_acc_date;		/* DIR_LstAccDate */
	uint16_t fst_clus_hi;		/* DIR_FstClusHI: 0 on FAT12/16 */
	uint16_t wrt_time;		/* DIR_WrtTime */
	uint16_t wrt_date;		/* DIR_WrtDate */
	uint16_t fst_clus_lo;		/* DIR_FstClusLO */
	uint32_t file_size;		/* DIR_FileSize */
} __attribute__((packed));

#define FAT_DIRENT_SIZE		32
#define FAT_NAME_LEN		11
#define FAT_BASE_LEN		8
#define FAT_EXT_LEN		3

#define FAT_ATTR_READ_ONLY	0x01
#define FAT_ATTR_HIDDEN		0x02
#define FAT_ATTR_SYSTEM		0x04
#define FAT_ATTR_VOLUME_ID	0x08
#define FAT_ATTR_DIRECTORY	0x10
#define FAT_ATTR_ARCHIVE	0x20
/* A long-name entry: READ_ONLY | HIDDEN | SYSTEM | VOLUME_ID. */
#define FAT_ATTR_LONG_NAME	0x0F
#define FAT_ATTR_LONG_NAME_MASK	0x3F

/* DIR_Name[0]: free and end markers; 0x05 stands for a leading 0xE5. */
#define FAT_DIRENT_END		0x00
#define FAT_DIRENT_FREE		0xE5
#define FAT_DIRENT_KANJI_E5	0x05

/* DIR_NTRes (not in fatgen103; Windows NT's, as Linux reads it): lower case base / ext. */
#define FAT_NTRES_LOWER_BASE	0x08
#define FAT_NTRES_LOWER_EXT	0x10

/* Date: bits 0-4 day, 5-8 month, 9-15 years since 1980; time: 2-second units. */
#define FAT_EPOCH_YEAR		1980
#define FAT_MAX_YEAR		2107

/* ---- fatgen103 "FAT Long Directory Entries" ------------------------------- */

struct fat_lfn_entry {
	uint8_t ord;			/* LDIR_Ord: sequence, 0x40 on the last (first stored) */
	uint16_t name1[5];		/* LDIR_Name1: characters 1-5 (UCS-2) */
	uint8_t attr;			/* LDIR_Attr: FAT_ATTR_LONG_NAME */
	uint8_t type;			/* LDIR_Type: 0 */
	uint8_t chksum;			/* LDIR_Chksum of the short name */
	uint16_t name2[6];		/* LDIR_Name2: characters 6-11 */
	uint16_t fst_clus_lo;		/* LDIR_FstClusLO: 0 */
	uint16_t name3[2];		/* LDIR_Name3: characters 12-13 */
} __attribute__((packed));

#define FAT_LFN_LAST		0x40
#define FAT_LFN_ORD_MASK	0x3F
#define FAT_LFN_CHARS		13
/* "Name Limits and Character Sets": a long name has at most 255 characters. */
#define FAT_LFN_MAX_CHARS	255
#define FAT_LFN_MAX_ENTRIES	20	/* 20 * 13 = 260 >= 255 */
/* After the name's NUL the rest of the 13 slots is padded with 0xFFFF. */
#define FAT_LFN_PAD		0xFFFF

/* "FAT Directory Structure": a directory holds at most 65536 entries. */
#define FAT_DIR_MAX_ENTRIES	65536

#endif /* FS_FAT_FAT_FS_H */
