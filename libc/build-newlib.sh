#!/bin/sh
# Builds newlib's libc.a and libm.a for x86_64 with the host gcc, from
# Debian's newlib-source tarball, and installs them under OUTDIR/install.
# newlib's own newlib/ directory is configured for x86_64-elf (no sys/
# directory, no syscall stubs: our syscall layer provides read, write...),
# so nothing in autotools is regenerated. See libc/README.md.
# Usage: build-newlib.sh TARBALL OUTDIR BASALT_HEADERS
set -eu

tarball=$1
outdir=$(mkdir -p "$2" && cd "$2" && pwd)
headers=$(cd "$3" && pwd)

rm -rf "$outdir/src" "$outdir/obj" "$outdir/install" "$outdir/headers"
mkdir -p "$outdir/src" "$outdir/obj"
tar -xf "$tarball" -C "$outdir/src" --strip-components=1

# Our headers (libc/include: machine/_types.h, sys/config.h...) come before
# newlib's, as in the sysroot. They are copied so that the path does not
# contain "/libc/include": newlib's configure would take that for a combined
# tree and drop its own include directories.
cp -r "$headers" "$outdir/headers"

gcc_include=$(gcc -print-file-name=include)
cc="gcc -nostdinc -isystem $gcc_include -I$outdir/headers"
# MISSING_SYSCALL_NAMES: newlib's _read_r... call read()..., which we provide.
# HAVE_MKDIR: mkdtemp() makes its directory (without it, ENOSYS).
# Threads (libc/pthread/): retargetable locking makes newlib's locks (malloc,
# stdio, atexit...) calls to __retarget_lock_*, which pthread/newlib_lock.c
# implements; global stdio streams make stdin/stdout/stderr one set shared by
# every thread's struct _reent rather than one set per thread.
# --noexecstack: newlib's x86_64 .S files lack a .note.GNU-stack section.
cflags="-O2 -g -fno-stack-protector -fno-pie -DMISSING_SYSCALL_NAMES -DHAVE_MKDIR -Wa,--noexecstack"

cd "$outdir/obj"
"$outdir/src/newlib/configure" --host=x86_64-elf \
	--build="$(gcc -dumpmachine)" --prefix=/usr --disable-multilib \
	--disable-newlib-supplied-syscalls --enable-newlib-io-long-long \
	--enable-newlib-io-c99-formats --enable-newlib-io-pos-args \
	--enable-newlib-mb \
	--enable-newlib-retargetable-locking --enable-newlib-global-stdio-streams \
	CC="$cc" CFLAGS="$cflags" CCASFLAGS="$cflags" AR=ar AS=as LD=ld NM=nm RANLIB=ranlib \
	OBJCOPY=objcopy OBJDUMP=objdump READELF=readelf > configure.log 2>&1 ||
	{ tail -n 30 configure.log >&2; exit 1; }
make -j"$(nproc)" > make.log 2>&1 || { tail -n 30 make.log >&2; exit 1; }
make install DESTDIR="$outdir/install" > install.log 2>&1 ||
	{ tail -n 30 install.log >&2; exit 1; }
