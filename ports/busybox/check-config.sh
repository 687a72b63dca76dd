#!/bin/sh
# check-config.sh FRAGMENT CONFIG: fails if an option FRAGMENT turns on is
# not on in the CONFIG Kconfig produced (a misspelt name, or one whose
# dependencies are off, is otherwise dropped without a word).
set -eu

missing=0
for opt in $(sed -n 's/^\(CONFIG_[A-Za-z0-9_]*\)=.*/\1/p' "$1"); do
	want=$(grep "^$opt=" "$1")
	if ! grep -qx "$want" "$2"; then
		echo "check-config: $want asked for, but .config has:" \
			"$(grep -E "^(# )?$opt[= ]" "$2" || echo nothing)" >&2
		missing=1
	fi
done
exit "$missing"
