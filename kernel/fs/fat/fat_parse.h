/*
 * fat_parse.h: the FAT driver's pure functions (no VFS, no locks, no
 * I/O), tested on the host (tests/unit/fs/fat_test.c): the boot sector
 * and FSInfo (fat_bpb.c), names (fat_name.c), timestamps (fat_time.c).
 */
#ifndef FS_FAT_FAT_PARSE_H
#define FS_FAT_FAT_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "fat_fs.h"

/* ---- fat_bpb.c ------------------------------------------------------------ */

/* What the boot sector says, validated (fatgen103 "Boot Sector and BPB"). */
struct fat_geometry {
	unsigned type;			/* 12, 16 or 32 ("FAT Type Determination") */
	uint32_t sector_size;		/* BPB_BytsPerSec */
	uint32_t sec_per_clus;
	uint32_t cluster_size;		/* bytes */
	uint32_t num_fats;
	uint32_t fat_start;		/* first sector of FAT 0 */
	uint32_t fat_sectors;		/* of one FAT */
	uint32_t active_fat;		/* FAT32 with mirroring off: the one in use */
	bool mirror;			/* write every FAT (false: only active_fat) */
	uint32_t root_start;		/* FAT12/16: first sector of the root region */
	uint32_t root_entries;		/* FAT12/16: BPB_RootEntCnt */
	uint32_t root_cluster;		/* FAT32: BPB_RootClus */
	uint32_t data_start;		/* first sector of cluster 2 */
	uint32_t total_sectors;
	uint32_t clusters;		/* CountofClusters */
	uint32_t max_cluster;		/* clusters + 1: the last valid number */
	uint32_t fsinfo_sector;		/* FAT32: BPB_FSInfo, 0 when none */
};

/*
 * Parses and validates the boot sector sec (len bytes, at least 512) of
 * a device of dev_bytes bytes: 0, or -EINVAL for something that is not a
 * FAT boot sector (no signature, impossible BPB), -EUCLEAN for a FAT
 * whose numbers contradict each other. Logs why, naming dev.
 */
int fat_parse_boot(const uint8_t *sec, size_t len, uint64_t dev_bytes, const char *dev,
		   struct fat_geometry *g);
/*
 * The free count and next free hint of an FSInfo sector (len bytes):
 * 0, or -EUCLEAN when its signatures are wrong. Values out of range
 * (fatgen103 says they are hints) come back as FAT_FSINFO_UNKNOWN.
 */
int fat_parse_fsinfo(const uint8_t *sec, size_t len, const struct fat_geometry *g,
		     uint32_t *free_count, uint32_t *next_free);

/* ---- fat_name.c ----------------------------------------------------------- */

/* fatgen103 "FAT Long Directory Entries": ChkSum of an 11-byte short name. */
uint8_t fat_lfn_checksum(const uint8_t name[FAT_NAME_LEN]);

/* UTF-8 of a long name: at most 255 UCS-2 characters, 3 bytes each (4 for a pair). */
#define FAT_NAME_UTF8_MAX	(FAT_LFN_MAX_CHARS * 3 + 1)

/*
 * A long name being gathered from its entries, which come last part
 * first (fatgen103 "FAT Long Directory Entries"). fat_lfn_start on an
 * entry with FAT_LFN_LAST, fat_lfn_add on each following one; when the
 * short entry comes, fat_lfn_finish checks the count and the checksum.
 */
struct fat_lfn_state {
	uint16_t chars[FAT_LFN_MAX_ENTRIES * FAT_LFN_CHARS];
	unsigned count;			/* entries the name has */
	unsigned next;			/* the ord expected next; 0: complete */
	uint8_t chksum;
	bool active;
};

void fat_lfn_reset(struct fat_lfn_state *s);
/* Takes one long entry; false (and reset) when it breaks the sequence. */
bool fat_lfn_add(struct fat_lfn_state *s, const struct fat_lfn_entry *e);
/*
 * The gathered name as UTF-8 (NUL-terminated) in out (FAT_NAME_UTF8_MAX
 * bytes) if it belongs to the short entry de: its length, or 0 when
 * there is none or it does not fit (checksum, sequence, bad characters).
 */
size_t fat_lfn_finish(struct fat_lfn_state *s, const struct fat_dirent *de, char *out);

/* The longest short name shown: 11 code page 437 characters of 3 bytes, '.', NUL. */
#define FAT_SHORT_UTF8_MAX	(FAT_NAME_LEN * 3 + 2)
/*
 * The displayed form of a short name ("README.TXT", or "readme.txt" when
 * DIR_NTRes says lower case and ntres_case) in UTF-8: length,
 * NUL-terminated in out (FAT_SHORT_UTF8_MAX bytes). lower forces lower
 * case (msdos).
 */
size_t fat_short_display(const struct fat_dirent *de, bool ntres_case, bool lower, char *out);

/*
 * UTF-8 name (len bytes) to UCS-2 (at most FAT_LFN_MAX_CHARS): the
 * count, -EINVAL for bad UTF-8 or a character FAT forbids in long names,
 * -ENAMETOOLONG.
 */
int fat_utf8_to_ucs2(const char *name, size_t len, uint16_t *out);
/* Linux's vfat_striptail_len: the length without trailing dots. */
size_t fat_name_strip_len(const char *name, size_t len);
/*
 * Name equality: ASCII case-insensitive when fold (Linux's vfat with the
 * utf8 option over an ASCII or Latin-1 iocharset), exact otherwise
 * (iocharset=utf8, whose case tables are the identity).
 */
bool fat_name_eq(const char *a, size_t alen, const char *b, size_t blen, bool fold);

/* Whether an 11-byte short name is taken (the directory's scan). */
typedef int (*fat_short_exists_fn)(void *ctx, const uint8_t name[FAT_NAME_LEN]);

/*
 * The short name for a new long name (UCS-2, n characters), as Linux's
 * vfat_create_shortname with shortname=mixed: out gets the 11 bytes.
 * Returns 1 when the short name alone holds the name (no long entries
 * needed), 0 when long entries are needed, or an errno (exists' own, or
 * -EEXIST when no tail is free). seed varies the hex tails past ~9.
 */
int fat_make_short_name(const uint16_t *uname, unsigned n, fat_short_exists_fn exists,
			void *ctx, uint32_t seed, uint8_t out[FAT_NAME_LEN]);
/*
 * msdos's 8.3 form of a name (Linux's msdos_format_name with
 * check=normal): upper case, a longer base or extension cut; 0, or
 * -EINVAL for a bad character, a leading dot, a part ending in a space,
 * a DOS device name (CON, PRN...).
 */
int fat_msdos_format_name(const char *name, size_t len, uint8_t out[FAT_NAME_LEN]);

/* ---- fat_time.c: DOS dates and times, as UTC (tz=UTC) -------------------- */

/* Seconds since the epoch of a DOS date and time (cs: hundredths, 0..199). */
int64_t fat_time_to_unix(uint16_t date, uint16_t time, uint8_t cs, uint32_t *nsec);
/* The DOS date, time and hundredths (cs may be NULL) of a Unix time, clamped to 1980..2107. */
void fat_time_from_unix(int64_t sec, uint32_t nsec, uint16_t *date, uint16_t *time,
			uint8_t *cs);

#endif /* FS_FAT_FAT_PARSE_H */
