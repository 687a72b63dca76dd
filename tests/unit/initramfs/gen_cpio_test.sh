#!/bin/sh
# gen_cpio_test.sh: the initramfs packer (initramfs/gen_cpio.c) on a small
# file list: GNU cpio reads the archive back with the listed types, modes,
# owners and contents; two runs give the same bytes; the mtime is -t's or
# $SOURCE_DATE_EPOCH's; bad lines and missing files are errors naming the
# line, and leave no archive behind. Prints TAP.
# Usage: gen_cpio_test.sh [GEN_CPIO]   (default: build/host/gen_cpio)
set -eu

gen=$(cd "$(dirname "${1:-build/host/gen_cpio}")" && pwd)/$(basename "${1:-build/host/gen_cpio}")
dir=$(mktemp -d "${TMPDIR:-/tmp}/gen_cpio_test.XXXXXX")
trap 'rm -rf "$dir"' EXIT
cd "$dir"

n=0
failed=0
check() {
	n=$((n + 1))
	if [ "$1" = "$2" ]; then
		echo "ok $n - $3"
	else
		echo "not ok $n - $3"
		printf '# expected: [%s]\n#      got: [%s]\n' "$1" "$2"
		failed=$((failed + 1))
	fi
}

printf 'hello\n' > hello.txt
printf 'abc' > three		# not a multiple of 4: padded
: > empty
cat > list <<'LIST'
# a comment, then a blank line

dir /etc 0755 0 0
dir /tmp 1777 0 0
dir /root 0700 0 0
file /etc/shadow empty 0600 0 0
file /etc/hello hello.txt 0644 1000 100	# owner from the list
file /three three 4755 0 0
slink /bin/sh busybox 0777 0 0
nod /dev/console 0600 0 0 c 5 1
nod /dev/sda 0660 0 6 b 8 0
pipe /run/fifo 0620 0 0
LIST

"$gen" list out.cpio 2> err
check 0 $? "a good list packs"
"$gen" list again.cpio
check same "$(cmp -s out.cpio again.cpio && echo same)" "two runs give the same bytes"
check 070701 "$(head -c 6 out.cpio)" "the magic is newc's 070701"
check 0 $(($(wc -c < out.cpio) % 4)) "the archive length is a multiple of 4"

# GNU cpio's verbose listing: mode, links, uid, gid, size, date, name.
cpio -itv --quiet --numeric-uid-gid < out.cpio 2>/dev/null |
	awk '$1 ~ /^l/ { print $1, $3, $4, $(NF - 2), "->", $NF; next }
		{ print $1, $3, $4, $NF }' > listing
check "drwxr-xr-x 0 0 etc
drwxrwxrwt 0 0 tmp
drwx------ 0 0 root
-rw------- 0 0 etc/shadow
-rw-r--r-- 1000 100 etc/hello
-rwsr-xr-x 0 0 three
lrwxrwxrwx 0 0 bin/sh -> busybox
crw------- 0 0 dev/console
brw-rw---- 0 6 dev/sda
prw--w---- 0 0 run/fifo" "$(cat listing)" "types, modes and owners as listed (cpio -itv)"
check "5, 1" "$(cpio -itv --quiet < out.cpio 2>/dev/null | grep console | awk '{ print $5, $6 }')" \
	"the device numbers of a nod"
check "hello" "$(cpio -i --quiet --to-stdout etc/hello < out.cpio)" "a file's contents"
check "abc" "$(cpio -i --quiet --to-stdout three < out.cpio)" "an unaligned file's contents"
check "1" "$(grep -c 'TRAILER!!!' out.cpio)" "the archive ends with TRAILER!!!"

# The mtime field (the sixth, after magic and five fields of 8 digits).
mtime() { dd if="$1" bs=1 skip=46 count=8 2>/dev/null; }
check 00000000 "$(mtime out.cpio)" "the mtime defaults to 0"
"$gen" -t 1234 list t.cpio
check 000004D2 "$(mtime t.cpio)" "-t sets the mtime"
SOURCE_DATE_EPOCH=1700000000 "$gen" list s.cpio
check 6553F100 "$(mtime s.cpio)" "SOURCE_DATE_EPOCH sets the mtime"

# Errors: exit 1, the list's name and line number, no archive left.
bad() {
	printf '%s\n' "dir /ok 0755 0 0" "$1" > bad.list
	rc=0
	"$gen" bad.list bad.cpio 2> bad.err || rc=$?
	check "1 yes no" "$rc $(grep -q "^gen_cpio: bad.list:2: $2" bad.err && echo yes || echo no) \
$([ -e bad.cpio ] && echo yes || echo no)" "error: $3"
	[ $rc -ne 0 ] || sed 's/^/# /' bad.err
}
bad "dire /x 0755 0 0" "unknown entry type 'dire'" "an unknown entry type"
bad "dir /x 0755 0" "expected 'dir NAME MODE UID GID'" "too few fields"
bad "dir /x 0755 0 0 9" "expected" "too many fields"
bad "dir /x 0999 0 0" "bad mode" "a mode that is not octal"
bad "dir /x 17777 0 0" "bad mode" "a mode with type bits"
bad "dir /x 0755 -1 0" "bad uid" "a negative uid"
bad "file /x no-such-file 0644 0 0" "no-such-file: No such file or directory" "a missing file"
bad "file /x . 0644 0 0" ".: not a regular file" "a directory as file"
bad "nod /dev/x 0600 0 0 x 1 1" "device type 'x'" "a bad device type"
rc=0
"$gen" no-list x.cpio 2> err || rc=$?
check "1" "$rc" "a missing list is an error"
rc=0
"$gen" list 2> err || rc=$?
check "2" "$rc" "a usage error"

echo "1..$n"
[ "$failed" -eq 0 ]
