# image-lib.sh: sourced by the tests/image scripts. Boots a copy of
# the disk image with disk/qemu-disk.sh, the serial line on two FIFOs
# (the log grows in $log, commands are typed into it), and checks the
# image's file systems with the host's fsck. Prints TAP lines through
# line(); the caller prints the plan.
# Needs: $img (the image), $dir (a work directory), $timeout_s.

n=0
line() {	# line STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; log_tail; fi
}

# log_tail: the serial log's last lines as TAP comments, so that a
# failure is explained where the only thing kept is the output (CI).
log_tail() {
	[ -n "${log:-}" ] && [ -f "$log" ] || return 0
	echo "# the last lines of $log:"
	tr -d '\r' < "$log" | tail -n "${IMAGE_LOG_TAIL:-25}" | sed 's/^/#   /'
}

# Start: layout of the image (offsets for the fsck), from mkdisk.sh.
# shellcheck disable=SC1090
. "$img.layout"

# boot COPY FW BUS LOG: QEMU in the background on COPY; fd 3 types.
boot() {
	boot_copy=$1 log=$4
	rm -f "$dir/ser.in" "$dir/ser.out"
	mkfifo "$dir/ser.in" "$dir/ser.out"
	: > "$log"
	boot_start=$(date +%s)
	sh disk/qemu-disk.sh "$boot_copy" "$2" "$3" "${IMAGE_MEMORY:-192M}" -display none \
		-monitor none -chardev "pipe,id=ser0,path=$dir/ser" -serial chardev:ser0 \
		2> "$log.qemu-stderr" &
	qemu_pid=$!
	cat "$dir/ser.out" > "$log" &
	cat_pid=$!
	exec 3> "$dir/ser.in"
}

# wait_for PATTERN [COUNT]: until the log has COUNT (1) lines matching
# the grep pattern, QEMU exits, or the timeout passes (status 1).
wait_for() {
	want=${2:-1} waited=0
	while [ "$(tr -d '\r' < "$log" | grep -c -- "$1")" -lt "$want" ]; do
		kill -0 "$qemu_pid" 2>/dev/null || return 1
		[ $waited -lt $((timeout_s * 5)) ] || return 1
		sleep 0.2
		waited=$((waited + 1))
	done
}

# type_line TEXT: a command line typed on the serial console.
type_line() {
	printf '%s\r' "$1" >&3
}

# wait_exit: until QEMU exits by itself (poweroff) within the timeout;
# status 1 if it had to be killed.
wait_exit() {
	waited=0
	while kill -0 "$qemu_pid" 2>/dev/null; do
		if [ $waited -ge $((timeout_s * 5)) ]; then
			stop_qemu
			return 1
		fi
		sleep 0.2
		waited=$((waited + 1))
	done
	wait "$qemu_pid" 2>/dev/null || true
	finish_io
}

# stop_qemu: kill -9, the power cut.
stop_qemu() {
	kill -9 "$qemu_pid" 2>/dev/null || true
	wait "$qemu_pid" 2>/dev/null || true
	finish_io
}

finish_io() {
	exec 3>&-
	wait "$cat_pid" 2>/dev/null || true
	boot_seconds=$(($(date +%s) - boot_start))
}

# fsck_root COPY LOG / fsck_esp COPY LOG: the host's e2fsck -fn and
# fsck.fat -n on the partition, cut out at its GPT offset.
fsck_root() {
	dd if="$1" of="$1.root" bs="$sector" skip="$root_first" count="$root_sectors" \
		conv=sparse status=none
	e2fsck -fn "$1.root" > "$2" 2>&1
}
fsck_esp() {
	dd if="$1" of="$1.esp" bs="$sector" skip="$esp_first" count="$esp_sectors" \
		conv=sparse status=none
	fsck.fat -n "$1.esp" > "$2" 2>&1
}
