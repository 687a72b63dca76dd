#!/bin/sh
# jq.sh: jq (ports/jq) against Debian's jq 1.6: jq's own test file
# (tests/jq.test with its tests/modules, run by jq --run-tests; the port
# installs them in /usr/share/jq/tests), then filters, options, formats,
# paths, reductions, streaming, dates, arithmetic, errors and exit
# statuses, and a 2000-record workload checked by its MD5. On the host jq
# is Debian's (the test file then comes from the port's installed copy
# in the sysroot), inside Basalt /usr/bin/jq is the port. jq is built
# without oniguruma, so the regular-expression functions (jq's
# tests/onig.test) are not tested. Prints TAP.
# ports-test: jq
# ports-files: usr/bin/jq usr/share/jq/tests
set -u
. "$(dirname "$0")/lib.sh"
ports_use jq

is "--version" "jq-1.6" "$(jq --version)"

tests=/usr/share/jq/tests
[ -f "$tests/jq.test" ] || tests=$ports_lib_dir/../../sysroot/usr/share/jq/tests
if [ -f "$tests/jq.test" ]; then
	out=$(jq -L "$tests/modules" --run-tests "$tests/jq.test" 2>&1)
	is "jq's tests/jq.test: status 0" "0" "$?"
	is "jq's tests/jq.test: all pass" "340 of 340 tests passed (0 malformed)" "$(echo "$out" | tail -n 1)"
else
	skip "jq's tests/jq.test" "no $tests/jq.test (build the port)"
	skip "jq's tests/jq.test: all pass" "no $tests/jq.test"
fi

cat > in.json <<'JSON'
{"name": "basalt", "tags": ["os", "posix"], "n": 3, "nested": {"a": [1, 2, {"b": null}]}, "f": 1.5}
JSON
is ".name -r" "basalt" "$(jq -r .name in.json)"
is "-c and a constructed object" '{"n":3,"t":2,"first":"os"}' "$(jq -c '{n, t: (.tags|length), first: .tags[0]}' in.json)"
is "pretty printing, two spaces" '{
  "a": [
    1,
    2
  ]
}' "$(echo '{"a":[1,2]}' | jq .)"
is "--tab" "$(printf '{\n\t"a": 1\n}')" "$(echo '{"a":1}' | jq --tab .)"
is "--indent 1" '[
 1
]' "$(echo '[1]' | jq --indent 1 .)"
is "-S sorts keys" '{"a":2,"b":1,"c":{"x":1,"y":2}}' "$(echo '{"b":1,"a":2,"c":{"y":2,"x":1}}' | jq -S -c .)"
is "paths and leaf_paths" '[["name"],["tags",0],["tags",1],["n"],["nested","a",0],["nested","a",1],["f"]]' \
	"$(jq -c '[leaf_paths]' in.json)"
is "getpath, setpath, delpaths" '[2,{"a":[9,2]},{}]' \
	"$(echo '{"a":[1,2]}' | jq -c '[getpath(["a",1]), setpath(["a",0]; 9), delpaths([["a"]])]')"
is "--arg and --argjson" '{"s":"text","j":{"k":[1]}}' "$(jq -n -c --arg s text --argjson j '{"k":[1]}' '{s: $s, j: $j}')"
is "-s slurps" "6" "$(printf '1 2 3' | jq -s 'add')"
is "-n with input and inputs" '[1,[2,3]]' "$(printf '1 2 3' | jq -n -c '[input, [inputs]]')"
is "-R raw lines" '["a b","c"]' "$(printf 'a b\nc\n' | jq -R -s -c 'split("\n") | map(select(length > 0))')"
is "-j joins" "a1b2" "$(jq -n -j '"a", 1, "b", 2')"
is "reduce and foreach" '[10,[1,3,6,10]]' "$(jq -n -c '[reduce range(1;5) as $i (0; . + $i), [foreach range(1;5) as $i (0; . + $i)]]')"
is "group_by, unique_by, min_by, max_by" '[[[1,a],[1,b]],[[2,c]]]|[1,2]|[1,a]|[2,c]' \
	"$(jq -n -c '[[1,"a"],[2,"c"],[1,"b"]] | (group_by(.[0]) | tojson) + "|" + (unique_by(.[0]) | map(.[0]) | tojson) + "|" + (min_by(.[0]) | tojson) + "|" + (max_by(.[0]) | tojson)' | tr -d '"\\' )"
is "to_entries, from_entries, with_entries" '{"A":1,"B":2}' "$(echo '{"a":1,"b":2}' | jq -c 'with_entries(.key |= ascii_upcase)')"
is "@csv @tsv @sh @base64 @base64d @uri @html" '"a",1,"x""y"|a	1|'"'a b'"' 2|aGVsbG8=|hello|a%20b%26c|&lt;p&gt;' \
	"$(jq -n -r '(["a",1,"x\"y"] | @csv), (["a",1] | @tsv), (["a b",2] | @sh), ("hello" | @base64), ("aGVsbG8=" | @base64d), ("a b&c" | @uri), ("<p>" | @html)' | tr '\n' '|' | sed 's/|$//')"
