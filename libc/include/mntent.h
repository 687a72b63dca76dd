/* mntent.h: reading and writing fstab/mtab-style files (getmntent(3)). */
#ifndef _MNTENT_H
#define _MNTENT_H

#include <paths.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* _PATH_MNTTAB and _PATH_MOUNTED come from paths.h, as with glibc. */
#define MNTTAB		_PATH_MNTTAB
#define MOUNTED		_PATH_MOUNTED

#define MNTTYPE_IGNORE	"ignore"
#define MNTTYPE_NFS	"nfs"
#define MNTTYPE_SWAP	"swap"

#define MNTOPT_DEFAULTS	"defaults"
#define MNTOPT_RO	"ro"
#define MNTOPT_RW	"rw"
#define MNTOPT_SUID	"suid"
#define MNTOPT_NOSUID	"nosuid"
#define MNTOPT_NOAUTO	"noauto"

struct mntent {
	char *mnt_fsname;	/* device or server */
	char *mnt_dir;		/* mount point */
	char *mnt_type;		/* file system type */
	char *mnt_opts;		/* comma-separated options */
	int mnt_freq;		/* dump frequency in days */
	int mnt_passno;		/* fsck pass number */
};

FILE *setmntent(const char *, const char *);
struct mntent *getmntent(FILE *);
struct mntent *getmntent_r(FILE *, struct mntent *, char *, int);
int addmntent(FILE *, const struct mntent *);
int endmntent(FILE *);
char *hasmntopt(const struct mntent *, const char *);

#ifdef __cplusplus
}
#endif

#endif /* _MNTENT_H */
