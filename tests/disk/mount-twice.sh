#!/bin/sh
# disk: ext2 block=4096 table=gpt size=32 tree=none
# disk: fat32 table=mbr size=64 tree=none
# disk-bus: nvme
# A device mounted twice, as Linux: the second mount(2) of a mounted
# ext2 or FAT device with the same type shares its super block (the
# same files, st_dev and inode numbers on both mount points); EBUSY for
# another type (the first holds the device) or another read-only state;
# umount of one leaves the other working; after the last umount the
# file system is clean (the host's fsck) and mounts again.
. "$DISKLIB"
disk_require_fs ext2
disk_require_fs vfat
X=/mnt/x
mkdir -p $X
# same_file A B: whether A and B are the same inode of the same device.
same_file() {
	if [ "$(stat -c '%d %i' "$1")" = "$(stat -c '%d %i' "$2")" ]; then
		echo "same inode: $1 $2"
	else
		echo "different inodes: $1 $2"
	fi
}
for t in ext2 vfat; do
	dev=$DISK1 other=vfat
	[ $t = ext2 ] || { dev=$DISK2; other=ext2; }
	echo "== $t"
	disk_run mount -t $t "$dev" "$MNT"
	echo one > "$MNT/one"
	disk_run mount -t $t "$dev" "$MNT2"
	cat "$MNT2/one"
	same_file "$MNT/one" "$MNT2/one"
	same_file "$MNT" "$MNT2"
	echo two > "$MNT2/two"
	ls "$MNT"
	disk_run mount -t $t -o ro "$dev" $X
	disk_run mount -t $other "$dev" $X
	# A third mount, with its own per-mount flags (nosuid, ro per mount
	# through a remount of that mount alone).
	disk_run mount -t $t -o nosuid "$dev" $X
	grep -c " $t " /proc/mounts
	awk -v x=$X '$2 == x { print $3, $4 }' /proc/mounts | sed 's/,.*//'
	disk_run umount $X
	disk_run umount "$MNT"
	cat "$MNT2/one" "$MNT2/two"
	echo three > "$MNT2/three"
	mkdir "$MNT2/dir"
	ls "$MNT2"
	disk_run umount "$MNT2"
	grep -c " $t " /proc/mounts
	# Read-only first: a read-write mount is refused, a read-only one shares.
	disk_run mount -t $t -o ro "$dev" "$MNT"
	disk_run mount -t $t "$dev" "$MNT2"
	disk_run mount -t $t -o ro "$dev" "$MNT2"
	ls "$MNT2"
	cat "$MNT/three"
	disk_run umount "$MNT2"
	disk_run umount "$MNT"
done
