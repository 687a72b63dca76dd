/*
 * capability.c: capget(2) and capset(2). Basalt's permission checks ask
 * whether the effective uid is 0, as Linux does with every capability
 * when root has them all; so root holds the full permitted and effective
 * sets of Linux 6.1 (capabilities 0 to CAP_LAST_CAP) and the inheritable
 * set is empty, as for Linux's root processes, and any other user holds
 * none. capset may only restate the sets a process has: Basalt keeps no
 * partial set, and the sets it cannot hold are refused (EPERM) rather
 * than reported set and then ignored.
 */
#include <basalt/syscalls.h>
#include <proc/process.h>
#include <uapi/capability.h>
#include <uapi/errno.h>
#include <user/user.h>

/* Version 2 and 3 carry two 32-bit words per set; version 1 one. */
#define CAP_WORDS_MAX		2
#define CAP_FULL_LOW		0xffffffffu
#define CAP_FULL_HIGH		((1u << (CAP_LAST_CAP - 31)) - 1)

/*
 * Checks the header: the number of set words its version carries, or
 * -EINVAL after writing the version this kernel prefers back into it,
 * as Linux's cap_validate_magic (libcap probes that way).
 */
static int cap_header_words(struct __user_cap_header_struct __user *uh,
			    struct __user_cap_header_struct *h)
{
	uint32_t preferred = _LINUX_CAPABILITY_VERSION_3;

	if (copy_from_user(h, uh, sizeof(*h)))
		return -EFAULT;
	switch (h->version) {
	case _LINUX_CAPABILITY_VERSION_1:
		return 1;
	case _LINUX_CAPABILITY_VERSION_2:
	case _LINUX_CAPABILITY_VERSION_3:
		return CAP_WORDS_MAX;
	default:
		if (copy_to_user(&uh->version, &preferred, sizeof(preferred)))
			return -EFAULT;
		return -EINVAL;
	}
}

/* The sets of a process with credentials c. */
static void cap_sets_of(const struct cred *c, struct __user_cap_data_struct d[CAP_WORDS_MAX])
{
	bool root = c->euid == 0;

	d[0].effective = d[0].permitted = root ? CAP_FULL_LOW : 0;
	d[1].effective = d[1].permitted = root ? CAP_FULL_HIGH : 0;
	d[0].inheritable = d[1].inheritable = 0;
}

SYSCALL_DEFINE2(capget, struct __user_cap_header_struct __user *, header,
		struct __user_cap_data_struct __user *, dataptr)
{
	struct __user_cap_header_struct h;
	struct __user_cap_data_struct d[CAP_WORDS_MAX];
	struct process *p;
	struct cred c;
	int words = cap_header_words(header, &h);

	if (words < 0)
		return words;
	if (h.pid < 0)
		return -EINVAL;
	if (!dataptr)
		return 0;		/* a probe of the version */
	spin_lock(&tasklist_lock);
	p = h.pid ? process_find_locked(h.pid) : process_current();
	if (p)
		c = p->cred;
	spin_unlock(&tasklist_lock);
	if (!p)
		return -ESRCH;
	cap_sets_of(&c, d);
	return copy_to_user(dataptr, d, (size_t)words * sizeof(d[0])) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(capset, struct __user_cap_header_struct __user *, header,
		const struct __user_cap_data_struct __user *, data)
{
	struct __user_cap_header_struct h;
	struct __user_cap_data_struct want[CAP_WORDS_MAX] = { 0 }, have[CAP_WORDS_MAX];
	struct process *me = process_current();
	int words = cap_header_words(header, &h);

	if (words < 0)
		return words;
	/* Linux: only the caller's own sets may be changed. */
	if (h.pid != 0 && h.pid != me->pid)
		return -EPERM;
	if (copy_from_user(want, data, (size_t)words * sizeof(want[0])))
		return -EFAULT;
	cap_sets_of(&me->cred, have);
	for (int i = 0; i < words; i++) {
		/* capset(2): effective within permitted, else EPERM. */
		if (want[i].effective & ~want[i].permitted)
			return -EPERM;
		if (want[i].effective != have[i].effective ||
		    want[i].permitted != have[i].permitted ||
		    want[i].inheritable != have[i].inheritable)
			return -EPERM;
	}
	return 0;
}
