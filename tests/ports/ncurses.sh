#!/bin/sh
# ncurses.sh: ncurses' programs (ports/ncurses) and its terminfo database
# against Debian's ncurses-bin 6.4 and ncurses-base: tput's strings,
# numbers, flags, -S and exit statuses for the seven terminals the sysroot
# carries; infocmp of each entry (-1, -x, -C, -L, -d), compared by MD5
# without infocmp's "#" comments (they name the database's path: /lib/terminfo
# on Debian, /usr/share/terminfo in Basalt); clear, tabs; tic compiling a
# terminal of our own (with use=, an extended capability) into a private
# database read back by infocmp, tput and toe, captoinfo/infotocap, and a
# bad entry's diagnostics; tset - and tput on a pseudo-terminal
# (tests/ports/ptyrun.c). On the host they are Debian's programs and
# database, inside Basalt ours. Prints TAP.
# ports-test: ncurses
# ports-files: usr/bin/tput usr/bin/tset usr/bin/clear usr/bin/tabs usr/bin/infocmp usr/bin/infotocap usr/bin/captoinfo usr/bin/tic usr/bin/toe usr/share/terminfo/l/linux usr/share/terminfo/v/vt100 usr/share/terminfo/v/vt220 usr/share/terminfo/x/xterm usr/share/terminfo/x/xterm-256color usr/share/terminfo/s/screen usr/share/terminfo/d/dumb
set -u
. "$(dirname "$0")/lib.sh"
ports_use tput tset clear tabs infocmp infotocap captoinfo tic toe
# The sizes come from the entries, not the environment.
unset COLUMNS LINES TERMINFO TERMINFO_DIRS

# ncurses_hex: standard input as hexadecimal bytes, no spaces.
ncurses_hex() {
	od -An -v -tx1 | tr -d ' \n'
}
# ncurses_notty CMD...: CMD with no terminal on standard input or error.
# tput's cols and lines, and tabs' line width, are the terminal's size
# (TIOCGWINSZ) when one of its standard streams is a terminal (the console
# inside Basalt, a shell's on the host), the entry's numbers only when
# none is.
ncurses_notty() {
	"$@" < /dev/null 2> /dev/null
}
# ncurses_md5: the MD5 of standard input, alone.
ncurses_md5() {
	md5sum | cut -d' ' -f1
}
# ncurses_info TERM [OPTIONS]: infocmp's output without its comments.
ncurses_info() {
	ncurses_t=$1
	shift
	infocmp "$@" "$ncurses_t" | grep -v '^#'
}

is "tput -V" "ncurses 6.4.20221231" "$(tput -V)"
is "infocmp -V" "ncurses 6.4.20221231" "$(infocmp -V)"
is "tic -V" "ncurses 6.4.20221231" "$(tic -V)"
is "tset -V" "ncurses 6.4.20221231" "$(tset -V)"
is "tput cup 5 10, xterm" "1b5b363b313148" "$(tput -T xterm cup 5 10 | ncurses_hex)"
is "tput cup 23 79, vt100" "1b5b32343b383048" "$(tput -T vt100 cup 23 79 | ncurses_hex)"
is "tput setaf 196, xterm-256color" "1b5b33383b353b3139366d" "$(tput -T xterm-256color setaf 196 | ncurses_hex)"
is "tput setaf 1, xterm" "1b5b33316d" "$(tput -T xterm setaf 1 | ncurses_hex)"
is "tput sgr with parameters, xterm-256color" "1b28421b5b303b313b346d" \
	"$(tput -T xterm-256color sgr 0 1 0 0 0 1 | ncurses_hex)"
is "tput smcup, xterm" "1b5b3f31303439681b5b32323b303b3074" "$(tput -T xterm smcup | ncurses_hex)"
is "tput kbs is DEL, xterm (--with-xterm-kbs=del)" "7f" "$(tput -T xterm kbs | ncurses_hex)"
is "tput kbs, linux" "7f" "$(tput -T linux kbs | ncurses_hex)"
is "tput colors, xterm-256color" "256" "$(tput -T xterm-256color colors)"
is "tput pairs, xterm-256color (a 32-bit number)" "65536" "$(tput -T xterm-256color pairs)"
is "tput colors from \$TERM, screen" "8" "$(TERM=screen tput colors)"
is "tput cols, vt100" "80" "$(ncurses_notty tput -T vt100 cols)"
is "tput lines, dumb" "24" "$(ncurses_notty tput -T dumb lines)"
is "tput longname, screen" "VT 100/ANSI X3.64 virtual terminal" "$(tput -T screen longname)"
is "tput -S, three capabilities" "4445432056543130302028772f616476616e63656420766964656f2938300a1b5b316d" \
	"$(printf 'longname\ncols\nbold\n' | tput -T vt100 -S 2> /dev/null | ncurses_hex)"
