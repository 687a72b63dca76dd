#!/bin/sh
# less.sh: less 590 (ports/less, on our ncurses' terminfo) against the
# output of Debian's less 590: as a filter on a pipe or a file (standard
# output not a terminal: it copies, whatever -F, -X, +G or -N say), with
# LESSOPEN, several files and a missing one; lessecho's quoting; lesskey's
# binary output; and on a pseudo-terminal (tests/ports/ptyrun.c, 80x24,
# TERM=xterm) paging, +G, -N, a search and -F -X, each screen's bytes
# compared by MD5. On the host the programs are Debian's (ptyrun is built
# with cc), inside Basalt ours. Prints TAP.
# ports-test: less
# ports-files: usr/bin/less usr/bin/lesskey usr/bin/lessecho usr/share/terminfo/x/xterm
set -u
. "$(dirname "$0")/lib.sh"
ports_use less lesskey lessecho
# Nothing of the caller's: no options, no history file, one terminal.
unset LESS LESSOPEN LESSCLOSE LESSKEY LESSKEYIN LESSCHARSET COLUMNS LINES
LESSHISTFILE=-
TERM=xterm
export LESSHISTFILE TERM

# less_md5: the MD5 of standard input, alone.
less_md5() {
	md5sum | cut -d' ' -f1
}

# The version's first words ("(GNU regular expressions)" follows on
# Debian, "(POSIX regular expressions)" here: see ports/less/recipe).
is "less -V: the version" "less 590" "$(less -V | head -n 1 | cut -d' ' -f1,2)"
seq 1 100 > h
seq 1 5 > f
printf 'alpha\nbeta\ngamma\n' > g
is "a pipe through less -F -X is copied" "$(seq 1 50)" "$(seq 1 50 | less -F -X)"
is "less +G to a pipe copies the whole file" "$(cat h)" "$(less +G h)"
is "less -N to a pipe: no line numbers" "$(cat f)" "$(less -N f)"
is "two files to a pipe: both, in order" "$(cat f g)" "$(less f g)"
is "standard input and a file" "x
alpha
beta
gamma" "$(printf 'x\n' | less - g)"
is "a missing file: the message, on standard output" "nosuch: No such file or directory" \
	"$(less nosuch 2>/dev/null)"
less nosuch > /dev/null 2>&1
is "a missing file: status 0" "0" "$?"
is "LESSOPEN's input pipe" "a b c d e" "$(LESSOPEN='|tr 1-5 a-e < %s' less f | tr '\n' ' ' | sed 's/ $//')"
is "lessecho, no metacharacters: as given" "a b c d\$e" "$(lessecho a 'b c' 'd$e')"
is "lessecho -e -m escapes the metacharacters" "a b c d\\\$e" "$(lessecho -e'\' -m'$ ' a 'b c' 'd$e')"
is "lessecho -a quotes every name" "\"a\" \"b c\"" "$(lessecho -a -o'"' -c'"' a 'b c')"

# lesskey compiles a key and variable file; its bytes are Debian's.
printf '#command\nq quit\nj forw-line\n\\kd back-line\n^A goto-line\n#line-edit\n\\t forw-complete\n#env\nLESS = -i -M\nLESSCHARSET=utf-8\n' > keys.src
ok "lesskey -o compiles a file" lesskey -o keys.bin keys.src
is "lesskey's output, by MD5" "938e31a79903af0981b2f3f828d68dde" "$(less_md5 < keys.bin)"
ok "lesskey -o of an empty file" lesskey -o empty.bin /dev/null
is "lesskey's output for it, by MD5" "887301e5897c50af8285261abe4c9ea5" "$(less_md5 < empty.bin)"
printf '#command\n\\e abort\n' > bad.src
lesskey -o bad.bin bad.src > bad.out 2>&1
is "lesskey, an unknown action: status 1" "1" "$?"
is "lesskey, an unknown action: message" "bad.src: line 2: unknown action: abort
1 errors; no output produced" "$(grep -v '^ *\(NOTE\|It is\|when using\)' bad.out)"

# On a terminal. ptyrun is ours inside Basalt (in the test initramfs);
# on the host it is compiled from its source here.
if command -v ptyrun > /dev/null 2>&1; then
	ptyrun=ptyrun
else
	cc -O2 -o ptyrun "$ports_lib_dir/ptyrun.c" || exit 2
	ptyrun=./ptyrun
fi
# less_screen KEYS ARGS...: less ARGS on an 80x24 terminal, typed KEYS.
less_screen() {
	less_keys=$1
	shift
	"$ptyrun" 80 24 "$less_keys" less "$@" > screen
	less_status=$?
}
less_screen ' q' h
is "a terminal: the first page, space, q: status" "0" "$less_status"
is "a terminal: the first page, space, q, by MD5" "e3ee1f04e379027f947b007e7eb100ac" "$(less_md5 < screen)"
less_screen 'G q' h
is "a terminal: G to the end, by MD5" "0f1a69f6f3088cd59c163f85b2fb9dc4" "$(less_md5 < screen)"
less_screen '/50\nq' h
is "a terminal: a search for 50, by MD5" "d92a175be1d1c1b4323360d07c7c0fe4" "$(less_md5 < screen)"
is "a terminal: the search skipped lines" "1" "$(grep -c 'skipping' screen)"
less_screen 'Gg10jq' h
is "a terminal: G, g, 10j, by MD5" "43acc35e921cad123f303b5843c2642d" "$(less_md5 < screen)"
less_screen 'q' -N h
is "a terminal: -N numbers lines, by MD5" "d56fcf043ced49b929ca3e44ddbc53dc" "$(less_md5 < screen)"
less_screen 'q' +G h
is "a terminal: +G starts at the end, (END), by MD5" "78a030753d19d8aa67f7b530fd17a904" "$(less_md5 < screen)"
is "a terminal: +G shows (END)" "1" "$(grep -c '(END)' screen)"
less_screen '' -F -X f
is "a terminal: -F -X on a short file exits by itself" "0" "$less_status"
is "a terminal: -F -X, by MD5" "08045d79f05f8d51f926eb2f4e094bd1" "$(less_md5 < screen)"
tap_end
