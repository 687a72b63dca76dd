/*
 * writeback.c: writing dirty inodes back (vfs.h). A disk file system's
 * inode is dirty when its page cache holds dirty pages (the page cache
 * tells us on the first one: inode_mark_pages_dirty) or when its
 * attributes changed (the file system calls inode_mark_dirty); it then
 * waits on its super block's dirty list, oldest first, until someone
 * writes it: fsync and sync call inode_writeback and vfs_writeback_sb,
 * and the flusher thread writes what expired, as Linux's per-device
 * writeback threads (Documentation/admin-guide/sysctl/vm.rst,
 * dirty_expire_centisecs). Block devices' own caches (a file system's
 * metadata) are written by the same thread through bdev_writeback_expired.
 *
 * Locking: writeback_lock (a spinlock) guards every inode's dirty state,
 * dirtied_when_ns and dirty_link, and the super blocks' dirty lists.
 * It nests outside inode_cache_lock (the flusher takes a reference on
 * an inode it found on a list) and inside address_space.tree_lock (the
 * page cache reports a first dirty page holding it). The writing itself
 * happens with no lock held, under a reference to the inode, so an inode
 * being written cannot be evicted; an inode whose last reference went
 * (evicting: ref 0 and not on the LRU) is skipped: its eviction writes
 * it (inode_evict) and takes it off the list.
 */
#include <basalt/log.h>
#include <block/buffer.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <mm/page_cache.h>
#include <proc/task.h>
#include <sched/wait.h>
#include <time/time.h>

/* guards: inode.dirty, dirtied_when_ns, dirty_link; super_block.dirty_inodes */
static struct spinlock writeback_lock = SPINLOCK_INIT("writeback_lock");

static struct wait_queue vfs_flusher_wq = WAIT_QUEUE_INIT(vfs_flusher_wq);
/* Set (atomically) by vfs_flusher_kick, cleared by the flusher. */
static bool vfs_flusher_kicked;
/* Set (atomically) by vfs_flusher_retime: sleep again with the new period. */
static bool vfs_flusher_retimed;

#define VFS_NS_PER_CS	10000000ULL	/* a centisecond */

uint64_t vfs_dirty_writeback_cs = VFS_DIRTY_WRITEBACK_CS_DEFAULT;
uint64_t vfs_dirty_expire_cs = VFS_DIRTY_EXPIRE_CS_DEFAULT;

/* Only a file system that writes has a list (vfs_sb_init sets it up). */
static bool inode_writable_sb(const struct inode *ino)
{
	return ino->sb && ino->sb->dirty_inodes.next;
}

static void inode_mark(struct inode *ino, unsigned what)
{
	if (!inode_writable_sb(ino))
		return;
	spin_lock(&writeback_lock);
	if (!ino->dirty) {
		ino->dirtied_when_ns = time_monotonic_ns();
		list_add_tail(&ino->sb->dirty_inodes, &ino->dirty_link);
	}
	ino->dirty |= what;
	spin_unlock(&writeback_lock);
}

void inode_mark_dirty(struct inode *ino)
{
	inode_mark(ino, INODE_DIRTY_INODE);
}

void inode_mark_pages_dirty(struct inode *ino)
{
	inode_mark(ino, INODE_DIRTY_PAGES);
	/* Too much dirty memory: start writing now, not in 30 s. */
	if (page_cache_dirty_pages() * 100 > pmm_total_pages() * VFS_DIRTY_BACKGROUND_PCT)
		vfs_flusher_kick();
}

void inode_writeback_forget(struct inode *ino)
{
	spin_lock(&writeback_lock);
	if (ino->dirty) {
		list_del(&ino->dirty_link);
		list_init(&ino->dirty_link);
		ino->dirty = 0;
	}
	spin_unlock(&writeback_lock);
}

int inode_writeback(struct inode *ino, bool wait)
{
	struct super_block *sb = ino->sb;
	unsigned what;
	int err, r = 0;

	/* Taken off the list first: a change while we write puts it back. */
	spin_lock(&writeback_lock);
	what = ino->dirty;
	if (what) {
		list_del(&ino->dirty_link);
		list_init(&ino->dirty_link);
		ino->dirty = 0;
	}
	spin_unlock(&writeback_lock);
	err = page_cache_writeback(&ino->i_data, 0, PAGE_CACHE_MAX_PAGES - 1);
	if ((what & INODE_DIRTY_INODE) && sb->s_op && sb->s_op->write_inode)
		r = sb->s_op->write_inode(ino, wait);
	return err ? err : r;
}

