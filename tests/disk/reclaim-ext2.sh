#!/bin/sh
# disk: ext2 block=4096 table=gpt size=64 tree=none
# reclaim-ext2.sh: reclaim of the page cache of a file in use (issue 11):
# a sparse file larger than the guest's memory (320 MiB in 256 MiB) is
# read whole while a descriptor holds it open, so its own clean pages
# must leave the cache as the read goes (a kernel that can drop only the
# pages of unused inodes runs out: ENOMEM, or the OOM killer); then,
# with the cache full of that open file, a program takes 150 MiB of
# anonymous memory (dd's buffer), which must succeed as well.
. "$DISKLIB"
disk_require_fs ext2
mount -t ext2 "$DISK" "$MNT" || echo "mount: status $?"
disk_run truncate -s 320M "$MNT/big"
exec 3< "$MNT/big"
md5sum "$MNT/big" | cut -d' ' -f1
echo "md5sum: status $?"
dd if="$MNT/big" of=/dev/null bs=1M count=64 2>&1 | grep records
dd if=/dev/zero of=/dev/null bs=150M count=1 2>&1 | grep records
exec 3<&-
rm "$MNT/big"
disk_run umount "$MNT"
