#!/bin/sh
# fstools.sh: checks the e2fsprogs and dosfstools ports (ports/e2fsprogs,
# ports/dosfstools) as `make ports` installed them in sysroot/sbin:
# configured for x86_64-pc-basalt, static x86_64 executables, and (they
# run on the host Linux too, having no interpreter) tests/system/fstools.sh
# passing with them; then images made by ours checked by Debian's on the
# host and the other way round, and ours and Debian's (the same upstream
# versions) printing the same dumpe2fs -h. Prints TAP.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
sysroot=${BASALT_SYSROOT:-$top/sysroot}
sbin=$sysroot/sbin
ports_build=${PORTS_BUILD:-$top/build/ports}
# ok/is/tap_end, and a scratch directory as the current one (tests/system).
. "$top/tests/system/tap.sh"

# Debian's program NAME on the host (merged /usr or not).
host_tool() {
	for d in /sbin /usr/sbin; do
		[ -x "$d/$1" ] && { echo "$d/$1"; return; }
	done
	echo "/sbin/$1"
}

for port in e2fsprogs dosfstools; do
	ok "$port: configured with --host=x86_64-basalt" \
		grep -q "host_alias=x86_64-basalt" "$ports_build/$port/src/config.status"
done
# dosfstools' configure does not canonicalize the host; e2fsprogs' does.
ok "e2fsprogs: configure's host is x86_64-pc-basalt (config.sub shim)" \
	grep -q '^S\["host"\]="x86_64-pc-basalt"' "$ports_build/e2fsprogs/src/config.status"
for prog in mke2fs e2fsck tune2fs dumpe2fs debugfs mkfs.fat fsck.fat; do
	ok "sbin/$prog: a static x86_64 executable" sh -c "
		readelf -h '$sbin/$prog' | grep -q 'Type: *EXEC' &&
		readelf -h '$sbin/$prog' | grep -q 'Machine:.*X86-64' &&
		! readelf -l '$sbin/$prog' | grep -q INTERP"
done
ok "mkfs.ext2 and fsck.ext2 are mke2fs and e2fsck" sh -c "
	[ '$sbin/mkfs.ext2' -ef '$sbin/mke2fs' ] && [ '$sbin/fsck.ext2' -ef '$sbin/e2fsck' ]"
ok "mkfs.vfat and mkdosfs are mkfs.fat (not BusyBox's)" sh -c "
	[ \"\$(readlink -f '$sbin/mkfs.vfat')\" = \"\$(readlink -f '$sbin/mkfs.fat')\" ] &&
	[ \"\$(readlink -f '$sbin/mkdosfs')\" = \"\$(readlink -f '$sbin/mkfs.fat')\" ]"
is "mke2fs -V names the Debian version's upstream" "mke2fs 1.47.0 (5-Feb-2023)" \
	"$("$sbin/mke2fs" -V 2>&1 | head -n 1)"
is "mkfs.fat --help names 4.2" "mkfs.fat 4.2 (2021-01-31)" \
	"$("$sbin/mkfs.fat" --help 2>&1 | head -n 1)"

ok "tests/system/fstools.sh passes with ours" \
	env FSTOOLS_SBIN="$sbin" sh "$top/tests/system/fstools.sh"

# Ours and Debian's on each other's images. A fixed UUID and time keep
# the two dumpe2fs outputs comparable.
export E2FSPROGS_FAKE_TIME=1700000000
uuid=01234567-89ab-cdef-0123-456789abcdef
printf 'from our debugfs\n' > note.txt
ok "our mke2fs" "$sbin/mke2fs" -F -q -t ext2 -U "$uuid" -E hash_seed="$uuid" ours.img 8192
ok "our debugfs writes a file" "$sbin/debugfs" -w -R "write note.txt note" ours.img
ok "Debian's e2fsck -fn finds our image clean" "$(host_tool e2fsck)" -fn ours.img
is "Debian's debugfs reads our file" "from our debugfs" \
	"$("$(host_tool debugfs)" -R "cat /note" ours.img 2>/dev/null)"
is "dumpe2fs -h: ours prints what Debian's does" \
	"$("$(host_tool dumpe2fs)" -h ours.img 2>&1)" "$("$sbin/dumpe2fs" -h ours.img 2>&1)"
ok "Debian's mke2fs" "$(host_tool mke2fs)" -F -q -t ext2 theirs.img 8192
ok "our e2fsck -fn finds Debian's image clean" "$sbin/e2fsck" -fn theirs.img
ok "our mkfs.fat" "$sbin/mkfs.fat" -C ours.fat 8192
ok "Debian's fsck.fat -n finds it clean" "$(host_tool fsck.fat)" -n ours.fat
ok "Debian's mkfs.fat" "$(host_tool mkfs.fat)" -C theirs.fat 8192
ok "our fsck.fat -n finds it clean" "$sbin/fsck.fat" -n theirs.fat
tap_end
