#!/bin/sh
# findutils.sh: GNU find and xargs (ports/findutils) against Debian's
# findutils 4.9.0 on a tree made here: -name -iname -path -regex, -type,
# -size, -empty, -newer, -perm, -links, -mindepth/-maxdepth, -prune,
# operators, -printf, -print0, -exec with ; and +, -delete, -depth, and
# xargs with -0 -n -I -L -P and its exit statuses, and a 1500-file
# workload. On the host they are Debian's, inside Basalt the port's in
# /usr/bin. Prints TAP.
# ports-test: findutils
# ports-files: usr/bin/find usr/bin/xargs
set -u
. "$(dirname "$0")/lib.sh"
ports_use find xargs

mkdir -p t/a/b t/c t/.hidden
echo hello > t/a/one.txt
printf '%1200s' x > t/a/b/big.dat
: > t/c/empty.txt
echo x > t/c/Two.TXT
echo y > t/.hidden/h.txt
ln -s ../a/one.txt t/c/link
chmod 700 t/a/b/big.dat
ln t/a/one.txt t/hard.txt
sorted() { sort | tr '\n' ' ' | sed 's/ $//'; }

is "--version names GNU findutils 4.9.0" "find (GNU findutils) 4.9.0" "$(find --version | head -n 1)"
is "-name" "t/.hidden/h.txt t/a/one.txt t/c/empty.txt t/hard.txt" "$(find t -name '*.txt' | sorted)"
is "-iname" "t/.hidden/h.txt t/a/one.txt t/c/Two.TXT t/c/empty.txt t/hard.txt" "$(find t -iname '*.txt' | sorted)"
is "-type d" "t t/.hidden t/a t/a/b t/c" "$(find t -type d | sorted)"
is "-type l" "t/c/link" "$(find t -type l)"
is "-L follows the link" "t/c/link" "$(find -L t -type f -name link)"
is "-type f -size +1k" "t/a/b/big.dat" "$(find t -type f -size +1k)"
is "-empty" "t/c/empty.txt" "$(find t -empty)"
is "-perm -u=x on files" "t/a/b/big.dat" "$(find t -type f -perm -u=x)"
is "-links 2 on files" "t/a/one.txt t/hard.txt" "$(find t -type f -links 2 | sorted)"
is "-maxdepth 1" "t t/.hidden t/a t/c t/hard.txt" "$(find t -maxdepth 1 | sorted)"
is "-mindepth 3" "t/a/b/big.dat" "$(find t -mindepth 3)"
is "-path and -prune" "t t/a t/a/one.txt t/c t/c/Two.TXT t/c/empty.txt t/c/link t/hard.txt" \
	"$(find t \( -path t/a/b -o -name '.hidden' \) -prune -o -print | sorted)"
is "-regex" "t/a/b/big.dat" "$(find t -regex '.*/b/[a-z]+\.dat')"
is "! and -a" "t/c/Two.TXT" "$(find t/c -type f ! -name '*.txt' -a ! -type l)"
is "-printf" "one.txt 6 1|big.dat 1200 2|" "$(find t/a -type f -printf '%f %s %d|' | tr '|' '\n' | sort -r | tr '\n' '|')"
is "-printf %m %y %l" "777 l ../a/one.txt" "$(find t/c/link -printf '%m %y %l\n')"
touch -d '2000-01-01 00:00:00' t/c/empty.txt
is "-newer" "t/a/one.txt" "$(find t/a -newer t/c/empty.txt -type f -name '*.txt')"
is "-mtime +1000" "t/c/empty.txt" "$(find t -mtime +1000)"
is "-print0" "t/c/Two.TXT|" "$(find t/c -name 'T*' -print0 | tr '\0' '|')"
is "-exec {} ;" "hello" "$(find t/a -name one.txt -exec cat {} \;)"
is "-exec {} +" "2" "$(find t/a t/c -name '*.txt' -exec sh -c 'echo $#' sh {} +)"
is "-depth lists contents first" "t/a/b/big.dat t/a/b" "$(find t/a/b -depth | tr '\n' ' ' | sed 's/ $//')"
cp -r t u
ok "-delete" find u -name '*.txt' -delete
is "what -delete left" "u u/.hidden u/a u/a/b u/a/b/big.dat u/c u/c/Two.TXT u/c/link" "$(find u | sorted)"
find no-such-dir > /dev/null 2>&1
is "a missing start point: status 1" "1" "$?"
is "its message" "find: 'no-such-dir': No such file or directory" "$(find no-such-dir 2>&1 | ports_base)"
is "xargs -n 2" "a b|c d|e|" "$(echo a b c d e | xargs -n 2 | tr '\n' '|')"
is "xargs -I" "<a> <b>" "$(printf 'a\nb\n' | xargs -I{} echo '<{}>' | tr '\n' ' ' | sed 's/ $//')"
is "xargs -0" "1 with space" "$(printf 'with space\0' | xargs -0 sh -c 'echo $# "$1"' sh)"
is "xargs -L 1" "a b|c|" "$(printf 'a b\nc\n' | xargs -L 1 echo | tr '\n' '|')"
is "xargs -P 2 runs them all" "1 2 3 4" "$(printf '%s\n' 4 3 2 1 | xargs -P 2 -n 1 echo | sorted)"
printf 'a\n' | xargs sh -c 'exit 3' sh
is "xargs: a command failing with 1-125 gives 123" "123" "$?"
printf 'a\n' | xargs sh -c 'exit 255' sh 2>/dev/null
is "xargs: a command exiting 255 gives 124" "124" "$?"
printf 'a\n' | xargs no-such-command-here 2>/dev/null
is "xargs: a missing command gives 127" "127" "$?"
is "xargs -r runs nothing on empty input" "" "$(xargs -r echo ran < /dev/null)"
# The workload: 1500 files in 30 directories.
i=0
while [ $i -lt 30 ]; do
	mkdir -p w/d$i
	j=0
	while [ $j -lt 50 ]; do
		echo "$i $j" > w/d$i/f$j
		j=$((j + 1))
	done
	i=$((i + 1))
done
is "1500 files: counted" "1500" "$(find w -type f | wc -l | tr -d ' ')"
is "1500 files: names matching f?5, counted" "120" "$(find w -name 'f?5' | wc -l | tr -d ' ')"
is "1500 files: contents through xargs, by MD5" "0461a4068d5a7f7166fbee2e2c8d73c8" "$(find w -type f -print0 | sort -z | xargs -0 cat | md5sum | cut -d' ' -f1)"
tap_end
