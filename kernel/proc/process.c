/*
 * process.c: the table of processes, pid allocation, lookups, and
 * processes the kernel makes itself (PID 1, tests). fork.c creates the
 * others, exit.c ends them, waitpid.c reaps them.
 *
 * Locking: tasklist_lock around the list and the tree (process.h).
 */
#include <proc/process.h>
#include <ipc/ipc.h>
#include <asm/cpu.h>
#include <basalt/log.h>
#include <basalt/panic.h>
#include <basalt/string.h>
#include <fs/file.h>
#include <mm/mm.h>
#include <mm/vm.h>
#include <sched/sched.h>
#include <signal/signal.h>
#include <time/time.h>
#include <uapi/errno.h>

/* Linux's defaults for a new init (include/asm-generic/resource.h). */
#define PROCESS_STACK_DEFAULT	(8ULL * 1024 * 1024)	/* RLIMIT_STACK soft */
#define PROCESS_MLOCK_DEFAULT	(8ULL * 1024 * 1024)
#define PROCESS_MSGQUEUE_DEFAULT 819200ULL
#define PROCESS_SIGPENDING_DEFAULT 7823ULL	/* scaled by RAM on Linux */
#define PROCESS_PID_FIRST	1

struct spinlock tasklist_lock = SPINLOCK_INIT("tasklist_lock");
static struct list_node process_all;	/* struct process.all_link */
static unsigned process_count;
static int process_last_pid;		/* the allocator's cursor */
static uint64_t process_created;	/* since boot (/proc/stat "processes") */

void process_init(void)
{
	list_init(&process_all);
}

unsigned process_total(void)
{
	return process_count;
}

uint64_t process_created_total(void)
{
	return process_created;
}

int process_last_pid_allocated(void)
{
	return process_last_pid;
}

static bool process_pid_in_use(int pid)
{
	struct process *p;

	list_for_each_entry(p, &process_all, all_link) {
		struct task *t;

		if (p->pid == pid || p->pgid == pid || p->sid == pid)
			return true;
		list_for_each_entry(t, &p->threads, proc_link)
			if (t->tid == pid)
				return true;
	}
	return false;
}

int process_alloc_pid(void)
{
	int pid = -EAGAIN;

	spin_lock(&tasklist_lock);

	/* Linux hands pids out in increasing order and wraps (pid_namespace). */
	for (int tries = 0; tries < PROCESS_PID_MAX; tries++) {
		int cand = process_last_pid + 1;

		if (cand >= PROCESS_PID_MAX)
			cand = PROCESS_PID_FIRST;
		process_last_pid = cand;
		if (!process_pid_in_use(cand)) {
			pid = cand;
			break;
		}
	}
	spin_unlock(&tasklist_lock);
	return pid;
}

struct process *process_find_locked(int pid)
{
	struct process *p;

	list_for_each_entry(p, &process_all, all_link)
		if (p->pid == pid)
			return p;
	return NULL;
}

struct process *process_find(int pid)
{
	struct process *found;

	spin_lock(&tasklist_lock);
	found = process_find_locked(pid);
	spin_unlock(&tasklist_lock);
	return found;
}

struct task *process_find_thread_locked(int tid)
{
	struct process *p;
	struct task *t;

	list_for_each_entry(p, &process_all, all_link)
		list_for_each_entry(t, &p->threads, proc_link)
			if (t->tid == tid)
				return t;
	return NULL;
}

struct task *process_find_thread(int tid)
{
	struct task *found;

	spin_lock(&tasklist_lock);
	found = process_find_thread_locked(tid);
	spin_unlock(&tasklist_lock);
	return found;
}

int process_for_each_locked(int (*fn)(struct process *p, void *arg), void *arg)
{
	struct process *p, *next;
	int ret = 0;

	/* fn may reap (free) p itself, never another one: hence _safe. */
	list_for_each_entry_safe(p, next, &process_all, all_link) {
		ret = fn(p, arg);
		if (ret)
			break;
	}
	return ret;
}

int process_for_each(int (*fn)(struct process *p, void *arg), void *arg)
{
	int ret;

	/*
	 * tasklist_lock for the whole walk: otherwise a parent could reap
	 * (free) the process fn is looking at, or the next one. fn may wake
	 * tasks (signals) but never sleep.
	 */
	spin_lock(&tasklist_lock);
	ret = process_for_each_locked(fn, arg);
	spin_unlock(&tasklist_lock);
	return ret;
}

struct task *process_main_thread(struct process *p)
{
	if (list_empty(&p->threads))
		return NULL;
	return list_first_entry(&p->threads, struct task, proc_link);
}

bool process_nproc_exceeded(const struct cred *c, uint64_t limit)
{
	struct process *p;
	uint64_t n = 0;

	if (c->uid == 0)
		return false;
	spin_lock(&tasklist_lock);
	list_for_each_entry(p, &process_all, all_link)
		if (p->state == PROCESS_ALIVE && p->cred.uid == c->uid)
			n++;
	spin_unlock(&tasklist_lock);
	return n >= limit;
}

