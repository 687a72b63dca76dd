/*
 * symlink.c: symbolic links [Poirier §3.5]: a target shorter than 60
 * bytes is "fast", kept in i_block itself (no block, i_blocks 0 but for
 * an extended attribute block); a longer one fills the link's only data
 * block. Linux tells them apart by i_blocks (ext2_inode_is_fast_symlink),
 * and so do we.
 */
#include <basalt/string.h>
#include <mm/mm.h>
#include <uapi/errno.h>
#include "ext2.h"

static bool ext2_fast_symlink(struct inode *ino)
{
	struct ext2_inode_info *ei = EXT2_I(ino);
	uint32_t ea = ei->i_file_acl ? ext2_bsize(ino->sb) / EXT2_SECTOR_SIZE : 0;

	return ei->i_blocks == ea;
}

int ext2_symlink_write(struct inode *ino, const char *target, size_t len)
{
	struct ext2_inode_info *ei = EXT2_I(ino);
	struct buffer bh;
	uint32_t pb;
	int err = 0;

	mutex_lock(&ei->map_lock);
	if (len < EXT2_FAST_LINK_MAX) {
		memset(ei->i_block, 0, sizeof(ei->i_block));
		memcpy(ei->i_block, target, len);
	} else {
		err = ext2_bmap(ino, 0, true, &pb, NULL);
		if (!err)
			err = ext2_bread(ino->sb, pb, &bh);
		if (!err) {
			memset(bh.data, 0, ext2_bsize(ino->sb));
			memcpy(bh.data, target, len);
			buffer_mark_dirty(&bh);
			buffer_release(&bh);
		}
	}
	if (!err) {
		ino->size = len;
		err = ext2_write_inode_locked(ino);
	}
	mutex_unlock(&ei->map_lock);
	return err;
}

static int ext2_get_link(struct dentry *d, struct vfs_link *out)
{
	struct inode *ino = d->inode;
	struct ext2_inode_info *ei = EXT2_I(ino);
	size_t len = (size_t)ino->size;
	char *text;
	int err = 0;

	if (len >= ext2_bsize(ino->sb))
		return ext2_corrupt(ino->sb, "symlink longer than a block", ino->ino);
	text = kmalloc(len + 1);
	if (!text)
		return -ENOMEM;
	mutex_lock(&ei->map_lock);
	if (ext2_fast_symlink(ino)) {
		if (len >= EXT2_FAST_LINK_MAX)
			err = ext2_corrupt(ino->sb, "fast symlink too long", ino->ino);
		else
			memcpy(text, ei->i_block, len);
	} else {
		uint32_t pb;
		struct buffer bh;

		err = ext2_bmap(ino, 0, false, &pb, NULL);
		if (!err && !pb)
			err = ext2_corrupt(ino->sb, "symlink without its block", ino->ino);
		if (!err)
			err = ext2_bread(ino->sb, pb, &bh);
		if (!err) {
			memcpy(text, bh.data, len);
			buffer_release(&bh);
		}
	}
	mutex_unlock(&ei->map_lock);
	if (err) {
		kfree(text);
		return err;
	}
	text[len] = '\0';
	out->text = text;
	out->text_owned = true;
	return 0;
}

const struct inode_operations ext2_symlink_iops = {
	.get_link = ext2_get_link,
	.setattr = ext2_setattr,
	.getattr = ext2_getattr,
};
