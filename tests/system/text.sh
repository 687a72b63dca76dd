#!/bin/sh
# text.sh: BusyBox text applets: grep, egrep, fgrep, sed, awk, sort,
# uniq, wc, head, tail, cut, tr, xargs, tee, nl, od, hexdump, xxd,
# paste, fold, rev, tac, expand, seq, printf, echo, yes, expr, test,
# base64, strings, factor, shuf, dos2unix. (BusyBox 1.35 as Debian
# builds it has no comm.) Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"

printf 'apple 3\nbanana 1\ncherry 2\napple 5\n' > fruit

is "grep" "banana 1" "$(grep ban fruit)"
is "grep -c" "2" "$(grep -c apple fruit)"
is "grep -v" "2" "$(grep -v apple fruit | wc -l | tr -d ' ')"
is "grep -i" "banana 1" "$(grep -i BANANA fruit)"
is "grep -n" "2:banana 1" "$(grep -n banana fruit)"
is "grep -E alternation" "2" "$(grep -E 'banana|cherry' fruit | wc -l | tr -d ' ')"
is "egrep" "cherry 2" "$(egrep '^ch.*2$' fruit)"
is "fgrep takes the pattern literally" "a.b" "$(printf 'a.b\naxb\n' | fgrep a.b)"
fails "grep exits 1 without a match" grep -q durian fruit
is "grep -o" "an
an" "$(echo banana | grep -o 'an' | head -n 2)"

is "sed s///" "apricot 3" "$(sed -n '1s/apple/apricot/p' fruit)"
is "sed s///g" "bononor" "$(echo banana | sed 's/a/o/g; s/$/r/')"
is "sed -n with a range" "banana 1
cherry 2" "$(sed -n '2,3p' fruit)"
is "sed d" "3" "$(sed '/banana/d' fruit | wc -l | tr -d ' ')"
is "sed with a back reference" "1 banana" "$(sed -n 's/^\(banana\) \([0-9]\)$/\2 \1/p' fruit)"
cp fruit f2
sed -i 's/cherry/plum/' f2
is "sed -i edits in place" "plum 2" "$(grep plum f2)"

is "awk sums a column" "11" "$(awk '{ s += $2 } END { print s }' fruit)"
is "awk with a condition and -F" "b" "$(echo 'a:b:c' | awk -F: '$2 == "b" { print $2 }')"
is "awk printf and NR" "4 lines" "$(awk 'END { printf "%d lines\n", NR }' fruit)"
is "awk associative arrays" "apple 8" "$(awk '{ t[$1] += $2 } END { print "apple", t["apple"] }' fruit)"

is "sort" "apple 3
apple 5
banana 1
cherry 2" "$(sort fruit)"
is "sort -k2 -n" "banana 1" "$(sort -k2 -n fruit | head -n 1)"
is "sort -r" "cherry 2" "$(sort -r fruit | head -n 1)"
is "sort -u" "2" "$(printf 'b\na\nb\n' | sort -u | wc -l | tr -d ' ')"
is "uniq -c" "2 a" "$(printf 'a\na\nb\n' | uniq -c | head -n 1 | sed 's/^ *//')"
is "uniq -d" "a" "$(printf 'a\na\nb\n' | uniq -d)"

is "wc -l" "4" "$(wc -l < fruit | tr -d ' ')"
is "wc -w" "8" "$(wc -w < fruit | tr -d ' ')"
is "wc -c" "6" "$(printf 'hello\n' | wc -c | tr -d ' ')"
is "head -n" "apple 3" "$(head -n 1 fruit)"
is "tail -n" "apple 5" "$(tail -n 1 fruit)"
is "tail -n +3" "cherry 2
apple 5" "$(tail -n +3 fruit)"
is "head -c" "app" "$(head -c 3 fruit)"
is "cut -d -f" "1
3" "$(printf 'a:1\nb:3\n' | cut -d: -f2)"
is "cut -c" "ban" "$(echo banana | cut -c1-3)"
is "tr a-z A-Z" "HELLO" "$(echo hello | tr a-z A-Z)"
is "tr -d" "hll" "$(echo hello | tr -d eo)"
is "tr -s" "helo" "$(echo hello | tr -s l)"

