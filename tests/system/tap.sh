# tap.sh: sourced by the tests/system scripts and tests/ports (not run on
# its own).
# Gives each script a scratch directory under ${TMPDIR:-/tmp} (its
# current directory, removed at exit) and TAP helpers:
#   ok DESC CMD...          passes if CMD succeeds
#   fails DESC CMD...       passes if CMD fails
#   is DESC EXPECTED ACTUAL passes if the two strings are equal
#   skip DESC WHY           a TAP "# SKIP" line
# and prints the plan "1..N" at the end (TAP allows a trailing plan),
# exiting non-zero if anything failed. Only BusyBox applets, files the
# script creates, /dev/null and /proc/self are relied on, so the same
# scripts run on the host and on Basalt.

tap_n=0
tap_failed=0

tap_result() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

ok() {
	tap_desc=$1
	shift
	if "$@" > "$TAP_SCRATCH/.out" 2>&1; then
		tap_result 0 "$tap_desc"
	else
		tap_result 1 "$tap_desc"
		echo "# command failed: $*"
		sed 's/^/#   /' "$TAP_SCRATCH/.out" | head -n 10
	fi
}

fails() {
	tap_desc=$1
	shift
	if "$@" > "$TAP_SCRATCH/.out" 2>&1; then
		tap_result 1 "$tap_desc"
		echo "# command succeeded but should fail: $*"
	else
		tap_result 0 "$tap_desc"
	fi
}

is() {
	if [ "$2" = "$3" ]; then
		tap_result 0 "$1"
	else
		tap_result 1 "$1"
		printf '# expected: [%s]\n#      got: [%s]\n' "$2" "$3" | head -n 20
	fi
}

skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}

tap_end() {
	echo "1..$tap_n"
	cd /
	rm -rf "$TAP_SCRATCH"
	[ "$tap_failed" -eq 0 ]
}

TAP_SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/basalt-system.XXXXXX") || exit 2
cd "$TAP_SCRATCH" || exit 2
