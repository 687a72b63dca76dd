/*
 * fork.c: new user threads and processes: fork, vfork, clone, clone3,
 * and the first run of a user thread.
 *
 * A user thread is a task whose kernel stack holds, at its very top, the
 * trap frame of its ring 3 state (task->user_frame): the syscall entry
 * and interrupts from ring 3 build their frames exactly there, so fork
 * copies the parent's frame into the child's slot, sets the child's rax
 * to 0, and the child's first switch lands in user_thread_main, which
 * returns to ring 3 through that frame.
 */
#include <proc/task_limit.h>
#include <proc/process.h>
#include <arch/x86_64/proc/context.h>
#include <arch/x86_64/syscall/syscall.h>
#include <asm/cpu.h>
#include <asm/gdt.h>
#include <basalt/log.h>
#include <basalt/string.h>
#include <basalt/syscalls.h>
#include <fs/file.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <mm/vm.h>
#include <proc/pidfd.h>
#include <sched/sched.h>
#include <signal/signal.h>
#include <uapi/errno.h>
#include <uapi/sched.h>
#include <user/user.h>

/* Flags Basalt does not implement: namespaces, cgroups, ptrace. */
#define CLONE_UNSUPPORTED						\
	(CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC |	\
	 CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET |			\
	 CLONE_PTRACE | CLONE_INTO_CGROUP)
/* What clone3 accepts in flags (the exit signal has its own field). */
#define CLONE3_FLAGS_VALID	(~CSIGNAL & 0xffffffffULL)

struct clone_request {
	uint64_t flags;
	int exit_signal;
	uint64_t stack;		/* new user rsp, or 0 to keep the parent's */
	uint64_t parent_tid;	/* CLONE_PARENT_SETTID */
	uint64_t child_tid;	/* CLONE_CHILD_SETTID / CLONE_CHILD_CLEARTID */
	uint64_t tls;		/* CLONE_SETTLS: the new FS base */
	uint64_t pidfd;		/* CLONE_PIDFD: where the parent gets the pidfd (an int) */
};

/* The first C code of a new user thread (through kthread_start). */
static int user_thread_main(void *arg)
{
	struct task *t = arg;

	if (t->set_child_tid) {
		uint32_t tid = (uint32_t)t->tid;

		/* Linux ignores a bad address here too (schedule_tail). */
		(void)copy_to_user((void __user *)t->set_child_tid, &tid, sizeof(tid));
	}
	user_return_to(t->user_frame);
}

/*
 * A task that will enter ring 3 with *frame: its own kernel stack, the
 * frame copied to the top, and an FPU area (copied from fpu, or the
 * initial state when NULL).
 */
static struct task *user_thread_alloc_fn(const struct trap_frame *frame, const void *fpu,
					 const char *name, int (*fn)(void *), void *arg)
{
	struct task *t = task_alloc(fn, arg, name);

	if (!t)
		return NULL;
	t->fpu_state = user_fpu_alloc(fpu);
	if (!t->fpu_state) {
		task_discard(t);
		return NULL;
	}
	t->user_frame = (struct trap_frame *)(t->kstack_top - sizeof(*frame));
	*t->user_frame = *frame;
	/* kthread_start's frames go below the user frame, never over it. */
	context_init_kthread(&t->context, (uint64_t)t->user_frame, fn, arg ? arg : t);
	list_init(&t->proc_link);
	list_init(&t->sig_queue);
	t->flags |= TASK_FLAG_DETACHED;	/* freed when it exits; the process stays */
	return t;
}

static struct task *user_thread_alloc(const struct trap_frame *frame, const void *fpu,
				      const char *name)
{
	return user_thread_alloc_fn(frame, fpu, name, user_thread_main, NULL);
}

