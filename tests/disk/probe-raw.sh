#!/bin/sh
# disk: ext2 block=1024 table=gpt size=64
# probe-raw: what works before any file system driver: the partition is
# there and readable, raw reads see mke2fs's superblock (magic 0xEF53 at
# byte 1080, the label at 1144) and the GPT partition name, and the
# block device is not a mountable directory.
. "$DISKLIB"
echo "disks: $NDISKS"
[ -b "$DISK" ] && echo "partition is a block device"
echo "magic: $(dd if="$DISK" bs=1 skip=1080 count=2 2>/dev/null | od -An -tx1 | tr -d ' ')"
echo "label: $(dd if="$DISK" bs=1 skip=1144 count=16 2>/dev/null | tr -d '\0')"
echo "first data block field: $(dd if="$DISK" bs=1 skip=1044 count=4 2>/dev/null | od -An -tu4 | tr -d ' ')"
echo "log block size field: $(dd if="$DISK" bs=1 skip=1048 count=4 2>/dev/null | od -An -tu4 | tr -d ' ')"
# 64 KiB read at the end of the partition: the size is right.
echo "partition bytes: $(cat "$DISK" | wc -c)"
# The superblock and the group descriptors (1 KiB blocks: blocks 1 and 2);
# not the inode tables, whose ctimes are the host's (mkimage.sh).
echo "sum of bytes 1024-3071: $(dd if="$DISK" bs=1024 skip=1 count=2 2>/dev/null | md5sum | cut -d' ' -f1)"
