# disk-lib.sh: helpers for the tests/disk scripts, inside the guest:
#   . "$DISKLIB"
# (disk-init.sh exports DISKLIB). BusyBox sh.

# disk_require_fs TYPE: ends the script, as skipped, when the kernel has
# no TYPE in /proc/filesystems (run-disk.sh exits 77, the suite says
# "# SKIP"). Under Linux, ext4's driver registers ext2.
disk_require_fs() {
	if ! grep -qw "$1" /proc/filesystems; then
		echo "### disk: skip no $1 in /proc/filesystems"
		exit 0
	fi
}

# disk_listing DIR: the tree under DIR, sorted by path: one line per file
# with its type, permission bits, link count, owner, size (not for a
# directory) and name (with "-> 'target'" for a symlink), then the MD5
# of every regular file. Nothing that two correct kernels may differ in
# (inode numbers, directory sizes, block counts, times). Batched through
# find -exec ... {} +: a process per file would cost minutes under TCG.
disk_listing() {
	(cd "$1" && find . -exec stat -c '%F|%a|%h|%u:%g|%s|%N' {} + |
		awk -F'|' '{ if ($1 == "directory") $5 = "-"; print }' OFS='|' |
		LC_ALL=C sort -t'|' -k6
	 cd "$1" && find . -type f -exec md5sum {} + | LC_ALL=C sort -k2)
}

# disk_names: a sed script that writes the disks' names as the variables
# that hold them ("$DISK1", "$DEV1"), so that outputs made on NVMe and on
# AHCI compare equal. Partitions first: a disk's name begins theirs.
disk_names() {
	i=1
	while [ $i -le "${NDISKS:-0}" ]; do
		eval "printf 's|%s|\$DISK$i|g\n' \"\$DISK$i\""
		i=$((i + 1))
	done
	i=1
	while [ $i -le "${NDISKS:-0}" ]; do
		eval "printf 's|%s|\$DEV$i|g\n' \"\$DEV$i\""
		i=$((i + 1))
	done
}

# disk_run CMD...: runs CMD, printing "$ CMD", its output and, when it
# fails, its status, so that an error shows the same in both kernels'
# outputs; the disks' names as disk_names writes them. Returns CMD's
# status.
disk_run() {
	disk_names > "$TMPDIR/disk_run.sed"
	echo "\$ $*" | sed -f "$TMPDIR/disk_run.sed"
	"$@" > "$TMPDIR/disk_run.out" 2>&1
	rc=$?
	sed -f "$TMPDIR/disk_run.sed" "$TMPDIR/disk_run.out"
	[ $rc = 0 ] || echo "status $rc"
	return $rc
}

# disk_workload TYPE [MOUNT_OPTIONS]: issue 13's acceptance workload on
# $DISK (an image of mktree.sh's tree; the FAT tree for vfat): mount,
# read everything back with checksums and modes, then write, append,
# overwrite in place, truncate down and up (a hole), rename (a directory
# across directories, a file over another), delete, create hundreds of
# files in one directory, links and a FIFO (not on FAT), a few errors;
# unmount, mount again and read everything back; mount read-only.
disk_workload() {
	type=$1 opts=${2:-}
	disk_run mount -t "$type" ${opts:+-o "$opts"} "$DISK" "$MNT" || return 0
	echo "== the tree as made on the host"
	disk_listing "$MNT"
	echo "== a hole of the sparse file reads as zeros"
	dd if="$MNT/sparse.bin" bs=4096 skip=100 count=1 2>/dev/null | md5sum | cut -d' ' -f1
	echo "== writes"
	cd "$MNT" || return 0
	echo "an appended line" >> hello.txt
	echo "a new file" > new.txt
	awk 'BEGIN { for (i = 0; i < 40000; i++)
		printf "written record %08d ..................................\n", i }' > written.bin
	printf 'overwritten in place' | dd of=written.bin bs=1 seek=1000000 conv=notrunc 2>/dev/null
	printf 'past the end' | dd of=written.bin bs=1 seek=3000000 conv=notrunc 2>/dev/null
	truncate -s 5000 sizes/s49153
	truncate -s 300000 sizes/s1025
	truncate -s 0 sizes/s4097
	head -c 70000 sizes/s275457 >> big.bin
	disk_run mv a/b/c/d a/moved-d
	disk_run mv hello.txt a/hello-renamed.txt
	disk_run mv -f run.sh secret.txt
	disk_run rm many/file-000* many/file-001* many/file-002*
	disk_run rm -r "a/dir with spaces"
	disk_run mkdir hundreds
	i=0
	while [ $i -lt 300 ]; do
		echo "file number $i" > "hundreds/a file with a long name, number $i"
		i=$((i + 1))
	done
	i=0
	while [ $i -lt 300 ]; do
		rm "hundreds/a file with a long name, number $i"
		i=$((i + 3))
	done
	if [ "$type" != vfat ] && [ "$type" != msdos ]; then
		disk_run ln a/hard1 a/hard4
		disk_run rm hard3
		disk_run ln -s new.txt new-link-fast
		disk_run ln -s "$(printf '%0070d' 0 | tr 0 z)/../new.txt" new-link-slow
		disk_run rm link-fast
		disk_run chmod 0640 new.txt
		disk_run chown 1000:1000 new.txt
		disk_run mkfifo fifo
		disk_run chmod 0711 private
	else
		echo "a long name" > "A New Long Name — ü.txt"
		disk_run mv "Long File Name One.txt" "renamed long name.txt"
		disk_run cat "LONG FILE NAME TWO.TXT" short.txt mixed.TXT
	fi
	disk_run rmdir a
	disk_run mkdir a
	disk_run rm does-not-exist
	disk_run mv nowhere elsewhere
	cd / || return 0
	sync
	echo "== after the writes"
	disk_listing "$MNT"
	disk_run umount "$MNT"
	echo "== after mounting again"
	disk_run mount -t "$type" ${opts:+-o "$opts"} "$DISK" "$MNT" || return 0
	disk_listing "$MNT"
	disk_run umount "$MNT"
	echo "== read-only"
	disk_run mount -t "$type" -o "ro${opts:+,$opts}" "$DISK" "$MNT" || return 0
	disk_run touch "$MNT/not-written"
	disk_run cat "$MNT/new.txt"
	disk_run umount "$MNT"
}
