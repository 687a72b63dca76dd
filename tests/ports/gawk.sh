#!/bin/sh
# gawk.sh: GNU awk (ports/gawk) against Debian's gawk 5.2.1: fields and
# FS/OFS, patterns and ranges, associative arrays and sorted traversal,
# the string functions with gensub and regex captures (match's array),
# printf, arithmetic and the math functions, getline from files and
# commands, output to pipes and files, user functions with recursion,
# FPAT, strftime in UTC, exit statuses, -v and -f, and a 5000-line
# report. On the host gawk is Debian's, inside Basalt /usr/bin/gawk the
# port. Prints TAP.
# ports-test: gawk
# ports-files: usr/bin/gawk usr/bin/awk
set -u
. "$(dirname "$0")/lib.sh"
ports_use gawk awk

is "--version names GNU Awk 5.2.1" "GNU Awk 5.2.1" "$(gawk --version | head -n 1 | cut -d, -f1)"
printf 'alice 30 paris\nbob 25 rome\ncarol 35 paris\ndave 28 oslo\n' > people
is "fields and a condition" "alice carol" "$(gawk '$3 == "paris" { printf "%s%s", s, $1; s = " " } END { print "" }' people)"
is "NR, NF and \$NF" "4 3 oslo" "$(gawk 'END { print NR, NF, $NF }' people)"
is "FS and OFS" "a-b-c" "$(echo 'a:b:c' | gawk -F: -v OFS=- '{ $1 = $1; print }')"
is "a /re/,/re/ range" "bob carol" "$(gawk '/^bob/,/^carol/ { printf "%s ", $1 } END { print "" }' people | sed 's/ $//')"
is "arrays, sorted by index" "oslo:1 paris:2 rome:1" \
	"$(gawk '{ n[$3]++ } END { PROCINFO["sorted_in"] = "@ind_str_asc"; for (c in n) printf "%s:%d ", c, n[c]; print "" }' people | sed 's/ $//')"
is "sorted by value, descending" "carol alice dave bob" \
	"$(gawk '{ a[$1] = $2 } END { PROCINFO["sorted_in"] = "@val_num_desc"; for (k in a) printf "%s ", k; print "" }' people | sed 's/ $//')"
is "asort and length" "3 25 30 35" "$(gawk 'BEGIN { x[1] = 30; x[2] = 35; x[3] = 25; n = asort(x); print n, x[1], x[2], x[3] }')"
is "string functions" "6 3 ASA basalt-rock bxsxlt" \
	"$(gawk 'BEGIN { s = "basalt"; t = s; gsub(/a/, "x", t); print length(s), index(s, "sa"), toupper(substr(s, 2, 3)), s "-rock", t }')"
is "gensub with a back-reference" "2026-12-07" "$(gawk 'BEGIN { print gensub(/([0-9]+)\/([0-9]+)\/([0-9]+)/, "\\3-\\2-\\1", "g", "07/12/2026") }')"
is "match fills an array" "7 12" "$(gawk 'BEGIN { if (match("on 7 of 12", /([0-9]+) of ([0-9]+)/, m)) print m[1], m[2] }')"
is "split with a regex" "4 c" "$(gawk 'BEGIN { n = split("a1b22c333d", p, /[0-9]+/); print n, p[3] }')"
is "printf formats" "00042|  3.14|ff|x   |1.500000e+03" \
	"$(gawk 'BEGIN { printf "%05d|%6.2f|%x|%-4s|%e\n", 42, 3.14159, 255, "x", 1500 }')"
is "arithmetic and math functions" "1024 3.14159 2.71828 1.41421 3 -3" \
	"$(gawk 'BEGIN { printf "%d %.5f %.5f %.5f %d %d\n", 2^10, atan2(0, -1), exp(1), sqrt(2), int(3.9), int(-3.9) }')"
is "integer precision to 2^53" "9007199254740992" "$(gawk 'BEGIN { printf "%d\n", 2^53 }')"
is "a recursive function" "3628800" "$(gawk 'function f(n) { return n <= 1 ? 1 : n * f(n - 1) } BEGIN { print f(10) }')"
is "getline from a file" "alice bob" "$(gawk 'BEGIN { while ((getline line < "people") > 0 && ++i <= 2) { split(line, w); printf "%s%s", s, w[1]; s = " " } print "" }')"
is "getline from a command" "hello" "$(gawk 'BEGIN { "echo hello" | getline x; close("echo hello"); print x }')"
is "printing to a pipe" "1 2 3" "$(gawk 'BEGIN { for (i = 3; i >= 1; i--) print i | "sort -n"; close("sort -n") }' | tr '\n' ' ' | sed 's/ $//')"
gawk '{ print $1 > ($3 ".txt") }' people
is "printing to files named by data" "alice carol" "$(tr '\n' ' ' < paris.txt | sed 's/ $//')"
is "FPAT for quoted CSV fields" "3|b,c|d" "$(echo 'a,"b,c",d' | gawk -v FPAT='([^,]+)|("[^"]+")' '{ gsub(/"/, "", $2); print NF "|" $2 "|" $3 }')"
is "strftime in UTC" "2001-09-09 01:46:40" "$(gawk 'BEGIN { print strftime("%Y-%m-%d %H:%M:%S", 1000000000, 1) }')"
is "exit status from exit" "3" "$(gawk 'BEGIN { exit 3 }'; echo $?)"
is "-v and ENVIRON" "x=5 home=/h" "$(HOME=/h gawk -v x=5 'BEGIN { print "x=" x, "home=" ENVIRON["HOME"] }')"
printf 'BEGIN { print "from a file" }\n' > prog.awk
is "-f" "from a file" "$(gawk -f prog.awk)"
is "a syntax error: status 1" "1" "$(gawk 'BEGIN { print ( }' 2>/dev/null; echo $?)"
is "awk is gawk" "GNU Awk 5.2.1" "$(awk --version | head -n 1 | cut -d, -f1)"
is "tolower and sprintf %c" "abc A" "$(gawk 'BEGIN { print tolower("ABC"), sprintf("%c", 65) }')"
is "bitwise functions" "8 14 6 32" "$(gawk 'BEGIN { print and(12, 10), or(12, 10), xor(12, 10), lshift(1, 5) }')"
# The workload: a report over 5000 generated lines.
seq 1 5000 | gawk '{ printf "%d %s %d\n", $1, ($1 % 3 ? ($1 % 5 ? "x" : "buzz") : "fizz"), ($1 * 7919) % 1000 }' > data
is "5000 lines: groups, sums and maxima" "buzz 667 496 995 fizz 1666 499 999 x 2667 500 999" \
	"$(gawk '{ c[$2]++; s[$2] += $3; if ($3 > m[$2]) m[$2] = $3 } END { PROCINFO["sorted_in"] = "@ind_str_asc"; for (k in c) printf "%s %d %d %d ", k, c[k], s[k] / c[k], m[k]; print "" }' data | sed 's/ $//')"
is "5000 lines: the output by MD5" "5e273c226b1e2c5357b2e58826a862dd" "$(md5sum < data | cut -d' ' -f1)"
tap_end
