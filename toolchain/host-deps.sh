#!/bin/sh
# Installs the Debian 12 packages Basalt's build and tests need. As root it
# runs apt-get; otherwise it prints the command to run and fails.
set -eu

packages="qemu-system-x86 grub-pc-bin grub-efi-amd64-bin grub-common xorriso
mtools ovmf cpio e2fsprogs dosfstools gdisk libcmocka-dev zlib1g-dev console-setup-linux
gcc make binutils gawk newlib-source xz-utils libc6-dev busybox-static"

missing=""
for p in $packages; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" -ne 0 ]; then
	echo "host-deps: missing packages:$missing" >&2
	echo "host-deps: run as root: apt-get update && $cmd" >&2
	exit 1
fi
echo "host-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
$cmd
