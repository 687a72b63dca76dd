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

# disk_listing DIR: one line per file under DIR, sorted by path: its type
# and permission bits, link count, owner, and for a regular file its size
# and MD5, for a symlink its target. Nothing that two correct kernels may
# differ in (inode numbers, directory sizes, block counts, times).
disk_listing() {
	(cd "$1" && find . | LC_ALL=C sort | while IFS= read -r p; do
		set -- $(stat -c '%f %a %h %u %g %s' "$p")
		type=$(( 0x$1 & 61440 ))	# S_IFMT
		case $type in
		32768) echo "f $2 n$3 $4:$5 $6 $(md5sum < "$p" | cut -d' ' -f1) $p" ;;
		40960) echo "l $2 n$3 $4:$5 $p -> $(readlink "$p")" ;;
		16384) echo "d $2 n$3 $4:$5 $p" ;;
		*) echo "? $1 n$3 $4:$5 $p" ;;
		esac
	done)
}

# disk_run CMD...: runs CMD, printing "$ CMD" and, when it fails, its
# status, so that an error shows the same in both kernels' outputs.
disk_run() {
	echo "\$ $*"
	"$@"
	rc=$?
	[ $rc = 0 ] || echo "status $rc"
	return 0
}
