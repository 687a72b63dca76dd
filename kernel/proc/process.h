/*
 * process.h: user processes (kernel/proc/process.c, fork.c, exit.c,
 * wait.c's sys_wait4 lives in kernel/proc/exit.c).
 *
 * A process is what fork creates: an address space, a file table, a
 * root/cwd/umask context, credentials, signal actions, limits and ids.
 * Its threads are struct tasks (task.h) with task->proc pointing here;
 * kernel threads have task->proc == NULL. clone(2) decides which parts a
 * new thread or process shares (CLONE_VM, CLONE_FILES, CLONE_FS,
 * CLONE_SIGHAND); each shared part is reference counted by its owner
 * subsystem (vm.h, fs/file.h, signal/signal.h).
 *
 * Lifecycle: process_spawn_init (PID 1) or fork -> ALIVE -> the last
 * thread exits -> ZOMBIE (children reparented to PID 1, SIGCHLD to the
 * parent) -> reaped by the parent's wait4/waitid (process_release).
 *
 * Locking: tasklist_lock (below) guards the process tree, the list of
 * all processes, pids, process groups and sessions and the exit and
 * wait state; the signal state (shared_pending and its queue, stopped,
 * group_exiting, exec_killing, the itimers) is under the siglock of the
 * process's sighand (signal/signal.h: signal_lock_irqsave), which
 * interrupt handlers take. The parts behind pointers (vm, files, fs,
 * sighand) have their own rules.
 */
#ifndef PROC_PROCESS_H
#define PROC_PROCESS_H

#include <stdbool.h>
#include <stdint.h>
#include <basalt/compiler.h>
#include <basalt/list.h>
#include <proc/task.h>
#include <sched/spinlock.h>
#include <sched/wait.h>
#include <uapi/resource.h>

/* Linux's PID_MAX_DEFAULT: pids run 1..PROCESS_PID_MAX - 1 and wrap. */
#define PROCESS_PID_MAX		32768
/* Linux's NGROUPS_MAX is 65536; Basalt keeps a small fixed array. */
#define CRED_GROUPS_MAX		32
/* The default limit on processes per user (RLIMIT_NPROC), and the system's. */
#define PROCESS_NPROC_DEFAULT	1024
#define PROCESS_MAX		4096

/*
 * The dumpable flag (prctl(2) PR_SET_DUMPABLE; Linux's SUID_DUMP_*):
 * 1 normally; 0 after a set-id exec or a change of the effective or
 * file-system ids (Linux's fs.suid_dumpable default), which stops core
 * dumps and makes /proc/PID root's.
 */
#define PROCESS_DUMP_DISABLE	0
#define PROCESS_DUMP_USER	1

/* Real, effective, saved and file-system ids (credentials(7)). */
struct cred {
	uint32_t uid, euid, suid, fsuid;
	uint32_t gid, egid, sgid, fsgid;
	unsigned ngroups;
	uint32_t groups[CRED_GROUPS_MAX];
};

enum process_state {
	PROCESS_ALIVE,
	PROCESS_ZOMBIE,		/* every thread exited; waits for its parent */
};

struct vm_space;
struct fd_table;
struct fs_context;
struct sighand;
struct tty;
struct user_capture;
struct trap_frame;

/*
 * guards: the process tree and list (parent, children, sibling,
 * all_link), the pid allocator, pgid and sid, ctty, every process's
 * state, exit_status, the stop/continue reports (report_status,
 * report_pending), vfork_pending, the exited threads' and reaped
 * children's tick sums, the files/fs/vm pointers (detached at exit
 * under it) and the thread lists (task.proc_link, nr_threads, which
 * also change under the process's siglock: either lock reads them).
 *
 * Linux's tasklist_lock. A plain spinlock: no interrupt handler takes
 * it (terminal input defers its signals and SIGIO to the "ttysig"
 * thread, the timers only send with the siglock), so the VFS's plain
 * spinlocks may nest inside it (procfs). Holding it keeps every process
 * found under it from being freed (process_release unlinks under it),
 * which is how procfs reads another process. Order (docs/locking.md):
 * tty.lock (a pty's) -> fasync_lock -> tasklist_lock -> sighand.siglock.
 * Never taken with a siglock held, nor with the tty.lock of a terminal
 * whose input comes from interrupts; never held while taking a
 * tty.lock. Sleeping under it: only through wait_block_lock (wait4).
 */
extern struct spinlock tasklist_lock;

struct process {
	int pid;			/* == the tid of its first thread */
	int pgid;			/* process group (setpgid) */
	int sid;			/* session (setsid) */
	int exit_signal;		/* sent to the parent at exit: SIGCHLD, or 0 */
	char comm[TASK_NAME_MAX];	/* basename of the executable */
	char *exe_path;			/* what it execve'd (kmalloc'd), or NULL */
	/* Where the argument and environment strings are (/proc/PID/cmdline). */
	uint64_t arg_start, arg_end, env_start, env_end;
	/* Where exec put the auxv pairs (a core dump's NT_AUXV). */
	uint64_t auxv_start, auxv_end;

