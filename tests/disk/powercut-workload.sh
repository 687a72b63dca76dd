#!/bin/sh
# powercut-workload.sh: the guest side of tests/disk/power-cut.sh (no
# suite header: the suite does not run it). Disk 1 holds an ext2 file
# system, disk 2 a FAT32 one. On each it writes files in a new
# directory keep/ (a small one, one past the indirect blocks, one over
# the double indirect boundary of 1 KiB blocks, and an older file
# rewritten), fsyncs every file, then keep/ and the root (a new file's
# entry is the parent directory's data: Linux's fsync(2) syncs the
# file, its inode and indirect blocks, not the entry, fsync(2) NOTES),
# then rewrites two files whose entries are already there and fsyncs
# only them, prints "POWERCUT-SUM FS PATH MD5" for each and the marker, then
# writes other files until the host cuts the power.
# The flusher is stopped until the marker (vm.dirty_writeback_centisecs
# 0, Linux's and Basalt's): what is on the disk then is what fsync and
# sync wrote. After it, with POWERCUT_FLUSH=1 (power-cut.sh puts that
# line first) the flusher runs every 0.2 s, so that the cut falls in the
# middle of its writes; with 0 it stays stopped, so that nothing but the
# fsyncs wrote the files (Basalt's fsync writes the whole device, and a
# later flusher pass would hide an fsync that wrote nothing).
echo 0 > /proc/sys/vm/dirty_writeback_centisecs
mount -t ext2 "$DISK1" "$MNT" || exit 1
mount -t vfat "$DISK2" "$MNT2" || exit 1
for m in "$MNT" "$MNT2"; do
	# An older file, on the disk before the workload (sync(1)).
	dd if=/dev/urandom of="$m/older" bs=1k count=300 2>/dev/null
	sync
done
sums=/tmp/sums
: > $sums
for fs in ext2 fat; do
	m=$MNT
	[ $fs = ext2 ] || m=$MNT2
	mkdir "$m/keep"
	echo "a small file on $fs" > "$m/keep/small"
	dd if=/dev/urandom of="$m/keep/mid" bs=1k count=200 2>/dev/null
	dd if=/dev/urandom of="$m/keep/big" bs=64k count=80 2>/dev/null
	sync "$m/keep/small" "$m/keep/mid" "$m/keep/big" || echo "fsync failed"
	sync "$m/keep" "$m" || echo "fsync of a directory failed"
	# Then files whose entries are on the disk already, fsynced alone
	# (no directory after them): only the file's fsync can carry these.
	# older rewritten shorter (new blocks, freed ones, a new size),
	# keep/small appended to.
	dd if=/dev/urandom of="$m/older" bs=1k count=123 2>/dev/null
	echo "appended on $fs" >> "$m/keep/small"
	sync "$m/older" "$m/keep/small" || echo "fsync failed"
	for f in keep/small keep/mid keep/big older; do
		echo "POWERCUT-SUM $fs $f $(md5sum < "$m/$f" | cut -d' ' -f1)" >> $sums
	done
done
cat $sums
if [ "${POWERCUT_FLUSH:-0}" = 1 ]; then
	echo 30 > /proc/sys/vm/dirty_expire_centisecs
	echo 20 > /proc/sys/vm/dirty_writeback_centisecs
fi
echo "POWERCUT: synced"
i=0
while :; do
	i=$((i + 1))
	for m in "$MNT" "$MNT2"; do
		dd if=/dev/urandom of="$m/keep/junk$i" bs=16k count=8 2>/dev/null
		dd if=/dev/urandom of="$m/junk$i" bs=4k count=3 2>/dev/null
		echo "$i" >> "$m/keep/small.log"
		rm -f "$m/junk$((i - 2))"
	done
done
