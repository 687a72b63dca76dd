/*
 * process_vm.c: process_vm_readv(2) and process_vm_writev(2), copying
 * between the caller's memory (local_iov) and another process's
 * (remote_iov) without passing through a pipe or ptrace.
 *
 * As Linux's mm/process_vm_access.c: flags must be 0 and each vector at
 * most IOV_MAX entries (EINVAL); a vector that cannot be read is EFAULT
 * and lengths adding up past SSIZE_MAX are EINVAL; a pid with no process
 * (or one with no address space left) is ESRCH, and one the caller may
 * not attach to with ptrace is EPERM. The data goes in order through
 * both vectors; the result is the bytes copied, short at the first
 * remote page that is not mapped or not allowed (vm_access_remote) or
 * the first local page that faults, and EFAULT if that was the first.
 *
 * Locking: tasklist_lock only to find the process and take a user
 * reference on its address space (vm_tryget); the copy runs on that
 * reference, a page at a time through a kernel buffer.
 */
#include <basalt/compiler.h>
#include <basalt/syscalls.h>
#include <basalt/vmlayout.h>
#include <mm/mm.h>
#include <mm/vm.h>
#include <proc/process.h>
#include <proc/task.h>
#include <uapi/errno.h>
#include <user/user.h>

#define PVM_IOV_MAX	1024	/* UIO_MAXIOV */

struct pvm_iovec {
	uint64_t base;
	uint64_t len;
};

/* A position in a vector. */
struct pvm_cursor {
	const struct pvm_iovec *v;
	unsigned long n, i;
	uint64_t off;
};

/* The next run of at most max bytes in c, or 0 at the end. */
static uint64_t pvm_next(struct pvm_cursor *c, uint64_t max, uint64_t *addr)
{
	while (c->i < c->n && c->off == c->v[c->i].len) {
		c->i++;
		c->off = 0;
	}
	if (c->i == c->n)
		return 0;
	*addr = c->v[c->i].base + c->off;
	return MIN(max, c->v[c->i].len - c->off);
}

/* Copies a vector in and checks it: 0, -EFAULT or -EINVAL. */
static int pvm_get_vec(const void __user *u, unsigned long n, struct pvm_iovec **out)
{
	struct pvm_iovec *v;
	uint64_t total = 0;

	*out = NULL;
	if (n > PVM_IOV_MAX)
		return -EINVAL;
	if (!n)
		return 0;
	v = kmalloc(n * sizeof(*v));
	if (!v)
		return -ENOMEM;
	if (copy_from_user(v, u, n * sizeof(*v))) {
		kfree(v);
		return -EFAULT;
	}
	for (unsigned long i = 0; i < n; i++) {
		total += v[i].len;
		if ((int64_t)v[i].len < 0 || (int64_t)total < 0) {
			kfree(v);
			return -EINVAL;
		}
	}
	*out = v;
	return 0;
}

/* ptrace's PTRACE_MODE_ATTACH_REALCREDS: root, or all the target's ids are ours. */
static bool pvm_may_access(const struct process *self, const struct process *t)
{
	const struct cred *a = &self->cred, *b = &t->cred;

	if (self == t || a->euid == 0)
		return true;
	if (a->uid != b->uid || a->uid != b->euid || a->uid != b->suid ||
	    a->gid != b->gid || a->gid != b->egid || a->gid != b->sgid)
		return false;
	return t->dumpable == PROCESS_DUMP_USER;
}

/* The target's address space, referenced; or ESRCH / EPERM. */
static int pvm_target(int pid, struct vm_space **out)
{
	struct process *self = process_current(), *p;
	struct task *t;
	int err = 0;

	*out = NULL;
	spin_lock(&tasklist_lock);
	t = process_find_thread_locked(pid);
	p = t ? t->proc : NULL;
	if (!p || p->state != PROCESS_ALIVE || !p->vm)
		err = -ESRCH;
	else if (!pvm_may_access(self, p))
		err = -EPERM;
	else if (!vm_tryget(p->vm))
		err = -ESRCH;
	else
		*out = p->vm;
	spin_unlock(&tasklist_lock);
	return err;
}

/* Moves the data: the bytes done, or the first error if none were. */
static long pvm_copy(struct vm_space *vm, struct pvm_cursor *local, struct pvm_cursor *remote,
		     uint8_t *bounce, bool write)
{
	long total = 0;

	for (;;) {
		uint64_t raddr, laddr, got, n = pvm_next(remote, PAGE_SIZE, &raddr);
		uint64_t moved = 0;

		n = n ? pvm_next(local, n, &laddr) : 0;
		if (!n)
			break;
		n = MIN(n, PAGE_SIZE - (raddr & (PAGE_SIZE - 1)));
		if (write) {
			if (copy_from_user(bounce, (const void __user *)laddr, n))
				return total ? total : -EFAULT;
			got = vm_access_remote(vm, raddr, bounce, n, true);
		} else {
			got = vm_access_remote(vm, raddr, bounce, n, false);
			if (got && copy_to_user((void __user *)laddr, bounce, got))
				return total ? total : -EFAULT;
		}
		moved = got;
		total += (long)moved;
		local->off += moved;
		remote->off += moved;
		if (moved < n)
			return total ? total : -EFAULT;
	}
	return total;
}

static long pvm_rw(int pid, const void __user *lvec, unsigned long liovcnt,
		   const void __user *rvec, unsigned long riovcnt, unsigned long flags, bool write)
{
	struct pvm_iovec *lv = NULL, *rv = NULL;
	struct pvm_cursor lc, rc;
	struct vm_space *vm = NULL;
	uint8_t *bounce = NULL;
	uint64_t local_len = 0;
	long r;

	if (flags)
		return -EINVAL;
	r = pvm_get_vec(lvec, liovcnt, &lv);
	if (!r)
		r = pvm_get_vec(rvec, riovcnt, &rv);
	for (unsigned long i = 0; !r && i < liovcnt; i++) {
		if (!uaccess_range_ok(lv[i].base, lv[i].len))
			r = -EFAULT;
		local_len += lv[i].len;
	}
	if (!r && !local_len)
		goto out;	/* nothing to copy: 0, target unchecked, as Linux */
	if (!r)
		r = pvm_target(pid, &vm);
	if (!r && !(bounce = kmalloc(PAGE_SIZE)))
		r = -ENOMEM;
	if (!r) {
		lc = (struct pvm_cursor){ lv, liovcnt, 0, 0 };
		rc = (struct pvm_cursor){ rv, riovcnt, 0, 0 };
		r = pvm_copy(vm, &lc, &rc, bounce, write);
	}
out:
	kfree(bounce);
	if (vm)
		vm_put(vm);
	kfree(lv);
	kfree(rv);
	return r;
}

SYSCALL_DEFINE6(process_vm_readv, int, pid, const void __user *, lvec, unsigned long, liovcnt,
		const void __user *, rvec, unsigned long, riovcnt, unsigned long, flags)
{
	return pvm_rw(pid, lvec, liovcnt, rvec, riovcnt, flags, false);
}

SYSCALL_DEFINE6(process_vm_writev, int, pid, const void __user *, lvec, unsigned long, liovcnt,
		const void __user *, rvec, unsigned long, riovcnt, unsigned long, flags)
{
	return pvm_rw(pid, lvec, liovcnt, rvec, riovcnt, flags, true);
}
