#!/bin/sh
# shell.sh: the BusyBox shell (ash): pipelines and their status,
# redirections (>, >>, <, 2>&1, 2>, <>, fd duplication), here-documents,
# subshells, command substitution, arithmetic, parameter expansion,
# functions, traps on EXIT and on signals, background jobs with $! and
# wait, case, for/while/until, break/continue, exit codes, set -e,
# read, getopts, eval, "$@". Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"

is "a pipeline" "3" "$(printf 'a\nb\nc\n' | cat | wc -l | tr -d ' ')"
is "a pipeline's status is its last command's" "0" "$(false | true; echo $?)"
is "! negates a status" "0" "$(! false; echo $?)"
is "&& and ||" "yes" "$(false && echo no || echo yes)"

echo one > r
echo two >> r
is "> truncates, >> appends" "one
two" "$(cat r)"
echo three > r
is "> truncates again" "three" "$(cat r)"
is "< reads a file" "three" "$(read x < r; echo "$x")"
is "2>&1 joins stderr to stdout" "err" "$(sh -c 'echo err >&2' 2>&1)"
sh -c 'echo out; echo err >&2' > o 2> e
is "2> separates the streams" "out err" "$(cat o) $(cat e)"
sh -c 'echo out; echo err >&2' > both 2>&1
is "> file 2>&1 takes both" "2" "$(wc -l < both | tr -d ' ')"
is "2>/dev/null discards" "" "$(sh -c 'echo hidden >&2' 2>/dev/null)"
exec 3> fd3
echo via-fd3 >&3
exec 3>&-
is "exec 3> opens a descriptor, >&3 writes to it" "via-fd3" "$(cat fd3)"
echo "rw" > rwf
exec 4<> rwf
read -r line <&4
exec 4<&-
is "<> opens for reading and writing" "rw" "$line"

cat > hd <<END
line $((1 + 1))
END
is "a here-document expands" "line 2" "$(cat hd)"
cat > hd <<'END'
line $((1 + 1))
END
is "a quoted here-document does not" 'line $((1 + 1))' "$(cat hd)"
is "<<- strips leading tabs" "tabbed" "$(cat <<-END
	tabbed
	END
)"

x=outer
(x=inner; echo "$x" > sub)
is "a subshell's variables stay in it" "inner outer" "$(cat sub) $x"
is "a subshell's exit status" "3" "$( (exit 3); echo $?)"
is "command substitution" "HELLO" "$(echo $(echo hello | tr a-z A-Z))"
is "backquotes" "hi" "`echo hi`"
is "nested substitution" "3" "$(echo $(echo $(echo 3)))"

is "arithmetic" "17" "$((2 + 3 * 5))"
is "arithmetic with variables and ops" "4 1 8" "$(a=9; b=2; echo $((a / b)) $((a % b)) $((b << 2)))"
n=5
n=$((n - 1))
is "assignment through arithmetic" "4" "$n"
is "comparison in arithmetic" "1" "$((3 > 2))"

v=hello.tar.gz
is "\${var%pattern}" "hello.tar" "${v%.gz}"
is "\${var%%pattern}" "hello" "${v%%.*}"
is "\${var#pattern}" "tar.gz" "${v#*.}"
is "\${#var}" "12" "${#v}"
unset u
is "\${var:-default}" "dflt" "${u:-dflt}"
is "\${var:=default} assigns" "set" "${u:=set}$(true)"
is "\${var:+alt}" "alt" "${v:+alt}"

f() {
	local l=local
	echo "$1-$2-$#"
	return 7
}
is "a function's arguments" "a-b-2" "$(f a b)"
f x y > /dev/null
is "a function's return status" "7" "$?"
l=global
f p q > /dev/null
is "local variables stay local" "global" "$l"
rec() { [ "$1" -le 0 ] && echo 0 && return; echo $(( $1 + $(rec $(( $1 - 1 ))) )); }
is "recursion" "10" "$(rec 4)"

is "trap on EXIT" "body bye" "$(sh -c 'trap "echo bye" EXIT; echo body' | tr '\n' ' ' | sed 's/ $//')"
is "trap on a signal" "got USR1" "$(sh -c 'trap "echo got USR1" USR1; kill -USR1 $$; true')"
is "trap on TERM, then exit status" "caught 5" \
	"$(sh -c 'trap "printf \"caught \"; exit 5" TERM; kill -TERM $$; sleep 1'; echo $?)"
is "an ignored signal (trap '' INT)" "alive" "$(sh -c 'trap "" INT; kill -INT $$; echo alive')"
is "trap - restores the default" "143" "$(sh -c 'trap "echo no" TERM; trap - TERM; kill -TERM $$; echo never' ; echo $?)"

sleep 0.2 &
bg=$!
ok "\$! is the background job's pid" test "$bg" -gt 0
wait "$bg"
is "wait returns the job's status" "0" "$?"
(exit 4) &
wait $!
is "wait returns a failing job's status" "4" "$?"
( sleep 0.1; echo a > bg1 ) &
( sleep 0.1; echo b > bg2 ) &
wait
is "wait with no argument waits for every job" "a b" "$(cat bg1) $(cat bg2)"

for w in x y z; do printf '%s' "$w"; done > loop
is "for" "xyz" "$(cat loop)"
i=0
while [ $i -lt 5 ]; do i=$((i + 1)); done
is "while" "5" "$i"
until [ $i -eq 0 ]; do i=$((i - 1)); done
is "until" "0" "$i"
out=
for i in 1 2 3 4 5; do
	[ $i -eq 2 ] && continue
	[ $i -eq 4 ] && break
	out="$out$i"
done
is "break and continue" "13" "$out"
printf '1 a\n2 b\n' > pairs
sum=0
while read -r num word; do sum=$((sum + num)); last=$word; done < pairs
is "while read from a file" "3 b" "$sum $last"

kind() {
	case $1 in
	[0-9]*) echo number ;;
	*.txt | *.md) echo text ;;
	"") echo empty ;;
	*) echo other ;;
	esac
}
is "case" "number text text empty other" "$(kind 42) $(kind a.txt) $(kind b.md) $(kind '') $(kind x)"

is "exit codes through sh -c" "42" "$(sh -c 'exit 42'; echo $?)"
is "command not found is 127" "127" "$(sh -c 'no-such-command-xyz' 2>/dev/null; echo $?)"
is "set -e stops at the first failure" "1" "$(sh -c 'set -e; false; echo not-here' ; echo $?)"
is "set -e ignores failures in conditions" "ok" "$(sh -c 'set -e; if false; then :; fi; false || true; echo ok')"

set -- "a b" c
is "\"\$@\" keeps words" "2:a b" "$#:$1"
is "shift" "c" "$(shift; echo "$1")"
cnt() { echo $#; }
is "\"\$@\" passed on" "2" "$(cnt "$@")"
is "\$* joins" "a b c" "$*"
eval 'ev=evaluated'
is "eval" "evaluated" "$ev"
is "getopts" "a,b=x," "$(sh -c 'while getopts ab: o; do case $o in a) printf a,;; b) printf "b=%s," "$OPTARG";; esac; done' sh -a -b x)"
IFS=: read -r f1 f2 <<END
left:right
END
is "IFS splitting in read" "left right" "$f1 $f2"
touch g1.c g2.c g3.h
is "globbing" "g1.c g2.c" "$(echo g*.c)"
is "an unmatched glob stays literal" "*.none" "$(echo *.none)"
is "export to a child" "exported" "$(EXP=exported; export EXP; sh -c 'echo $EXP')"
is "\$\$ in a subshell is the parent's" "$$" "$(echo $$)"

tap_end
