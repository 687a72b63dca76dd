#!/bin/sh
# make-ext2-images.sh DIR: the ext2 images of tests/unit/fs/ext2_check_test.c,
# made by the host's mke2fs (e2fsprogs) as `mke2fs -t ext2` makes them,
# with 1 KiB and 4 KiB blocks, a small tree in them (mke2fs -d), fixed
# UUID and times so that the same bytes come out every time.
set -eu
dir=$1
rm -rf "$dir"
mkdir -p "$dir/tree/sub"
echo hello > "$dir/tree/hello.txt"
ln -s hello.txt "$dir/tree/link"
echo nested > "$dir/tree/sub/file-with-a-longer-name.txt"
export E2FSPROGS_FAKE_TIME=1577934245
for bs in 1024 4096; do
	mke2fs -q -F -t ext2 -b $bs -U 6d0ed1d4-6e0b-4c1e-9a26-8d3bd8c3c2f1 \
		-E hash_seed=0f3c1c47-1f9a-4f87-8e4e-8b1d2f7d1c11 -d "$dir/tree" \
		"$dir/ext2-$bs.img" 8M
done
