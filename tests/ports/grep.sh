#!/bin/sh
# grep.sh: GNU grep (ports/grep) against the output of Debian's grep 3.8:
# basic, extended and fixed patterns, back-references, -i -w -x -v -c -o
# -n -b -m -q -l -L -h -H, context lines, -r with --include, -f, -z,
# --color, egrep and fgrep, exit statuses, and a 5000-line workload. On
# the host the grep of PATH is Debian's, inside Basalt /usr/bin/grep is
# the port (BusyBox's is /bin/grep). Prints TAP.
# ports-test: grep
# ports-files: usr/bin/grep usr/bin/egrep usr/bin/fgrep
set -u
. "$(dirname "$0")/lib.sh"
ports_use grep egrep fgrep

printf 'apple pie\nbanana split\ncherry tart\nApple crumble\npineapple\n' > fruit
is "--version names GNU grep 3.8" "grep (GNU grep) 3.8" "$(grep --version | head -n 1)"
is "a basic pattern" "apple pie
pineapple" "$(grep 'apple' fruit)"
is "-i" "3" "$(grep -ci apple fruit)"
is "-w matches whole words" "apple pie" "$(grep -w apple fruit)"
is "-x matches whole lines" "pineapple" "$(grep -x 'pine.*' fruit)"
is "-v and -c" "2" "$(grep -vc -i apple fruit)"
is "-o prints only the matches" "an an" "$(grep -o 'an' fruit | tr '\n' ' ' | sed 's/ $//')"
is "-n and -b" "2:10:banana split" "$(grep -n -b banana fruit)"
is "-E alternation and a bound" "banana split
cherry tart" "$(grep -E '(na){2}|r{2}' fruit)"
is "a back-reference" "banana split" "$(grep '\(an\)\1' fruit)"
is "classes" "Apple crumble" "$(grep '^[[:upper:]]' fruit)"
is "-F takes the pattern literally" "a.b" "$(printf 'a.b\naxb\n' | grep -F 'a.b')"
is "-m stops after N matches" "apple pie" "$(grep -m1 apple fruit)"
is "-A1 -B1 context (adjacent groups merge)" "apple pie
banana split
Apple crumble
pineapple" "$(grep -A1 -B1 -E 'split|pine' fruit | grep -v cherry)"
is "-C1 with a separator" "banana split
cherry tart
Apple crumble" "$(grep -C1 cherry fruit)"
printf 'apple\nsplit\n' > pats
is "-f reads the patterns" "apple pie
banana split
pineapple" "$(grep -f pats fruit)"
grep -q cherry fruit
is "-q: status 0 on a match" "0" "$?"
grep -q durian fruit
is "no match: status 1" "1" "$?"
grep durian no-such-file 2>/dev/null
is "a missing file: status 2" "2" "$?"
is "its message" "grep: no-such-file: No such file or directory" "$(grep x no-such-file 2>&1 | ports_base)"
mkdir -p d/sub
echo 'needle one' > d/a.txt
echo 'needle two' > d/sub/b.txt
echo 'needle three' > d/sub/c.log
is "-r with --include, sorted" "d/a.txt:needle one
d/sub/b.txt:needle two" "$(grep -r --include='*.txt' needle d | sort)"
is "-l lists the files" "d/sub/c.log" "$(grep -rl three d)"
is "-L lists the others" "d/a.txt d/sub/b.txt" "$(grep -rL three d | sort | tr '\n' ' ' | sed 's/ $//')"
is "-h and -H" "needle one d/a.txt:needle one" "$(grep -h one d/a.txt) $(grep -H one d/a.txt)"
is "-c on several files" "d/a.txt:1 d/sub/b.txt:0" "$(grep -c one d/a.txt d/sub/b.txt | tr '\n' ' ' | sed 's/ $//')"
printf 'x1\0y2\0x3\0' > nul
is "-z: NUL-separated lines" "x1|x3|" "$(grep -z x nul | tr '\0' '|')"
is "--color=always marks the match" "$(printf 'b\033[01;31m\033[Kanana\033[m\033[K split')" \
	"$(grep --color=always 'anana' fruit)"
is "egrep is grep -E" "banana split" "$(egrep 'ban(an)+a' fruit 2>/dev/null)"
is "fgrep is grep -F" "a.b" "$(printf 'a.b\naxb\n' | fgrep 'a.b' 2>/dev/null)"
is "binary input: the match is reported, not printed" "grep: nul: binary file matches" "$(grep y nul 2>&1 | ports_base)"
# The workload: 5000 numbered lines.
seq 1 5000 > nums
is "5000 lines: lines with a 7" "1355" "$(grep -c 7 nums)"
is "5000 lines: palindromes of four digits" "40" "$(grep -cE '^([0-9])([0-9])\2\1$' nums)"
is "5000 lines: -v -e -e, by MD5" "15ceae880271c790d84b8066bebbe9dc" \
	"$(grep -v -e 3 -e '^[0-9]\{1,2\}$' nums | md5sum | cut -d' ' -f1)"
tap_end
