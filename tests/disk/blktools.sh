#!/bin/sh
# disk: ext2 block=4096 table=gpt size=64
# disk: fat32 table=mbr size=96
# blktools: the disk tools over the block layer (issue 12): blkid (our
# e2fsprogs port's, in /opt/sbin: Debian's BusyBox has none) reads each
# partition's label, UUID and type, BusyBox's findfs finds a partition
# by its label through /proc/partitions; mdev -s makes the /dev
# nodes again from sysfs after they were removed (same numbers, block
# special, mode 660); /proc/partitions and /proc/diskstats name them; df
# shows both file systems mounted (fresh images: no allocator differs).
. "$DISKLIB"
names=$(disk_names)
mkdir -p /sys
mount -t sysfs sysfs /sys 2>/dev/null || true
echo "-- blkid"
/opt/sbin/blkid -c /dev/null "$DISK1" "$DISK2" | sed "$names"
echo "-- findfs"
findfs LABEL=BASALT | sed "$names"
echo "-- mdev -s"
rm "$DISK1" "$DEV2"
[ -e "$DISK1" ] || echo "removed"
mdev -s || echo "status $?"
# devnum NODE: its MAJOR:MINOR in decimal, as sysfs's dev files hold it.
devnum() {
	stat -c '%t %T' "$1" | { read -r major minor; echo "$((0x$major)):$((0x$minor))"; }
}
for node in "$DISK1" "$DEV2"; do
	name=${node#/dev/}
	if [ "$(devnum "$node")" = "$(cat "/sys/class/block/$name/dev")" ]; then
		echo "$node: the numbers of its sysfs dev file"
	else
		echo "$node: numbers $(devnum "$node"), sysfs says $(cat "/sys/class/block/$name/dev")"
	fi
	stat -c '%F %a %u:%g' "$node"
done | sed "$names"
echo "-- /proc/partitions and /proc/diskstats"
for node in "$DEV1" "$DISK1" "$DEV2" "$DISK2"; do
	name=${node#/dev/}
	printf '%s: partitions %s, diskstats fields %s\n' "$node" \
		"$(awk -v n="$name" '$4 == n { print $3 }' /proc/partitions)" \
		"$(awk -v n="$name" '$3 == n { print NF }' /proc/diskstats)"
done | sed "$names"
echo "-- df"
mount -t ext2 "$DISK1" "$MNT" || echo "status $?"
mount -t vfat "$DISK2" "$MNT2" || echo "status $?"
# Squeezed: df pads the name column to the device names' length.
df -k "$MNT" "$MNT2" | sed "$names" | tr -s ' '

umount "$MNT" "$MNT2"
