/*
 * process_shim_signal.c: TEMPORARY stand-ins for the process lifecycle
 * functions signal code calls (proc/process.h), so the signal branch
 * links and its ktests run before the lead's process.c lands. The lead
 * deletes this file at the merge; nothing here is the real thing:
 * there is no process table (process_find finds nothing, the walk
 * visits nothing), the stop/continue reports are only recorded, and a
 * fatal signal ends the calling kernel thread.
 */
#include <basalt/log.h>
#include <proc/process.h>
#include <uapi/signal.h>

struct process *process_find(int pid __unused)
{
	return NULL;
}

int process_for_each(int (*fn)(struct process *p, void *arg) __unused, void *arg __unused)
{
	return 0;
}

struct task *process_main_thread(struct process *p)
{
	if (!p->threads.next || list_empty(&p->threads))
		return NULL;
	return list_first_entry(&p->threads, struct task, proc_link);
}

__noreturn void process_exit_group(int status)
{
	pr_warn("signal shim: process_exit_group(%#x) ends the kernel thread\n", status);
	kthread_exit(status);
}

__noreturn void process_exit_thread(int status)
{
	pr_warn("signal shim: process_exit_thread(%#x) ends the kernel thread\n", status);
	kthread_exit(status);
}

void process_notify_stop(struct process *p, int sig)
{
	p->report_status = W_STOPCODE(sig);
	p->report_pending = true;
}

void process_notify_continue(struct process *p)
{
	p->report_status = W_CONTINUED;
	p->report_pending = true;
}
