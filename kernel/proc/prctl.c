/*
 * prctl.c: prctl(2), operations on the calling thread and process:
 * PR_SET_NAME and PR_GET_NAME so far.
 */
#include <basalt/string.h>
#include <basalt/syscalls.h>
#include <proc/process.h>
#include <proc/task.h>
#include <uapi/errno.h>
#include <user/user.h>

/* prctl(2) options (Linux include/uapi/linux/prctl.h values). */
#define PR_SET_NAME		15
#define PR_GET_NAME		16

/*
 * prctl(2). PR_SET_NAME names the calling thread (16 bytes with the NUL,
 * longer names truncated); the main thread's name is the process's comm
 * that /proc/PID/comm and stat show, as Linux's. Other options: EINVAL,
 * as Linux answers options it does not know. Linux's option is an int;
 * Basalt compares all 64 bits of the register.
 */
SYSCALL_DEFINE2(prctl, uint64_t, option, uint64_t, addr)
{
	struct task *t = task_current();
	struct process *p = process_current();
	char name[TASK_NAME_MAX];
	long n;

	switch (option) {
	case PR_SET_NAME:
		n = strncpy_from_user(name, (const char __user *)addr, sizeof(name));
		if (n < 0)
			return n;
		name[sizeof(name) - 1] = '\0';
		strlcpy(t->name, name, sizeof(t->name));
		if (p && t->tid == p->pid)
			strlcpy(p->comm, name, sizeof(p->comm));
		return 0;
	case PR_GET_NAME:
		memset(name, 0, sizeof(name));
		strlcpy(name, t->name, sizeof(name));
		return copy_to_user((void __user *)addr, name, sizeof(name));
	default:
		return -EINVAL;
	}
}
