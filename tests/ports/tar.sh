#!/bin/sh
# tar.sh: GNU tar (ports/tar) on the host (Debian's tar 1.34) and inside
# Basalt (ours), the same checks: a tree with a hard link, a symbolic
# link, an empty directory, modes and a name past ustar's 100 bytes is
# packed reproducibly (fixed owner and time, sorted names), and the GNU
# and POSIX (pax) archives are Debian's bytes; through gzip, bzip2 and xz
# (tar runs the programs: ours inside Basalt) too; listing, extraction,
# appending, comparing (-d) and the errors on a damaged archive.
# ports-test: tar gzip bzip2 xz-utils
# ports-files: usr/bin/tar
. "$(dirname "$0")/lib.sh"
# Ours, not our BusyBox shell's applets of the same names (lib.sh).
ports_use tar

TZ=UTC
export TZ
umask 022
mkdir -p tree/sub/deeper tree/empty
printf 'hello\n' > tree/a.txt
seq 1 3000 > tree/sub/numbers
ln tree/a.txt tree/sub/hard
ln -s ../a.txt tree/sub/link
long=tree/sub/deeper/this-is-a-rather-long-file-name-that-goes-past-the-one-hundred-byte-limit-of-ustar-names.txt
printf 'long\n' > "$long"
chmod 600 tree/sub/numbers
chmod 700 tree/empty

set -- --owner=0 --group=0 --numeric-owner --mtime=@1577934245 --sort=name
tar --format=gnu "$@" -cf a.tar tree
is "GNU format archive" 3b4eee15c126f89e5705751e3410d2f4 "$(ports_md5 a.tar)"
tar --format=posix --pax-option=delete=atime,delete=ctime "$@" -cf p.tar tree
is "POSIX (pax) format archive" 9d1e71ec7d9ca184088f0cd4639c2e66 "$(ports_md5 p.tar)"
tar --format=gnu "$@" -czf a.tgz tree
is "tar -z (through gzip)" a5629c3e63256ebfbbd5f47ed4e7e4a1 "$(ports_md5 a.tgz)"
tar --format=gnu "$@" -cjf a.tbz tree
is "tar -j (through bzip2)" 3705311540061b7c501b56b714f7f785 "$(ports_md5 a.tbz)"
tar --format=gnu "$@" -cJf a.txz tree
is "tar -J (through xz)" 112674d59257de7fe3f631bc8e1cae0a "$(ports_md5 a.txz)"

is "tar -tvf lists types, modes, owners, sizes, times and links" "drwxr-xr-x 0/0               0 2020-01-02 03:04 tree/
-rw-r--r-- 0/0               6 2020-01-02 03:04 tree/a.txt
drwx------ 0/0               0 2020-01-02 03:04 tree/empty/
drwxr-xr-x 0/0               0 2020-01-02 03:04 tree/sub/
drwxr-xr-x 0/0               0 2020-01-02 03:04 tree/sub/deeper/
-rw-r--r-- 0/0               5 2020-01-02 03:04 $long
hrw-r--r-- 0/0               0 2020-01-02 03:04 tree/sub/hard link to tree/a.txt
lrwxrwxrwx 0/0               0 2020-01-02 03:04 tree/sub/link -> ../a.txt
-rw------- 0/0           13893 2020-01-02 03:04 tree/sub/numbers" "$(tar -tvf a.tar)"

mkdir out
ok "tar -xf extracts the pax archive" tar -xf p.tar -C out
ok "the files' contents" sh -c 'cmp out/tree/sub/numbers tree/sub/numbers && cmp "out/$1" "$1"' sh "$long"
is "the modes" "drwx------ -rw-------" "$(ls -ld out/tree/empty | cut -c1-10) $(ls -l out/tree/sub/numbers | cut -c1-10)"
is "the hard link is one inode" "$(ls -i out/tree/a.txt | cut -d' ' -f1)" "$(ls -i out/tree/sub/hard | cut -d' ' -f1)"
is "the symbolic link" "../a.txt" "$(readlink out/tree/sub/link)"
is "the time" "2020-01-02 03:04:05" "$(date -u -r out/tree/a.txt '+%Y-%m-%d %H:%M:%S')"
rm -rf out && mkdir out
ok "tar -xJf extracts through xz" tar -xJf a.txz -C out
ok "tar -d finds no difference with the tree" sh -c 'cd out && tar -df ../a.tar'
printf 'changed\n' > out/tree/a.txt
fails "tar -d sees a changed file" sh -c 'cd out && tar -df ../a.tar'
printf 'extra\n' > extra.txt
ok "tar -rf appends" tar -rf a.tar extra.txt
is "the appended member is last" "extra.txt" "$(tar -tf a.tar | tail -n 1)"
is "tar -xOf extracts one member to stdout" "hello" "$(tar -xOf a.tar tree/a.txt)"
head -c 10000 a.tar > cut.tar
fails "tar -tf fails on a truncated archive" tar -tf cut.tar
fails "tar -xf of a missing member fails" tar -xf a.tar no/such/member
tap_end
