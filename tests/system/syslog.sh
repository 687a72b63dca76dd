#!/bin/sh
# syslog.sh: BusyBox syslogd and logger over the AF_UNIX datagram socket
# /dev/log (issue 16): syslogd binds it, logger's syslog(3) message lands
# in syslogd's log file. Skipped where another logger owns /dev/log or
# /dev is not ours to write. Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"

log=$TAP_SCRATCH/messages
tag=basalt-syslog-$$

# Waits up to 5 s (50 tries) for the command to succeed.
wait_for() {
	i=0
	while ! "$@" 2> /dev/null && [ "$i" -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	"$@" 2> /dev/null
}

# One run at a time on a shared host: syslogd unlinks /dev/log before it binds.
lock=${TMPDIR:-/tmp}/basalt-syslog-test.lock
if [ -e /dev/log ] || [ ! -w /dev ] || ! mkdir "$lock" 2> /dev/null; then
	skip "syslogd binds /dev/log" "/dev/log exists, /dev is read-only, or another run has it"
	skip "logger's message lands in the log" "no private /dev/log"
else
	syslogd -n -O "$log" &
	pid=$!
	wait_for test -S /dev/log
	ok "syslogd binds /dev/log, a socket" test -S /dev/log
	logger -t "$tag" "hello from logger"
	wait_for grep -q "$tag: hello from logger" "$log"
	ok "logger's message lands in syslogd's log" grep -q "$tag: hello from logger" "$log"
	kill "$pid"
	wait "$pid" 2> /dev/null
	rm -f /dev/log
	rmdir "$lock"
fi
tap_end
