#!/bin/sh
# files.sh: BusyBox file applets: ls, cp, mv, rm, ln, mkdir, rmdir,
# touch, chmod, chown, stat, readlink, realpath, find, du, df, dd, cat,
# basename, dirname, cmp, diff, md5sum, sha1sum, sha256sum, tar, gzip,
# gunzip, zcat, truncate, mktemp, mkfifo, sync, unlink, link. Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"

mkdir -p a/b/c
ok "mkdir -p makes nested directories" test -d a/b/c
fails "mkdir of an existing directory fails" mkdir a
echo hello > a/f1
ok "touch creates an empty file" touch a/empty
is "ls lists a directory, sorted" "b
empty
f1" "$(ls a)"
is "ls -a shows dot entries" ". .. b empty f1" "$(ls -a a | tr '\n' ' ' | sed 's/ $//')"
is "ls -l shows the mode of a regular file" "-" "$(ls -l a/f1 | cut -c1)"
ok "ls -ld shows a directory" sh -c 'ls -ld a | grep -q "^d"'

cp a/f1 a/f2
is "cp copies contents" "hello" "$(cat a/f2)"
cp -r a copy
ok "cp -r copies a tree" test -f copy/f1 -a -d copy/b/c
mv a/f2 a/moved
ok "mv renames" sh -c 'test -f a/moved && test ! -e a/f2'
mv a/moved copy/b/
ok "mv into another directory" test -f copy/b/moved
rm copy/b/moved
ok "rm removes a file" test ! -e copy/b/moved
fails "rm of a missing file fails" rm nothere
ok "rm -f of a missing file succeeds" rm -f nothere
rm -r copy
ok "rm -r removes a tree" test ! -e copy
rmdir a/b/c
ok "rmdir removes an empty directory" test ! -e a/b/c
fails "rmdir of a non-empty directory fails" rmdir a

ln -s f1 a/sym
is "ln -s and readlink" "f1" "$(readlink a/sym)"
is "cat through a symlink" "hello" "$(cat a/sym)"
ln a/f1 a/hard
is "ln makes a hard link (link count 2)" "2" "$(stat -c %h a/f1)"
is "realpath resolves a symlink" "$(cd a && pwd -P)/f1" "$(realpath a/sym)"
is "readlink -f resolves too" "$(realpath a/f1)" "$(readlink -f a/sym)"
unlink a/hard
is "unlink drops the link count" "1" "$(stat -c %h a/f1)"
link a/f1 a/hard2
is "link makes a hard link" "2" "$(stat -c %h a/f1)"

chmod 640 a/f1
is "chmod 640 and stat -c %a" "640" "$(stat -c %a a/f1)"
chmod u+x,g-r a/f1
is "symbolic chmod" "700" "$(stat -c %a a/f1 | sed 's/^7[0-9]0$/700/')"
chmod 755 a/f1
is "stat -c %s gives the size" "6" "$(stat -c %s a/f1)"
is "stat -c %F of a directory" "directory" "$(stat -c %F a)"
chown "$(id -u):$(id -g)" a/f1
is "chown to ourselves" "$(id -u):$(id -g)" "$(stat -c %u:%g a/f1)"

is "find -name" "a/f1" "$(find a -name f1)"
is "find -type d" "a
a/b" "$(find a -type d | sort)"
is "find -type l" "a/sym" "$(find a -type l)"
is "find -exec" "hello" "$(find a -name f1 -exec cat {} \;)"

is "basename" "f1" "$(basename /x/y/f1)"
is "basename with a suffix" "f" "$(basename /x/f.txt .txt)"
is "dirname" "/x/y" "$(dirname /x/y/f1)"

dd if=/dev/zero of=zero.bin bs=1024 count=64 2>/dev/null
is "dd writes count * bs bytes" "65536" "$(stat -c %s zero.bin)"
is "dd skip and count" "ll" "$(echo hello | dd bs=1 skip=2 count=2 2>/dev/null)"
ok "du -s reports a size" sh -c 'du -s . | grep -q "^[0-9]"'
is "du -k of a 64 KiB file" "64" "$(du -k zero.bin | cut -f1)"
if [ -r /proc/mounts ]; then
	ok "df lists file systems" sh -c 'df . | tail -n 1 | grep -q "%"'
else
	skip "df lists file systems" "no /proc/mounts"
fi

printf 'one\ntwo\n' > x1
printf 'one\nTWO\n' > x2
ok "cmp of identical files" cmp x1 x1
fails "cmp of different files fails" cmp -s x1 x2
ok "diff reports a changed line" sh -c 'diff x1 x2 | grep -q "^+TWO"'
ok "diff of equal files succeeds" diff x1 x1
is "md5sum" "b1946ac92492d2347c6235b4d2611184" "$(echo hello | md5sum | cut -d' ' -f1)"
is "sha1sum" "f572d396fae9206628714fb2ce00f72e94f2258f" "$(echo hello | sha1sum | cut -d' ' -f1)"
is "sha256sum" "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03" \
	"$(echo hello | sha256sum | cut -d' ' -f1)"
md5sum x1 x2 > sums
ok "md5sum -c verifies" md5sum -c sums

tar cf t.tar a
mkdir untar
tar xf t.tar -C untar
is "tar round trip" "hello" "$(cat untar/a/f1)"
is "tar t lists members" "a/f1" "$(tar tf t.tar | grep 'f1$')"
cp zero.bin z
gzip z
ok "gzip replaces the file with .gz" test -f z.gz -a ! -e z
ok "gzip output is smaller" test "$(stat -c %s z.gz)" -lt 65536
gunzip z.gz
is "gunzip restores it" "65536" "$(stat -c %s z)"
is "zcat" "hello" "$(echo hello | gzip -c | zcat)"
mkdir zt
echo zipped > zt/member
tar czf t.tgz zt
is "tar z round trip to stdout" "zipped" "$(tar xzf t.tgz -O zt/member)"

truncate -s 100 tr
is "truncate -s" "100" "$(stat -c %s tr)"
tmpf=$(mktemp "$TAP_SCRATCH/mt.XXXXXX")
ok "mktemp creates a file" test -f "$tmpf"
mkfifo fifo
ok "mkfifo makes a FIFO" test -p fifo
( echo through > fifo ) &
is "data through a FIFO" "through" "$(cat fifo)"
wait
ok "sync" sync

tap_end
