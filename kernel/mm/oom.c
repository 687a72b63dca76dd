/*
 * oom.c: the out-of-memory killer, after Linux's mm/oom_kill.c.
 *
 * Basalt overcommits as Linux's heuristic mode does (vm_layout.c), so a
 * page fault can find RAM exhausted. Then, as on Linux, the process with
 * the most resident pages (the main term of /proc/PID/oom_score; Basalt
 * has no oom_score_adj) is killed with SIGKILL and a line on the kernel
 * log, and the rest of the system goes on. PID 1 and processes already
 * exiting are never chosen. While a victim still holds its memory the
 * killer waits for it instead of choosing another, as Linux's
 * oom_victims count does.
 *
 * Locking: the choice and the kill run under oom_lock and tasklist_lock
 * (so no process is freed under them, and p->vm is whole or NULL);
 * oom_victim_pid is read and written under oom_lock.
 */
#include <mm/oom.h>
#include <mm/shrinker.h>
#include <asm/cpu.h>
#include <basalt/log.h>
#include <mm/mm.h>
#include <mm/vm.h>
#include <proc/process.h>
#include <sched/spinlock.h>
#include <sched/wait.h>
#include <signal/signal.h>
#include <uapi/signal.h>

#define OOM_WAIT_MS	10	/* how long a faulting task waits for a victim to go */
#define OOM_KIB_PER_PAGE	(PAGE_SIZE / 1024)
/* Objects asked of each cache before killing: enough to free some pages. */
#define OOM_SHRINK_BATCH	1024

/*
 * guards: oom_victim_pid and the choice of a victim. Plain: only
 * faulting tasks take it; taken before tasklist_lock.
 */
static struct spinlock oom_lock = SPINLOCK_INIT("oom_lock");
static int oom_victim_pid;	/* the last victim while it lives, else 0 */

struct oom_choice {
	struct process *victim;
	uint64_t pages;
};

static int oom_consider(struct process *p, void *arg)
{
	struct oom_choice *c = arg;

	if (p->pid == 1 || p->state != PROCESS_ALIVE || p->group_exiting || !p->vm)
		return 0;
	if (!c->victim || p->vm->mapped_pages > c->pages) {
		c->victim = p;
		c->pages = p->vm->mapped_pages;
	}
	return 0;
}

/* Whether the last victim still lives (oom_lock and tasklist_lock held). */
static bool oom_victim_alive(void)
{
	struct process *p;

	if (!oom_victim_pid)
		return false;
	p = process_find_locked(oom_victim_pid);
	if (p && p->state == PROCESS_ALIVE && p->vm)
		return true;
	oom_victim_pid = 0;
	return false;
}

void oom_kill_and_wait(void)
{
	struct oom_choice c = { 0 };

	/* Caches first: a freed dentry or inode may be the frame the fault needs. */
	if (shrink_all(OOM_SHRINK_BATCH))
		return;
	spin_lock(&oom_lock);
	spin_lock(&tasklist_lock);
	if (!oom_victim_alive()) {
		process_for_each_locked(oom_consider, &c);
		if (c.victim) {
			struct process *v = c.victim;

			oom_victim_pid = v->pid;
			/* Linux's line starts the same; Basalt tells resident pages apart less finely. */
			pr_err("Out of memory: Killed process %d (%s) total-vm:%llukB, rss:%llukB, "
			       "UID:%u\n", v->pid, v->comm,
			       (unsigned long long)(v->vm->vmas.total / 1024),
			       (unsigned long long)(v->vm->mapped_pages * OOM_KIB_PER_PAGE),
			       v->cred.uid);
			signal_send_process_locked(v, SIGKILL, NULL);
		}
	}
	spin_unlock(&tasklist_lock);
	spin_unlock(&oom_lock);
	/* The victim (or this task, if it is the victim) needs the CPU to exit. */
	msleep(OOM_WAIT_MS);
}
