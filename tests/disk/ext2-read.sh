#!/bin/sh
# disk: ext2 block=1024 table=gpt size=64
# ext2-read.sh: reads the reference tree (mktree.sh) from an ext2 file
# system with 1 KiB blocks, mounted read-only: every file's type, mode,
# links, owner, size and MD5 (direct, single, double indirect blocks, the
# sparse file's holes), symlink targets (fast and slow), block counts as
# stat reports them (i_blocks in 512-byte units), statfs, and that
# writing is refused.
. "$DISKLIB"
disk_require_fs ext2
mount -t ext2 -o ro "$DISK" "$MNT" || echo "mount: status $?"
disk_listing "$MNT"
# Allocation is mke2fs's here, so block counts are the same on both kernels.
(cd "$MNT" && find . -type f | LC_ALL=C sort | while IFS= read -r p; do
	stat -c '%b %s %n' "$p"
done)
stat -f -c 'type=%T bsize=%S blocks=%b free=%f avail=%a files=%c ffree=%d namelen=%l' "$MNT"
disk_run touch "$MNT/new"
disk_run umount "$MNT"
