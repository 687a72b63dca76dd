#!/bin/sh
# ed.sh: GNU ed (ports/ed) against the output of Debian's ed 1.19: scripts
# on standard input with -s, line and pattern addresses, s///g and its
# variants, g/re/cmd and v, m, t, j, a/i/c/d, u, marks, r and w (whole
# and a range, W), errors ("?", H's messages, the exit status), "ed -
# FILE" as GNU patch runs it, red's restrictions, and a 3000-line edit.
# On the host ed is Debian's, inside Basalt /usr/bin/ed is the port.
# Prints TAP.
# ports-test: ed
# ports-files: usr/bin/ed usr/bin/red
set -u
. "$(dirname "$0")/lib.sh"
ports_use ed red

# ed_on FILE SCRIPT: runs ed -s on FILE with SCRIPT (printf format) on
# standard input; prints what ed prints.
ed_on() {
	printf "$2" | ed -s "$1"
}
lines() {
	tr '\n' ' ' < "$1" | sed 's/ $//'
}

is "--version names GNU ed 1.19" "GNU ed 1.19" "$(ed --version | head -n 1)"
printf 'one\ntwo\nthree\nfour\nfive\n' > f
is "line addresses: a range, \$, ., =" "two
three
four
five
4
5" "$(ed_on f '2,4p\n$p\n.-1=\n=\n')"
is "pattern addresses forward and back, offsets" "three
one
four" "$(ed_on f '/thr/p\n?one?p\n/e$/+1p\n')"
is "s///g on every line, then ,p" "0ne
tw0
three
f0ur
five" "$(ed_on f ',s/o/0/g\n,p\nQ\n')"
is "s: & and back-references, p" "[one]
t-w-o
thrEe" "$(ed_on f '1s/.*/[&]/p\n2s/\\(.\\)\\(.\\)/\\1-\\2-/p\n3s/e/E/p\nQ\n')"
is "g/re/cmd" "one two! three! four five" \
	"$(ed_on f 'g/^t/s/.*/&!/\n,p\nQ\n' | tr '\n' ' ' | sed 's/ $//')"
is "v/re/cmd" "one three five" "$(ed_on f 'v/e/d\n,p\nQ\n' | tr '\n' ' ' | sed 's/ $//')"
is "g with m0 reverses the lines it marked" "five four one two three" \
	"$(ed_on f 'g/^f/m0\n,p\nQ\n' | tr '\n' ' ' | sed 's/ $//')"
is "g with a command list" "one >two! >three! four five" \
	"$(ed_on f 'g/^t/s/$/!/\\\ns/^/>/\n,p\nQ\n' | tr '\n' ' ' | sed 's/ $//')"
printf 'a\nb\nc\nd\ne\n' > m
is "m: move lines 1-2 after the last" "c d e a b" \
	"$(ed_on m '1,2m$\nw\nq\n' >/dev/null; lines m)"
printf 'a\nb\nc\nd\ne\n' > m
is "m0 and t: move to the top, copy after 2" "e a e b c d" \
	"$(ed_on m '$m0\n1t2\n,p\nQ\n' | tr '\n' ' ' | sed 's/ $//')"
is "j joins a range" "abc
d
e" "$(ed_on m '1,3j\n,p\nQ\n')"
is "a, i, c and d" "first
a
B
C
inserted
d
last" "$(ed_on m '0a\nfirst\n.\n3,4c\nB\nC\n.\n5i\ninserted\n.\n$d\n$a\nlast\n.\n,p\nQ\n')"
is "u undoes the last change" "a b c d e" "$(ed_on m '2d\nu\nw\nq\n' >/dev/null; lines m)"
is "k marks a line, 'x addresses it" "c
d" "$(ed_on m "3ka\n1d\n'a,'a+1p\nQ\n")"
is "n numbers, l shows tabs and the end" "2	b
tab\\there\$" "$(printf 'x\ntab\there\n' > t; ed_on m '2n\nQ\n'; ed_on t '2l\nQ\n')"
printf 'inserted\nlines\n' > ins
is "r reads a file after a line: r's and w's sizes" "15
25
a b inserted lines c d e" "$(printf '2r ins\nw out\nq\n' | ed m | sed 1d; lines out)"
is "w with a range writes those lines" "a b c d e
b c d" "$(ed_on m '2,4w part\nq\n' >/dev/null; lines m; echo; lines part)"
is "W appends" "b c d e" "$(ed_on m '5W part\nq\n' >/dev/null; lines part)"
is "w prints the bytes written (without -s)" "10
10
4" "$(printf 'w copy\n1,2w two\nq\n' | ed m)"
ok "the whole copy is the file" cmp m copy

# Errors: "?" on standard output; H turns on the messages. An error in
# a script makes the exit status 1, the end of the input with a modified
# buffer 2; q fails once on a modified buffer.
is "an invalid address: ?" "?" "$(ed_on m '9p\n')"
ed_on m '9p\nq\n' >/dev/null
is "an invalid address: status 1" "1" "$?"
is "H: the message, and the next ones" "?
Invalid address
?
No previous pattern
a" "$(ed_on m 'H\n9p\n//p\n1p\n')"
is "an unknown command" "?
Unknown command" "$(ed_on m 'H\n@\nq\n')"
ed_on m '1d\n' >/dev/null
is "end of input with unsaved changes: status 2" "2" "$?"
is "q with unsaved changes: warned" "?
Warning: buffer modified" "$(ed_on m 'H\n1d\nq\n')"
ed_on m '1d\nq\nq\n' > /dev/null
is "q twice quits, status 1 (the error)" "1" "$?"
ed_on m '1,2p\nq\n' > /dev/null
is "a clean script: status 0" "0" "$?"
is "a missing file: the message" "nosuch: No such file or directory" \
	"$(ed -s nosuch < /dev/null 2>&1)"
is "no file name: ?" "?
No current filename" "$(printf 'H\nw\n' | ed -s)"

# As GNU patch runs it (patch -e): "ed - FILE", the script on stdin.
printf 'one\ntwo\nthree\n' > p
printf '3c\nTHREE\n.\n1a\none and a half\n.\nw\nq\n' | ed - p > pout
is "ed - FILE: silent" "" "$(cat pout)"
is "ed - FILE: the edit" "one|one and a half|two|THREE" "$(tr '\n' '|' < p | sed 's/|$//')"

# red: no shell escapes, no files outside the current directory.
is "red refuses !" "?
Shell access restricted" "$(printf 'H\n!echo no\n' | red -s m)"
is "red refuses a path" "?
Directory access restricted" "$(printf 'H\nw /tmp/red-out\n' | red -s m)"

# The workload: 3000 lines, every third one changed by its own s
# command, then changed back by one g command.
seq 1 3000 > big
cp big big.orig
seq 1 3000 | awk 'NR % 3 == 0 { print "x" $0 "x"; next } { print }' > big.want
i=3
while [ $i -le 3000 ]; do
	printf '%ds/.*/x&x/\n' $i
	i=$((i + 3))
done > big.ed
printf 'w\nq\n' >> big.ed
is "3000 lines, 1000 s commands: the size written" "15893" "$(ed big < big.ed | sed 1d)"
ok "3000 lines: the result" cmp big big.want
is "g/re/s on 1000 of them: the size written" "13893" "$(printf 'g/^x/s/x//g\nw\nq\n' | ed big | sed 1d)"
ok "g/re/s: the original again" cmp big big.orig
tap_end
