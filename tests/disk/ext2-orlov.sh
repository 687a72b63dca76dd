#!/bin/sh
# ext2-orlov.sh [OUTDIR]: where ext2 puts new inodes (issue 13: "block
# and inode allocation near the parent (Orlov-like)"). Runs
# orlov-workload.sh on an empty ext2 of 8 block groups (1 KiB blocks,
# 64 MiB) under Basalt and under Debian's Linux (the reference, whose
# Orlov allocator starts top-level directories at a random group), then
# reads the inode numbers on the host (debugfs) and checks, as Linux's
# find_group_orlov and find_group_other place them: the top-level
# directories spread over at least half of the groups; each
# subdirectory is in its parent's group, and each file in its
# directory's (the disk is nearly empty); e2fsck -fn is clean. Prints TAP.
set -eu
export DISK_NO_MAKE=1

dir=${1:-${BUILD:-build}/disk/orlov}
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$dir"
mkdir -p "$dir"
n=0
line() {	# line OK DESCRIPTION
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
sh "$here/mkimage.sh" "$dir/base.img" ext2 --block 1024 --table none --size 64 > /dev/null
ipg=$(dumpe2fs -h "$dir/base.img" 2>/dev/null | sed -n 's/^Inodes per group: *//p')
groups=$(dumpe2fs "$dir/base.img" 2>/dev/null | grep -c '^Group [0-9]')
# group IMAGE PATH: the block group of PATH's inode.
group() {
	ino=$(debugfs -R "stat $2" "$1" 2>/dev/null | sed -n 's/^Inode: *\([0-9]*\).*/\1/p')
	echo $(((ino - 1) / ipg))
}
for kernel in ${ORLOV_KERNELS:-basalt linux}; do
	img=$dir/$kernel.img
	cp "$dir/base.img" "$img"
	rc=0
	sh "$here/run-disk.sh" --kernel "$kernel" --out "$dir/$kernel.out" "$here/orlov-workload.sh" \
		"$img" > "$dir/$kernel.result" 2>&1 || rc=$?
	[ $rc = 0 ] || sed 's/^/#   /' "$dir/$kernel.result"
	line $rc "$kernel: the workload ran and e2fsck -fn finds the image clean ($groups groups)"
	[ $rc = 0 ] || continue
	tops= near_dirs=0 near_files=0
	for t in 1 2 3 4 5 6 7 8; do
		gt=$(group "$img" "/top$t")
		tops="$tops $gt"
		for s in 1 2 3; do
			gs=$(group "$img" "/top$t/sub$s")
			[ "$gs" = "$gt" ] && near_dirs=$((near_dirs + 1))
			for f in 1 2 3; do
				[ "$(group "$img" "/top$t/sub$s/f$f")" = "$gs" ] && near_files=$((near_files + 1))
			done
		done
	done
	distinct=$(echo $tops | tr ' ' '\n' | sort -u | grep -c .)
	echo "# $kernel: top-level directories in groups$tops"
	line "$([ "$distinct" -ge $((groups / 2)) ]; echo $?)" \
		"$kernel: the 8 top-level directories spread over $distinct of $groups groups (at least half)"
	line "$([ $near_dirs = 24 ]; echo $?)" \
		"$kernel: $near_dirs of 24 subdirectories are in their parent's group"
	line "$([ $near_files = 72 ]; echo $?)" \
		"$kernel: $near_files of 72 files are in their directory's group"
done
echo "1..$n"
