/*
 * inode.c: inodes: the inode cache, reference counts, times, permission
 * checks (credentials(7), path_resolution(7) "Permissions") and write
 * access against running programs (ETXTBSY).
 *
 * The inode cache (vfs.h): a file system whose inodes have numbers on a
 * disk finds them with inode_iget(sb, ino), from a hash table or newly
 * made; an inode with links whose last reference goes stays cached on
 * an LRU list until inode_shrink frees it. Unhashed inodes (memory file
 * systems) are evicted with their last reference.
 *
 * Locking: inode_cache_lock (a spinlock) guards the hash, the LRU, every
 * inode's ref and state and the super blocks' inode counts; it is never
 * held across evict_inode (which may sleep).
 */
#include <basalt/string.h>
#include <time/sys_time.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <time/time.h>
#include <uapi/errno.h>

#define INODE_BLKSIZE		4096	/* st_blksize: the page size */
#define STAT_BLOCK_SIZE		512	/* st_blocks' unit, stat(2) */
#define INODE_HASH_BUCKETS	256

/* Kernel threads act as root: every id 0. */
static const struct cred vfs_root_cred;

/* guards: the inode hash and LRU, inode refs and states, sb inode counts */
static struct spinlock inode_cache_lock = SPINLOCK_INIT("inode_cache_lock");
static struct list_node inode_hash[INODE_HASH_BUCKETS];
static bool inode_hash_ready;
static struct list_node inode_lru = { &inode_lru, &inode_lru };
static uint64_t inode_cached;		/* hashed inodes */
static uint64_t inode_unused;		/* on the LRU */

const struct cred *vfs_cred(void)
{
	struct process *p = process_current();

	return p ? &p->cred : &vfs_root_cred;
}

struct vfs_time vfs_now(void)
{
	/*
	 * The realtime clock, as clock_settime(2) may have set it, as of the
	 * last tick: Linux's current_time() is the coarse clock too. A
	 * precise read is an HPET access, an emulated device under QEMU, and
	 * every read(2) asks for the time (relatime's check, file_accessed).
	 */
	int64_t ns = time_realtime_coarse_ns();
	struct vfs_time t;

	t.sec = ns / (int64_t)NSEC_PER_SEC;
	t.nsec = (uint32_t)(ns % (int64_t)NSEC_PER_SEC);
	return t;
}

/* A zeroed inode of sb, from its alloc_inode or kzalloc, unaccounted. */
static struct inode *inode_new(struct super_block *sb)
{
	struct inode *ino = sb->s_op && sb->s_op->alloc_inode ?
			    sb->s_op->alloc_inode(sb) : kzalloc(sizeof(*ino));

	if (!ino)
		return NULL;
	ino->ref = 1;
	ino->sb = sb;
	list_init(&ino->hash_link);
	list_init(&ino->lru_link);
	list_init(&ino->dirty_link);
	rwsem_init_named(&ino->i_rwsem, "inode.i_rwsem");
	page_cache_init(&ino->i_data, ino);
	ino->atime = ino->mtime = ino->ctime = vfs_now();
	return ino;
}

static void inode_free(struct inode *ino)
{
	struct super_block *sb = ino->sb;

	if (sb->s_op && sb->s_op->free_inode)
		sb->s_op->free_inode(ino);
	else
		kfree(ino);
}

struct inode *inode_alloc(struct super_block *sb, unsigned mode, uint32_t uid,
			  uint32_t gid)
{
	struct inode *ino;

	spin_lock(&inode_cache_lock);
	if (sb->inodes_max && sb->inodes >= sb->inodes_max) {
		spin_unlock(&inode_cache_lock);
		return NULL;
	}
	sb->inodes++;			/* reserved before the allocation */
	spin_unlock(&inode_cache_lock);
	ino = inode_new(sb);
	spin_lock(&inode_cache_lock);
	if (!ino)
		sb->inodes--;
	else
		ino->ino = sb->next_ino++;
	spin_unlock(&inode_cache_lock);
	if (!ino)
		return NULL;
	ino->mode = mode;
	ino->uid = uid;
	ino->gid = gid;
	return ino;
}

/* inode_cache_lock held. */
static struct list_node *inode_bucket(const struct super_block *sb, uint64_t ino)
{
	if (!inode_hash_ready) {
		for (unsigned i = 0; i < INODE_HASH_BUCKETS; i++)
			list_init(&inode_hash[i]);
		inode_hash_ready = true;
	}
	return &inode_hash[(ino ^ ((uintptr_t)sb >> 6)) % INODE_HASH_BUCKETS];
}

/* Takes a reference (inode_cache_lock held): off the LRU if it was there. */
static void inode_get_locked(struct inode *ino)
{
	if (ino->ref++ == 0 && (ino->state & INODE_ON_LRU)) {
		list_del(&ino->lru_link);
		list_init(&ino->lru_link);
		ino->state &= ~INODE_ON_LRU;
		inode_unused--;
	}
}