void process_default_limits(struct rlimit64 *rlim)
{
	for (unsigned i = 0; i < RLIM_NLIMITS; i++)
		rlim[i].rlim_cur = rlim[i].rlim_max = RLIM64_INFINITY;
	rlim[RLIMIT_STACK].rlim_cur = PROCESS_STACK_DEFAULT;
	rlim[RLIMIT_CORE].rlim_cur = 0;
	rlim[RLIMIT_NPROC].rlim_cur = rlim[RLIMIT_NPROC].rlim_max = PROCESS_NPROC_DEFAULT;
	rlim[RLIMIT_NOFILE].rlim_cur = FD_DEFAULT_MAX;
	rlim[RLIMIT_NOFILE].rlim_max = FD_HARD_MAX;
	rlim[RLIMIT_MEMLOCK].rlim_cur = rlim[RLIMIT_MEMLOCK].rlim_max = PROCESS_MLOCK_DEFAULT;
	rlim[RLIMIT_SIGPENDING].rlim_cur = rlim[RLIMIT_SIGPENDING].rlim_max =
		PROCESS_SIGPENDING_DEFAULT;
	rlim[RLIMIT_MSGQUEUE].rlim_cur = rlim[RLIMIT_MSGQUEUE].rlim_max =
		PROCESS_MSGQUEUE_DEFAULT;
	rlim[RLIMIT_NICE].rlim_cur = rlim[RLIMIT_NICE].rlim_max = 0;
	rlim[RLIMIT_RTPRIO].rlim_cur = rlim[RLIMIT_RTPRIO].rlim_max = 0;
}

struct process *process_alloc(void)
{
	struct process *p = kzalloc(sizeof(*p));

	if (!p)
		return NULL;
	list_init(&p->children);
	list_init(&p->sibling);
	list_init(&p->all_link);
	list_init(&p->threads);
	list_init(&p->shared_queue);
	wait_queue_init(&p->child_wait);
	wait_queue_init(&p->exit_wait);
	wait_queue_init(&p->vfork_wait);
	p->state = PROCESS_ALIVE;
	p->exit_signal = SIGCHLD;
	p->dumpable = PROCESS_DUMP_USER;
	p->start_ns = time_monotonic_ns();
	return p;
}

void process_creds_changed(struct process *p, const struct cred *old)
{
	const struct cred *c = &p->cred;

	if (c->euid == old->euid && c->egid == old->egid &&
	    c->fsuid == old->fsuid && c->fsgid == old->fsgid)
		return;
	p->dumpable = PROCESS_DUMP_DISABLE;
	spin_lock(&tasklist_lock);
	p->pdeath_signal = 0;
	spin_unlock(&tasklist_lock);
}

void process_register(struct process *p)
{
	spin_lock(&tasklist_lock);
	list_add_tail(&process_all, &p->all_link);
	process_count++;
	process_created++;
	if (p->parent)
		list_add_tail(&p->parent->children, &p->sibling);
	spin_unlock(&tasklist_lock);
}

struct process *process_create_kernel(struct vm_space *vm, const char *comm)
{
	struct process *p = process_alloc();
	int pid = process_alloc_pid();

	if (!p || pid < 0) {
		kfree(p);
		return NULL;
	}
	p->sighand = sighand_create();
	if (!p->sighand) {
		kfree(p);
		return NULL;
	}
	p->pid = p->pgid = p->sid = pid;
	p->vm = vm;
	strlcpy(p->comm, comm, sizeof(p->comm));
	process_default_limits(p->rlim);
	/* Everything else (credentials 0: root) stays zero. */
	process_register(p);
	return p;
}

void process_set_exe(struct process *p, const char *path)
{
	size_t len = strlen(path) + 1;
	char *copy = kmalloc(len);

	if (!copy)
		return;
	memcpy(copy, path, len);
	kfree(p->exe_path);
	p->exe_path = copy;
}

void process_release_locked(struct process *p)
{
	BUG_ON(p->state != PROCESS_ZOMBIE);
	list_del(&p->all_link);
	list_del(&p->sibling);
	process_count--;
	/* Unlinked: nobody finds p any more (kfree does not sleep). */
	if (p->sighand)
		sighand_put(p->sighand);
	kfree(p->exe_path);
	kfree(p);
}

void process_release(struct process *p)
{
	spin_lock(&tasklist_lock);
	process_release_locked(p);
	spin_unlock(&tasklist_lock);
}

void process_cpu_times(struct process *p, uint64_t *user, uint64_t *system)
{
	struct task *t;
	/* The siglock, not tasklist_lock: procfs asks with tasklist_lock held. */
	uint64_t flags = signal_lock_irqsave(p);

	*user = p->utime_ticks;
	*system = p->stime_ticks;
	list_for_each_entry(t, &p->threads, proc_link) {
		*user += t->runtime_ticks - t->system_ticks;
		*system += t->system_ticks;
	}
	signal_unlock_irqrestore(p, flags);
}

void process_drop_resources(struct process *p)
{
	struct fd_table *files;
	struct fs_context *fs;
	struct vm_space *vm;

	sem_exit(p);	/* SEM_UNDO adjustments (ipc/sem.c), before anything else goes */
	/*
	 * Detach first, put after: a reader that finds p under tasklist_lock
	 * (procfs) sees each part either whole or gone, never freed.
	 */
	spin_lock(&tasklist_lock);
	files = p->files;
	fs = p->fs;
	vm = p->vm;
	p->files = NULL;
	p->fs = NULL;
	p->vm = NULL;
	spin_unlock(&tasklist_lock);
	fd_table_put(files);
	fs_context_put(fs);
	/* vm_put switches CR3 to the kernel's tables if this was the last user. */
	if (vm)
		vm_put(vm);
}

void process_discard(struct process *p)
{
	process_drop_resources(p);
	p->state = PROCESS_ZOMBIE;
	process_release(p);
}

int process_wait_kernel(struct process *p)
{
	spin_lock(&tasklist_lock);
	while (p->state != PROCESS_ZOMBIE)
		wait_block_lock(&p->exit_wait, 0, &tasklist_lock);
	spin_unlock(&tasklist_lock);
	return p->exit_status;
}
