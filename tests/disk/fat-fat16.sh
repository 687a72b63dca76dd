#!/bin/sh
# disk: fat16 table=mbr size=64
# disk-bus: ahci
# FAT16 (the type by cluster count): the tree read through "vfat" and
# through "msdos" (8.3 names, lower case, long entries ignored); writes
# in the fixed-size root directory until it is full (ENOSPC), in a
# subdirectory that grows by clusters, with msdos names cut to 8.3;
# remount and read back. fsck.fat -n on the host afterwards.
. "$DISKLIB"
# mount TYPE with OPTIONS, printed without the device's name (which
# differs between the NVMe and AHCI runs compared with the same output).
fat_mount() {
	echo "\$ mount -t $1${2:+ -o $2}"
	mount -t "$1" ${2:+-o "$2"} "$DISK" "$MNT" || echo "status $?"
}
disk_require_fs vfat
disk_require_fs msdos
fat_mount vfat iocharset=utf8
disk_listing "$MNT" | md5sum
ls "$MNT" | LC_ALL=C sort
echo "-- fill the root directory"
i=0
while [ $i -lt 600 ]; do
	echo $i > "$MNT/root file $i.txt" 2>/dev/null || break
	i=$((i + 1))
done
echo "created $i"
echo "x" > "$MNT/one more.txt"
echo "status $?"
ls "$MNT" | wc -l
disk_run rm "$MNT/root file 7.txt" "$MNT/root file 8.txt"
disk_run mkdir "$MNT/GROWN"
i=0
while [ $i -lt 200 ]; do
	echo $i > "$MNT/GROWN/F$i.TXT"
	i=$((i + 1))
done
ls "$MNT/GROWN" | wc -l
disk_run umount "$MNT"
echo "-- msdos"
fat_mount msdos ""
ls "$MNT" | grep -v "^ro[0-9a-f]\{4\}~" | LC_ALL=C sort | head -20
cat "$MNT/hello.txt" "$MNT/HELLO.TXT"
disk_run rm "$MNT/root file 9.txt"
echo "new" > "$MNT/grown/newlongname.text"
echo "status $?"
ls "$MNT/grown" | grep -i newlong
disk_run touch "$MNT/grown/bad*name"
disk_run touch "$MNT/grown/.dotfile"
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do rm -f "$MNT/root f~$i.txt"; done
ls "$MNT" | wc -l
disk_run umount "$MNT"
echo "-- vfat again"
fat_mount vfat iocharset=utf8
disk_listing "$MNT/GROWN" | md5sum
ls "$MNT" | LC_ALL=C sort | md5sum
cat "$MNT/GROWN/NEWLONGN.TEX"
disk_run umount "$MNT"
