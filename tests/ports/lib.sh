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
# and a scratch directory as the current one. Inside Basalt tap.sh sits
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
# its path. Inside Basalt the scripts run under our BusyBox's sh, built
# with FEATURE_SH_STANDALONE: it runs its own applet of a name (sed,
# grep, diff, find, awk...) before looking at PATH, so a plain `sed`
# there would be BusyBox's, not the port's. A shell function comes before
# an applet. The program then sees its full path as argv[0]; checks of a
# message that starts with it strip the directory (ports_base).
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
