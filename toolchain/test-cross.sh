#!/bin/sh
# test-cross.sh CROSS BINDIR DEST: host-side checks of the real
# x86_64-basalt toolchain (make toolchain-test): what the compiler says it
# is, the macros it predefines, and that the test programs in BINDIR and
# the ports installed in DEST were compiled by it (their .comment names
# GCC 12.2.0 itself, not the host's Debian gcc the wrapper runs). The
# tests/libc programs also run on the host, as their wrapper builds do in
# make test. Prints TAP.
set -eu

cross=$1 bindir=$2 dest=$3
top=$(cd "$(dirname "$0")/.." && pwd)
gcc=$cross/bin/x86_64-basalt-gcc
. "$top/tests/system/tap.sh"

is "-dumpmachine" "x86_64-basalt" "$("$gcc" -dumpmachine)"
is "-dumpversion" "12.2.0" "$("$gcc" -dumpversion)"
macros=$("$gcc" -dM -E - < /dev/null)
has_macro() { echo "$macros" | grep -q "^#define $1 1\$"; }
ok "__basalt__ is predefined" has_macro __basalt__
ok "__unix__ is predefined" has_macro __unix__
fails "__linux__ is not" has_macro __linux__
is "the sysroot is this tree's, relocated with the toolchain" \
	"$(cd "$top/sysroot" && pwd -P)" "$(cd "$("$gcc" -print-sysroot)" && pwd -P)"
is "ld is the cross binutils' one" "$(readlink -f "$cross/x86_64-basalt/bin/ld")" \
	"$(readlink -f "$("$gcc" -print-prog-name=ld)")"
is "as is the cross binutils' one" "$(readlink -f "$cross/x86_64-basalt/bin/as")" \
	"$(readlink -f "$("$gcc" -print-prog-name=as)")"
ok "ld's default emulation is elf_x86_64" \
	sh -c "'$cross/bin/x86_64-basalt-ld' -V | grep -q '^ *elf_x86_64\$'"
ok "libgcc.a is the toolchain's own" \
	sh -c "'$gcc' -print-libgcc-file-name | grep -q '^$cross/'"

made_by_gcc() { readelf -p .comment "$1" | grep -q 'GCC: (GNU) 12\.2\.0$'; }
static_exec() {
	readelf -h "$1" | grep -q 'Type: *EXEC' && ! readelf -l "$1" | grep -q INTERP
}
for b in "$bindir"/* "$dest/usr/bin/hello" "$dest/usr/bin/minigzip" \
	"$dest/usr/bin/zlib-example"; do
	n=$(basename "$b")
	ok "$n: compiled by x86_64-basalt-gcc 12.2.0" made_by_gcc "$b"
	ok "$n: static, fixed-address" static_exec "$b"
done
# The libc tests on the host, as make test runs their wrapper builds.
for b in "$bindir"/libc-*; do
	n=$(basename "$b")
	ok "$n runs on the host with no failure" \
		sh -c "'$b' > '$TAP_SCRATCH/$n.tap' 2>&1 && ! grep -q '^not ok' '$TAP_SCRATCH/$n.tap'"
done
ok "GNU Hello configured for x86_64-pc-basalt" \
	grep -q '^S\["host"\]="x86_64-pc-basalt"' "$dest/../ports/hello/src/config.status"
ok "GNU Hello's configure found x86_64-basalt-gcc" \
	grep -q '^S\["CC"\]="x86_64-basalt-gcc"' "$dest/../ports/hello/src/config.status"
tap_end