	/* The tree (tasklist_lock). */
	struct process *parent;		/* PID 1 adopts orphans */
	struct list_node children;	/* struct process.sibling */
	struct list_node sibling;
	struct list_node all_link;	/* on the list of all processes */

	/* Threads (tasklist_lock and siglock to change, either to read). */
	struct list_node threads;	/* struct task.proc_link */
	unsigned nr_threads;		/* not yet exited */

	/* Shared per clone flags; each owner subsystem counts references. */
	struct vm_space *vm;		/* mm/vm.h */
	struct fd_table *files;		/* fs/file.h */
	struct fs_context *fs;		/* fs/file.h: root, cwd, umask */
	struct sighand *sighand;	/* signal/signal.h: the actions */
	struct sem_undo_list *sysvsem;	/* ipc/sem.c: SEM_UNDO records, or NULL */

	struct cred cred;		/* changed only by the process itself */
	struct rlimit64 rlim[RLIM_NLIMITS];
	struct tty *ctty;		/* controlling terminal, or NULL */
	unsigned personality;		/* personality(2); kept across fork and exec */
	/*
	 * prctl(2) state. Set by the process itself; pdeath_signal and
	 * child_subreaper change under tasklist_lock, since another process's
	 * exit reads them under it (exit.c). dumpable, no_new_privs and
	 * keep_caps are read only by the process itself (and fork, exec).
	 */
	int pdeath_signal;		/* PR_SET_PDEATHSIG: sent when the parent dies */
	unsigned dumpable;		/* PROCESS_DUMP_*; kept by fork, reset by exec */
	bool no_new_privs;		/* PR_SET_NO_NEW_PRIVS: one way, inherited */
	bool child_subreaper;		/* PR_SET_CHILD_SUBREAPER: adopts orphans below */
	bool keep_caps;			/* PR_SET_KEEPCAPS: kept by fork, cleared by exec */

	/* Signals aimed at the process, not one thread (siglock): signal.h. */
	uint64_t shared_pending;	/* bit (sig - 1) */
	struct list_node shared_queue;	/* queued siginfo, signal.c */
	bool group_exiting;		/* exit_group or a fatal signal began */
	bool exec_killing;		/* execve ends the other threads */
	bool is_init;			/* PID 1: its death is fatal, it adopts orphans */
	bool did_exec;			/* setpgid(2) on a child: EACCES after */

	/* Interval timers (siglock): signal/itimer.c; not inherited by fork. */
	struct timer itimer_real;	/* ITIMER_REAL: SIGALRM when it fires */
	uint64_t itimer_real_interval_ns;
	uint64_t itimer_cpu_left_ns[2];	/* ITIMER_VIRTUAL, ITIMER_PROF */
	uint64_t itimer_cpu_interval_ns[2];
	/*
	 * POSIX timers (signal/posix_timer.c, its posix_timer_lock): struct
	 * posix_timer.proc_link, a zeroed list set up on first use; the id
	 * the next timer_create gives. Not inherited by fork.
	 */
	struct list_node posix_timers;
	int posix_timer_next_id;

	/* Exit and wait reporting (tasklist_lock; stopped: siglock). */
	enum process_state state;
	int exit_status;		/* wait(2) status, valid when ZOMBIE */
	int report_status;		/* a stop/continue for waitpid, or 0 */
	bool report_pending;		/* report_status not yet collected */
	bool stopped;			/* group stop in effect (SIGSTOP...) */
	struct wait_queue child_wait;	/* wait4 sleeps here; children wake it */
	struct wait_queue exit_wait;	/* a kernel spawner (parent NULL) waits here */
	/* vfork: the parent sleeps on vfork_wait until the child execs or exits. */
	bool vfork_pending;
	struct wait_queue vfork_wait;

	/* Accounting in ticks (tasklist_lock), for times(2) and getrusage(2). */
	uint64_t utime_ticks, stime_ticks;	/* of exited threads (process_cpu_times) */
	uint64_t cutime_ticks, cstime_ticks;	/* of reaped children */
	uint64_t start_ns;		/* monotonic time at fork */
};

/* The process of the running task, or NULL in a kernel thread. */
static inline struct process *process_current(void)
{
	return task_current()->proc;
}

/* Sets up the process table; sched_init must have run. */
void process_init(void);
/*
 * Starts PID 1: a new process with an empty address space, stdin/out/err
 * on /dev/console when it exists, that execs path with argv and envp.
 * Returns 0 or a negative errno (the exec's, say -ENOENT).
 */
int process_spawn_init(const char *path, const char *const *argv,
		       const char *const *envp);
