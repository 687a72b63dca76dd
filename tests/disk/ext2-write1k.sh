#!/bin/sh
# disk: ext2 block=1024 table=mbr size=64
# ext2-write1k.sh: ext2-write.sh on 1 KiB blocks in an MBR partition:
# changes an ext2 file system the ways
# issue 13 lists (create, append, overwrite, rename over an entry and
# across directories, hard links, symlinks, device nodes, unlink, rmdir,
# truncate down and up, hundreds of files in one directory, a hole
# written), unmounts, mounts again and reads everything back. The host's
# e2fsck -fn then checks the image.
. "$DISKLIB"
disk_require_fs ext2
mount -t ext2 "$DISK" "$MNT" || echo "mount: status $?"
cd "$MNT" || exit 1
echo one > new.txt
echo two >> new.txt
printf 'overwritten' | dd of=new.txt bs=1 seek=2 conv=notrunc 2>/dev/null
disk_run mkdir -p w/x/y
echo deep > w/x/y/deep.txt
disk_run mv w/x w/moved
disk_run mv new.txt w/moved/y/renamed.txt
echo victim > victim.txt
echo winner > winner.txt
disk_run mv winner.txt victim.txt
disk_run ln victim.txt victim-link.txt
disk_run ln -s w/moved/y/deep.txt fast-link
disk_run ln -s "$(printf 'long/%.0s' $(seq 1 40))target" slow-link
disk_run mknod chr c 1 3
disk_run mknod blk b 8 1
disk_run mkfifo fifo
disk_run rmdir w/moved
disk_run rm w/moved/y/deep.txt
mkdir hundreds
i=0
while [ $i -lt 400 ]; do echo "file $i" > hundreds/file-number-$i; i=$((i + 1)); done
i=0
while [ $i -lt 400 ]; do rm hundreds/file-number-$i; i=$((i + 3)); done
i=0
while [ $i -lt 50 ]; do echo "again $i" > hundreds/again-$i; i=$((i + 1)); done
disk_run rm -r many
head -c 3000000 big.bin > trunc.bin
disk_run truncate -s 100000 trunc.bin
disk_run truncate -s 9000000 trunc.bin
disk_run dd if=big.bin of=hole.bin bs=4096 seek=3000 count=3 2>/dev/null
disk_run dd if=/dev/zero of=zero.bin bs=65536 count=40 2>/dev/null
cat big.bin >> zero.bin
disk_run rm big.bin
cd /
disk_run umount "$MNT"
mount -t ext2 "$DISK" "$MNT" || echo "mount: status $?"
disk_listing "$MNT"
ls "$MNT/hundreds" | wc -l
disk_run rmdir "$MNT/w/moved/y"
disk_run rmdir "$MNT/w/moved"
disk_run umount "$MNT"
