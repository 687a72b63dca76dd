#!/bin/sh
# orlov-workload.sh: the guest side of tests/disk/ext2-orlov.sh (no suite
# header). On an empty ext2 of several block groups: 8 top-level
# directories, 3 subdirectories in each, 3 small files in each of those.
mount -t ext2 "$DISK" "$MNT" || exit 1
for t in 1 2 3 4 5 6 7 8; do
	mkdir "$MNT/top$t"
	for s in 1 2 3; do
		mkdir "$MNT/top$t/sub$s"
		for f in 1 2 3; do
			echo "$t $s $f" > "$MNT/top$t/sub$s/f$f"
		done
	done
done
umount "$MNT"