/* Sets rlim (RLIM_NLIMITS entries) to every limit a fresh Linux boot gives init. */
void process_default_limits(struct rlimit64 *rlim);
/*
 * The live or zombie process with this pid, or NULL. process_find takes
 * tasklist_lock for the look-up only: the pointer may be freed as soon
 * as it returns, so it only answers "is there one"; a caller that uses
 * the process holds tasklist_lock and calls process_find_locked.
 */
struct process *process_find(int pid);
struct process *process_find_locked(int pid);
/*
 * Calls fn on every process (ALIVE and ZOMBIE) until it returns
 * non-zero, which is then returned; 0 when the walk ended. fn runs with
 * tasklist_lock held (so no process is freed meanwhile): it must not
 * sleep, and sends signals with the _locked senders. The _locked walk
 * is for a caller that already holds tasklist_lock.
 */
int process_for_each(int (*fn)(struct process *p, void *arg), void *arg);
int process_for_each_locked(int (*fn)(struct process *p, void *arg), void *arg);
/* A thread of p that can take a signal now: its first live one. */
struct task *process_main_thread(struct process *p);
/*
 * Ends every thread of the current process and then the process with
 * the wait(2) status (exit_group, or a fatal signal's default action).
 */
__noreturn void process_exit_group(int status);
/* Ends the calling thread only (exit(2)); the last one ends the process. */
__noreturn void process_exit_thread(int status);
/*
 * Group stop and continue, from signal delivery: records the report for
 * the parent's waitpid(WUNTRACED/WCONTINUED), wakes it and sends it
 * SIGCHLD (unless SA_NOCLDSTOP). sig is the stop signal, or SIGCONT.
 */
void process_notify_stop(struct process *p, int sig);
void process_notify_continue(struct process *p);
/* The same with tasklist_lock held (a kill walk, the senders' _locked variants). */
void process_notify_continue_locked(struct process *p);
/*
 * After a change of credentials from old (set*id(2), a set-id exec): as
 * Linux's commit_creds, a change of the effective or file-system ids
 * makes the process not dumpable and clears its parent-death signal.
 */
void process_creds_changed(struct process *p, const struct cred *old);
/* Whether the uid has reached RLIMIT_NPROC (root is exempt, as on Linux). */
bool process_nproc_exceeded(const struct cred *c, uint64_t limit);

/*
 * A process made by the kernel rather than by fork (PID 1, tests): root
 * credentials, default limits, no parent (a kernel waiter uses
 * process_wait_kernel), owning vm. NULL when out of memory or pids.
 */
struct process *process_create_kernel(struct vm_space *vm, const char *comm);
/*
 * Starts p's first thread in ring 3 at entry with stack pointer sp: 0 or
 * -ENOMEM. The thread runs the user state in a trap frame at the top of
 * its kernel stack (fork.c).
 */
int process_start(struct process *p, uint64_t entry, uint64_t sp);
/*
 * Starts p's first thread in the kernel at fn(arg), in p's context
 * (process_current() == p); fn ends with user_return_to or an exit.
 */
int process_start_kernel(struct process *p, int (*fn)(void *), void *arg);
/* Waits until p (made by process_create_kernel) is a zombie; its status. */
int process_wait_kernel(struct process *p);
/* Records the path of p's program (a copy; kept if out of memory). */
void process_set_exe(struct process *p, const char *path);
/*
 * Exit: puts the file table, fs context and address space, each detached
 * from p under tasklist_lock first (so p->files, fs and vm are valid or
 * NULL for anyone looking under tasklist_lock).
 */
void process_drop_resources(struct process *p);
/*
 * Ticks p's threads, live and exited, ran in user mode and in the
 * kernel. Takes p's siglock (so tasklist_lock may be held).
 */
void process_cpu_times(struct process *p, uint64_t *user, uint64_t *system);
/* Drops the parts of a process whose thread never started, and frees it. */
void process_discard(struct process *p);
/*
 * Frees a zombie (wait4 reaped it, or its kernel spawner is done); the
 * _locked form with tasklist_lock held (it is not released).
 */
void process_release(struct process *p);
void process_release_locked(struct process *p);
/* Allocates a pid not used by any thread, process group or session. */
int process_alloc_pid(void);
/*
 * The thread with this tid, or NULL (tkill, futex owners). As
 * process_find: a caller that uses the task holds tasklist_lock and
 * calls the _locked form.
 */
struct task *process_find_thread(int tid);
struct task *process_find_thread_locked(int tid);
/* Processes that exist, zombies included; made since boot; the last pid given. */
unsigned process_total(void);
uint64_t process_created_total(void);
int process_last_pid_allocated(void);

/* For fork.c: a zeroed process with its lists set up, not yet visible. */
struct process *process_alloc(void);
/* Makes p visible: on the list of all processes and its parent's children. */
void process_register(struct process *p);

#endif /* PROC_PROCESS_H */
