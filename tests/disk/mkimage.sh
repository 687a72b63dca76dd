#!/bin/sh
# mkimage.sh: a partitioned disk image holding a file system made from a
# tree, without root or loop devices: the file system is made in a file
# of its own (mke2fs -d, or mkfs.fat + mcopy -s) and copied into the
# partition with dd conv=notrunc. The partition starts at 1 MiB and ends
# 1 MiB before the end (GPT's backup). Fixed UUIDs and times, so that the
# same arguments make the same bytes, but for ext2 inodes' ctimes: mke2fs
# -d copies the host files' st_ctime, which nothing can set back.
# Usage: mkimage.sh OUT FS [options]
#   FS: ext2 | fat32 | fat16 | none (an empty partition)
#   --size MIB        the image's size (default 64)
#   --block BYTES     ext2's block size, 1024, 2048 or 4096 (default 1024)
#   --table gpt|mbr|none  the partition table (default gpt); none: the
#                     file system fills the image
#   --tree DIR        the files to put in (default: none)
#   --label NAME      the volume label
set -eu

out=$1 fs=$2
shift 2
size_mib=64 block=1024 table=gpt tree= label=basalt
while [ $# -gt 0 ]; do
	case $1 in
	--size) size_mib=$2; shift 2 ;;
	--block) block=$2; shift 2 ;;
	--table) table=$2; shift 2 ;;
	--tree) tree=$2; shift 2 ;;
	--label) label=$2; shift 2 ;;
	*) echo "mkimage: unknown option $1" >&2; exit 2 ;;
	esac
done
# Partition 1: sectors [2048, total - 2048).
sector=512
total=$((size_mib * 1024 * 1024 / sector))
first=2048
if [ "$table" = none ]; then
	first=0
	count=$total
else
	count=$((total - 2 * 2048))
fi
# Absolute: mcopy runs inside the tree.
case $out in /*) part=$out.part ;; *) part=$PWD/$out.part ;; esac
rm -f "$out" "$part"
truncate -s "${size_mib}M" "$out"

# Reading the tree moves its access times (relatime), which mke2fs -d
# copies: put them back first, as mktree.sh set them.
if [ -n "$tree" ]; then
	find "$tree" -exec touch -h -a -d '2020-01-02 03:04:05 UTC' {} +
fi

case $fs in
ext2)
	# E2FSPROGS_FAKE_TIME fixes the times mke2fs writes.
	E2FSPROGS_FAKE_TIME=1577934245 mke2fs -q -F -t ext2 -b "$block" -L "$label" \
		-U 0b5a17e2-0000-4000-8000-000000000001 -E hash_seed=0b5a17e2-0000-4000-8000-000000000002 \
		${tree:+-d "$tree"} "$part" $((count * sector / 1024))k
	ptype=8300 mtype=83
	;;
fat32|fat16)
	bits=${fs#fat}
	mkfs.fat -F "$bits" -n "$(echo "$label" | tr a-z A-Z | cut -c 1-11)" -i 0b5a17e2 \
		--invariant -C "$part" $((count * sector / 1024)) > /dev/null
	if [ -n "$tree" ]; then
		# mcopy keeps the times of the tree (-m); nothing else matters.
		(cd "$tree" && set -- * && [ -e "$1" ] && MTOOLS_SKIP_CHECK=1 mcopy -s -m -i "$part" "$@" ::)
	fi
	ptype=0700 mtype=c
	;;
none)
	truncate -s $((count * sector)) "$part"
	ptype=8300 mtype=83
	;;
*)
	echo "mkimage: unknown file system $fs" >&2
	exit 2
	;;
esac

case $table in
gpt)
	sgdisk -U 0b5a17e2-0000-4000-8000-0000000000d1 -n 1:$first:$((first + count - 1)) \
		-t 1:$ptype -u 1:0b5a17e2-0000-4000-8000-0000000000f1 -c 1:basalt "$out" > /dev/null
	;;
mbr)
	printf 'label: dos\nlabel-id: 0x0b5a17e2\n%s,%s,%s\n' $first $count $mtype |
		sfdisk -q "$out" > /dev/null
	;;
none) ;;
*)
	echo "mkimage: unknown partition table $table" >&2
	exit 2
	;;
esac
dd if="$part" of="$out" bs=1M oflag=seek_bytes seek=$((first * sector)) conv=notrunc,sparse status=none
rm -f "$part"
