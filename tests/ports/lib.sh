# lib.sh: sourced by the differential port tests, the tests/ports/*.sh
# scripts with a "# ports-test:" header (see tests/ports/ports-test.mk);
# not run on its own. Each such script runs twice with the same expected
# output: on the host, where the programs it calls are Debian's (from
# PATH), and inside Basalt, where /usr/bin holds our ports and /bin our
# BusyBox. The expected values in the scripts are the ones Debian's
# programs give; a difference inside Basalt is a bug of the port, libc or
# the kernel.
#
# It gives tests/system/tap.sh's helpers: ok, fails, is, skip, tap_end,
# and a scratch directory as the current one; ports_use (below); and
# deterministic test data made with nothing but the shell and awk, so
# that both sides compress, pack and parse the very same bytes:
#   ports_text N     N lines of words and numbers (compresses well)
#   ports_noise N    N bytes of lowercase letters from a small LCG
#                    (compresses poorly; exact in awk's doubles)
#   ports_md5 FILE   the MD5 of FILE, alone
#   ports_unbase64   base64 on stdin to bytes on stdout (data made on the
#                    host with Debian's tools, carried in the scripts) Inside Basalt tap.sh sits
# beside the scripts; in the tree it is tests/system's.
ports_lib_dir=$(cd "$(dirname "$0")" && pwd)
if [ -f "$ports_lib_dir/tap.sh" ]; then
	. "$ports_lib_dir/tap.sh"
else
	. "$ports_lib_dir/../system/tap.sh"
fi
# The expected outputs are the C locale's (messages, collation of -r).
LC_ALL=C
export LC_ALL

# ports_use NAME...: from here on, NAME runs the first NAME of PATH by
# its path. Our BusyBox's sh (FEATURE_SH_STANDALONE) runs its own applet
# of a name (sed, grep, gzip, xz...) before looking at PATH; the test
# initramfs makes /bin/sh Debian's bash-static for that reason, and this
# keeps a script right when it is run by hand under BusyBox's sh (a shell
# function comes before an applet). The program then sees its full path
# as argv[0]; checks of a message that starts with it strip the
# directory (ports_base).
ports_use() {
	for ports_name in "$@"; do
		ports_path=$ports_name
		ports_ifs=$IFS
		IFS=:
		for ports_dir in $PATH; do
			if [ -f "$ports_dir/$ports_name" ] && [ -x "$ports_dir/$ports_name" ]; then
				ports_path=$ports_dir/$ports_name
				break
			fi
		done
		IFS=$ports_ifs
		eval "$ports_name() { \"$ports_path\" \"\$@\"; }"
	done
}

# ports_base: standard input with a leading "/dir/.../" of each line's
# first word removed ("/usr/bin/m4: cannot open" becomes "m4: cannot open").
ports_base() {
	sed 's|^/[^ :]*/||'
}

ports_text() {
	awk -v n="$1" 'BEGIN {
		split("alpha beta gamma delta epsilon zeta eta theta iota kappa", w, " ")
		for (i = 1; i <= n; i++)
			printf "%06d %s %s %d\n", i, w[i % 10 + 1], w[(i * 7) % 10 + 1], i * i % 9973
	}'
}

ports_noise() {
	awk -v n="$1" 'BEGIN {
		a = "abcdefghijklmnopqrstuvwxyz"; x = 1
		for (i = 0; i < n; i++) {
			x = (x * 75 + 74) % 65537
			printf "%s", substr(a, x % 26 + 1, 1)
			if (i % 64 == 63) printf "\n"
		}
	}'
}

ports_md5() {
	md5sum "$1" | cut -d' ' -f1
}

ports_unbase64() {
	base64 -d
}
