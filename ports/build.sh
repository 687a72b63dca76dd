#!/bin/sh
# build.sh PORTDIR CACHE WORK DESTDIR: builds the port in PORTDIR from a
# copy of its pristine source in CACHE (ports/fetch.sh), in WORK/src, with
# the port's numbered patches applied in order, then installs it under
# DESTDIR. The recipe's port_configure, port_build and port_install
# replace the autoconf defaults below; they run in WORK/src with
# toolchain/bin first in PATH. See ports/README.md.
set -eu

BASALT=$(cd "$(dirname "$0")/.." && pwd)
PORT_DIR=$(cd "$1" && pwd)
cache=$2
mkdir -p "$3" "$4"
work=$(cd "$3" && pwd)
DESTDIR=$(cd "$4" && pwd)
PORT_JOBS=${PORT_JOBS:-$(nproc)}
# BASALT_CROSS_BIN (make toolchain-test): the real cross toolchain's bin/
# ahead of the wrappers, which still give pkg-config and the config.sub shim.
PATH=${BASALT_CROSS_BIN:+$BASALT_CROSS_BIN:}$BASALT/toolchain/bin:$PATH
export BASALT PORT_DIR DESTDIR PORT_JOBS PATH
# The host's environment must not leak into a cross build.
unset CC CFLAGS CPPFLAGS LDFLAGS LIBS MAKEFLAGS MFLAGS

port_configure() {
	basalt-patch-config-sub .
	./configure --host=x86_64-basalt --build="$(gcc -dumpmachine)" \
		--prefix=/usr --disable-shared
}
port_build() {
	make -j"$PORT_JOBS"
}
port_install() {
	make install DESTDIR="$DESTDIR"
}
# shellcheck source=/dev/null # the recipe is the port's
. "$PORT_DIR/recipe"

# WORK/status: "built SECONDS" or "failed SECONDS", for make ports' table
# (ports/summary.sh).
started=$(date +%s)
rm -f "$work/status"
rm -rf "$work/src"
cp -a "$cache" "$work/src"
rm -f "$work/src/.fetched"
cd "$work/src"
for p in "$PORT_DIR"/patches/*.patch; do
	[ -e "$p" ] || continue
	echo "  PATCH   $name: $(basename "$p")"
	patch -p1 -s --no-backup-if-mismatch < "$p"
done
echo "  PORT    $name $version (log in $work/build.log)"
{
	port_configure && port_build && port_install
} > "$work/build.log" 2>&1 || {
	echo "failed $(($(date +%s) - started))" > "$work/status"
	tail -n 30 "$work/build.log" >&2
	echo "build: $name failed; the whole log is $work/build.log" >&2
	exit 1
}
echo "built $(($(date +%s) - started))" > "$work/status"
