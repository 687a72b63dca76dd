#!/bin/sh
# disk: ext2 block=4096 table=gpt size=32 tree=none
# disk-bus: nvme
# ext2's mount options as Linux (whose ext4 driver mounts ext2) takes
# them: each option alone, its mount(2) status and /proc/mounts' options;
# an unknown option or a bad value is EINVAL. BusyBox turns the generic
# ones (noatime, sync...) into MS_* flags and passes the rest as data.
. "$DISKLIB"
disk_require_fs ext2
for o in defaults errors=continue errors=remount-ro errors=panic errors=bogus errors \
	grpid bsdgroups nogrpid sysvgroups resuid=0 resgid=0 resuid=5 resgid=7 resuid=abc resuid= \
	resgid=4294967296 bsddf minixdf debug nouid32 nocheck check=none oldalloc orlov nobh bh \
	nouser_xattr noacl noload data=ordered data=writeback journal_checksum commit=5 dax \
	foo foo=bar grpid=1 noatime strictatime relatime nodiratime nomand \
	ro,errors=remount-ro grpid,errors=continue grpid,,debug \
	debug,grpid,minixdf,nouid32,errors=panic,resuid=5,resgid=7; do
	echo "-- $o"
	if mount -t ext2 -o "$o" "$DISK" "$MNT" 2> "$TMPDIR/err"; then
		awk -v m="$MNT" '$2 == m { print $4 }' /proc/mounts
		umount "$MNT" || echo "umount failed"
	else
		echo "failed: $(sed 's/.* failed: //' "$TMPDIR/err")"
	fi
done
# What they do. grpid: a new file takes its directory's group.
for o in nogrpid grpid; do
	mount -t ext2 -o $o "$DISK" "$MNT"
	mkdir -p "$MNT/g" && chown 0:5 "$MNT/g" && chmod 755 "$MNT/g"
	touch "$MNT/g/f-$o" && mkdir "$MNT/g/d-$o"
	stat -c "$o: %n %g" "$MNT/g/f-$o" "$MNT/g/d-$o" | sed "s|$MNT/||"
	umount "$MNT"
done
# minixdf: statfs counts the metadata blocks in f_blocks (all of them).
mount -t ext2 -o minixdf "$DISK" "$MNT"
minix=$(stat -f -c %b "$MNT")
umount "$MNT"
mount -t ext2 "$DISK" "$MNT"
bsd=$(stat -f -c %b "$MNT")
umount "$MNT"
echo "minixdf f_blocks $minix, more than bsddf's: $([ "$minix" -gt "$bsd" ] && echo yes || echo no)"
# nouid32: ids past 16 bits go to the disk as 65534.
mount -t ext2 -o nouid32 "$DISK" "$MNT"
touch "$MNT/big-id" && chown 70000:70001 "$MNT/big-id"
touch "$MNT/small-id" && chown 1234:4321 "$MNT/small-id"
umount "$MNT"
mount -t ext2 "$DISK" "$MNT"
stat -c "after nouid32: %n %u %g" "$MNT/big-id" "$MNT/small-id" | sed "s|$MNT/||"
umount "$MNT"
# A remount takes the same options: unknown ones fail and change nothing.
mount -t ext2 "$DISK" "$MNT"
for o in remount,errors=remount-ro remount,foo remount,grpid remount,ro remount,rw \
	remount,nogrpid,errors=continue; do
	echo "-- $o"
	mount -o "$o" "$MNT" 2> "$TMPDIR/err" || echo "failed: $(sed 's/.* failed: //' "$TMPDIR/err")"
	awk -v m="$MNT" '$2 == m { print $4 }' /proc/mounts
done
umount "$MNT"