/* Adds thread t to p (and makes it p's first thread if p is new). */
static void process_add_thread(struct process *p, struct task *t)
{
	uint64_t flags = 0;

	/* The thread list changes under both locks (process.h). */
	spin_lock(&tasklist_lock);
	if (p->sighand)
		flags = signal_lock_irqsave(p);
	t->proc = p;
	list_add_tail(&p->threads, &t->proc_link);
	p->nr_threads++;
	if (p->sighand)
		signal_unlock_irqrestore(p, flags);
	spin_unlock(&tasklist_lock);
}

int process_start(struct process *p, uint64_t entry, uint64_t sp)
{
	struct trap_frame frame;
	struct task *t;

	memset(&frame, 0, sizeof(frame));
	frame.rip = entry;
	frame.cs = GDT_USER_CS;
	frame.rflags = RFLAGS_IF | RFLAGS_RESERVED1;
	frame.rsp = sp;
	frame.ss = GDT_USER_DS;
	t = user_thread_alloc(&frame, NULL, p->comm);
	if (!t)
		return -ENOMEM;
	t->tid = p->pid;
	process_add_thread(p, t);
	sched_start(t);
	return 0;
}

int process_start_kernel(struct process *p, int (*fn)(void *), void *arg)
{
	struct trap_frame frame;
	struct task *t;

	memset(&frame, 0, sizeof(frame));
	frame.cs = GDT_USER_CS;
	frame.ss = GDT_USER_DS;
	frame.rflags = RFLAGS_IF | RFLAGS_RESERVED1;
	t = user_thread_alloc_fn(&frame, NULL, p->comm, fn, arg);
	if (!t)
		return -ENOMEM;
	t->tid = p->pid;
	process_add_thread(p, t);
	sched_start(t);
	return 0;
}

static bool clone_unsupported_logged;	/* irq: one CPU */

static int clone_check_flags(uint64_t flags)
{
	if (flags & CLONE_UNSUPPORTED) {
		if (!clone_unsupported_logged) {
			clone_unsupported_logged = true;
			pr_notice("clone: namespaces, cgroups and ptrace are not supported: EINVAL\n");
		}
		return -EINVAL;
	}
	/* The consistency rules of Linux's copy_process. */
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if ((flags & CLONE_PARENT) && process_current()->pid == 1)
		return -EINVAL;
	/* Linux 6.1's copy_process: CLONE_DETACHED is kept for later, no thread pidfds. */
	if ((flags & CLONE_PIDFD) && (flags & (CLONE_DETACHED | CLONE_THREAD)))
		return -EINVAL;
	return 0;
}

/* The parts of a new process that clone flags decide to share or copy. */
static int clone_process_parts(struct process *child, struct process *parent,
			       uint64_t flags)
{
	if (flags & CLONE_VM) {
		child->vm = parent->vm;
		vm_get(child->vm);
	} else {
		child->vm = vm_clone(parent->vm);
		if (!child->vm)
			return -ENOMEM;
	}
	if (parent->files) {
		if (flags & CLONE_FILES) {
			child->files = parent->files;
			fd_table_get(child->files);
		} else if (!(child->files = fd_table_clone(parent->files))) {
			return -ENOMEM;
		}
	}
	if (parent->fs) {
		if (flags & CLONE_FS) {
			child->fs = parent->fs;
			fs_context_get(child->fs);
		} else if (!(child->fs = fs_context_clone(parent->fs))) {
			return -ENOMEM;
		}
	}
	if (parent->sighand) {
		if (flags & CLONE_SIGHAND) {
			child->sighand = parent->sighand;
			sighand_get(child->sighand);
		} else if (!(child->sighand = sighand_clone(parent->sighand))) {
			return -ENOMEM;
		}
	}
	return 0;
}

/* Undoes clone_process_parts for a child that never ran. */
static void clone_process_parts_drop(struct process *child)
{
	if (child->vm)
		vm_put(child->vm);
	if (child->files)
		fd_table_put(child->files);
	if (child->fs)
		fs_context_put(child->fs);
	if (child->sighand)
		sighand_put(child->sighand);
}

