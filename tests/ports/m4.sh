#!/bin/sh
# m4.sh: GNU m4 (ports/m4) against the output of Debian's m4 1.4.19:
# define with arguments, recursion, ifelse, eval, incr, the string
# macros, diversions, include, changequote, esyscmd and sysval,
# errprint, -D, -P, frozen state, and a recursive workload. On the host
# m4 is Debian's, inside Basalt /usr/bin/m4 is the port. Prints TAP.
# ports-test: m4
# ports-files: usr/bin/m4
set -u
. "$(dirname "$0")/lib.sh"
ports_use m4

is "--version names GNU M4 1.4.19" "m4 (GNU M4) 1.4.19" "$(m4 --version | head -n 1)"
is "define with arguments" "Hello, world!" \
	"$(printf 'define(`greet'"'"', `Hello, $1!'"'"')greet(`world'"'"')\n' | m4)"
cat > fact.m4 <<'M4'
define(`fact', `ifelse(`$1', `0', `1', `eval($1 * fact(decr($1)))')')dnl
fact(10)
M4
is "recursion, ifelse, eval and decr: 10!" "3628800" "$(m4 fact.m4)"
cat > str.m4 <<'M4'
len(`basalt') index(`basalt', `salt') substr(`basalt', 1, 3) translit(`basalt', `a-z', `A-Z')
regexp(`GNU m4 1.4.19', `\([0-9]+\)\.\([0-9]+\)', `major \1 minor \2')
patsubst(`a-b-c', `-', `+') format(`%05d|%s|%x', 42, `x', 255)
eval(`2 ** 20') eval(`7 / 2') eval(`-7 % 3') eval(`0x10 | 3', 2) eval(`255', 16, 4)
M4
is "the string and arithmetic macros" "6 2 asa BASALT
major 1 minor 4
a+b+c 00042|x|ff
1048576 3 -1 10011 00ff" "$(m4 str.m4)"
cat > div.m4 <<'M4'
divert(1)second
divert(2)third
divert(0)first
undivert(2)dnl
undivert(1)dnl
M4
is "diversions, undiverted out of order" "first
third
second" "$(m4 div.m4)"
echo 'included(X)' > inc.m4
cat > incl.m4 <<'M4'
include(`inc.m4')sinclude(`no-such')dnl
M4
is "include and sinclude" "included(X)" "$(m4 incl.m4)"
is "changequote" "quoted text" "$(printf 'changequote([,])define([q], [[quoted] text])q\n' | m4)"
is "esyscmd and sysval" "hi
3" "$(printf 'esyscmd(`echo hi; exit 3'"'"')sysval\n' | m4)"
is "errprint goes to standard error" "m4:stdin:1: boom" \
	"$(printf 'errprint(`m4:stdin:1: boom'"'"')' | m4 2>&1 >/dev/null)"
is "-D defines on the command line" "7" "$(echo 'X' | m4 -DX=7)"
is "-P prefixes the builtins" "ok define(ok)" "$(echo 'm4_define(`x'"'"', `ok'"'"')x define(x)' | m4 -P)"
is "an undefined macro's call stays text" "foo(1)" "$(echo 'foo(1)' | m4)"
is "m4exit sets the status" "4" "$(echo 'm4exit(4)' | m4; echo $?)"
ok "-F freezes the state" sh -c "echo 'define(\`frozen'\'', \`thawed'\'')' | m4 -F state.m4f"
is "-R reloads it" "thawed" "$(echo 'frozen' | m4 -R state.m4f)"
is "a missing file: the message" "m4: cannot open \`no-such-file': No such file or directory" \
	"$(m4 no-such-file 2>&1 | ports_base)"
m4 no-such-file 2>/dev/null
is "a missing file: status 1" "1" "$?"
# The workload: a recursive loop macro writing 2000 lines.
cat > loop.m4 <<'M4'
define(`forloop', `pushdef(`$1', `$2')_forloop($@)popdef(`$1')')dnl
define(`_forloop', `$4`'ifelse($1, `$3', `', `define(`$1', incr($1))$0($@)')')dnl
forloop(`i', `1', `2000', `i squared is eval(i * i)
')dnl
M4
is "2000 recursive expansions: the last line" "2000 squared is 4000000" "$(m4 loop.m4 | tail -n 1)"
is "2000 recursive expansions, by MD5" "7ac2d573b039cab8cd8f6604dbe35c73" "$(m4 loop.m4 | md5sum | cut -d' ' -f1)"
tap_end
