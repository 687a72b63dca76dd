#!/bin/sh
# disk: fat32 table=mbr size=64 tree=none
# disk-bus: nvme
# renameat2 on vfat: RENAME_EXCHANGE (Linux's vfat has it since 6.0)
# of two files, a file and a directory, across directories, a directory
# with entries (its ".." follows), with a missing name; RENAME_NOREPLACE.
# Then remount read-only (writes refused), read-write again; a read-only
# mount remounted read-write; msdos (which has no RENAME_EXCHANGE); and
# read everything back after a fresh mount; the host's fsck.fat must be
# clean.
. "$DISKLIB"
disk_require_fs vfat
R=/opt/bin/rename2
mount -t vfat -o utf8 "$DISK" "$MNT" || exit 1
cd "$MNT" || exit 1
echo A > a.txt
echo "a much longer name" > "Long File Name.text"
mkdir d1 d2 d1/sub
echo in-d1 > d1/f
echo in-sub > d1/sub/g
echo in-d2 > d2/x
show() { find . | LC_ALL=C sort | while read -r f; do
	if [ -d "$f" ]; then echo "$f/"; else echo "$f: $(cat "$f")"; fi; done; }
echo "-- two files"; $R exchange a.txt "Long File Name.text"; show
echo "-- a file and a directory"; $R exchange a.txt d2; show
echo "-- across directories"; $R exchange d1/f a.txt/x; show
echo "-- a directory with entries, across"; $R exchange d1 a.txt; show
echo "-- .. of the moved directories"; cat a.txt/sub/../f; ls d1/..
echo "-- missing"; $R exchange nothere d1
echo "-- noreplace"; $R noreplace d1 a.txt; $R noreplace d1 new-d1; show
echo "-- same name"; $R exchange new-d1 new-d1
echo "-- remount ro"
cd /
disk_run mount -o remount,ro "$MNT"
awk -v m="$MNT" '$2 == m { print $4 }' /proc/mounts | cut -d, -f1
touch "$MNT/ro-file" 2>&1 | sed "s|$MNT/||"
$R exchange "$MNT/new-d1" "$MNT/Long File Name.text"
disk_run mount -o remount,rw "$MNT"
awk -v m="$MNT" '$2 == m { print $4 }' /proc/mounts | cut -d, -f1
echo rw-again > "$MNT/rw-file"
umount "$MNT"
echo "-- mounted read-only, then remounted read-write"
mount -t vfat -o utf8,ro "$DISK" "$MNT"
touch "$MNT/ro-file" 2>&1 | sed "s|$MNT/||"
disk_run mount -o remount,rw "$MNT"
echo rw-after-ro > "$MNT/rw-file2"
$R exchange "$MNT/rw-file" "$MNT/rw-file2"
umount "$MNT"
echo "-- msdos: no RENAME_EXCHANGE"
mount -t msdos "$DISK" "$MNT"
$R exchange "$MNT/rw-file" "$MNT/rw-file2"
umount "$MNT"
mount -t vfat -o utf8 "$DISK" "$MNT"
cd "$MNT" && show
cd /
umount "$MNT"
