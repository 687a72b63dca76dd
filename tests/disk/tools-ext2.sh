#!/bin/sh
# disk: none tree=none table=gpt size=64
# disk-bus: nvme
# Basalt's own e2fsprogs (ports/e2fsprogs, static, in /opt/sbin) on a real
# partition: mke2fs, mount, a workload, umount, e2fsck -fn; the same
# binaries under Linux print the same. The host's e2fsck checks the image
# afterwards too (run-disk.sh).
. "$DISKLIB"
disk_require_fs ext2
/opt/sbin/mke2fs -q -F -t ext2 -b 1024 -L tools -U 0b5a17e2-0000-4000-8000-0000000000aa \
	-E root_owner=0:0 "$DISK" || { echo "mke2fs failed"; exit 1; }
echo "mke2fs: ok"
mount -t ext2 "$DISK" "$MNT" 2> /dev/null || { echo "mount failed"; exit 1; }
echo "mount: ok"
mkdir -p "$MNT/a/b" && i=0
while [ $i -lt 50 ]; do echo "file $i" > "$MNT/a/b/f$i"; i=$((i + 1)); done
dd if=/dev/zero of="$MNT/big" bs=1024 count=3000 2> /dev/null
rm "$MNT/a/b/f7" "$MNT/a/b/f8"
mv "$MNT/a/b/f9" "$MNT/a/moved"
ls "$MNT/a/b" | wc -l
cat "$MNT/a/moved"
umount "$MNT" || exit 1
echo "umount: ok"
/opt/sbin/e2fsck -fn "$DISK" > /tmp/e2fsck.out 2>&1
echo "e2fsck -fn: $?"
