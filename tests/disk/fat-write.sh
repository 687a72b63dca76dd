#!/bin/sh
# disk: fat32 table=mbr size=96
# disk-bus: nvme ahci
# Writes on the FAT32 tree: new files with long and short names (~N
# tails, mixed case), hundreds of files in one directory, appends,
# truncates (down, up, to 0), renames (in a directory, across, over an
# existing file, a directory), deletes (files, a directory tree), a
# multi-MiB file; then remounts and reads everything back. The host's
# fsck.fat -n must find the image clean afterwards.
. "$DISKLIB"
# mount TYPE with OPTIONS, printed without the device's name (which
# differs between the NVMe and AHCI runs compared with the same output).
fat_mount() {
	echo "\$ mount -t $1${2:+ -o $2}"
	mount -t "$1" ${2:+-o "$2"} "$DISK" "$MNT" || echo "status $?"
}
disk_require_fs vfat
opts=iocharset=utf8,uid=0,gid=0,umask=022
fat_mount vfat $opts
cd "$MNT" || exit 1
echo "-- create"
echo hello > new.txt
echo UPPER > UPPER.TXT
echo lower > lower.txt
echo mixed > MixedCase.Txt
echo long > "a much longer file name with spaces.text"
echo same1 > "a much longer file name, second.text"
echo same2 > "a much longer file name, third.text"
echo dots > "...leading.dots"
echo unicode > "ünïcödé ✓ name.txt"
echo plus > "a+b=c[1].txt"
disk_run mkdir newdir newdir/sub "New Directory With Long Name"
echo deep > newdir/sub/deep.txt
echo "-- many files in one directory"
mkdir bulk
i=0
while [ $i -lt 300 ]; do
	echo "content $i" > "bulk/file number $i with a long name.dat"
	i=$((i + 1))
done
ls bulk | wc -l
echo "-- append and truncate"
echo more >> hello.txt
head -c 5000 big.bin >> sizes/s4097
truncate -s 10 sizes/s12289
truncate -s 100000 sizes/s513
truncate -s 0 sizes/s49153
truncate -s 3000 empty
dd if=/dev/zero of=sizes/s1025 bs=1 count=1 seek=70000 2>/dev/null
echo "-- big file"
dd if=big.bin of=copy.bin bs=65536 count=80 2>/dev/null
md5sum copy.bin | cut -d' ' -f1
echo "-- rename"
disk_run mv new.txt renamed.txt
disk_run mv lower.txt newdir/moved.txt
disk_run mv UPPER.TXT MixedCase.Txt
disk_run mv newdir/sub "New Directory With Long Name/sub-moved"
disk_run mv "a much longer file name with spaces.text" "short.n"
disk_run mv bulk/"file number 7 with a long name.dat" bulk/seven
echo "-- delete"
disk_run rm "a much longer file name, second.text" readonly.txt
i=0
while [ $i -lt 300 ]; do
	[ $((i % 3)) = 0 ] && rm "bulk/file number $i with a long name.dat"
	i=$((i + 1))
done
disk_run rm -r a/b
disk_run rmdir empty-dir
disk_run rmdir newdir
echo "-- errors"
disk_run mkdir renamed.txt
disk_run ln -s renamed.txt link
disk_run mknod fifo p
disk_run chmod 600 renamed.txt
disk_run chmod 555 renamed.txt
disk_run touch 'bad*name' 'bad?name' 'bad:name'
ls -l renamed.txt | cut -c1-10
cd /
sync
disk_run umount "$MNT"
echo "-- after remount"
fat_mount vfat $opts
disk_listing "$MNT"
df "$MNT" | tail -1 | awk '{ print $2 }'
disk_run umount "$MNT"
