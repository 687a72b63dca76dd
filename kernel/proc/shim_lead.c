/*
 * shim_lead.c: TEMPORARY until the VFS, signal and futex branches merge
 * (the same session): the honest behaviour of a kernel without them.
 * No file can be opened, no signal can be caught (a fault kills), no
 * futex has waiters.
 */
#include <fs/file.h>
#include <proc/futex.h>
#include <proc/process.h>
#include <signal/signal.h>
#include <uapi/errno.h>

struct sighand *sighand_clone(struct sighand *src) { return src; }
void sighand_get(struct sighand *sh) { (void)sh; }
void sighand_put(struct sighand *sh) { (void)sh; }
void signal_exec_reset(struct process *p) { (void)p; }
bool signal_pending(struct task *t) { return t->proc && t->proc->group_exiting; }
int signal_send_process(struct process *p, int sig, const struct siginfo *info)
{
	(void)p; (void)sig; (void)info;
	return 0;
}
bool signal_parent_nocldstop(struct process *parent) { (void)parent; return false; }
void signal_force_fault(int sig, int si_code, uint64_t addr)
{
	(void)si_code; (void)addr;
	process_exit_group(W_EXITCODE(0, sig));
}
void signal_deliver(struct trap_frame *f) { (void)f; }
int futex_wake_addr(uint64_t uaddr, int n) { (void)uaddr; (void)n; return 0; }
struct sighand *sighand_create(void) { return NULL; }
