# lib.sh: sourced by the differential port tests (tests/ports/*.sh with a
# "# ports-test:" header), not run on its own. Each such script runs
# twice with the same expected output: on the host with Debian's build of
# the program (make test's "host:" suites; the programs come from PATH)
# and inside Basalt with our port (tests/ports/ports-test.mk's initramfs,
# where /usr/bin holds the ports and /bin our BusyBox).
#
# It gives tests/system/tap.sh's helpers (ok, fails, is, skip, tap_end and
# a scratch directory as the current one) and deterministic test data
# made with nothing but the shell and awk, so that both sides compress,
# pack and parse the very same bytes:
#   ports_text N     N lines of words and numbers (compresses well)
#   ports_noise N    N bytes of lowercase letters from a small LCG
#                    (compresses poorly; exact in awk's doubles)
#   ports_md5 FILE   the MD5 of FILE, alone
#   ports_unbase64   base64 on stdin to bytes on stdout (data made on the
#                    host with Debian's tools, carried in the scripts)

ports_dir=$(cd "$(dirname "$0")" && pwd)
if [ -f "$ports_dir/tap.sh" ]; then
	. "$ports_dir/tap.sh"
else
	. "$ports_dir/../system/tap.sh"
fi

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
