#!/bin/sh
# disk: ext2 block=4096 table=gpt size=32 tree=none
# disk: fat32 table=mbr size=64 tree=none
# disk-bus: nvme
# BusyBox mount -a from /etc/fstab with disk entries: a device path,
# UUID= and LABEL= (BusyBox's volume_id reads them from the devices'
# super blocks), PARTUUID= (which this BusyBox does not resolve), a
# noauto entry, per-entry options; the same device twice (BusyBox's -a
# skips a device that is mounted already). Then mount -a again (it
# skips what is mounted), -t, -O, and mount by the fstab's directory.
. "$DISKLIB"
disk_require_fs ext2
disk_require_fs vfat
mkdir -p /etc /mnt/a /mnt/b /mnt/c /mnt/d
cat > /etc/fstab <<FSTAB
# device                                 dir        type  options           dump pass
UUID=0b5a17e2-0000-4000-8000-000000000001 $MNT      ext2  rw,noatime        0 0
$DISK1                                   /mnt/a     ext2  ro,nosuid         0 0
LABEL=BASALT                             $MNT2      vfat  rw,nodev,utf8     0 0
PARTUUID=0b5a17e2-0000-4000-8000-0000000000f1 /mnt/b ext2 defaults     0 0
$DISK2                                   /mnt/c     vfat  noauto            0 0
LABEL=nosuchlabel                        /mnt/d     ext2  defaults          0 0
FSTAB
mounts() {
	disk_names > "$TMPDIR/names.sed"
	# The mount's own flags; FAT's options (Linux's show_options) are
	# not compared here.
	grep -E ' /mnt/' /proc/mounts | awk '{
		n = split($4, o, ","); f = ""
		for (i = 1; i <= n; i++)
			if (o[i] ~ /^(rw|ro|nosuid|nodev|noexec|relatime|noatime|strictatime|nodiratime)$/)
				f = f (f == "" ? "" : ",") o[i]
		print $1, $2, $3, f }' | sed -f "$TMPDIR/names.sed"
}
disk_run mount -a
mounts
echo hello > "$MNT/hello"
cat /mnt/a/hello
echo fat > "$MNT2/fat.txt"
echo "-- again"
disk_run mount -a
mounts
echo "-- -a -t vfat after the vfat umount"
disk_run umount "$MNT2"
disk_run mount -a -t vfat
mounts
echo "-- -a -O noatime, nothing mounted"
for m in $MNT /mnt/a $MNT2 /mnt/b /mnt/c /mnt/d; do
	grep -q " $m " /proc/mounts && umount "$m"
done
disk_run mount -a -O noatime
mounts
cat "$MNT/hello"
umount "$MNT"
echo "-- mount by the fstab's directory"
disk_run mount /mnt/c
mounts
cat /mnt/c/fat.txt
umount /mnt/c
