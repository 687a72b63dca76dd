/*
 * robust_list.c: robust futexes (Linux's Documentation/locking/
 * robust-futexes.rst and robust-futex-ABI.rst): set_robust_list(2),
 * get_robust_list(2), and the walk when a thread exits or execs.
 *
 * A thread keeps a list, in its own memory, of the futex-based locks it
 * holds (glibc's robust and process-shared mutexes). When it ends
 * without releasing them, the kernel marks each lock whose word still
 * holds the thread's tid FUTEX_OWNER_DIED and wakes one waiter, so the
 * next locker gets EOWNERDEAD instead of waiting forever.
 *
 * Locking: a thread's robust_list is written by that thread only (the
 * call, exit, exec) and read by get_robust_list under tasklist_lock.
 * The update of a lock word is a read then a write of user memory, not
 * Linux's atomic cmpxchg: enough on one CPU, where nothing else runs in
 * between; SMP needs a user-space cmpxchg here.
 */
#include <basalt/syscalls.h>
#include <proc/futex.h>
#include <proc/process.h>
#include <proc/task.h>
#include <uapi/errno.h>
#include <uapi/futex.h>
#include <user/user.h>

/* Linux's ROBUST_LIST_LIMIT: a longer (or circular) list is cut short. */
#define ROBUST_LIST_LIMIT	2048
/* Bit 0 of an entry's address marks a priority-inheritance lock. */
#define ROBUST_ENTRY_PI		1ULL

SYSCALL_DEFINE2(set_robust_list, struct robust_list_head __user *, head, size_t, len)
{
	if (len != sizeof(struct robust_list_head))
		return -EINVAL;
	task_current()->robust_list = (uint64_t)head;
	return 0;
}

/*
 * get_robust_list(2): pid 0 is the caller. Another thread's list needs
 * the right to trace it (ptrace_may_access): here, the same real or
 * effective user as its process, or root.
 */
SYSCALL_DEFINE3(get_robust_list, int, pid, uint64_t __user *, head_ptr, size_t __user *, len_ptr)
{
	const struct cred *me = &process_current()->cred;
	size_t len = sizeof(struct robust_list_head);
	uint64_t head;
	struct task *t;
	int err = 0;

	spin_lock(&tasklist_lock);	/* t stays while we read it */
	t = pid ? process_find_thread_locked(pid) : task_current();
	if (!t || !t->proc)
		err = -ESRCH;
	else if (me->euid != 0 && me->euid != t->proc->cred.uid && me->euid != t->proc->cred.euid)
		err = -EPERM;
	else
		head = t->robust_list;
	spin_unlock(&tasklist_lock);
	if (err)
		return err;
	if (copy_to_user(len_ptr, &len, sizeof(len)) || copy_to_user(head_ptr, &head, sizeof(head)))
		return -EFAULT;
	return 0;
}

/* One lock the thread tid still holds: owner died, and a waiter woken. */
static void robust_lock_died(uint64_t uaddr, int tid)
{
	uint32_t word, died;

	if (uaddr & (sizeof(word) - 1))
		return;
	if (copy_from_user(&word, (const void __user *)uaddr, sizeof(word)))
		return;
	if ((word & FUTEX_TID_MASK) != (uint32_t)tid)
		return;
	died = (word & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
	if (copy_to_user((void __user *)uaddr, &died, sizeof(died)))
		return;
	if (word & FUTEX_WAITERS)
		futex_wake_addr(uaddr, 1);
}

void robust_list_exit(struct task *t)
{
	uint64_t head_addr = t->robust_list, entry, next, pending;
	struct robust_list_head head;

	t->robust_list = 0;
	if (!head_addr ||
	    copy_from_user(&head, (const void __user *)head_addr, sizeof(head)))
		return;
	entry = head.list_next & ~ROBUST_ENTRY_PI;
	pending = head.list_op_pending & ~ROBUST_ENTRY_PI;
	for (unsigned n = 0; entry != head_addr && n < ROBUST_LIST_LIMIT; n++) {
		/* Read the next link first: the lock's owner-died write may be the last touch. */
		if (copy_from_user(&next, (const void __user *)entry, sizeof(next)))
			return;
		if (entry != pending)
			robust_lock_died(entry + (uint64_t)head.futex_offset, t->tid);
		entry = next & ~ROBUST_ENTRY_PI;
	}
	if (pending)
		robust_lock_died(pending + (uint64_t)head.futex_offset, t->tid);
}
