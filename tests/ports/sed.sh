#!/bin/sh
# sed.sh: GNU sed (ports/sed) against the output of Debian's sed 4.9:
# substitutions with groups and GNU's case conversions, addresses and
# ranges, the hold space, in-place editing with a backup, y, a/i/c,
# w, -z, -s, a script file, error reports, and a 3000-line workload
# checked by its MD5. On the host the sed of PATH is Debian's, inside
# Basalt /usr/bin/sed is the port (BusyBox's is /bin/sed). Prints TAP.
# ports-test: sed
# ports-files: usr/bin/sed
set -u
. "$(dirname "$0")/lib.sh"
ports_use sed

is "--version names GNU sed 4.9" "sed (GNU sed) 4.9" "$(sed --version | head -n 1 | ports_base)"
is "s with -E groups, \\U and g" "Hell[O] w[O]rld" \
	"$(echo 'hello world' | sed -E 's/(o+)/[\U\1]/g; s/^./\u&/')"
is "-n, a line number and \$=" "b
3" "$(printf 'a\nb\nc\n' | sed -n '2p;$=')"
is "the hold space: tac" "3 2 1" "$(printf '1\n2\n3\n' | sed -n '1!G;h;$p' | tr '\n' ' ' | sed 's/ $//')"
is "a /re/,/re/ range deleted" "a e" \
	"$(printf 'a\nb\nc\nd\ne\n' | sed '/b/,/d/d' | tr '\n' ' ' | sed 's/ $//')"
is "first~step addresses" "1 4 7" "$(printf '%s\n' 1 2 3 4 5 6 7 8 | sed -n '1~3p' | tr '\n' ' ' | sed 's/ $//')"
is "addr,+N" "2 3 4" "$(printf '%s\n' 1 2 3 4 5 6 | sed -n '/2/,+2p' | tr '\n' ' ' | sed 's/ $//')"
is "y transliterates" "HELLO-123" "$(echo 'hello_123' | sed 'y/helo_/HELO-/')"
is "back-references and classes" "2026-12-07" \
	"$(echo '07/12/2026' | sed -E 's|([[:digit:]]+)/([0-9]+)/([0-9]{4})|\3-\2-\1|')"
is "a, i and c, GNU one-liners" "top
x
new
after" "$(printf 'x\ny\n' | sed -e '1i top' -e '1a new' -e '2c after' | sed '3s/.*/new/')"
printf 'one\ntwo\nthree\n' > f
ok "-i.bak edits in place" sed -i.bak 's/two/2/' f
is "the edited file" "one 2 three" "$(tr '\n' ' ' < f | sed 's/ $//')"
is "the backup keeps the original" "one two three" "$(tr '\n' ' ' < f.bak | sed 's/ $//')"
ok "w writes the matching lines to a file" sed -n '/o/w out' f
is "what w wrote" "one" "$(tr '\n' ' ' < out | sed 's/ $//')"
printf 'a\0b\0' > z
is "-z: NUL-separated records" "A|B|" "$(sed -z 's/^./\U&/' z | tr '\0' '|')"
printf 'l1\nl2\n' > g1
printf 'm1\nm2\n' > g2
is "-s: \$ is each file's last line" "l2 m2" "$(sed -s -n '$p' g1 g2 | tr '\n' ' ' | sed 's/ $//')"
is "without -s, one stream" "m2" "$(sed -n '$p' g1 g2)"
is "F prints the file name" "g1 l1 g2 m1" "$(sed -s -n '1{F;p}' g1 g2 | tr '\n' ' ' | sed 's/ $//')"
printf 's/a/b/\n/^$/d\n' > script.sed
is "-f reads a script file" "bbc" "$(printf 'abc\n\n' | sed -f script.sed | sed 's/a/b/')"
is "N joins lines" "1+2 3+4" "$(printf '1\n2\n3\n4\n' | sed 'N;s/\n/+/' | tr '\n' ' ' | sed 's/ $//')"
is "an unknown command: message" "sed: -e expression #1, char 1: unknown command: \`k'" \
	"$(sed k < /dev/null 2>&1 | ports_base)"
sed k < /dev/null 2>/dev/null
is "an unknown command: exit status 1" "1" "$?"
sed p no-such-file 2>/dev/null
is "a missing file: exit status 2" "2" "$?"
printf 'a\nb\n' > q
sed q5 q > qout
is "q5 exits with status 5" "5" "$?"
is "q5 prints up to its line" "a" "$(cat qout)"
# The workload: 3000 numbered lines through a script of several commands.
seq 1 3000 | sed -E 's/^([0-9]*)([0-9])$/\2:\1/' > big
is "3000 lines: the line count" "3000" "$(sed -n '$=' big)"
is "3000 lines: a multi-command script, by MD5" "8f786123c3e2b7156d85c1aa20968a1c" \
	"$(sed -e '/^[05]:/d' -e 's/:\(.*\)/ \1 \1/' -e '$!N;s/\n/,/' big | md5sum | cut -d' ' -f1)"
tap_end
