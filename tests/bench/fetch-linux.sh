#!/bin/sh
# Fetches Debian's current Linux kernel image (the package the
# linux-image-amd64 metapackage depends on) and leaves its vmlinuz in
# OUT/vmlinuz, the name of the package in OUT/package. make bench boots
# it as the reference. Only Debian's archive is used (apt-get download).
# Usage: fetch-linux.sh OUT
set -eu

out=$1
kernel_package() {
	apt-cache depends linux-image-amd64 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*-amd64\)$/\1/p' | head -n 1
}
pkg=$(kernel_package)
# A machine whose package lists were never fetched knows no such package.
if [ -z "$pkg" ] && [ "$(id -u)" -eq 0 ]; then
	apt-get update -q > /dev/null
	pkg=$(kernel_package)
fi
if [ -z "$pkg" ]; then
	echo "fetch-linux: no linux-image-amd64 in apt's lists; run apt-get update" >&2
	exit 1
fi
rm -rf "$out.tmp" && mkdir -p "$out.tmp"
# apt warns that root downloads unsandboxed into a folder _apt cannot
# write; that is expected here, so its messages go to a log.
if ! (cd "$out.tmp" && apt-get download -qq "$pkg") > "$out.tmp/apt.log" 2>&1; then
	cat "$out.tmp/apt.log" >&2
	exit 1
fi
deb=$(ls "$out.tmp"/*.deb)
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$out.tmp" ./boot
mkdir -p "$out"
cp "$out.tmp"/boot/vmlinuz-* "$out/vmlinuz"
echo "$pkg" > "$out/package"
rm -rf "$out.tmp"
echo "fetch-linux: $pkg"
