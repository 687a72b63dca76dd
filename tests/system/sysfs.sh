#!/bin/sh
# sysfs.sh: /sys as sysfs(5) describes it, checked for its own
# consistency so that it passes on the host's Linux and on Basalt: every
# /sys/bus/pci/devices entry is a link to a directory whose files agree
# with its uevent (what BusyBox's lspci prints) and with its
# configuration space; BusyBox's lspci lists each once; every disk in
# /sys/block agrees with /proc/partitions, and so does each of its
# partitions' directories. Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"

pci=/sys/bus/pci/devices
ok "/sys/bus/pci/devices is there" test -d "$pci"

# uevent VAR FILE: the value of VAR= in FILE.
uevent() {
	sed -n "s/^$1=//p" "$2"
}

lower() {
	tr 'ABCDEF' 'abcdef'
}

count=0
bad=""
for d in "$pci"/*; do
	[ -e "$d" ] || continue
	count=$((count + 1))
	name=${d##*/}
	ev=$d/uevent
	id=$(uevent PCI_ID "$ev" | lower)
	sub=$(uevent PCI_SUBSYS_ID "$ev" | lower)
	class=$(uevent PCI_CLASS "$ev" | lower)
	want="$name 0x${id%:*} 0x${id#*:} 0x${sub%:*} 0x${sub#*:} $(printf '0x%06x' "0x$class")"
	got="$(uevent PCI_SLOT_NAME "$ev") $(cat "$d/vendor") $(cat "$d/device")"
	got="$got $(cat "$d/subsystem_vendor") $(cat "$d/subsystem_device") $(cat "$d/class")"
	[ -L "$d" ] || bad="$bad $name:not-a-link"
	[ "$want" = "$got" ] || bad="$bad $name:[$want]!=[$got]"
	# The configuration space starts with the vendor ID, little-endian.
	cfg=$(od -An -tx2 -N2 "$d/config" | tr -d ' ')
	[ "0x$cfg" = "$(cat "$d/vendor")" ] || bad="$bad $name:config=$cfg"
	case $(readlink "$d/subsystem") in
	*/bus/pci) ;;
	*) bad="$bad $name:subsystem" ;;
	esac
	# BARs 0-5 and the ROM at least: "start end flags", 0x and 16 digits each.
	lines=$(grep -c '^0x[0-9a-f]\{16\} 0x[0-9a-f]\{16\} 0x[0-9a-f]\{16\}$' "$d/resource")
	[ "$lines" -ge 7 ] || bad="$bad $name:resource"
	grep -q '^[0-9][0-9]*$' "$d/irq" || bad="$bad $name:irq"
done
ok "there is a PCI function" test "$count" -gt 0
is "each function's files agree with its uevent and config" "" "$bad"

if lspci > lspci.out 2>&1; then
	is "lspci lists each function once" "$count" "$(wc -l < lspci.out | tr -d ' ')"
	bad=""
	while read -r slot word cls ids rest; do
		d=$pci/0000:$slot
		id=$(uevent PCI_ID "$d/uevent" | lower)
		class=$(uevent PCI_CLASS "$d/uevent" | lower)
		want="Class $(printf '%06x' "0x$class" | cut -c1-4): $id"
		[ "$word $cls $ids" = "$want" ] || bad="$bad $slot:[$word $cls $ids]!=[$want]"
	done < lspci.out
	is "lspci prints each function's class and IDs" "" "$bad"
else
	case "$(uname -r)" in
	*-basalt) tap_result 1 "BusyBox has lspci on Basalt" ;;
	*) skip "lspci lists each function" "this BusyBox has no lspci" ;;
	esac
fi

# /sys/block against /proc/partitions: "major minor #blocks name".
bad=""
for d in /sys/block/*; do
	[ -e "$d" ] || continue
	for p in "$d" "$d"/"${d##*/}"*; do
		[ -f "$p/dev" ] || continue
		size=$(cat "$p/size")
		[ "$size" -gt 0 ] || continue
		mm=$(cat "$p/dev")
		want="${mm%:*} ${mm#*:} $((size / 2)) ${p##*/}"
		awk -v w="$want" 'NR > 2 && $1 " " $2 " " $3 " " $4 == w { f = 1 } END { exit !f }' \
			/proc/partitions || bad="$bad ${p##*/}:[$want]"
	done
done
is "every disk and partition in /sys/block is in /proc/partitions" "" "$bad"
is "/proc/partitions starts with Linux's header and a blank line" \
	"major minor  #blocks  name|" "$(head -n 2 /proc/partitions | tr '\n' '|' | sed 's/|$//')"
tap_end
