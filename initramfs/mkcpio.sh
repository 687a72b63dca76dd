#!/bin/sh
# Packs a directory into a gzip'd cpio newc archive, the initramfs format
# the kernel unpacks (kernel/fs/initramfs/). Owners become root.
# Usage: mkcpio.sh DIR OUT.cpio.gz
set -eu

dir=$1 out=$2
tmp=$out.tmp
(cd "$dir" && find . -mindepth 1 | LC_ALL=C sort |
	cpio -o -H newc -R 0:0 --quiet) | gzip -9n > "$tmp"
mv "$tmp" "$out"