static struct process *clone_new_process(struct process *parent, const struct clone_request *req,
					 int pid)
{
	struct process *child = process_alloc();

	if (!child)
		return NULL;
	child->pid = pid;
	child->pgid = parent->pgid;
	child->sid = parent->sid;
	child->exit_signal = req->exit_signal;
	memcpy(child->comm, parent->comm, sizeof(child->comm));
	if (parent->exe_path)
		process_set_exe(child, parent->exe_path);
	child->arg_start = parent->arg_start;
	child->arg_end = parent->arg_end;
	child->env_start = parent->env_start;
	child->env_end = parent->env_end;
	child->auxv_start = parent->auxv_start;
	child->auxv_end = parent->auxv_end;
	child->cred = parent->cred;
	memcpy(child->rlim, parent->rlim, sizeof(child->rlim));
	child->ctty = parent->ctty;
	child->personality = parent->personality;
	/* prctl(2): the death signal and the subreaper mark are not inherited. */
	child->dumpable = parent->dumpable;
	child->no_new_privs = parent->no_new_privs;
	child->keep_caps = parent->keep_caps;
	child->parent = (req->flags & CLONE_PARENT) ? parent->parent : parent;
	if (clone_process_parts(child, parent, req->flags)) {
		clone_process_parts_drop(child);
		kfree(child);
		return NULL;
	}
	return child;
}

static long process_clone(const struct clone_request *req)
{
	struct task *me = task_current(), *t;
	struct process *parent = me->proc, *p;
	uint64_t flags = req->flags;
	struct file *pidfile = NULL;
	int err = clone_check_flags(flags), tid, pidfd = -1;

	if (err)
		return err;
	/* threads-max (task_limit.c): every clone, as Linux's copy_process. */
	if (task_limit_reached())
		return -EAGAIN;
	if (!(flags & CLONE_THREAD)) {
		if (process_total() >= PROCESS_MAX ||
		    process_nproc_exceeded(&parent->cred, parent->rlim[RLIMIT_NPROC].rlim_cur))
			return -EAGAIN;
	}
	tid = process_alloc_pid();
	if (tid < 0)
		return tid;
	if (flags & CLONE_PARENT_SETTID) {
		uint32_t v = (uint32_t)tid;

		if (copy_to_user((void __user *)req->parent_tid, &v, sizeof(v)))
			return -EFAULT;
	}
	/*
	 * CLONE_PIDFD: the descriptor exists, and the parent has its
	 * number, before the child does (Linux's copy_process); it is bound
	 * to the child once that is registered (pidfd.c).
	 */
	if (flags & CLONE_PIDFD) {
		pidfd = pidfd_reserve(&pidfile);
		if (pidfd < 0)
			return pidfd;
		if (copy_to_user((void __user *)req->pidfd, &pidfd, sizeof(pidfd))) {
			err = -EFAULT;
			goto fail_pidfd;
		}
	}
	user_fpu_save_current(me);
	t = user_thread_alloc(me->user_frame, me->fpu_state, me->name);
	err = -ENOMEM;
	if (!t)
		goto fail_pidfd;
	t->tid = tid;
	t->user_frame->rax = 0;
	if (req->stack)
		t->user_frame->rsp = req->stack;
	t->fs_base = (flags & CLONE_SETTLS) ? req->tls : me->fs_base;
	t->gs_base = me->gs_base;
	t->sig_blocked = me->sig_blocked;
	if (!(flags & CLONE_VM) || (flags & CLONE_VFORK)) {
		t->altstack_sp = me->altstack_sp;
		t->altstack_size = me->altstack_size;
		t->altstack_flags = me->altstack_flags;
	}
	if (flags & CLONE_CHILD_SETTID)
		t->set_child_tid = req->child_tid;
	if (flags & CLONE_CHILD_CLEARTID)
		t->clear_child_tid = req->child_tid;

	if (flags & CLONE_THREAD) {
		p = parent;
	} else {
		p = clone_new_process(parent, req, tid);
		if (!p) {
			task_discard(t);
			err = -ENOMEM;
			goto fail_pidfd;
		}
		p->vfork_pending = (flags & CLONE_VFORK) != 0;
		process_register(p);
	}
	if (pidfile) {
		pidfd_bind(pidfile, p);
		file_put(pidfile);
	}
	process_add_thread(p, t);
	sched_set_nice(t, me->nice);	/* fork(2), setpriority(2): the nice value is inherited */
	sched_fork_policy(t, me);
	t->cpus_allowed = me->cpus_allowed;	/* sched_setaffinity(2): inherited */
	sched_start(t);

	if (flags & CLONE_VFORK) {
		spin_lock(&tasklist_lock);
		/* Uninterruptible, as Linux's vfork wait for everything but SIGKILL. */
		while (p->vfork_pending)
			wait_block_lock(&p->vfork_wait, 0, &tasklist_lock);
		spin_unlock(&tasklist_lock);
	}
	return tid;

fail_pidfd:
	if (pidfile) {
		fd_close(pidfd);
		file_put(pidfile);
	}
	return err;
}