struct inode *inode_iget(struct super_block *sb, uint64_t ino_nr)
{
	struct inode *ino, *fresh = NULL;
	struct list_node *n;

	for (;;) {
		spin_lock(&inode_cache_lock);
		list_for_each(n, inode_bucket(sb, ino_nr)) {
			ino = list_entry(n, struct inode, hash_link);
			if (ino->sb == sb && ino->ino == ino_nr) {
				inode_get_locked(ino);
				spin_unlock(&inode_cache_lock);
				if (fresh)
					inode_free(fresh);
				/*
				 * One being read in by another task: its
				 * i_rwsem is held for writing until
				 * inode_new_done; wait for it.
				 */
				inode_lock_shared(ino);
				inode_unlock_shared(ino);
				if (ino->state & INODE_NEW) {
					inode_put(ino);	/* it failed */
					return NULL;
				}
				return ino;
			}
		}
		if (fresh) {
			fresh->ino = ino_nr;
			fresh->state = INODE_HASHED | INODE_NEW;
			list_add_tail(inode_bucket(sb, ino_nr), &fresh->hash_link);
			inode_cached++;
			sb->inodes++;
			spin_unlock(&inode_cache_lock);
			inode_lock(fresh);	/* until inode_new_done */
			return fresh;
		}
		spin_unlock(&inode_cache_lock);
		fresh = inode_new(sb);
		if (!fresh)
			return NULL;
	}
}

void inode_new_done(struct inode *ino)
{
	spin_lock(&inode_cache_lock);
	ino->state &= ~INODE_NEW;
	spin_unlock(&inode_cache_lock);
	inode_unlock(ino);
}

void inode_new_failed(struct inode *ino)
{
	spin_lock(&inode_cache_lock);
	list_del(&ino->hash_link);
	list_init(&ino->hash_link);
	ino->state &= ~INODE_HASHED;
	inode_cached--;
	spin_unlock(&inode_cache_lock);
	inode_unlock(ino);
	inode_put(ino);
}

void inode_rehash(struct inode *ino, uint64_t ino_nr)
{
	spin_lock(&inode_cache_lock);
	if (ino->state & INODE_HASHED) {
		list_del(&ino->hash_link);
		list_add_tail(inode_bucket(ino->sb, ino_nr), &ino->hash_link);
	}
	ino->ino = ino_nr;
	spin_unlock(&inode_cache_lock);
}

void inode_get(struct inode *ino)
{
	spin_lock(&inode_cache_lock);
	inode_get_locked(ino);
	spin_unlock(&inode_cache_lock);
}

bool inode_get_unless_evicting(struct inode *ino)
{
	bool got = false;

	spin_lock(&inode_cache_lock);
	if (ino->ref || (ino->state & INODE_ON_LRU)) {
		inode_get_locked(ino);
		got = true;
	}
	spin_unlock(&inode_cache_lock);
	return got;
}

/* Evicts and frees an inode out of every list, its sb's count dropped. */
static void inode_evict(struct inode *ino)
{
	struct super_block *sb = ino->sb;
	bool last;

	/* A file that stays on the disk keeps what was written to it. */
	if (ino->nlink && __atomic_load_n(&ino->dirty, __ATOMIC_RELAXED))
		(void)inode_writeback(ino, true);
	inode_writeback_forget(ino);
	if (sb->s_op && sb->s_op->evict_inode)
		sb->s_op->evict_inode(ino);
	page_cache_truncate(&ino->i_data, 0);	/* what the file system left */
	inode_free(ino);
	spin_lock(&inode_cache_lock);
	last = --sb->inodes == 0 && sb->dying;
	spin_unlock(&inode_cache_lock);
	if (last)
		kfree(sb);
}

void inode_put(struct inode *ino)
{
	if (!ino)
		return;
	spin_lock(&inode_cache_lock);
	if (--ino->ref) {
		spin_unlock(&inode_cache_lock);
		return;
	}
	if ((ino->state & INODE_HASHED) && ino->nlink && !ino->sb->dying) {
		list_add_tail(&inode_lru, &ino->lru_link);
		ino->state |= INODE_ON_LRU;
		inode_unused++;
		spin_unlock(&inode_cache_lock);
		return;
	}
	if (ino->state & INODE_HASHED) {
		list_del(&ino->hash_link);
		ino->state &= ~INODE_HASHED;
		inode_cached--;
	}
	spin_unlock(&inode_cache_lock);
	inode_evict(ino);
}