is "xargs" "a b c" "$(printf 'a\nb\nc\n' | xargs echo)"
is "xargs -n 1" "3" "$(printf 'a b c' | xargs -n 1 echo | wc -l | tr -d ' ')"
is "xargs -I" "[x]" "$(echo x | xargs -I{} echo '[{}]')"
# execve takes a quarter of RLIMIT_STACK of arguments, however many.
is "xargs with 50,000 arguments" "50000" "$(seq 1 50000 | xargs echo | wc -w | tr -d ' ')"
echo tee-data | tee t1 t2 > /dev/null
is "tee writes every file" "tee-data tee-data" "$(cat t1) $(cat t2)"
echo more | tee -a t1 > /dev/null
is "tee -a appends" "2" "$(wc -l < t1 | tr -d ' ')"

is "nl numbers lines" "1	x" "$(echo x | nl | sed 's/^ *//')"
is "od -c" "a   b  \n" "$(printf 'ab\n' | od -An -c | sed 's/^ *//; s/ *$//')"
is "od -x" "6261" "$(printf 'ab' | od -An -x | tr -d ' ')"
is "hexdump -C" "00000000  41 42                                             |AB|" \
	"$(printf AB | hexdump -C | head -n 1)"
is "xxd -p" "4142" "$(printf AB | xxd -p)"
printf '1\n2\n' > c1
printf 'a\nb\n' > c2
is "paste" "1	a
2	b" "$(paste c1 c2)"
is "paste -s -d" "1,2" "$(paste -s -d, c1)"
is "fold -w" "abc
def" "$(echo abcdef | fold -w 3)"
is "rev" "olleh" "$(echo hello | rev)"
is "tac" "2
1" "$(tac c1)"
is "expand tabs" "a       b" "$(printf 'a\tb\n' | expand)"
is "seq" "1 2 3" "$(seq 3 | tr '\n' ' ' | sed 's/ $//')"
is "seq with a step" "10 7 4 1" "$(seq 10 -3 1 | tr '\n' ' ' | sed 's/ $//')"
is "printf formats" "x=  42 y=ff s=hi" "$(printf 'x=%4d y=%x s=%s' 42 255 hi)"
is "echo -n" "ab" "$(echo -n a; echo b)"
is "yes | head" "y y y" "$(yes | head -n 3 | tr '\n' ' ' | sed 's/ $//')"
is "yes with a word" "ok" "$(yes ok | head -n 1)"

is "expr arithmetic" "14" "$(expr 2 + 3 \* 4)"
is "expr string length" "5" "$(expr length hello)"
is "expr match" "3" "$(expr abcdef : 'abc')"
fails "expr returns 1 for a zero result" expr 0 + 0
ok "test -n" test -n x
ok "[ = ]" [ abc = abc ]
fails "test -z of a string" test -z x
ok "test integer comparisons" test 10 -gt 9 -a 3 -le 3
ok "test -e / -f / -d" sh -c 'test -e fruit && test -f fruit && test -d .'

is "base64 round trip" "hello" "$(echo hello | base64 | base64 -d)"
is "base64 encoding" "aGVsbG8K" "$(echo hello | base64)"
printf 'ab\001\002longer-string\000x' > bin
is "strings" "longer-string" "$(strings bin)"
is "factor" "12: 2 2 3" "$(factor 12)"
is "shuf keeps every line" "1 2 3" "$(seq 3 | shuf | sort | tr '\n' ' ' | sed 's/ $//')"
printf 'dos\r\n' > d
dos2unix d
is "dos2unix strips CR" "4" "$(wc -c < d | tr -d ' ')"

tap_end
