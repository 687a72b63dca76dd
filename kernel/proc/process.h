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
 * Locking: one CPU; process_lock (a mutex in process.c) guards the
 * process tree (parent, children, sibling), the pid table and the
 * pgid/sid fields; interrupts off guards state, exit_status and the
 * stop/continue reporting fields, which signal code changes. The parts
 * behind pointers (vm, files, fs, sighand) have their own rules.
 */
#ifndef PROC_PROCESS_H
#define PROC_PROCESS_H

#include <stdbool.h>
#include <stdint.h>
#include <basalt/compiler.h>
#include <proc/list.h>
#include <proc/task.h>
#include <proc/wait.h>
#include <uapi/resource.h>

/* Linux's PID_MAX_DEFAULT: pids run 1..PROCESS_PID_MAX - 1 and wrap. */
#define PROCESS_PID_MAX		32768
/* Linux's NGROUPS_MAX is 65536; Basalt keeps a small fixed array. */
#define CRED_GROUPS_MAX		32
/* The default limit on processes per user (RLIMIT_NPROC), and the system's. */
#define PROCESS_NPROC_DEFAULT	1024
#define PROCESS_MAX		4096

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

struct process {
	int pid;			/* == the tid of its first thread */
	int pgid;			/* process group (setpgid) */
	int sid;			/* session (setsid) */
	char comm[TASK_NAME_MAX];	/* basename of the executable */

	/* The tree (process_lock). */
	struct process *parent;		/* PID 1 adopts orphans */
	struct list_node children;	/* struct process.sibling */
	struct list_node sibling;
	struct list_node all_link;	/* on the list of all processes */

	/* Threads (irq). */
	struct list_node threads;	/* struct task.proc_link */
	unsigned nr_threads;		/* not yet exited */

	/* Shared per clone flags; each owner subsystem counts references. */
	struct vm_space *vm;		/* mm/vm.h */
	struct fd_table *files;		/* fs/file.h */
	struct fs_context *fs;		/* fs/file.h: root, cwd, umask */
	struct sighand *sighand;	/* signal/signal.h: the actions */

	struct cred cred;		/* changed only by the process itself */
	struct rlimit64 rlim[RLIM_NLIMITS];
	struct tty *ctty;		/* controlling terminal, or NULL */

	/* Signals aimed at the process, not one thread (irq): signal.h. */
	uint64_t shared_pending;	/* bit (sig - 1) */
	struct list_node shared_queue;	/* queued siginfo, signal.c */
	bool group_exiting;		/* exit_group or a fatal signal began */

	/* Interval timers (irq): signal/itimer.c; not inherited by fork. */
	struct timer itimer_real;	/* ITIMER_REAL: SIGALRM when it fires */
	uint64_t itimer_real_interval_ns;
	uint64_t itimer_cpu_left_ns[2];	/* ITIMER_VIRTUAL, ITIMER_PROF */
	uint64_t itimer_cpu_interval_ns[2];

	/* Exit and wait reporting (irq). */
	enum process_state state;
	int exit_status;		/* wait(2) status, valid when ZOMBIE */
	int report_status;		/* a stop/continue for waitpid, or 0 */
	bool report_pending;		/* report_status not yet collected */
	bool stopped;			/* group stop in effect (SIGSTOP...) */
	struct wait_queue child_wait;	/* wait4 sleeps here; children wake it */

	/* Accounting in ticks (irq), for times(2) and getrusage(2). */
	uint64_t utime_ticks, stime_ticks;	/* of exited threads */
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
/* The live or zombie process with this pid, or NULL (process_lock). */
struct process *process_find(int pid);
/*
 * Calls fn on every process (ALIVE and ZOMBIE) until it returns
 * non-zero, which is then returned; 0 when the walk ended.
 */
int process_for_each(int (*fn)(struct process *p, void *arg), void *arg);
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
/* Whether the uid has reached RLIMIT_NPROC (root is exempt, as on Linux). */
bool process_nproc_exceeded(const struct cred *c, uint64_t limit);

#endif /* PROC_PROCESS_H */
