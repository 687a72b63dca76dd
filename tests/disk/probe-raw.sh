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
echo "sum of the first MiB: $(dd if="$DISK" bs=65536 count=16 2>/dev/null | md5sum | cut -d' ' -f1)"