is "string functions" '["A-B",["a","b"],true,"xyz",3,"ab"]' \
	"$(jq -n -c '["a-b" | ascii_upcase, ("a,b" | split(",")), ("abc" | startswith("ab")), ("xyz.txt" | rtrimstr(".txt")), ("abc" | length), ([.[]?] | "ab")]')"
is "arithmetic and math" '[3,1.4142135623730951,1024,2,-1,0.5]' "$(jq -n -c '[7 / 2 | floor, (2 | sqrt), pow(2; 10), (100 | log10), (-1.5 | ceil), (1 / 2)]')"
is "large numbers print as doubles" '[1.7976931348623157e+308,1e+20,3.0000000000000004]' "$(jq -n -c '[1e1000, 100000000000000000000, (0.1 * 3 * 10)]')"
# Not fromdate or mktime: jq computes them with struct tm's tm_gmtoff,
# which newlib has not ("mktime not supported on this platform").
is "dates" '["2015-03-05T23:51:47Z","Thursday 05 March 2015",[2015,2,5,23,51,47,4,63],[2015,2,5,23,51,47,4,63]]' \
	"$(jq -n -c '[1425599507 | todate, (1425599507 | strftime("%A %d %B %Y")), (1425599507 | gmtime), ("2015-03-05T23:51:47Z" | strptime("%Y-%m-%dT%H:%M:%SZ"))]')"
is "--stream and fromstream" '[[["a"],1],[["b",0],2],[["b",0]],[["b"]]]|{"a":1,"b":[2]}' \
	"$(echo '{"a":1,"b":[2]}' | jq -c --stream . | jq -s -c . | tr -d '\n')|$(echo '{"a":1,"b":[2]}' | jq -c 'fromstream(tostream)')"
is "limit, first, until, recurse" '[[0,1,2],0,16,[2,4,16]]' "$(jq -n -c '[[limit(3; range(10))], first(range(5;0;-1) | 0), (1 | until(. > 10; . * 2)), [2 | recurse(. * .; . < 20)]]')"
is "try/catch binds tighter than +" '"caught: "' "$(jq -n 'try error("boom") catch "caught: " + .')"
is "?// alternatives and //" '[1,"d"]' "$(jq -n -c '[(null // 1), ({} | .a // "d")]')"
is "path expressions with |=" '{"a":[2,3],"b":{"c":"X"}}' "$(echo '{"a":[1,2],"b":{"c":"x"}}' | jq -c '.a[] |= . + 1 | .b.c |= ascii_upcase')"
is "\$ENV and env" "basalt-env" "$(JQ_TEST_VAR=basalt-env jq -n -r '$ENV.JQ_TEST_VAR')"
is "def with arguments" "[2,4,6]" "$(jq -n -c 'def twice(f): [.[] | f * 2]; [1,2,3] | twice(.)')"
echo 'def triple: . * 3;' > lib.jq
is "import a module with -L" "9" "$(jq -n -L . 'import "lib" as l; 3 | l::triple')"
is "-f reads the program" "basalt" "$(echo '.name' > prog.jq && jq -r -f prog.jq in.json)"

echo '{"a":' > bad.json
out=$(jq . bad.json 2>&1)
is "bad JSON: status 4" "4" "$?"
is "bad JSON: the message" "parse error: Unfinished JSON term at EOF at line 2, column 0" "$out"
out=$(jq -n '{} | .a.b.c = 1 | .[0]' 2>&1)
is "a type error: status 5" "5" "$?"
is "a type error: the message" "jq: error (at <unknown>): Cannot index object with number" "$out"
out=$(jq -n '1 +' 2>&1)
is "a syntax error: status 3" "3" "$?"
jq -e -n 'false' > /dev/null
is "-e with false: status 1" "1" "$?"
jq -e -n 'null, 1' > /dev/null
is "-e with a last true value: status 0" "0" "$?"
is "halt_error's status" "4" "$(jq -n '"x\n" | halt_error(4)' 2> /dev/null; echo $?)"

awk 'BEGIN {
	split("red green blue", c, " ")
	printf "["
	for (i = 1; i <= 2000; i++)
		printf "%s{\"id\":%d,\"color\":\"%s\",\"v\":%d,\"w\":%d.%d}", (i > 1 ? "," : ""), i, c[i % 3 + 1], i * 37 % 1000, i % 50, i % 7
	printf "]\n"
}' > big.json
is "2000 records: group, sum, sort" '[{"color":"blue","n":667,"sum":320679},{"color":"green","n":667,"sum":333000},{"color":"red","n":666,"sum":345321}]' \
	"$(jq -c 'group_by(.color) | map({color: .[0].color, n: length, sum: (map(.v) | add)})' big.json)"
is "2000 records: the MD5 of a rewrite" "b2c4754c93c0649116b98e7c02ec54c2" \
	"$(jq -c 'sort_by(.v, .id) | map({id, x: (.w * 2)})' big.json | md5sum | cut -d' ' -f1)"

tap_end
