#!/bin/sh
# build-toolchain.sh SYSROOT OUT: builds the real x86_64-basalt cross
# toolchain (GNU Binutils 2.40 and GCC 12.2.0 from Debian bookworm's
# binutils-source and gcc-12-source, with toolchain/patches/ applied) into a
# cache directory outside the work tree, keyed by the source versions, the
# patches, this script and the configure options; then exposes it as OUT
# (toolchain/cross) with OUT/sysroot pointing at SYSROOT. A second run with
# the same key only relinks: it takes about a second.
#
# The cache is $BASALT_CACHE (default ~/.cache/basalt)/toolchain-KEY. Its
# sysroot is configured as PREFIX/sysroot, inside the prefix, so GCC and ld
# treat it as relocatable (GCC's "TARGET_SYSTEM_ROOT_RELOCATABLE", ld's
# get_relative_sysroot): a hard-linked copy in any work tree finds that work
# tree's sysroot through its own OUT/sysroot symlink.
#
# Environment: BASALT_CACHE, JOBS (make -j, default 2: the machine is
# shared), TOOLCHAIN_STAGE=binutils to stop after binutils (=key: print
# the two cache directories; =native-binutils: build binutils for Basalt
# itself into OUT, below), HOST_CFLAGS (-O2).
set -eu