/* The oldest inode of sb dirty since before cutoff, referenced; NULL if none. */
static struct inode *vfs_writeback_next(struct super_block *sb, uint64_t cutoff_ns,
					struct list_node *skipped)
{
	struct inode *found = NULL;

	spin_lock(&writeback_lock);
	while (!list_empty(&sb->dirty_inodes)) {
		struct inode *ino = list_entry(sb->dirty_inodes.next, struct inode, dirty_link);

		if (ino->dirtied_when_ns > cutoff_ns)
			break;
		if (inode_get_unless_evicting(ino)) {
			found = ino;
			break;
		}
		/* Being evicted: its eviction writes it; look past it. */
		list_del(&ino->dirty_link);
		list_add_tail(skipped, &ino->dirty_link);
	}
	spin_unlock(&writeback_lock);
	return found;
}

int vfs_writeback_sb(struct super_block *sb, bool wait, uint64_t cutoff_ns)
{
	struct list_node skipped = { &skipped, &skipped };
	struct inode *ino;
	int err = 0;

	if (!sb->dirty_inodes.next)
		return 0;
	while ((ino = vfs_writeback_next(sb, cutoff_ns, &skipped)) != NULL) {
		int r = inode_writeback(ino, wait);

		if (r && !err)
			err = r;
		inode_put(ino);
	}
	/* The evicting ones go back (their eviction takes them off). */
	spin_lock(&writeback_lock);
	while (!list_empty(&skipped)) {
		struct list_node *n = skipped.prev;	/* back in front, in order */

		list_del(n);
		list_add_head(&sb->dirty_inodes, n);
	}
	spin_unlock(&writeback_lock);
	return err;
}

static bool vfs_flusher_woken(void)
{
	return __atomic_load_n(&vfs_flusher_kicked, __ATOMIC_ACQUIRE) ||
	       __atomic_load_n(&vfs_flusher_retimed, __ATOMIC_ACQUIRE);
}

static int vfs_flusher(void *arg __unused)
{
	for (;;) {
		uint64_t now = time_monotonic_ns(), cutoff = 0;
		uint64_t expire = __atomic_load_n(&vfs_dirty_expire_cs, __ATOMIC_RELAXED) *
				  VFS_NS_PER_CS;
		uint64_t period = __atomic_load_n(&vfs_dirty_writeback_cs, __ATOMIC_RELAXED) *
				  VFS_NS_PER_CS;
		bool kicked = __atomic_exchange_n(&vfs_flusher_kicked, false, __ATOMIC_ACQ_REL);
		bool retimed = __atomic_exchange_n(&vfs_flusher_retimed, false, __ATOMIC_ACQ_REL);

		if (kicked)
			cutoff = UINT64_MAX;
		else if (period && !retimed && now > expire)
			cutoff = now - expire;
		if (cutoff) {
			vfs_writeback_all(cutoff);
			bdev_writeback_expired(cutoff);
		}
		/* One-word conditions set before the wake-up (wait.h). */
		if (period)
			(void)wait_event_timeout(&vfs_flusher_wq, vfs_flusher_woken(), period);
		else
			wait_event(&vfs_flusher_wq, vfs_flusher_woken());
	}
	return 0;
}

void vfs_flusher_retime(void)
{
	__atomic_store_n(&vfs_flusher_retimed, true, __ATOMIC_RELEASE);
	wake_up(&vfs_flusher_wq);
}

void vfs_flusher_kick(void)
{
	if (__atomic_exchange_n(&vfs_flusher_kicked, true, __ATOMIC_ACQ_REL))
		return;
	wake_up(&vfs_flusher_wq);
}

void vfs_flusher_start(void)
{
	struct task *t = kthread_create(vfs_flusher, NULL, "flush");

	if (!t)
		pr_err("vfs: cannot start the flusher: dirty pages wait for sync(2)\n");
	else
		kthread_detach(t);
}

int generic_file_fsync(struct file *f, bool datasync __unused)
{
	struct inode *ino = f->inode;
	int err = inode_writeback(ino, true), r = 0;

	/*
	 * Linux's ext2 writes the inode's own metadata buffers; ours are not
	 * tracked per inode, so the whole device's dirty blocks go (more
	 * than needed, never less), then its volatile write cache.
	 */
	if (ino->sb->bdev)
		r = bdev_sync(ino->sb->bdev);
	return err ? err : r;
}