SYSCALL_DEFINE0(fork)
{
	struct clone_request req = { .exit_signal = SIGCHLD };

	return process_clone(&req);
}

SYSCALL_DEFINE0(vfork)
{
	struct clone_request req = {
		.flags = CLONE_VFORK | CLONE_VM,
		.exit_signal = SIGCHLD,
	};

	return process_clone(&req);
}

/* x86_64 argument order: flags, newsp, parent_tid, child_tid, tls. */
SYSCALL_DEFINE5(clone, uint64_t, flags, uint64_t, newsp, int __user *, parent_tidptr,
		int __user *, child_tidptr, uint64_t, tls)
{
	struct clone_request req = {
		.flags = flags & ~CSIGNAL,
		.exit_signal = (int)(flags & CSIGNAL),
		.stack = newsp,
		.parent_tid = (uint64_t)parent_tidptr,
		.child_tid = (uint64_t)child_tidptr,
		.tls = tls,
		/* clone(2): CLONE_PIDFD's int goes where parent_tid points. */
		.pidfd = (uint64_t)parent_tidptr,
	};

	if (req.exit_signal > NSIG)
		return -EINVAL;
	/* The two would share the pointer (Linux's clone: EINVAL). */
	if ((flags & CLONE_PIDFD) && (flags & CLONE_PARENT_SETTID))
		return -EINVAL;
	return process_clone(&req);
}

SYSCALL_DEFINE2(clone3, struct clone_args __user *, uargs, size_t, size)
{
	struct clone_args args;
	struct clone_request req;

	if (size < CLONE_ARGS_SIZE_VER0 || size > PAGE_SIZE)
		return -EINVAL;
	memset(&args, 0, sizeof(args));
	if (copy_from_user(&args, uargs, size < sizeof(args) ? size : sizeof(args)))
		return -EFAULT;
	if ((args.flags & ~CLONE3_FLAGS_VALID) || args.exit_signal > NSIG ||
	    args.set_tid || args.set_tid_size ||
	    ((args.flags & (CLONE_THREAD | CLONE_PARENT)) && args.exit_signal) ||
	    (!args.stack && args.stack_size) || (args.stack && !args.stack_size))
		return -EINVAL;
	req = (struct clone_request){
		.flags = args.flags,
		.exit_signal = (int)args.exit_signal,
		/* The stack grows down from the end of the area clone3 is given. */
		.stack = args.stack ? args.stack + args.stack_size : 0,
		.parent_tid = args.parent_tid,
		.child_tid = args.child_tid,
		.tls = args.tls,
		.pidfd = args.pidfd,
	};
	return process_clone(&req);
}
