/*
 * kcmp.c: kcmp(2), whether two processes share a kernel object (a file,
 * the address space, the descriptor table, the fs context, the signal
 * actions), as Linux's kernel/kcmp.c: 0 for the same object, else 1 or 2
 * for an order of the two objects that tells nothing of their addresses
 * (each pointer is mixed with a per-type random cookie, Linux's
 * kptr_obfuscate: (p ^ a) * b with b odd, so the order is consistent
 * and the mapping one-to-one).
 *
 * Errors as Linux: ESRCH for a pid (or tid) that does not exist, EPERM
 * when the caller may not inspect either process (ptrace's read access
 * with real credentials), EBADF for a KCMP_FILE descriptor that is not
 * open, EINVAL for an unknown type. KCMP_IO: Basalt has no I/O contexts,
 * so two processes compare as two that never did I/O on Linux (equal,
 * both none). KCMP_SYSVSEM and KCMP_EPOLL_TFD are EOPNOTSUPP, what a
 * Linux without SysV IPC or epoll says.
 *
 * Locking: tasklist_lock while the processes are looked at (they cannot
 * go away meanwhile); a file is taken with fd_table_get_atomic and only
 * its address used.
 */
#include <basalt/random.h>
#include <basalt/syscalls.h>
#include <fs/file.h>
#include <fs/vfs.h>
#include <proc/process.h>
#include <proc/task.h>
#include <uapi/errno.h>

/* Linux's enum kcmp_type (uapi/linux/kcmp.h). */
enum {
	KCMP_FILE,
	KCMP_VM,
	KCMP_FILES,
	KCMP_FS,
	KCMP_SIGHAND,
	KCMP_IO,
	KCMP_SYSVSEM,
	KCMP_EPOLL_TFD,
	KCMP_TYPES,
};

/* The cookies, made once (racing first callers make the same kind of value). */
static uint64_t kcmp_cookies[KCMP_TYPES][2];
static bool kcmp_cookies_ready;

static void kcmp_init_cookies(void)
{
	if (__atomic_load_n(&kcmp_cookies_ready, __ATOMIC_ACQUIRE))
		return;
	random_get_bytes(kcmp_cookies, sizeof(kcmp_cookies));
	for (unsigned i = 0; i < KCMP_TYPES; i++)
		kcmp_cookies[i][1] |= 1;	/* odd: the product stays one-to-one */
	__atomic_store_n(&kcmp_cookies_ready, true, __ATOMIC_RELEASE);
}

/* 0 equal, 1 below, 2 above, in the mixed order. */
static long kcmp_ptr(const void *a, const void *b, unsigned type)
{
	int64_t ta = (int64_t)(((uint64_t)(uintptr_t)a ^ kcmp_cookies[type][0]) *
			       kcmp_cookies[type][1]);
	int64_t tb = (int64_t)(((uint64_t)(uintptr_t)b ^ kcmp_cookies[type][0]) *
			       kcmp_cookies[type][1]);

	return (ta < tb) | ((ta > tb) << 1);
}

/* ptrace's PTRACE_MODE_READ_REALCREDS: root, or all the target's ids are ours. */
static bool kcmp_may_access(const struct process *self, const struct process *t)
{
	const struct cred *a = &self->cred, *b = &t->cred;

	if (self == t || a->euid == 0)
		return true;
	if (a->uid != b->uid || a->uid != b->euid || a->uid != b->suid ||
	    a->gid != b->gid || a->gid != b->egid || a->gid != b->sgid)
		return false;
	return t->dumpable == PROCESS_DUMP_USER;
}

/* The object of type in p; tasklist_lock held. */
static const void *kcmp_object(const struct process *p, unsigned type)
{
	switch (type) {
	case KCMP_VM:
		return p->vm;
	case KCMP_FILES:
		return p->files;
	case KCMP_FS:
		return p->fs;
	case KCMP_SIGHAND:
		return p->sighand;
	default:
		return NULL;	/* KCMP_IO: none */
	}
}

SYSCALL_DEFINE5(kcmp, int, pid1, int, pid2, int, type, unsigned long, idx1,
		unsigned long, idx2)
{
	struct process *self = process_current(), *p1, *p2;
	struct file *f1 = NULL, *f2 = NULL;
	struct task *t1, *t2;
	long r = 0;

	kcmp_init_cookies();
	spin_lock(&tasklist_lock);
	t1 = process_find_thread_locked(pid1);
	t2 = process_find_thread_locked(pid2);
	p1 = t1 ? t1->proc : NULL;
	p2 = t2 ? t2->proc : NULL;
	if (!p1 || !p2) {
		r = -ESRCH;
	} else if (!kcmp_may_access(self, p1) || !kcmp_may_access(self, p2)) {
		r = -EPERM;
	} else if (type == KCMP_FILE) {
		if (p1->files && idx1 <= INT32_MAX)
			f1 = fd_table_get_atomic(p1->files, (int)idx1);
		if (p2->files && idx2 <= INT32_MAX)
			f2 = fd_table_get_atomic(p2->files, (int)idx2);
		r = f1 && f2 ? kcmp_ptr(f1, f2, KCMP_FILE) : -EBADF;
	} else if (type == KCMP_SYSVSEM || type == KCMP_EPOLL_TFD) {
		r = -EOPNOTSUPP;
	} else if (type >= 0 && type < KCMP_TYPES) {
		r = kcmp_ptr(kcmp_object(p1, (unsigned)type), kcmp_object(p2, (unsigned)type),
			     (unsigned)type);
	} else {
		r = -EINVAL;
	}
	spin_unlock(&tasklist_lock);
	if (f1)
		file_put(f1);
	if (f2)
		file_put(f2);
	return r;
}
