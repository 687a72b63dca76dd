#!/bin/sh
# check-config.sh FRAGMENT CONFIG: fails if an option FRAGMENT turns on (or
# off, =n) is not so in the CONFIG Kconfig produced (a misspelt name, or one whose
# dependencies are off, is otherwise dropped without a word).
set -eu

missing=0
for opt in $(sed -n 's/^\(CONFIG_[A-Za-z0-9_]*\)=.*/\1/p' "$1"); do
	want=$(grep "^$opt=" "$1")
	# An option turned off (=n) reads "# CONFIG_X is not set" in .config.
	if [ "$want" = "$opt=n" ] && grep -qx "# $opt is not set" "$2"; then
		continue
	fi
	if ! grep -qx "$want" "$2"; then
		echo "check-config: $want asked for, but .config has:" \
			"$(grep -E "^(# )?$opt[= ]" "$2" || echo nothing)" >&2
		missing=1
	fi
done
exit "$missing"
