/*
 * super.c: super blocks: their common set-up, the default way a file
 * system goes when its last mount does, and sync(2). Locking: the list
 * of super blocks is guarded by sb_list_lock; a sync walks it holding a
 * mount of nothing: super blocks leave the list only in vfs_sb_kill,
 * after which no sync may reach them (sb_list_lock, then sync outside).
 */
#include <block/buffer.h>
#include <fs/vfs.h>
#include <mm/mm.h>

/* guards: vfs_sb_list and every super_block.sb_link */
static struct mutex sb_list_lock = MUTEX_INIT(sb_list_lock);
static struct list_node vfs_sb_list = { &vfs_sb_list, &vfs_sb_list };

void vfs_sb_init(struct super_block *sb, const struct fs_type *type,
		 const struct super_operations *ops, unsigned long magic)
{
	sb->type = type;
	sb->s_op = ops;
	sb->dev = vfs_anon_dev();
	sb->magic = magic;
	list_init(&sb->dirty_inodes);
	mutex_lock(&sb_list_lock);
	list_add_tail(&vfs_sb_list, &sb->sb_link);
	mutex_unlock(&sb_list_lock);
}

void vfs_sb_kill(struct super_block *sb)
{
	struct dentry *root = sb->root;
	struct inode *rino = root->inode;

	mutex_lock(&sb_list_lock);
	list_del(&sb->sb_link);
	list_init(&sb->sb_link);
	mutex_unlock(&sb_list_lock);
	/* Files still open keep their dentries (and inodes) until closed. */
	dentry_prune_tree(root, true);
	if (sb->s_op && sb->s_op->put_super)
		sb->s_op->put_super(sb);
	/*
	 * A disk file system's device keeps no stale cache after the last
	 * umount (Linux drops it when the last opener closes the device):
	 * written back, then every page nobody holds is dropped, so the next
	 * mount reads the disk again (and a cold read is cold).
	 */
	if (sb->bdev)
		bdev_release_cache(sb->bdev);
	/*
	 * The last inode_put frees sb: now (with the root's inode), or when
	 * the last open file goes. The extra reference on the root's inode
	 * keeps the count above 0 until dying is set.
	 */
	inode_get(rino);
	sb->dying = true;
	inode_evict_sb(sb);
	dentry_put(root);
	inode_put(rino);
}

int vfs_sync_sb(struct super_block *sb)
{
	int err = vfs_writeback_sb(sb, true, UINT64_MAX), r = 0;

	if (sb->s_op && sb->s_op->sync_fs)
		r = sb->s_op->sync_fs(sb, true);
	return err ? err : r;
}

void vfs_writeback_all(uint64_t cutoff_ns)
{
	struct list_node *n;

	mutex_lock(&sb_list_lock);
	list_for_each(n, &vfs_sb_list)
		(void)vfs_writeback_sb(list_entry(n, struct super_block, sb_link), false,
				       cutoff_ns);
	mutex_unlock(&sb_list_lock);
}

int vfs_sync_all(void)
{
	struct list_node *n;
	int err = 0, r;

	/* sync(2): file systems one by one; a slow disk holds up the others. */
	mutex_lock(&sb_list_lock);
	list_for_each(n, &vfs_sb_list) {
		r = vfs_sync_sb(list_entry(n, struct super_block, sb_link));
		if (r && !err)
			err = r;
	}
	mutex_unlock(&sb_list_lock);
	/* Then the block devices: what file systems left there, and /dev writes. */
	r = bdev_sync_all();
	return err ? err : r;
}

int vfs_for_each_sb(int (*fn)(struct super_block *sb, void *arg), void *arg)
{
	struct list_node *n;
	int r = 0;

	mutex_lock(&sb_list_lock);
	list_for_each(n, &vfs_sb_list) {
		r = fn(list_entry(n, struct super_block, sb_link), arg);
		if (r)
			break;
	}
	mutex_unlock(&sb_list_lock);
	return r;
}

void vfs_sb_kill_unused(struct super_block *sb)
{
	mutex_lock(&sb_list_lock);
	list_del(&sb->sb_link);
	mutex_unlock(&sb_list_lock);
	kfree(sb);
}