unsigned inode_shrink(unsigned count)
{
	unsigned freed = 0;

	while (freed < count) {
		struct inode *ino;

		spin_lock(&inode_cache_lock);
		if (list_empty(&inode_lru)) {
			spin_unlock(&inode_cache_lock);
			break;
		}
		ino = list_entry(inode_lru.next, struct inode, lru_link);
		list_del(&ino->lru_link);
		list_del(&ino->hash_link);
		ino->state &= ~(INODE_ON_LRU | INODE_HASHED);
		inode_unused--;
		inode_cached--;
		spin_unlock(&inode_cache_lock);
		inode_evict(ino);
		freed++;
	}
	return freed;
}

void inode_cache_counts(uint64_t *cached, uint64_t *unused)
{
	spin_lock(&inode_cache_lock);
	*cached = inode_cached;
	*unused = inode_unused;
	spin_unlock(&inode_cache_lock);
}

unsigned vfs_shrink_caches(unsigned count)
{
	/* Dentries first: each holds an inode, which then becomes unused. */
	unsigned freed = dentry_shrink(count);

	return freed + inode_shrink(count);
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

int inode_generic_permission(const struct inode *ino, int mask, const struct cred *c)
{
	unsigned bits, mode = __atomic_load_n(&ino->mode, __ATOMIC_RELAXED);

	mask &= MAY_READ | MAY_WRITE | MAY_EXEC;
	if (c->fsuid == 0) {
		/* CAP_DAC_OVERRIDE: all but executing a file nobody may execute. */
		if ((mask & MAY_EXEC) && !S_ISDIR(mode) && !(mode & 0111))
			return -EACCES;
		return 0;
	}
	if (c->fsuid == ino->uid)
		bits = (mode >> 6) & 7;
	else if (cred_in_group(c, ino->gid))
		bits = (mode >> 3) & 7;
	else
		bits = mode & 7;
	return ((bits & (unsigned)mask) == (unsigned)mask) ? 0 : -EACCES;
}

int inode_permission(struct inode *ino, int mask, const struct cred *c)
{
	if (ino->i_op && ino->i_op->permission)
		return ino->i_op->permission(ino, mask, c);
	return inode_generic_permission(ino, mask, c);
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

int inode_setattr(struct dentry *d, const struct vfs_iattr *attr)
{
	struct inode *ino = d->inode;

	if (attr->valid & ATTR_SIZE)
		return -EINVAL;
	if (attr->valid & ATTR_MODE)
		ino->mode = (ino->mode & S_IFMT) | (attr->mode & S_IALLUGO);
	if (attr->valid & ATTR_UID)
		ino->uid = attr->uid;
	if (attr->valid & ATTR_GID)
		ino->gid = attr->gid;
	if (attr->valid & ATTR_ATIME)
		ino->atime = attr->atime;
	if (attr->valid & ATTR_MTIME)
		ino->mtime = attr->mtime;
	if (attr->valid & ATTR_CTIME)
		ino->ctime = attr->ctime;
	return 0;
}

/*
 * write_count (vfs.h): compare-and-swap loops, so that the test and the
 * change are one step on any CPU (Linux's get_write_access).
 */
int inode_get_write_access(struct inode *ino)
{
	int v = __atomic_load_n(&ino->write_count, __ATOMIC_RELAXED);

	do {
		if (v < 0)
			return -ETXTBSY;
	} while (!__atomic_compare_exchange_n(&ino->write_count, &v, v + 1, false,
					      __ATOMIC_ACQ_REL, __ATOMIC_RELAXED));
	return 0;
}

void inode_put_write_access(struct inode *ino)
{
	__atomic_sub_fetch(&ino->write_count, 1, __ATOMIC_ACQ_REL);
}

int inode_deny_write_access(struct inode *ino)
{
	int v = __atomic_load_n(&ino->write_count, __ATOMIC_RELAXED);

	do {
		if (v > 0)
			return -ETXTBSY;
	} while (!__atomic_compare_exchange_n(&ino->write_count, &v, v - 1, false,
					      __ATOMIC_ACQ_REL, __ATOMIC_RELAXED));
	return 0;
}

void inode_allow_write_access(struct inode *ino)
{
	__atomic_add_fetch(&ino->write_count, 1, __ATOMIC_ACQ_REL);
}

void inode_evict_sb(struct super_block *sb)
{
	for (;;) {
		struct inode *victim = NULL;
		struct list_node *n;

		spin_lock(&inode_cache_lock);
		list_for_each(n, &inode_lru) {
			struct inode *ino = list_entry(n, struct inode, lru_link);

			if (ino->sb == sb) {
				victim = ino;
				break;
			}
		}
		if (victim) {
			list_del(&victim->lru_link);
			list_del(&victim->hash_link);
			victim->state &= ~(INODE_ON_LRU | INODE_HASHED);
			inode_unused--;
			inode_cached--;
		}
		spin_unlock(&inode_cache_lock);
		if (!victim)
			return;
		inode_evict(victim);
	}
}
