#!/bin/sh
# bash.sh: bash (ports/bash) against Debian's bash 5.2.15: a script using
# indexed and associative arrays, [[ ]] with regex captures, brace and
# extended glob expansion, the case-changing and substitution expansions,
# namerefs, printf -v, mapfile, here-strings, process substitution,
# arithmetic, pipefail and PIPESTATUS, ERR and EXIT traps, wait -n,
# seeded $RANDOM and a 3000-iteration loop, run by `bash script`; the
# checks compare its output line by line. On the host bash is Debian's,
# inside Basalt /usr/bin/bash is the port. Prints TAP.
# ports-test: bash
# ports-files: usr/bin/bash
set -u
. "$(dirname "$0")/lib.sh"
ports_use bash

cat > script.bash <<'SCRIPT'
shopt -s extglob
a=(zero one two three); a+=(four)
echo "1 ${#a[@]} ${a[2]} ${a[@]:1:2} ${!a[*]}"
declare -A m=([paris]=fr [rome]=it); m[oslo]=no
for k in $(printf '%s\n' "${!m[@]}" | sort); do printf '2 %s=%s\n' "$k" "${m[$k]}"; done
if [[ "v5.2.15-release" =~ ^v([0-9]+)\.([0-9]+)\.([0-9]+) ]]; then echo "3 ${BASH_REMATCH[1]} ${BASH_REMATCH[3]}"; fi
echo "4" {a,b}{1,2} {1..5..2} {c..e}
touch x.c y.h z.o; echo "5" !(*.o); echo "5" @(x|z).*
s="Hello World"; echo "6 ${s^^} ${s,,} ${s//o/0} ${s/#Hello/Bye} ${s:6} ${s: -3}"
ref=s; declare -n nr=s; echo "7 ${!ref} $nr"
printf -v pv '%04d-%s' 7 x; echo "8 $pv"
mapfile -t lines < <(printf 'l1\nl2\nl3\n'); echo "9 ${#lines[@]} ${lines[2]}"
read -r w1 w2 <<< "here string"; echo "10 $w2 $w1"
echo "11 $(( 2**40 )) $(( 7/2 )) $(( -7%3 )) $(( 1<<4 | 3 )) $(( 5 > 3 ? 10 : 20 ))"
(( i = 5, i *= 3 )); echo "12 $i"
set -o pipefail; false | true; echo "13 $?"; set +o pipefail
true | false | true; echo "14 ${PIPESTATUS[*]}"
f() { local -a arr=("$@"); echo "15 ${#arr[@]} ${arr[-1]}"; }; f p q r
fib() { (( $1 < 2 )) && { echo $1; return; }; echo $(( $(fib $(( $1 - 1 ))) + $(fib $(( $1 - 2 ))) )); }; echo "16 $(fib 12)"
( trap 'echo "17 err trap"' ERR; false; true )
sleep 0.2 & sleep 0.01 & wait -n; echo "18 wait -n $?"; wait
RANDOM=42; echo "19 $RANDOM $RANDOM $RANDOM"
t=0; for ((j = 1; j <= 3000; j++)); do (( t += j % 7 )); done; echo "20 $t"
case "abc.tar.gz" in *.tar.@(gz|xz)) echo "21 tarball";; esac
x=$(declare -p a); echo "22 ${x}"
str="a,b,,c"; IFS=, read -ra parts <<< "$str"; echo "23 ${#parts[@]} ${parts[3]}"
echo "24 ${BASH_VERSINFO[0]}.${BASH_VERSINFO[1]}"
printf '25 %q\n' "it's a \"test\""
trap 'echo "26 exit trap"' EXIT
SCRIPT

bash script.bash > out 2> err
is "bash runs the script: exit status 0" "0" "$?"
line() { sed -n "s/^$1 //p" out; }
is "indexed arrays" "5 two one two 0 1 2 3 4" "$(line 1)"
is "associative arrays" "oslo=no
paris=fr
rome=it" "$(line 2)"
is "[[ =~ ]] and BASH_REMATCH" "5 15" "$(line 3)"
is "brace expansion" "a1 a2 b1 b2 1 3 5 c d e" "$(line 4)"
is "extended globs" "err out script.bash x.c y.h
x.c z.o" "$(line 5)"
is "case and substitution expansions" "HELLO WORLD hello world Hell0 W0rld Bye World World rld" "$(line 6)"
is "indirection and namerefs" "Hello World Hello World" "$(line 7)"
is "printf -v" "0007-x" "$(line 8)"
is "mapfile from process substitution" "3 l3" "$(line 9)"
is "a here-string" "string here" "$(line 10)"
is "arithmetic" "1099511627776 3 -1 19 10" "$(line 11)"
is "(( ))" "15" "$(line 12)"
is "pipefail" "1" "$(line 13)"
is "PIPESTATUS" "0 1 0" "$(line 14)"
is "local arrays and a negative index" "3 r" "$(line 15)"
is "recursion in command substitutions: fib 12" "144" "$(line 16)"
is "the ERR trap" "err trap" "$(line 17)"
is "wait -n" "wait -n 0" "$(line 18)"
is "\$RANDOM seeded with 42" "17772 26794 1435" "$(line 19)"
is "3000 iterations of a C-style for" "8998" "$(line 20)"
is "extglob in case" "tarball" "$(line 21)"
is "declare -p" "declare -a a=([0]=\"zero\" [1]=\"one\" [2]=\"two\" [3]=\"three\" [4]=\"four\")" "$(line 22)"
is "read -a with IFS" "4 c" "$(line 23)"
is "BASH_VERSINFO" "5.2" "$(line 24)"
is "printf %q" "it\\'s\\ a\\ \\\"test\\\"" "$(line 25)"
is "the EXIT trap" "exit trap" "$(line 26)"
is "no error output" "" "$(cat err)"
is "--version" "GNU bash, version 5.2.15(1)-release" "$(bash --version | head -n 1 | sed 's/ (.*//')"
is "-c with arguments" "x y 2" "$(bash -c 'echo "$0 $1 $#"' x y z)"
is "a syntax error: status 2" "2" "$(bash -c 'if' 2>/dev/null; echo $?)"
is "a missing command: status 127" "127" "$(bash -c 'no-such-command-here' 2>/dev/null; echo $?)"
tap_end
