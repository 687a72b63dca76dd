/*
 * prctl.c: prctl(2), operations on the calling thread and process: the
 * thread's name, the parent-death signal, the dumpable flag, no_new_privs,
 * the child subreaper mark, keep-capabilities and the bounding set query.
 * The argument checks follow Linux 6.1's kernel/sys.c and
 * security/commoncap.c (cap_task_prctl).
 */
#include <basalt/string.h>
#include <basalt/syscalls.h>
#include <proc/process.h>
#include <proc/task.h>
#include <uapi/capability.h>
#include <uapi/errno.h>
#include <uapi/signal.h>
#include <user/user.h>

/* prctl(2) options (Linux include/uapi/linux/prctl.h values). */
#define PR_SET_PDEATHSIG	1
#define PR_GET_PDEATHSIG	2
#define PR_GET_DUMPABLE		3
#define PR_SET_DUMPABLE		4
#define PR_GET_KEEPCAPS		7
#define PR_SET_KEEPCAPS		8
#define PR_SET_NAME		15
#define PR_GET_NAME		16
#define PR_CAPBSET_READ		23
#define PR_SET_CHILD_SUBREAPER	36
#define PR_GET_CHILD_SUBREAPER	37
#define PR_SET_NO_NEW_PRIVS	38
#define PR_GET_NO_NEW_PRIVS	39

static long prctl_put_int(uint64_t addr, int value)
{
	return copy_to_user((void __user *)addr, &value, sizeof(value)) ? -EFAULT : 0;
}

static long prctl_set_name(uint64_t addr)
{
	struct task *t = task_current();
	struct process *p = process_current();
	char name[TASK_NAME_MAX];
	long n = strncpy_from_user(name, (const char __user *)addr, sizeof(name));

	if (n < 0)
		return n;
	name[sizeof(name) - 1] = '\0';
	strlcpy(t->name, name, sizeof(t->name));
	if (p && t->tid == p->pid)
		strlcpy(p->comm, name, sizeof(p->comm));
	return 0;
}

static long prctl_get_name(uint64_t addr)
{
	char name[TASK_NAME_MAX];

	memset(name, 0, sizeof(name));
	strlcpy(name, task_current()->name, sizeof(name));
	return copy_to_user((void __user *)addr, name, sizeof(name)) ? -EFAULT : 0;
}

/*
 * PR_SET_PDEATHSIG: 0 or a valid signal (Linux's valid_signal, 0..NSIG).
 * The exit of the parent reads it under tasklist_lock (exit.c).
 */
static long prctl_set_pdeathsig(struct process *p, uint64_t sig)
{
	if (sig > NSIG)
		return -EINVAL;
	spin_lock(&tasklist_lock);
	p->pdeath_signal = (int)sig;
	spin_unlock(&tasklist_lock);
	return 0;
}

/*
 * PR_SET_CHILD_SUBREAPER: any non-zero arg2 marks the process; orphans
 * below it come to it instead of to PID 1 (exit.c's process_find_reaper).
 */
static long prctl_set_subreaper(struct process *p, uint64_t on)
{
	spin_lock(&tasklist_lock);
	p->child_subreaper = on != 0;
	spin_unlock(&tasklist_lock);
	return 0;
}

/*
 * prctl(2). Linux's option is an int; Basalt compares all 64 bits of the
 * register. Options it does not know: EINVAL, as Linux answers them.
 */
SYSCALL_DEFINE5(prctl, uint64_t, option, uint64_t, arg2, uint64_t, arg3, uint64_t, arg4,
		uint64_t, arg5)
{
	struct process *p = process_current();

	switch (option) {
	case PR_SET_NAME:
		return prctl_set_name(arg2);
	case PR_GET_NAME:
		return prctl_get_name(arg2);
	case PR_SET_PDEATHSIG:
		return prctl_set_pdeathsig(p, arg2);
	case PR_GET_PDEATHSIG:
		return prctl_put_int(arg2, p->pdeath_signal);
	case PR_GET_DUMPABLE:
		return p->dumpable;
	case PR_SET_DUMPABLE:
		/* Only 0 and 1: 2 (SUID_DUMP_ROOT) is the sysctl's alone. */
		if (arg2 != PROCESS_DUMP_DISABLE && arg2 != PROCESS_DUMP_USER)
			return -EINVAL;
		p->dumpable = (unsigned)arg2;
		return 0;
	case PR_GET_KEEPCAPS:
		return p->keep_caps;
	case PR_SET_KEEPCAPS:
		if (arg2 > 1)
			return -EINVAL;
		p->keep_caps = arg2 != 0;
		return 0;
	case PR_CAPBSET_READ:
		/* Basalt never drops from the bounding set: every capability is in it. */
		return arg2 <= CAP_LAST_CAP ? 1 : -EINVAL;
	case PR_SET_CHILD_SUBREAPER:
		return prctl_set_subreaper(p, arg2);
	case PR_GET_CHILD_SUBREAPER:
		return prctl_put_int(arg2, p->child_subreaper);
	case PR_SET_NO_NEW_PRIVS:
		/* One way: only 1 sets it, and nothing clears it. */
		if (arg2 != 1 || arg3 || arg4 || arg5)
			return -EINVAL;
		p->no_new_privs = true;
		return 0;
	case PR_GET_NO_NEW_PRIVS:
		if (arg2 || arg3 || arg4 || arg5)
			return -EINVAL;
		return p->no_new_privs;
	default:
		return -EINVAL;
	}
}
