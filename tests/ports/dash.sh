#!/bin/sh
# dash.sh: dash (ports/dash) against Debian's dash 0.5.12: a POSIX shell
# script using expansions, arithmetic, functions, here-documents, case,
# loops, getopts, read, traps, subshells and pipes, redirections and
# descriptors, background jobs and wait, set -e and -u, and a
# 2000-iteration loop, run by `dash script`; the checks compare its output
# line by line. On the host dash is Debian's, inside Basalt
# /usr/bin/dash is the port. Prints TAP.
# ports-test: dash
# ports-files: usr/bin/dash
set -u
. "$(dirname "$0")/lib.sh"
ports_use dash

cat > script.sh <<'SCRIPT'
x=basalt
echo "1 ${x#ba} ${x%alt} ${#x} ${y:-unset} ${x:+set} ${x%%a*} ${x##*a}"
echo "2 $((7 * 6)) $((17 % 5)) $((1 << 10)) $(( (3 + 4) * -2 )) $((0x1f))"
f() { local v="$1"; shift; echo "3 $v $# $*"; return 4; }
f a b c; echo "3 status $?"
cat <<EOT
4 heredoc $x $((1+1))
EOT
cat <<'EOT'
5 quoted $x
EOT
for w in one two three; do case $w in t*) echo "6 $w";; *) ;; esac; done
i=0; while [ $i -lt 3 ]; do i=$((i + 1)); done; echo "7 $i"
set -- -a -b val rest
while getopts ab: opt; do echo "8 $opt ${OPTARG:-}"; done
shift $((OPTIND - 1)); echo "8 rest $*"
printf 'l1 w2\nl2\n' | { read a b; echo "9 $a|$b"; }
dash -c 'trap "echo 10 trapped" USR1; kill -USR1 $$; echo 10 after' 
trap 'echo "11 exit trap"' EXIT
(exit 7); echo "12 $?"
echo "13 $(echo nested $(echo deeper))"
echo "14 pipe" | tr a-z A-Z
{ echo "15 to stderr" >&2; } 2>&1
exec 3>fd3.txt; echo "16 via fd 3" >&3; exec 3>&-; cat fd3.txt
sleep 0.1 & pid=$!; wait $pid; echo "17 waited $?"
(sh -c 'exit 5') & wait $!; echo "18 child status $?"
( set -e; false; echo "never" ); echo "19 set -e status $?"
( set -u; echo "$undefined_var" ) 2>/dev/null; echo "20 set -u status $?"
echo "21 $(printf '%05.1f|%-4s|%x' 3.14159 ab 255)"
[ -d / ] && [ ! -e /no/such ] && echo "22 test"
command -v cd >/dev/null && echo "23 command -v"
v=a:b:c; IFS=:; set -- $v; echo "24 $# $2"; IFS=" "
v=$(i=0; while [ $i -lt 2000 ]; do i=$((i + 1)); s=$((${s:-0} + i)); done; echo $s); echo "25 $v"
alias ll='echo 26 alias'
eval ll
echo "27 $(umask 027; umask)"
type f | head -n 1 | sed 's/^/28 /'
SCRIPT

dash script.sh > out 2> err
is "dash runs the script: exit status 0" "0" "$?"
line() { sed -n "s/^$1 //p" out; }
is "parameter expansions" "salt bas 6 unset set b lt" "$(line 1)"
is "arithmetic" "42 2 1024 -14 31" "$(line 2)"
is "functions, local, \$# and return" "a 2 b c
status 4" "$(line 3)"
is "a here-document, expanded" "heredoc basalt 2" "$(line 4)"
is "a quoted here-document" "quoted \$x" "$(line 5)"
is "for and case" "two
three" "$(line 6)"
is "while and test" "3" "$(line 7)"
is "getopts" "a 
b val
rest rest" "$(line 8)"
is "read splits fields" "l1|w2" "$(line 9)"
is "a signal trap" "trapped
after" "$(line 10)"
is "the EXIT trap runs at the end" "exit trap" "$(line 11)"
is "a subshell's exit status" "7" "$(line 12)"
is "nested command substitution" "nested deeper" "$(line 13)"
is "a pipe" "PIPE" "$(line 14)"
is "2>&1" "to stderr" "$(line 15)"
is "exec opens and closes a descriptor" "via fd 3" "$(line 16)"
is "a background job and wait" "waited 0" "$(line 17)"
is "wait gives a child's status" "child status 5" "$(line 18)"
is "set -e" "set -e status 1" "$(line 19)"
is "set -u" "set -u status 2" "$(line 20)"
is "printf" "003.1|ab  |ff" "$(line 21)"
is "test's file operators" "test" "$(line 22)"
is "command -v" "command -v" "$(line 23)"
is "IFS splitting" "3 b" "$(line 24)"
is "2000 iterations in a command substitution" "2001000" "$(line 25)"
is "aliases through eval" "alias" "$(line 26)"
is "umask" "0027" "$(line 27)"
is "type names a function" "f is a shell function" "$(line 28)"
is "no error output" "" "$(cat err)"
is "-c with arguments" "x y 2" "$(dash -c 'echo "$0 $1 $#"' x y z)"
dash -c 'exit 3'
is "-c exit status" "3" "$?"
is "a syntax error" "dash: 1: Syntax error: \"fi\" unexpected" "$(dash -c 'fi' 2>&1 | ports_base)"
dash -c 'fi' 2>/dev/null
is "a syntax error: status 2" "2" "$?"
is "-n checks without running" "0" "$(dash -n script.sh > /dev/null 2>&1; echo $?)"
tap_end
