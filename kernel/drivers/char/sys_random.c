/*
 * sys_random.c: getrandom(2) over the kernel generator (basalt/random.h).
 *
 * The generator never blocks (random.h says why), so GRND_NONBLOCK and
 * GRND_RANDOM change nothing and GRND_INSECURE is the same pool, as on
 * Linux since 5.6 once seeded. Bytes go out in small chunks, so a large
 * request does not hold interrupts off, and a pending signal ends it
 * early at a page boundary with the count so far (Linux's rule).
 */
#include <core/sys_info.h>
#include <basalt/random.h>
#include <basalt/string.h>
#include <basalt/syscalls.h>
#include <basalt/vmlayout.h>
#include <sched/sched.h>
#include <proc/task.h>
#include <signal/signal.h>
#include <uapi/errno.h>
#include <uapi/random.h>
#include <user/user.h>

#define RANDOM_CHUNK		256
/* Linux's MAX_RW_COUNT: INT_MAX rounded down to a page. */
#define RANDOM_MAX_COUNT	(0x7fffffffUL & ~(PAGE_SIZE - 1))
#define GRND_ALL		(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE)

long ksys_getrandom(char __user *ubuf, size_t count, unsigned int flags)
{
	uint64_t buf = (uint64_t)ubuf;
	uint8_t chunk[RANDOM_CHUNK];
	uint64_t done = 0;

	if (flags & ~GRND_ALL)
		return -EINVAL;
	/* Both at once is contradictory (getrandom(2), Linux 5.6). */
	if ((flags & GRND_INSECURE) && (flags & GRND_RANDOM))
		return -EINVAL;
	if (count > RANDOM_MAX_COUNT)
		count = RANDOM_MAX_COUNT;
	while (done < count) {
		size_t n = count - done < sizeof(chunk) ? count - done : sizeof(chunk);

		if (done && done % PAGE_SIZE == 0) {
			if (signal_pending(task_current()))
				break;
			sched_yield();
		}
		random_get_bytes(chunk, n);
		if (copy_to_user((void __user *)(buf + done), chunk, n)) {
			memset(chunk, 0, sizeof(chunk));
			return done ? (long)done : -EFAULT;
		}
		done += n;
	}
	memset(chunk, 0, sizeof(chunk));
	return (long)done;
}

SYSCALL_DEFINE3(getrandom, char __user *, buf, size_t, count, unsigned int, flags)
{
	return ksys_getrandom(buf, count, flags);
}
