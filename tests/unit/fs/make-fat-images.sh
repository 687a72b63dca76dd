#!/bin/sh
# Makes the fat_test fixtures with the host's dosfstools and mtools: a
# FAT12 (1 MiB), a FAT16 (16 MiB) and a FAT32 (40 MiB, 512-byte
# clusters) image, each with the same files in its root directory: a
# long name, an 8.3 one, two names that share a ~N tail, a directory.
# Usage: make-fat-images.sh OUTDIR
set -eu

out=$1
mkdir -p "$out"
src=$out/src
rm -rf "$src"
mkdir -p "$src/Sub Dir"
echo long > "$src/A Long File Name.txt"
echo short > "$src/SHORT.TXT"
echo one > "$src/same prefix one.txt"
echo two > "$src/same prefix two.txt"
echo inner > "$src/Sub Dir/inner file.txt"
make_image() {	# NAME FATBITS KB [mkfs options...]
	name=$1 bits=$2 kb=$3
	shift 3
	rm -f "$out/$name"
	mkfs.fat -F "$bits" -i 12345678 -n TESTVOL "$@" -C "$out/$name" "$kb" > /dev/null
	MTOOLS_SKIP_CHECK=1 mcopy -s -m -i "$out/$name" "$src"/* ::
}
make_image fat12.img 12 1024
make_image fat16.img 16 16384
make_image fat32.img 32 40960 -s 1 -S 512
rm -rf "$src"
