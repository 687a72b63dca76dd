#!/bin/sh
# system.sh: BusyBox process and system applets: ps, kill, killall,
# pidof, sleep, usleep, timeout, date, env, id, whoami,
# hostname, uname, which, mount, true, false, pwd, nproc,
# setsid, getopt, uptime, free, taskset, tty, time. Applets that need
# /proc beyond /proc/self are skipped when it is missing. Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"

ok "true" true
fails "false" false
is "false's exit code" "1" "$(false; echo $?)"
is "pwd is the scratch directory" "$TAP_SCRATCH" "$(pwd)"
mkdir sub
is "pwd after cd" "$TAP_SCRATCH/sub" "$(cd sub && pwd)"

is "uname -s" "$(uname)" "$(uname -s)"
ok "uname -m names a machine" test -n "$(uname -m)"
ok "uname -a has several fields" test "$(uname -a | wc -w)" -ge 5
is "hostname is uname -n" "$(uname -n)" "$(hostname)"
ok "id -u is a number" sh -c 'id -u | grep -q "^[0-9][0-9]*$"'
ok "id -g is a number" sh -c 'id -g | grep -q "^[0-9][0-9]*$"'
is "whoami agrees with id -un (or both fail without /etc/passwd)" \
	"$(id -un 2>/dev/null)" "$(whoami 2>/dev/null)"
is "nproc is at least 1" "yes" "$( [ "$(nproc)" -ge 1 ] && echo yes)"

is "env passes a variable" "bar" "$(env FOO=bar sh -c 'echo $FOO')"
is "env -i clears the environment" "ONLY=1" "$(env -i ONLY=1 env)"
is "env -u removes one" "" "$(env -u HOME sh -c 'echo ${HOME:-}')"
ok "which finds sh" sh -c 'which sh | grep -q "/sh$"'
fails "which fails for a missing command" which no-such-command-here

is "date -d @0 in UTC" "1970-01-01 00:00:00" "$(date -u -d @0 '+%Y-%m-%d %H:%M:%S')"
ok "date +%s is after 2020" test "$(date +%s)" -gt 1577836800
is "date -d with a format" "2026" "$(date -u -d '2026-11-23 10:00' +%Y)"

start=$(date +%s)
sleep 0.2
ok "sleep 0.2 returns" test "$(date +%s)" -ge "$start"
ok "usleep" usleep 1000
timeout 0.3 sleep 5 2>/dev/null
is "timeout kills with SIGTERM: status 143" "143" "$?"
timeout -s KILL 0.3 sleep 5 2>/dev/null
is "timeout -s KILL: status 137" "137" "$?"
ok "timeout lets a quick command finish" timeout 5 true

sleep 10 &
pid=$!
ok "kill -0 of a live process" kill -0 "$pid"
kill "$pid"
wait "$pid"
is "kill sends SIGTERM: wait says 143" "143" "$?"
fails "kill -0 of a dead process" kill -0 "$pid"
sleep 10 &
pid=$!
kill -KILL "$pid"
wait "$pid"
is "kill -KILL: wait says 137" "137" "$?"
is "kill -l names a signal" "TERM" "$(kill -l 15)"

if [ -r /proc/1/stat ] || [ -d /proc/1 ]; then
	sleep 7 &
	pid=$!
	ok "ps lists a background sleep" sh -c "ps | grep -q '^ *$pid '"
	ok "pidof finds sleep" sh -c "pidof sleep | grep -qw $pid"
	kill "$pid"
	wait "$pid" 2>/dev/null
	sleep 11 &
	pid=$!
	killall -q -USR1 nothing-runs-by-this-name
	is "killall with no match exits 1" "1" "$?"
	kill "$pid"
	wait "$pid" 2>/dev/null
else
	skip "ps lists a background sleep" "no /proc"
	skip "pidof finds sleep" "no /proc"
	skip "killall with no match exits 1" "no /proc"
fi
if [ -r /proc/mounts ]; then
	ok "mount lists mounted file systems" sh -c 'mount | grep -q " on "'
else
	skip "mount lists mounted file systems" "no /proc/mounts"
fi

is "setsid runs the command" "hi" "$(setsid echo hi)"
is "getopt parses options" " -a -b 'x' -- 'rest'" "$(getopt -o ab: -- -a -b x rest)"
ok "uptime (sysinfo)" sh -c 'uptime | grep -q "up"'
ok "free (sysinfo) shows memory" sh -c 'free | grep -q "^Mem:"'
ok "taskset -p (sched_getaffinity)" sh -c 'taskset -p $$ | grep -q "mask"'
is "tty with a file on stdin says not a tty" "1" "$(tty < /dev/null > /dev/null; echo $?)"
ok "time runs a command" sh -c 'time true 2>/dev/null'

tap_end