tput -T xterm am
is "tput am, a true flag: status 0" "0" "$?"
tput -T vt220 xenl
is "tput xenl, vt220: status 0" "0" "$?"
tput -T dumb xenl
is "tput xenl, dumb, a false flag: status 1" "1" "$?"
is "tput, an unknown terminal: message" "tput: unknown terminal \"nosuch\"" "$(tput -T nosuch cols 2>&1 | ports_base)"
tput -T nosuch cols 2>/dev/null
is "tput, an unknown terminal: status 3" "3" "$?"
is "tput, an unknown capability: message" "tput: unknown terminfo capability 'nosuchcap'" \
	"$(tput -T xterm nosuchcap 2>&1 | ports_base)"
tput -T xterm nosuchcap 2>/dev/null
is "tput, an unknown capability: status 4" "4" "$?"
is "clear, xterm (E3 too)" "1b5b481b5b324a1b5b334a" "$(clear -T xterm | ncurses_hex)"
is "clear -x, xterm" "1b5b481b5b324a" "$(clear -T xterm -x | ncurses_hex)"
is "tabs -8, vt100, by MD5" "10200929b16fd253740d032cd60681bd" "$(ncurses_notty tabs -T vt100 -8 | ncurses_md5)"

# Each terminal of the database, as infocmp reconstructs it.
for t in linux:886d18c4440b7d38ad5c2af80b35486d vt100:212e142b20843353d058aa463e77c366 \
	vt220:4eccf7aa3278b2bb8f2200a601408668 xterm:727177abbf0e84534881c1996d9f89e4 \
	xterm-256color:fffb8f5282618cc081773b6ffb6ba755 screen:c77a3aa26d0489c90a4f9fb1e04e66c4 \
	dumb:8bbe5158a9b17dd8e54b707b3c43f6b5; do
	ncurses_info "${t%%:*}" -1 > info
	is "infocmp -1 ${t%%:*}, by MD5" "${t#*:}" "$(ports_md5 info)"
done
is "infocmp -1 dumb" "dumb|80-column dumb tty,
	am,
	cols#80,
	bel=^G,
	cr=\\r,
	cud1=\\n,
	ind=\\n," "$(ncurses_info dumb -1)"
ncurses_info xterm-256color -x > info
is "infocmp -x xterm-256color (extended capabilities), by MD5" "52104f3b36f9bf66a7cade625c9ed294" "$(ports_md5 info)"
ncurses_info vt100 -C > info
is "infocmp -C vt100 (termcap), by MD5" "8efafae6088196e35f0d289fc6acf06b" "$(ports_md5 info)"
ncurses_info linux -L -1 > info
is "infocmp -L -1 linux (long names), by MD5" "57f01c5ce42d8762eb730d712fe713dc" "$(ports_md5 info)"
infocmp -d vt100 vt220 > info
is "infocmp -d vt100 vt220, by MD5" "5effd55914ca0b9e3a05073a95d68621" "$(ports_md5 info)"
is "infocmp -d vt100 vt220, the first difference" "	mir: F:T." "$(sed -n 3p info)"

