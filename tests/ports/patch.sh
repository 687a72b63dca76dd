#!/bin/sh
# patch.sh: GNU patch (ports/patch) against Debian's patch 2.7.6: unified,
# context and normal diffs (made here by hand, so the test needs no
# diff), -p, fuzz and offsets, -R, --dry-run, rejects, -b backups, new and
# deleted files, ed diffs (patch -e, which runs ed), and a 2000-line
# patch. On the host patch is Debian's, inside Basalt /usr/bin/patch is
# the port. Prints TAP.
# ports-test: patch ed
# ports-files: usr/bin/patch usr/bin/ed
set -u
. "$(dirname "$0")/lib.sh"
ports_use patch

is "--version names GNU patch 2.7.6" "GNU patch 2.7.6" "$(patch --version | head -n 1)"
printf 'a\nb\nc\nd\ne\n' > f
cp f pristine
cat > u.diff <<'DIFF'
--- x/f
+++ y/f
@@ -1,5 +1,6 @@
 a
-b
+B
 c
 d
 e
+f
DIFF
is "a unified diff with -p1" "patching file f" "$(patch -p1 < u.diff)"
is "the result" "a B c d e f" "$(tr '\n' ' ' < f | sed 's/ $//')"
is "-R reverses it" "patching file f" "$(patch -R -p1 < u.diff)"
ok "back to the original" cmp f pristine
is "--dry-run" "checking file f" "$(patch --dry-run -p1 < u.diff)"
ok "--dry-run leaves the file" cmp f pristine
printf 'z1\nz2\nz3\na\nb\nc\nd\ne\n' > f
is "an offset" "patching file f
Hunk #1 succeeded at 4 (offset 3 lines)." "$(patch -p1 < u.diff)"
printf '1\n2\n3\nfour\n5\n6\n7\n' > fz
cat > fz.diff <<'DIFF'
--- fz
+++ fz
@@ -1,7 +1,7 @@
 1
 2
 3
-4
+FOUR
 5
 6
 seven
DIFF
printf '1\n2\n3\n4\n5\n6\n7\n' > fz
is "fuzz: the last context line differs" "patching file fz
Hunk #1 succeeded at 1 with fuzz 1." "$(patch < fz.diff)"
is "the fuzzy result" "1 2 3 FOUR 5 6 7" "$(tr '\n' ' ' < fz | sed 's/ $//')"
printf 'q\nr\ns\nt\n' > f
patch -p1 < u.diff > out 2>&1
is "a failed hunk: status 1" "1" "$?"
is "its report" "patching file f
Hunk #1 FAILED at 1.
1 out of 1 hunk FAILED -- saving rejects to file f.rej" "$(cat out)"
ok "the .rej file holds the hunk" grep -q '^+B$' f.rej
cp pristine g
cat > c.diff <<'DIFF'
*** g.old
--- g
***************
*** 2,4 ****
  b
! c
  d
--- 2,4 ----
  b
! C
  d
DIFF
is "a context diff" "patching file g" "$(patch < c.diff)"
is "its result" "a b C d e" "$(tr '\n' ' ' < g | sed 's/ $//')"
cp pristine h
printf '3c3\n< c\n---\n> see\n' > n.diff
is "a normal diff, -b keeps a backup" "patching file h" "$(patch -b h < n.diff)"
is "the backup" "a b c d e" "$(tr '\n' ' ' < h.orig | sed 's/ $//')"
is "the patched file" "a b see d e" "$(tr '\n' ' ' < h | sed 's/ $//')"
# An ed diff (diff -e's form): patch -e writes the script to a file and
# runs "ed - FILE" on it (ports/ed inside Basalt).
printf 'a\nb\nc\nd\ne\n' > e
printf '4c\nD\nd2\n.\n2d\n0a\nzero\n.\n' > e.diff
is "an ed diff: patch -e is silent" "" "$(patch -e -i e.diff e 2>&1)"
is "its result" "zero a c D d2 e" "$(tr '\n' ' ' < e | sed 's/ $//')"
printf 'a\nb\n' > e2
printf '9d\n' > e2.diff
is "an ed diff that does not apply: ed's ? and patch's report" "?
patch: **** ed FAILED" "$(patch -e -i e2.diff e2 2>&1 | ports_base)"
patch -e -i e2.diff e2 > /dev/null 2>&1
is "its status" "2" "$?"
is "the file is unchanged" "a b" "$(tr '\n' ' ' < e2 | sed 's/ $//')"
cat > new.diff <<'DIFF'
--- /dev/null
+++ b/sub/newfile
@@ -0,0 +1,2 @@
+fresh
+file
DIFF
is "a new file in a new directory" "patching file sub/newfile" "$(patch -p1 < new.diff)"
is "its content" "fresh file" "$(tr '\n' ' ' < sub/newfile | sed 's/ $//')"
cat > del.diff <<'DIFF'
--- a/sub/newfile
+++ /dev/null
@@ -1,2 +0,0 @@
-fresh
-file
DIFF
is "a deletion" "patching file sub/newfile" "$(patch -p1 < del.diff)"
fails "the file is gone" test -e sub/newfile
# The workload: a patch changing every 10th line of 2000.
seq 1 2000 > big
seq 1 2000 | awk 'NR % 10 == 0 { print $0 "x"; next } { print }' > big.want
i=0
{
	echo '--- big'
	echo '+++ big'
	while [ $i -lt 200 ]; do
		n=$((i * 10 + 10))
		printf '@@ -%d,1 +%d,1 @@\n-%d\n+%dx\n' $n $n $n $n
		i=$((i + 1))
	done
} > big.diff
is "200 hunks: patch's report" "patching file big" "$(patch < big.diff)"
ok "200 hunks: the result" cmp big big.want
tap_end
