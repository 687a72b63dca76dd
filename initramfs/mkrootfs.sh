#!/bin/sh
# Lays out the root file system of build/initramfs.cpio.gz in DIR: the
# skeleton in initramfs/rootfs, Debian's unmodified busybox-static as
# /bin/busybox with a link per applet, and the tests/system scripts.
# Usage: mkrootfs.sh DIR
set -eu

dir=$1
busybox=${BUSYBOX:-/bin/busybox}
rm -rf "$dir"
mkdir -p "$dir/bin" "$dir/sbin" "$dir/dev" "$dir/proc" "$dir/sys" "$dir/tmp" \
	"$dir/root" "$dir/tests"
cp -R initramfs/rootfs/. "$dir/"
cp "$busybox" "$dir/bin/busybox"
for applet in $("$busybox" --list); do
	[ "$applet" = busybox ] || ln -s busybox "$dir/bin/$applet"
done
[ -d tests/system ] && cp -R tests/system "$dir/tests/"
chmod 1777 "$dir/tmp"
