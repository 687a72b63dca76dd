#!/bin/sh
# disk: none tree=none table=mbr size=64
# disk-bus: ahci
# Basalt's own dosfstools (ports/dosfstools, static, in /opt/sbin) on a
# real partition: mkfs.fat, mount, a workload, umount, fsck.fat -n; the
# same binaries under Linux print the same. The host's fsck.fat checks
# the image afterwards too (run-disk.sh).
. "$DISKLIB"
disk_require_fs vfat
/opt/sbin/mkfs.fat -F 32 -i 0b5a17e2 -n TOOLS "$DISK" > /dev/null || { echo "mkfs.fat failed"; exit 1; }
echo "mkfs.fat: ok"
mount -t vfat -o utf8 "$DISK" "$MNT" 2> /dev/null || { echo "mount failed"; exit 1; }
echo "mount: ok"
mkdir -p "$MNT/a/b" && i=0
while [ $i -lt 50 ]; do echo "file $i" > "$MNT/a/b/long file name $i.txt"; i=$((i + 1)); done
dd if=/dev/zero of="$MNT/big" bs=1024 count=3000 2> /dev/null
rm "$MNT/a/b/long file name 7.txt"
mv "$MNT/a/b/long file name 9.txt" "$MNT/a/moved.txt"
ls "$MNT/a/b" | wc -l
cat "$MNT/a/moved.txt"
umount "$MNT" || exit 1
echo "umount: ok"
/opt/sbin/fsck.fat -n "$DISK" > /tmp/fsck.out 2>&1
echo "fsck.fat -n: $?"
