#!/bin/sh
# disk: fat32 table=mbr size=96
# disk-bus: nvme
# Robustness: random bytes written over the boot sector, the FATs and
# the first directories of the raw device (mkfs.fat's FAT32 layout), then a read-only mount that
# walks and reads everything it can. Errors are expected (EUCLEAN, EIO,
# a refused mount); a crash or a hang is the failure. The original bytes
# are put back at the end, so the host's fsck still finds it clean.
. "$DISKLIB"
# mount TYPE with OPTIONS, printed without the device's name (which
# differs between the NVMe and AHCI runs compared with the same output).
fat_mount() {
	echo "\$ mount -t $1${2:+ -o $2}"
	mount -t "$1" ${2:+-o "$2"} "$DISK" "$MNT" || echo "status $?"
}
disk_require_fs vfat
span=$((3 * 1024 * 1024))
dd if="$DISK" of=/tmp/orig bs=65536 count=$((span / 65536)) 2>/dev/null
round=1
while [ $round -le 16 ]; do
	dd if=/tmp/orig of="$DISK" bs=65536 conv=notrunc 2>/dev/null
	awk -v seed=$round -v span=$span 'BEGIN {
		srand(seed)
		n = 8 + int(rand() * 24)
		for (i = 0; i < n; i++) {
			# One write in eight hits the boot sector, half the used
			# part of the first FAT (its 512 reserved sectors first:
			# 16 KiB), the rest anywhere (the second FAT, directories).
			r = rand()
			off = r < 0.125 ? int(rand() * 96) : \
			      r < 0.625 ? 16384 + int(rand() * 262144) : int(rand() * span)
			printf "%d %d\n", off, int(rand() * 256)
		}
	}' | while read -r off val; do
		printf "$(printf '\\%03o' "$val")" |
			dd of="$DISK" bs=1 seek="$off" conv=notrunc 2>/dev/null
	done
	if mount -t vfat -o ro,utf8 "$DISK" "$MNT" 2>/dev/null; then
		find "$MNT" ! -name big.bin 2>/dev/null | while IFS= read -r f; do
			[ -f "$f" ] && cat "$f" > /dev/null 2>&1
			ls "$f" > /dev/null 2>&1
		done
		stat -f "$MNT" > /dev/null 2>&1
		umount "$MNT"
	fi
	echo "round $round done"
	round=$((round + 1))
done
dd if=/tmp/orig of="$DISK" bs=65536 conv=notrunc 2>/dev/null
sync
fat_mount vfat ro,utf8
disk_listing "$MNT" | md5sum
disk_run umount "$MNT"
