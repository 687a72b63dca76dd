/*
 * inode.c: inodes, their reference counts, times and permission checks
 * (credentials(7), path_resolution(7) "Permissions"). Locking: vfs_lock
 * (vfs.h).
 */
#include <basalt/string.h>
#include <drivers/rtc/rtc.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <time/time.h>
#include <uapi/errno.h>

#define INODE_BLKSIZE		4096	/* st_blksize: the page size */
#define STAT_BLOCK_SIZE		512	/* st_blocks' unit, stat(2) */

/* Kernel threads act as root: every id 0. */
static const struct cred vfs_root_cred;

struct mutex vfs_lock = MUTEX_INIT(vfs_lock);

const struct cred *vfs_cred(void)
{
	struct process *p = process_current();

	return p ? &p->cred : &vfs_root_cred;
}

struct vfs_time vfs_now(void)
{
	uint64_t ns = time_monotonic_ns();
	struct vfs_time t;

	t.sec = rtc_boot_unix_time() + (int64_t)(ns / NSEC_PER_SEC);
	t.nsec = (uint32_t)(ns % NSEC_PER_SEC);
	return t;
}

struct inode *inode_alloc(struct super_block *sb, unsigned mode, uint32_t uid,
			  uint32_t gid)
{
	struct inode *ino;

	if (sb->inodes_max && sb->inodes >= sb->inodes_max)
		return NULL;
	ino = kzalloc(sizeof(*ino));
	if (!ino)
		return NULL;
	ino->ino = sb->next_ino++;
	ino->mode = mode;
	ino->uid = uid;
	ino->gid = gid;
	ino->ref = 1;
	ino->sb = sb;
	ino->atime = ino->mtime = ino->ctime = vfs_now();
	sb->inodes++;
	return ino;
}

void inode_get(struct inode *ino)
{
	ino->ref++;
}

void inode_put(struct inode *ino)
{
	struct super_block *sb;

	if (!ino || --ino->ref)
		return;
	if (ino->sb->ops->evict)
		ino->sb->ops->evict(ino);
	sb = ino->sb;
	sb->inodes--;
	kfree(ino);
	if (sb->dying && sb->inodes == 0)
		kfree(sb);
}

void inode_touch(struct inode *ino, bool modified)
{
	struct vfs_time now = vfs_now();

	ino->ctime = now;
	if (modified)
		ino->mtime = now;
}

/* Linux's relatime (mount(8)): once per change, or once a day. */
#define INODE_RELATIME_SECS	(24 * 60 * 60)

static bool inode_time_le(struct vfs_time a, struct vfs_time b)
{
	return a.sec < b.sec || (a.sec == b.sec && a.nsec <= b.nsec);
}

void inode_accessed(struct inode *ino)
{
	struct vfs_time now = vfs_now();

	if (inode_time_le(ino->atime, ino->mtime) || inode_time_le(ino->atime, ino->ctime) ||
	    now.sec - ino->atime.sec >= INODE_RELATIME_SECS)
		ino->atime = now;
}

bool cred_in_group(const struct cred *c, uint32_t gid)
{
	if (c->fsgid == gid)
		return true;
	for (unsigned i = 0; i < c->ngroups && i < CRED_GROUPS_MAX; i++)
		if (c->groups[i] == gid)
			return true;
	return false;
}

bool inode_owner_or_root(const struct inode *ino, const struct cred *c)
{
	return c->fsuid == 0 || c->fsuid == ino->uid;
}

int inode_permission(const struct inode *ino, int mask, const struct cred *c)
{
	unsigned bits;

	mask &= MAY_READ | MAY_WRITE | MAY_EXEC;
	if (c->fsuid == 0) {
		/* CAP_DAC_OVERRIDE: all but executing a file nobody may execute. */
		if ((mask & MAY_EXEC) && !S_ISDIR(ino->mode) && !(ino->mode & 0111))
			return -EACCES;
		return 0;
	}
	if (c->fsuid == ino->uid)
		bits = (ino->mode >> 6) & 7;
	else if (cred_in_group(c, ino->gid))
		bits = (ino->mode >> 3) & 7;
	else
		bits = ino->mode & 7;
	return ((bits & (unsigned)mask) == (unsigned)mask) ? 0 : -EACCES;
}

void inode_stat(const struct inode *ino, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = ino->sb->dev;
	st->st_ino = ino->ino;
	st->st_nlink = ino->nlink;
	st->st_mode = ino->mode;
	st->st_uid = ino->uid;
	st->st_gid = ino->gid;
	st->st_rdev = ino->rdev;
	st->st_size = (int64_t)ino->size;
	st->st_blksize = INODE_BLKSIZE;
	st->st_blocks = (int64_t)(ino->bytes_alloc / STAT_BLOCK_SIZE);
	st->st_atime_sec = (uint64_t)ino->atime.sec;
	st->st_atime_nsec = ino->atime.nsec;
	st->st_mtime_sec = (uint64_t)ino->mtime.sec;
	st->st_mtime_nsec = ino->mtime.nsec;
	st->st_ctime_sec = (uint64_t)ino->ctime.sec;
	st->st_ctime_nsec = ino->ctime.nsec;
}
