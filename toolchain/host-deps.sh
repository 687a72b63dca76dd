#!/bin/sh
# Installs the Debian 12 packages Basalt's build and tests need, and the
# deb-src entry ports/fetch.sh's `apt-get source` needs. As root it does
# both; otherwise it prints what to run and fails.
set -eu

# Debian's signed source index (ports/README.md): deb822 format, the
# archive key the binary entries already use.
src_list=/etc/apt/sources.list.d/basalt-src.sources
src_entry="Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg"
need_src=0
if ! grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list \
	/etc/apt/sources.list.d/; then
	need_src=1
fi
if [ "$need_src" -eq 1 ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "host-deps: no deb-src entry for ports/ (apt-get source);" \
			"as root, write to $src_list:" >&2
		echo "$src_entry" >&2
		echo "host-deps: then run apt-get update" >&2
		exit 1
	fi
	echo "host-deps: adding the Debian source index ($src_list)"
	echo "$src_entry" > "$src_list"
	apt-get update -q
fi

packages="qemu-system-x86 grub-pc-bin grub-efi-amd64-bin grub-common xorriso
mtools ovmf cpio e2fsprogs dosfstools gdisk fdisk libcmocka-dev zlib1g-dev console-setup-linux
gcc make binutils gawk newlib-source xz-utils libc6-dev busybox-static bash-static
dpkg-dev patch"
# Debian's builds of the ports' programs that a host does not always have,
# for the differential tests of tests/ports (the others are in the base
# system: sed, grep, diffutils, findutils, bash, dash...).
packages="$packages m4 bc dc tcl file bzip2 zstd lua5.4 sqlite3 ed"
# The real cross toolchain (toolchain/build-toolchain.sh, `make toolchain`):
# GCC's and binutils' own build needs (the sources come with
# `apt-get download binutils-source gcc-12-source`, unpacked without root).
packages="$packages texinfo libgmp-dev libmpfr-dev libmpc-dev flex bison"
packages="$packages ncurses-bin less nano"
# Ports whose Debian source has no generated configure (GNU make's
# make-dfsg, jq) run autoreconf: autoconf, automake, autopoint and gettext
# (make's AM_GNU_GETTEXT), libtool (jq's LT_INIT); jq for jq's test.
packages="$packages autoconf automake autopoint gettext libtool jq"

missing=""
for p in $packages; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
		missing="$missing $p"
	fi
done
# tests/ports/jq.sh runs the port's own test file (Debian's jq source,
# ports/jq/recipe's debian_version) with the host's jq too: an older
# build already on the machine aborts on the cases its security fixes
# added, so it is upgraded like a missing package.
jq_version=$(dpkg-query -W -f='${Version}' jq 2>/dev/null || true)
if [ -n "$jq_version" ] && dpkg --compare-versions "$jq_version" lt 1.6-2.1+deb12u2; then
	missing="$missing jq"
fi
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
