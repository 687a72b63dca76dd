#!/bin/sh
# mktree.sh: the reference tree the disk images are made from (by mke2fs
# -d or mcopy -s), the same bytes every time: nested directories, long
# names with spaces and UTF-8, modes, empty files and directories, files
# around the block and indirect-block boundaries, a directory of many
# entries, a sparse file, a big file of unique records; with --fat
# nothing FAT cannot hold (symlinks, hard links, modes, case-only
# differences), otherwise also fast and slow symlinks and hard links.
# Fixed timestamps (2020-01-02 03:04:05 UTC).
# Usage: mktree.sh DIR [--fat] [--big MIB] [--many N]
set -eu

dir=$1
shift
fat=0 big_mib=24 many=200
while [ $# -gt 0 ]; do
	case $1 in
	--fat) fat=1; shift ;;
	--big) big_mib=$2; shift 2 ;;
	--many) many=$2; shift 2 ;;
	*) echo "mktree: unknown option $1" >&2; exit 2 ;;
	esac
done
rm -rf "$dir"
mkdir -p "$dir"
cd "$dir"

# records TAG COUNT: COUNT 64-byte lines, each naming TAG and its number,
# so that any block read from the wrong place shows.
records() {
	awk -v t="$1" -v n="$2" 'BEGIN {
		for (i = 0; i < n; i++)
			printf "%-16s record %012d of %012d ..........\n", t, i, n
	}'
}

echo "hello, disk" > hello.txt
: > empty
mkdir -p empty-dir
mkdir -p a/b/c/d/e/f
echo "deep" > a/b/c/d/e/f/deep.txt
echo "middle" > a/b/c/middle.txt
printf 'spaces and UTF-8\n' > "a/long name with spaces and ünïcödé — ✓ $(printf '%0100d' 0 | tr 0 x).txt"
mkdir -p "a/dir with spaces/ÄÖÜ straße"
echo "umlauts" > "a/dir with spaces/ÄÖÜ straße/grüße.txt"
# Sizes at the boundaries of 1 KiB and 4 KiB blocks and of the twelve
# direct blocks (12 KiB + 1, 48 KiB + 1) and one indirect block's reach
# with 1 KiB blocks (12 + 256 blocks).
mkdir -p sizes
for s in 1 511 512 513 1023 1024 1025 4095 4096 4097 12289 49153 275457 1048577; do
	records "size-$s" $(((s + 63) / 64)) | head -c "$s" > "sizes/s$s"
done
# Many entries in one directory: directory blocks beyond the first.
mkdir -p many
i=0
while [ $i -lt "$many" ]; do
	echo "entry $i" > "many/file-$(printf '%04d' $i)-with-a-longer-name"
	i=$((i + 1))
done
# A sparse file: 4 MiB with data at 0, 1 MiB + 100 and its last byte.
records sparse 16 > sparse.bin
records sparse-mid 16 | dd of=sparse.bin bs=1 seek=$((1024 * 1024 + 100)) conv=notrunc status=none
printf 'E' | dd of=sparse.bin bs=1 seek=$((4 * 1024 * 1024 - 1)) conv=notrunc status=none
# The big file: double indirect blocks with 1 KiB blocks.
records big $((big_mib * 1024 * 1024 / 64)) > big.bin
# Modes (FAT keeps only the read-only attribute).
echo "script" > run.sh
echo "secret" > secret.txt
echo "read only" > readonly.txt
if [ $fat = 0 ]; then
	chmod 0755 run.sh
	chmod 0600 secret.txt
	chmod 0444 readonly.txt
	chmod 4755 a/b/c/middle.txt
	mkdir -p sticky && chmod 1777 sticky
	mkdir -p private && chmod 0700 private
	# Fast (in the inode, < 60 bytes) and slow (a block) symlinks.
	ln -s hello.txt link-fast
	ln -s "a/b/c/d/e/f/$(printf '%080d' 0 | tr 0 y)/../deep.txt" link-slow
	ln -s a/b link-dir
	ln -s does-not-exist link-dangling
	# Hard links: three names of one inode in two directories.
	echo "linked" > a/hard1
	ln a/hard1 a/b/hard2
	ln a/hard1 hard3
else
	# FAT: case-insensitive, 8.3 aliases (the ~1 tails) for names that
	# share a prefix.
	echo "one" > "Long File Name One.txt"
	echo "two" > "Long File Name Two.txt"
	echo "short" > SHORT.TXT
	echo "mixed" > MiXeD.Txt
fi
find . -exec touch -h -d '2020-01-02 03:04:05 UTC' {} +
