# tap_check.sh: sourced by the tests of this folder. check NAME FILE
# prints one TAP result: ok when FILE (the differences found) is empty,
# else not ok and FILE's first lines as comments. tap_done prints the plan
# and fails if anything did.
n=0
failed=0
check() {
	n=$((n + 1))
	if [ ! -s "$2" ]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		head -20 "$2" | sed 's/^/# /'
		failed=$((failed + 1))
	fi
}
tap_done() {
	echo "1..$n"
	[ "$failed" -eq 0 ]
}
