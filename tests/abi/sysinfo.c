/*
 * sysinfo.c: system information and scheduling calls: sysinfo(2),
 * getrandom(2) (flags, EINVAL), sched_getaffinity/sched_setaffinity
 * (sizes and masks as Linux checks them), getcpu(2), sched_yield(2),
 * and reboot(2)'s refusals (EINVAL for bad magic, EPERM for an
 * unprivileged caller: never a real reboot). Prints TAP; exits with
 * the failure count.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include <linux/reboot.h>
#include <sys/klog.h>
#include <sys/random.h>
#include <sys/sysinfo.h>
#include "abi_tap.h"

#define PLAN		16
#define BAD_GRND_FLAG	0x8

/* CAD_OFF would be harmless even if it were accepted. */
static int unprivileged_reboot_refused(void)
{
	return raw6(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
		    LINUX_REBOOT_CMD_CAD_OFF, 0, 0, 0) != -EPERM;
}

int main(void)
{
	struct sysinfo si;
	uint8_t a[32], b[32], zero[32] = { 0 };
	uint64_t mask[16];
	unsigned cpu = 999, node = 999;
	long r;

	tap_plan(PLAN);
	r = raw(SYS_sysinfo, &si, 0, 0);
	check(r == 0 && si.uptime > 0 && si.totalram > 0 && si.freeram <= si.totalram &&
	      si.mem_unit >= 1 && si.procs >= 1, "sysinfo: uptime %ld s, %lu of %lu bytes free",
	      si.uptime, si.freeram * si.mem_unit, si.totalram * si.mem_unit);

	check(getrandom(a, sizeof(a), 0) == sizeof(a) && getrandom(b, sizeof(b), GRND_NONBLOCK) ==
	      sizeof(b) && memcmp(a, b, sizeof(a)) && memcmp(a, zero, sizeof(a)),
	      "getrandom: two 32-byte draws, different, not zero");
	check(getrandom(a, 16, GRND_RANDOM | GRND_NONBLOCK) == 16, "getrandom GRND_RANDOM");
	errno = 0;
	check(getrandom(a, 16, BAD_GRND_FLAG) == -1 && errno == EINVAL, "getrandom with an unknown flag: EINVAL");

	r = raw(SYS_sched_getaffinity, 0, sizeof(mask), mask);
	check(r > 0 && r % 8 == 0 && (mask[0] & 1), "sched_getaffinity: %ld bytes, CPU 0 in the mask", r);
	check(raw(SYS_sched_getaffinity, 0, 1, mask) == -EINVAL &&
	      raw(SYS_sched_getaffinity, 0, 12, mask) == -EINVAL,
	      "sched_getaffinity with a size not a multiple of a long: EINVAL");
	mask[0] = 1;
	check(raw(SYS_sched_setaffinity, 0, 8, mask) == 0, "sched_setaffinity to CPU 0");
	mask[0] = 0;
	check(raw(SYS_sched_setaffinity, 0, 8, mask) == -EINVAL, "sched_setaffinity to no CPU: EINVAL");
	mask[0] = ~0ULL;
	raw(SYS_sched_setaffinity, 0, 8, mask);
	r = raw(SYS_getcpu, &cpu, &node, 0);
	check(r == 0 && cpu < 1024 && node < 1024, "getcpu: CPU %u, node %u", cpu, node);
	check(sched_yield() == 0, "sched_yield");

	/* Bad magic: refused before anything happens (EPERM without CAP_SYS_BOOT). */
	r = raw6(SYS_reboot, 0, 0, LINUX_REBOOT_CMD_CAD_OFF, 0, 0, 0);
	check(r == -EINVAL || r == -EPERM, "reboot with bad magic numbers: EINVAL (%ld)", r);
	check_as_nobody(unprivileged_reboot_refused, "reboot as a non-root user: EPERM");
	check(raw(SYS_sysinfo, 0, 0, 0) == -EFAULT, "sysinfo(NULL): EFAULT");
	/* syslog(2), what dmesg reads (klogctl(3)). */
	{
		static char logbuf[1 << 16];
		if (geteuid() == 0) {
			int size = klogctl(10, NULL, 0);	/* SYSLOG_ACTION_SIZE_BUFFER */

			check(size > 0, "syslog SIZE_BUFFER: %d bytes", size);
			check(klogctl(3, logbuf, sizeof(logbuf)) >= 0,
			      "syslog READ_ALL (root)");	/* SYSLOG_ACTION_READ_ALL */
		} else {
			skip("syslog needs root where dmesg_restrict is set");
			skip("syslog needs root where dmesg_restrict is set");
		}
		errno = 0;
		check(klogctl(99, logbuf, 1) == -1 && (errno == EINVAL || errno == EPERM),
		      "syslog with an unknown action: EINVAL");
	}
	return tap_done();
}