if [ $# -ne 2 ]; then
	echo "usage: $0 SYSROOT OUT" >&2
	exit 2
fi
sysroot=$(cd "$1" && pwd)
out=$2
here=$(cd "$(dirname "$0")" && pwd)
patches=$here/patches
jobs=${JOBS:-2}
stage=${TOOLCHAIN_STAGE:-all}
cache_root=${BASALT_CACHE:-${HOME:-/root}/.cache/basalt}

target=x86_64-basalt
binutils_version=2.40
gcc_version=12.2.0
binutils_deb=binutils-source
gcc_deb=gcc-12-source
binutils_tarball=usr/src/binutils/binutils-$binutils_version.tar.xz
gcc_tarball=usr/src/gcc-12/gcc-$gcc_version-dfsg.tar.xz

# Configure options (part of the key). Static only (Basalt's programs are
# static), C only for now (C++ doubles the build time on this machine), no
# NLS, no documentation (MAKEINFO=true: Debian's dfsg tarball lacks some
# manuals), none of the target libraries that need more than our libc has
# been checked for (sanitizers, OpenMP, quad-float, SSP, transactional
# memory, vtable verification), no LTO plugin (it needs shared objects).
# --with-newlib: our libc is newlib (libstdc++ takes its newlib
# configuration from it, later). --enable-initfini-array: our crt0 runs
# .init_array through newlib's __libc_init_array, as the wrapper's output.
gcc_languages=c
binutils_options="--disable-nls --disable-werror --disable-gdb --disable-gdbserver
--disable-sim --disable-gprofng --disable-readline --disable-libdecnumber
--enable-deterministic-archives"
gcc_options="--enable-languages=$gcc_languages --disable-nls --disable-shared
--disable-multilib --disable-lto --disable-libssp --disable-libquadmath
--disable-libgomp --disable-libsanitizer --disable-libvtv --disable-libitm
--disable-libatomic --disable-libcc1 --without-isl --with-newlib
--enable-initfini-array --enable-threads=posix --with-gnu-as --with-gnu-ld"

# Two keys: binutils' (its source, options and patches) and the whole
# toolchain's (that, and GCC's source, options and patches). Binutils is
# installed into its own cache prefix and the toolchain's prefix starts as
# a hard-linked copy of it, so a change to GCC's patches does not rebuild
# binutils. recipe_version is raised when a change to this script changes
# what is built. The host compiler's flags (HOST_CFLAGS, default -O2) are
# not in the key: they change how fast the tools run, not their output.
recipe_version=1
hash() { sha256sum | cut -c1-16; }
patch_text() { find "$patches/$1" -type f | LC_ALL=C sort | xargs cat; }
bkey=$( { echo "$recipe_version $target $binutils_deb $binutils_tarball $binutils_options";
	patch_text binutils; } | hash)
key=$( { echo "$bkey $gcc_deb $gcc_tarball $gcc_options"; patch_text gcc; } | hash)
host_cflags=${HOST_CFLAGS:--O2}
bprefix=$cache_root/binutils-$bkey
prefix=$cache_root/toolchain-$key
build=$cache_root/build-$key
src=$cache_root/src
if [ "$stage" = key ]; then
	echo "$bprefix $prefix"
	exit 0
fi

# Expose the finished toolchain: a hard-linked copy (the cache and the work
# tree share a file system here; a plain copy otherwise) whose sysroot
# symlink is this work tree's.
expose() {
	rm -rf "$out.tmp" "$out"
	cp -al "$prefix" "$out.tmp" 2>/dev/null || { rm -rf "$out.tmp"; cp -a "$prefix" "$out.tmp"; }
	rm -f "$out.tmp/sysroot"
	ln -s "$sysroot" "$out.tmp/sysroot"
	mv "$out.tmp" "$out"
	echo "toolchain: $out -> $prefix ($(cat "$prefix/.complete"))"
}

if [ -f "$prefix/.complete" ] && [ "$stage" != native-binutils ]; then
	expose
	exit 0
fi

mkdir -p "$cache_root" "$src" "$build"
# One builder per key (two work trees may ask at once).
exec 9>"$cache_root/toolchain-$key.lock"
flock 9
if [ -f "$prefix/.complete" ] && [ "$stage" != native-binutils ]; then
	expose
	exit 0
fi

# Sources: Debian's packages, downloaded by apt's ordinary client and
# unpacked without installing them (no root needed).
fetch() { # deb-name tarball-path
	if [ ! -f "$src/$2" ]; then
		(cd "$src" && rm -f "$1"_*.deb && apt-get download "$1" &&
			dpkg-deb -x "$1"_*.deb . && rm -f "$1"_*.deb)
	fi
	if [ ! -f "$src/$2" ]; then
		echo "toolchain: $1 has no $2 (a newer Debian version? update $0)" >&2
		exit 1
	fi
}
fetch "$binutils_deb" "$binutils_tarball"
fetch "$gcc_deb" "$gcc_tarball"

# Unpack (fresh each time the key changes) and patch.
unpack() { # tarball dir-name patch-dir into-dir
	rm -rf "${4:?}/$2"
	tar -C "$4" -xf "$src/$1"
	for p in "$patches/$3"/*.patch; do
		[ -f "$p" ] || continue
		echo "toolchain: applying $3/$(basename "$p")"
		patch -d "$4/$2" -p1 -s --no-backup-if-mismatch < "$p"
	done
}

# The configured sysroot lives inside the prefix (relocatable); while
# building, it is this work tree's sysroot (libgcc is compiled against its
# headers, and GCC's limits.h is made to chain to newlib's).
link_sysroot() {
	mkdir -p "$1"
	rm -f "$1/sysroot"
	ln -s "$sysroot" "$1/sysroot"
}
now() { date +%s; }

# TOOLCHAIN_STAGE=native-binutils (make toolchain-test): the same binutils
# built by the finished cross toolchain to run on Basalt (a Canadian cross:
# --host and --target x86_64-basalt), static, installed into OUT/usr. It
# is a step towards issue 17's native toolchain; not cached.
if [ "$stage" = native-binutils ]; then
	if [ ! -f "$prefix/.complete" ]; then
		echo "toolchain: no cross toolchain $prefix; run make toolchain" >&2
		exit 1
	fi
	mkdir -p "$out"
	# Absolute, as the install runs in the build directory: an empty
	# DESTDIR would install into the host's /usr.
	ndest=$(cd "$out" && pwd)
	nbuild=$ndest/build
	rm -rf "$nbuild"
	mkdir -p "$nbuild/obj"
	unpack "$binutils_tarball" "binutils-$binutils_version" binutils "$nbuild"
	echo "toolchain: native binutils $binutils_version (log: $nbuild/obj/build.log)"
	start=$(now)
	# shellcheck disable=SC2086
	(cd "$nbuild/obj" && PATH="$prefix/bin:$PATH" &&
		"../binutils-$binutils_version/configure" --build="$(gcc -dumpmachine)" \
			--host="$target" --target="$target" --prefix=/usr \
			$binutils_options --disable-shared --disable-plugins MAKEINFO=true &&
		make -j"$jobs" MAKEINFO=true &&
		make install MAKEINFO=true DESTDIR="${ndest:?}") \
		> "$nbuild/obj/build.log" 2>&1 || {
		tail -30 "$nbuild/obj/build.log" >&2
		exit 1
	}
	echo "native binutils $binutils_version: $(($(now) - start)) s"
	rm -rf "$nbuild"
	exit 0
fi

if [ ! -f "$bprefix/.complete" ]; then
	bbuild=$cache_root/build-binutils-$bkey
	rm -rf "$bbuild" "$bprefix"
	mkdir -p "$bbuild"
	unpack "$binutils_tarball" "binutils-$binutils_version" binutils "$bbuild"
	link_sysroot "$bprefix"
	mkdir -p "$bbuild/obj"
	start=$(now)
	echo "toolchain: binutils $binutils_version (log: $bbuild/obj/build.log)"
	# shellcheck disable=SC2086 # the option lists are word lists
	(cd "$bbuild/obj" &&
		"../binutils-$binutils_version/configure" --target="$target" \
			--prefix="$bprefix" --with-sysroot="$bprefix/sysroot" \
			$binutils_options MAKEINFO=true CFLAGS="$host_cflags" CXXFLAGS="$host_cflags" &&
		make -j"$jobs" MAKEINFO=true &&
		make install MAKEINFO=true) > "$bbuild/obj/build.log" 2>&1 || {
		tail -30 "$bbuild/obj/build.log" >&2
		exit 1
	}
	echo "binutils $binutils_version: $(($(now) - start)) s" > "$bprefix/.complete"
	cat "$bprefix/.complete"
	rm -rf "$bbuild"
fi
[ "$stage" = binutils ] && exit 0

# The toolchain prefix starts as binutils' (GCC finds as and ld in
# PREFIX/x86_64-basalt/bin).
if [ ! -f "$build/gcc.configured" ]; then
	rm -rf "$prefix"
	cp -al "$bprefix" "$prefix" 2>/dev/null || { rm -rf "$prefix"; cp -a "$bprefix" "$prefix"; }
	rm -f "$prefix/.complete"
fi
link_sysroot "$prefix"
export PATH="$prefix/bin:$PATH"

# An interrupted GCC build resumes where it stopped (make), as long as
# the key is the same.
if [ ! -f "$build/gcc.done" ]; then
	if [ ! -f "$build/gcc.configured" ]; then
		unpack "$gcc_tarball" "gcc-$gcc_version" gcc "$build"
		rm -rf "$build/obj-gcc"
		mkdir -p "$build/obj-gcc"
		# shellcheck disable=SC2086
		(cd "$build/obj-gcc" &&
			"../gcc-$gcc_version/configure" --target="$target" \
				--prefix="$prefix" --with-sysroot="$prefix/sysroot" \
				$gcc_options MAKEINFO=true) > "$build/obj-gcc/configure.log" 2>&1 || {
			tail -30 "$build/obj-gcc/configure.log" >&2
			exit 1
		}
		touch "$build/gcc.configured"
	fi
	# The time counts from the first attempt (a resumed build's total).
	[ -f "$build/gcc.started" ] || now > "$build/gcc.started"
	start=$(cat "$build/gcc.started")
	echo "toolchain: gcc $gcc_version (languages $gcc_languages; log: $build/obj-gcc/build.log)"
	# install-gcc wants gccint's tm.texi checked against the target
	# hooks (s-tm-texi), but Debian's dfsg tarball has the GFDL manuals
	# cut out (tm.texi.in is a stub), so genhooks fails; no manual is
	# installed anyway (MAKEINFO=true): mark the check done.
	(cd "$build/obj-gcc" &&
		make -j"$jobs" MAKEINFO=true CFLAGS="$host_cflags" CXXFLAGS="$host_cflags" \
			all-gcc all-target-libgcc &&
		touch gcc/s-tm-texi &&
		make MAKEINFO=true install-gcc install-target-libgcc) \
		>> "$build/obj-gcc/build.log" 2>&1 || {
		tail -30 "$build/obj-gcc/build.log" >&2
		exit 1
	}
	echo "gcc $gcc_version: $(($(now) - start)) s" > "$build/gcc.done"
	cat "$build/gcc.done"
fi

cat "$bprefix/.complete" "$build/gcc.done" | tr '\n' ' ' > "$prefix/.complete"
# The build tree is large (about 2 GB) and only useful for a rebuild.
rm -rf "$build"
expose
