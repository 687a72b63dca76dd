#!/bin/sh
# mkconfigure.sh: the second disk of make bench's configure row
# (bench_configure.h): an ext2 image of a root holding Debian's C
# compiler and the tools of GNU configure scripts (the packages of
# configure-packages.list, unpacked by tests/debian/fetch-root.sh, which
# keeps the downloads while the list is unchanged), and the pristine
# source of the dosfstools port in /src/dosfstools.
# Usage: mkconfigure.sh IMAGE WORKDIR DOSFSTOOLS_SOURCE
set -eu

img=$1 work=$2 src=$3
# Room for the root (about 210 MiB) and configure's files.
size=512M
sh tests/debian/fetch-root.sh "$work" tests/bench/configure-packages.list
root=$work/root
mkdir -p "$root/src" "$root/tmp" "$root/dev" "$root/proc"
chmod 1777 "$root/tmp"
cp -a "$src" "$root/src/dosfstools"
rm -f "$root/src/dosfstools/.fetched"
rm -f "$img"
mke2fs -q -F -t ext2 -b 4096 -L gccroot -d "$root" "$img" "$size"
rm -rf "$root"
echo "mkconfigure: $img"
