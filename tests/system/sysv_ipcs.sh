#!/bin/sh
# sysv_ipcs.sh: BusyBox ipcs and ipcrm over System V IPC (issue 16): the
# limits ipcs -l reads with IPC_INFO (Linux's defaults), the listings'
# titles (MSG_INFO/SHM_INFO/SEM_INFO and the *_STAT walks), and ipcrm's
# failure for an id or key that does not exist. Debian's BusyBox has no
# ipcs: there the checks are skipped. Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"

if ipcs -l > limits.txt 2>/dev/null; then
	is "ipcs -l: Linux's default limits" "
------ Messages: Limits --------
max queues system wide = 32000
max size of message (bytes) = 8192
default max size of queue (bytes) = 16384

------ Shared Memory Limits --------
max number of segments = 4096
max seg size (kbytes) = 18014398509465599
max total shared memory (pages) = 18446744073692774399
min seg size (bytes) = 1

------ Semaphore Limits --------
max number of arrays = 32000
max semaphores per array = 32000
max semaphores system wide = 1024000000
max ops per semop call = 500
semaphore max value = 32767" "$(cat limits.txt)"
	ok "ipcs lists messages, segments and semaphores" \
		sh -c 'ipcs > all.txt && grep -q "^------ Message Queues" all.txt &&
		       grep -q "^------ Shared Memory Segments" all.txt &&
		       grep -q "^------ Semaphore Arrays" all.txt'
	ok "ipcs -u: the usage summaries" sh -c 'ipcs -u | grep -q "^------ Semaphore Status"'
	fails "ipcrm -q of an id nobody has fails" ipcrm -q 2147483647
	fails "ipcrm -m of an id nobody has fails" ipcrm -m 2147483647
	fails "ipcrm -S of a key nobody has fails" ipcrm -S 0x7ffe1234
else
	for what in "ipcs -l" "ipcs" "ipcs -u" "ipcrm -q" "ipcrm -m" "ipcrm -S"; do
		skip "$what" "this BusyBox has no ipcs"
	done
fi
tap_end
