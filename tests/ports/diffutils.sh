#!/bin/sh
# diffutils.sh: GNU diff, cmp, diff3 and sdiff (ports/diffutils) against
# the output of Debian's diffutils 3.8: normal, unified, context and
# side-by-side output, -r on directories, the whitespace and case
# options, exit statuses, diff3 merges, cmp's reports, and a 4000-line
# workload. On the host these are Debian's (from PATH), inside Basalt
# the port's in /usr/bin. Prints TAP.
# ports-test: diffutils
# ports-files: usr/bin/diff usr/bin/cmp usr/bin/diff3 usr/bin/sdiff
set -u
. "$(dirname "$0")/lib.sh"
ports_use diff cmp diff3 sdiff

printf 'a\nb\nc\nd\ne\n' > old
printf 'a\nB\nc\nd\ne\nf\n' > new
is "--version names GNU diffutils 3.8" "diff (GNU diffutils) 3.8" "$(diff --version | head -n 1)"
is "normal output" "2c2
< b
---
> B
5a6
> f" "$(diff old new)"
diff old new > /dev/null
is "a difference: status 1" "1" "$?"
diff old old
is "no difference: status 0" "0" "$?"
diff old no-such-file 2>/dev/null
is "trouble: status 2" "2" "$?"
is "-u with labels" "--- x
+++ y
@@ -1,5 +1,6 @@
 a
-b
+B
 c
 d
 e
+f" "$(diff -u --label x --label y old new)"
is "-U0" "@@ -2 +2 @@
-b
+B
@@ -5,0 +6 @@
+f" "$(diff -U0 old new | tail -n +3)"
is "-c with labels" "*** x
--- y
***************
*** 1,5 ****
  a
! b
  c
  d
  e
--- 1,6 ----
  a
! B
  c
  d
  e
+ f" "$(diff -c --label x --label y old new)"
is "-i ignores case" "5a6
> f" "$(diff -i old new)"
printf 'a  b\n\nc\n' > ws1
printf 'a b\nc\n' > ws2
is "-b -B ignore blanks and blank lines" "" "$(diff -b -B ws1 ws2)"
is "-q" "Files old and new differ" "$(diff -q old new)"
is "-y side by side, 30 columns" "a		a
b	      |	B
c		c
d		d
e		e
	      >	f" "$(diff -y -W 30 old new)"
mkdir -p d1/s d2/s
echo same > d1/same; echo same > d2/same
echo one > d1/s/f; echo two > d2/s/f
echo only > d1/gone
echo new > d2/added
is "-r on directories (names in order)" "Only in d2: added
Only in d1: gone
diff -r d1/s/f d2/s/f
1c1
< one
---
> two" "$(diff -r d1 d2)"
is "-rq" "Only in d2: added
Only in d1: gone
Files d1/s/f and d2/s/f differ" "$(diff -rq d1 d2)"
is "-N treats a missing file as empty" "0a1
> new" "$(diff -N d1/added d2/added)"
printf '1\n2\n3\n4\n5\n' > base
printf '1\ntwo\n3\n4\n5\n' > mine
printf '1\n2\n3\n4\nfive\n' > yours
is "diff3 -m merges both changes" "1 two 3 4 five" "$(diff3 -m mine base yours | tr '\n' ' ' | sed 's/ $//')"
printf '1\nTWO\n3\n4\n5\n' > theirs
is "diff3 -m marks a conflict" "1
<<<<<<< mine
two
||||||| base
2
=======
TWO
>>>>>>> theirs
3
4
5" "$(diff3 -m mine base theirs)"
is "cmp reports the first difference" "old new differ: char 3, line 2" "$(cmp old new)"
is "cmp -l lists the bytes" "3 142 102" "$(cmp -l old new 2>/dev/null | tr -s ' ' | sed 's/^ //')"
is "cmp -s: status 1, no output" "1" "$(cmp -s old new; echo $?)"
head -n 3 old > short
is "cmp at the end of the shorter file" "cmp: EOF on short after byte 6, line 3" "$(cmp short old 2>&1)"
is "sdiff -s shows the changed lines" "b							      |	B
							      >	f" "$(sdiff -s old new)"
# The workload: 4000 lines, every 97th changed and every 389th removed.
seq 1 4000 > big1
# (awk, not GNU sed's first~step: inside Basalt sed is BusyBox's here)
seq 1 4000 | awk 'NR % 389 == 0 { next } NR % 97 == 0 { print $0 " changed"; next } { print }' > big2
is "4000 lines: diff's line count" "183" "$(diff big1 big2 | wc -l | tr -d ' ')"
is "4000 lines: -u, by MD5" "7ac05490357ec029fbb738ed5711f765" \
	"$(diff -u --label a --label b big1 big2 | md5sum | cut -d' ' -f1)"
tap_end