# A terminal of our own, compiled by tic into a private database.
cat > basalt.ti <<'TI'
basalt-test|Basalt test terminal,
	xenl,
	cols#100, lines#40, colors#8,
	bold=\E[1m, clear=\E[H\E[2J$<5>, cup=\E[%i%p1%d;%p2%dH,
	setaf=\E[3%p1%dm, sgr0=\E[m, Xb=\E[%p1%d q,
	use=vt100,
TI
mkdir ti
ok "tic -x compiles an entry with use= into a private database" tic -x -o "$PWD/ti" basalt.ti
is "the compiled entry's file" "ti/b/basalt-test" "$(find ti -type f)"
is "infocmp -1 -x of it, by MD5" "bf4d0e8e15329b11e1b90721753f40f8" "$(TERMINFO=$PWD/ti infocmp -1 -x basalt-test | grep -v '^#' | ncurses_md5)"
is "tput cup from it" "1b5b333b3448" "$(TERMINFO=$PWD/ti tput -T basalt-test cup 2 3 | ncurses_hex)"
is "tput cols from it" "100" "$(TERMINFO=$PWD/ti ncurses_notty tput -T basalt-test cols)"
is "tput of an extended string capability" "1b5b322071" "$(TERMINFO=$PWD/ti tput -T basalt-test Xb 2 | ncurses_hex)"
is "toe lists it" "basalt-test	Basalt test terminal" "$(toe "$PWD/ti")"
TERMINFO=$PWD/ti infocmp -C basalt-test > basalt.cap
is "infocmp -C of it (termcap), by MD5" "e873701eb36026224f47da49a7b3e957" "$(grep -v '^#' basalt.cap | ncurses_md5)"
is "captoinfo of that termcap, by MD5" "ef0c9992b2e63cd8ccd97126a8b402a8" "$(captoinfo -1 basalt.cap 2>/dev/null | grep -v '^#' | ncurses_md5)"
is "infotocap of the source, by MD5" "5e46adbf7808313771f9c4720b843641" "$(infotocap basalt.ti 2>/dev/null | grep -v '^#' | ncurses_md5)"
printf 'bad|a broken entry,\n\tcols#x, cup=\\E[%%p1%%d;H,\nbad2|another,\n\tcols#1, use=nosuch,\n' > bad.ti
tic -c bad.ti > bad.out 2>&1
is "tic -c, bad entries: status 0" "0" "$?"
is "tic -c, bad entries: the diagnostics" "\"bad.ti\", line 2, col 15, terminal 'bad': no value given for \`cols'
\"bad.ti\", line 2, col 15, terminal 'bad': Missing separator for \`cols'
\"bad.ti\", line 3, col 14, terminal 'bad2': older tic versions may treat the description field as an alias
\"bad.ti\", line 4, terminal 'bad2': resolution of use=nosuch failed" "$(cat bad.out)"
mkdir ti2
tic -o "$PWD/ti2" bad.ti > /dev/null 2>&1
is "tic, an unresolved use=: status 1" "1" "$?"
is "tic, an unresolved use=: nothing written" "" "$(find ti2 -type f)"

# On a terminal: tests/ports/ptyrun.c runs the program on a new pty of the
# size given (ours inside Basalt, built with cc here on the host); cols
# and lines are then the pty's window size.
if command -v ptyrun > /dev/null 2>&1; then
	ptyrun=ptyrun
else
	cc -O2 -o ptyrun "$ports_lib_dir/ptyrun.c" || exit 2
	ptyrun=./ptyrun
fi
# ncurses_pty COLS ROWS CMD...: CMD's bytes on the pty, in hexadecimal.
ncurses_pty() {
	ncurses_c=$1
	ncurses_r=$2
	shift 2
	TERM=xterm "$ptyrun" "$ncurses_c" "$ncurses_r" '' "$@" | ncurses_hex
}
# Not checked yet: tset and reset's own output on a pty. Inside Basalt
# tset adds "Erase is delete." and "Interrupt is control-C (^C).": our
# <termios.h> has no <sys/ttydefaults.h> (glibc's has, with CERASE DEL
# and CINTR ^C), so ncurses' progs/reset_cmd.c takes its own defaults
# (^H, DEL) and reports the terminal's characters as not the defaults;
# and reset writes rs1 then sgr0, ed, cnorm rather than rs2. Debian's
# bytes are, for tset: 1b5b21701b5b3f333b346c1b5b346c1b3e1b5b3f36396c0d,
# for reset: 1b63 and the same.
is "tset - vt100 on a pty prints the type" "76743130300d0a" "$(ncurses_pty 80 24 tset - vt100)"
is "tput cols on a 132x50 pty: the window's" "3133320d0a" "$(ncurses_pty 132 50 tput cols)"
is "tput lines on a 132x50 pty: the window's" "35300d0a" "$(ncurses_pty 132 50 tput lines)"
tap_end
