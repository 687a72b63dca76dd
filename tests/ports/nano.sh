#!/bin/sh
# nano.sh: GNU nano 7.2 (ports/nano, on our ncursesw) against Debian's
# nano 7.2: --version, and scripted edits typed through a pseudo-terminal
# (tests/ports/ptyrun.c, 80x24, TERM=xterm, no nanorc): a search, a cut
# and a paste; a replace-all with a backup file; a new file written out
# with ^O; a start at +LINE. Each checks the file nano saved and the
# bytes nano drew on the terminal (by MD5), which are Debian's. On the
# host the programs are Debian's (ptyrun is built with cc), inside Basalt
# ours. Prints TAP.
# ports-test: nano
# ports-files: usr/bin/nano usr/share/terminfo/x/xterm
set -u
. "$(dirname "$0")/lib.sh"
ports_use nano
TERM=xterm
export TERM
unset COLUMNS LINES

is "--version: the first line" " GNU nano, version 7.2" "$(nano --version | head -n 1)"
# Debian's has translations; ours has not (newlib has no gettext), and
# says so with --disable-nls.
is "--version: the compiled options, but --disable-nls" " Compiled options: --disable-libmagic --enable-utf8" \
	"$(nano --version | sed -n 3p | sed 's/ --disable-nls//')"

if command -v ptyrun > /dev/null 2>&1; then
	ptyrun=ptyrun
else
	cc -O2 -o ptyrun "$ports_lib_dir/ptyrun.c" || exit 2
	ptyrun=./ptyrun
fi
# nano_edit KEYS ARGS...: nano -I (no nanorc) ARGS on an 80x24 terminal,
# typed KEYS (printf's escapes: \r is Enter, \030 ^X...).
nano_edit() {
	nano_keys=$(printf "$1")
	shift
	"$ptyrun" 80 24 "$nano_keys" nano -I "$@" > screen
	nano_status=$?
}
nano_md5() {
	md5sum | cut -d' ' -f1
}

printf 'one\ntwo\nthree\n' > e
# ^W two Enter, ^K (cut the line), ^E (end of line), text, ^N, ^U (paste),
# ^X (with -t: save without asking).
nano_edit '\027two\r\013\005 (moved)\016\025\030' -t e
is "search, cut, paste, ^X -t: status 0" "0" "$nano_status"
is "search, cut, paste: the file" "one
three (moved)
two" "$(cat e)"
is "search, cut, paste: the screen, by MD5" "35fddfd753a7cadcdf70516c3e3456f3" "$(nano_md5 < screen)"

printf 'a two b\ntwo\nthree two\n' > r
# ^\ two Enter 2 Enter A (all), ^X.
nano_edit '\034two\r2\rA\030' -t -B r
is "replace all with -B: the file" "a 2 b
2
three 2" "$(cat r)"
is "replace all with -B: the backup r~" "a two b
two
three two" "$(cat r~)"
is "replace all: the screen, by MD5" "d05d5a00c1e304e271bb5d6555295fd5" "$(nano_md5 < screen)"

# Text, Enter, ^O Enter (the name given), ^X.
nano_edit 'hello world\r\017\r\030' new.txt
is "a new file, ^O: status 0" "0" "$nano_status"
is "a new file, ^O: its bytes (nano ends it with a newline)" "68656c6c6f20776f726c640a0a" \
	"$(od -An -v -tx1 new.txt | tr -d ' \n')"
is "a new file: the screen, by MD5" "1da23dbd656280325b358e7b1a777a1c" "$(nano_md5 < screen)"

printf '1\n2\n3\n' > p
nano_edit 'X\030' -t +2 p
is "+2 starts on line 2" "1 X2 3" "$(tr '\n' ' ' < p | sed 's/ $//')"
is "+2: the screen, by MD5" "2393ad77d5cf3eb03e163903b4bac2d4" "$(nano_md5 < screen)"
tap_end
