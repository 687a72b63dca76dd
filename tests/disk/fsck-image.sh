#!/bin/sh
# fsck-image.sh: the host's verdict on an image a guest wrote. For every
# partition of IMAGE (or the whole image when it has no partition table)
# holding an ext2/3/4 file system (magic 0xEF53 at byte 1080) or a FAT one
# (the "FAT12   "/"FAT16   "/"FAT32   " type strings of the boot sector),
# runs e2fsck -fn or fsck.fat -n on a copy of the partition and prints
# the result; a partition with neither is left alone. Exits 1 when a
# check fails, printing the checker's output.
# Usage: fsck-image.sh IMAGE
set -eu

img=$1
tmp=$img.fsck-part
status=0

# bytes IMAGE OFFSET COUNT: COUNT bytes at OFFSET, as text.
bytes() {
	dd if="$1" bs=512 iflag=skip_bytes,count_bytes skip="$2" count="$3" status=none |
		tr -d '\0'
}

# check NAME OFFSET SIZE: the partition at byte OFFSET, SIZE bytes long.
check() {
	what=$1 off=$2 size=$3
	magic=$(dd if="$img" bs=1 skip=$((off + 1080)) count=2 status=none | od -An -tx1 | tr -d ' ')
	fat32=$(bytes "$img" $((off + 82)) 8)
	fat16=$(bytes "$img" $((off + 54)) 8)
	if [ "$magic" = 53ef ]; then
		kind=ext2
	elif [ "$fat32" = "FAT32   " ] || [ "$fat16" = "FAT16   " ] || [ "$fat16" = "FAT12   " ]; then
		kind=fat
	else
		echo "fsck: $img $what: no ext2 or FAT file system, not checked"
		return 0
	fi
	dd if="$img" of="$tmp" bs=1M iflag=skip_bytes,count_bytes skip="$off" count="$size" \
		conv=sparse status=none
	rc=0
	if [ $kind = ext2 ]; then
		e2fsck -fn "$tmp" > "$tmp.log" 2>&1 || rc=$?
	else
		fsck.fat -n "$tmp" > "$tmp.log" 2>&1 || rc=$?
	fi
	if [ $rc = 0 ]; then
		echo "fsck: $img $what $kind: clean"
	else
		echo "fsck: $img $what $kind: FAILED (status $rc):"
		sed 's/^/fsck:   /' "$tmp.log"
		status=1
	fi
	rm -f "$tmp" "$tmp.log"
}

parts=$(sfdisk -d "$img" 2>/dev/null |
	sed -n 's/^[^:]*: *start= *\([0-9]*\), *size= *\([0-9]*\),.*/\1 \2/p' || true)
if [ -z "$parts" ]; then
	check "whole image" 0 "$(stat -c %s "$img")"
else
	n=1
	echo "$parts" | {
		while read -r start size; do
			check "partition $n" $((start * 512)) $((size * 512))
			n=$((n + 1))
		done
		exit $status
	} || status=1
fi
exit $status
