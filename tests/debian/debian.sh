#!/bin/bash
# debian.sh: Debian's own dynamically linked programs (bash, coreutils,
# grep, sed, gawk, findutils, diffutils, tar, gzip, perl, python3), run
# from the Debian root of tests/debian by abi-init, under Basalt and under
# Debian's Linux kernel in QEMU. Every check compares a program's output
# with the text Linux gives for the same fixed input (no clock, no user
# names, no locale), so both runs must print the same TAP.
set -u
export PATH=/usr/bin:/bin LC_ALL=C TZ=UTC

n=0
failed=0
# check NAME EXPECTED GOT
check() {
	n=$((n + 1))
	if [ "$2" = "$3" ]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		printf '# expected: [%s]\n#      got: [%s]\n' "$2" "$3"
		failed=$((failed + 1))
	fi
}

echo "1..16"
work=$(mktemp -d /tmp/debian.XXXXXX)
cd "$work" || exit 1

# bash itself: arithmetic, arrays, functions, here-documents, pipes.
words=(granite basalt obsidian)
twice() { echo $(($1 * 2)); }
check "bash: arrays, functions, arithmetic" "3 basalt 84" "${#words[@]} ${words[1]} $(twice 42)"
check "bash: a here-document through a pipe" "B A" "$(tr 'ab' 'AB' <<'EOF' | sort -r | tr '\n' ' ' | sed 's/ $//'
a
b
EOF
)"

# coreutils, on files with fixed contents, modes, owners and times.
printf 'pear\napple\nfig\napple\n' > fruit.txt
printf 'basalt\n' > rock.txt
chmod 640 rock.txt
chown 1000:1000 rock.txt
touch -d '2000-01-02 03:04:05' rock.txt fruit.txt
check "ls -ln" "-rw-r----- 1 1000 1000 7 Jan  2  2000 rock.txt" "$(ls -ln rock.txt | sed 's/  */ /; s/^\(.\{10\}\)\./\1/')"
check "sort | uniq -c" "2 apple,1 fig,1 pear" "$(sort fruit.txt | uniq -c | gawk '{print $1, $2}' | paste -sd,)"
check "wc" "4 4 21" "$(wc fruit.txt | gawk '{print $1, $2, $3}')"
check "sha256sum" "0dbc5f91aa4d697d49c9bdd576d78f98fef5fc28376fb1ab7010533e111f7216" \
	"$(printf 'Basalt\n' | sha256sum | cut -d' ' -f1)"
check "date -d @0 -u" "Thu Jan  1 00:00:00 UTC 1970" "$(date -d @0 -u)"
check "stat" "7 640 1000 1000 regular file 946782245" "$(stat -c '%s %a %u %g %F %Y' rock.txt)"

# grep, sed, awk, find.
check "grep -E" "apple,apple" "$(grep -E '^a(p)+le$' fruit.txt | paste -sd,)"
check "sed" "PEAR;apple" "$(sed -n '1s/.*/\U&/p; 2p' fruit.txt | paste -sd';')"
check "awk" "17 4 apple" "$(gawk '{ total += length($0) } END { print total, NR, $0 }' fruit.txt)"
mkdir -p tree/a/b && touch tree/a/x.txt tree/a/b/y.txt tree/z.log
check "find" "tree/a/b/y.txt tree/a/x.txt" "$(find tree -type f -name '*.txt' | sort | tr '\n' ' ' | sed 's/ $//')"

# tar and gzip, round trip.
tar czf tree.tgz tree fruit.txt
mkdir out && tar xzf tree.tgz -C out
check "tar + gzip round trip" "same" "$(diff -r tree out/tree && cmp fruit.txt out/fruit.txt && echo same)"

# perl and python.
check "perl -e" "42 apple,fig,pear" \
	"$(perl -e 'my %s = map { $_ => 1 } qw(pear apple fig apple); print 6 * 7, " ", join(",", sort keys %s), "\n"')"
check "python3 -c: arithmetic, a dict, a file" "1267650600228229401496703205376 {'a': 1, 'b': 2} pear" \
	"$(python3.11 -c 'import sys; d = dict(a=1, b=2); print(2 ** 100, d, open("fruit.txt").readline().strip())')"
check "python3 -c: a subprocess" "basalt" \
	"$(python3.11 -c 'import subprocess; print(subprocess.run(["cat", "rock.txt"], capture_output=True, text=True).stdout.strip())')"

cd / && rm -rf "$work"
exit "$failed"
