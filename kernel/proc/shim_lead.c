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

struct fd_table *fd_table_clone(struct fd_table *src) { return src; }
void fd_table_get(struct fd_table *t) { (void)t; }
void fd_table_put(struct fd_table *t) { (void)t; }
void fd_table_close_on_exec(struct fd_table *t) { (void)t; }
struct fs_context *fs_context_clone(struct fs_context *src) { return src; }
void fs_context_get(struct fs_context *c) { (void)c; }
void fs_context_put(struct fs_context *c) { (void)c; }
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
int file_open_kernel(const char *path, int flags, unsigned mode, struct file **out)
{
	(void)path; (void)flags; (void)mode; (void)out;
	return -ENOENT;
}
long file_read_kernel(struct file *f, void *buf, size_t len, uint64_t pos)
{
	(void)f; (void)buf; (void)len; (void)pos;
	return -EBADF;
}
int file_getattr_kernel(struct file *f, uint64_t *size, unsigned *mode)
{
	(void)f; (void)size; (void)mode;
	return -EBADF;
}
void file_put(struct file *f) { (void)f; }
struct fd_table *fd_table_create(void) { return NULL; }
struct fs_context *fs_context_create(void) { return NULL; }
struct sighand *sighand_create(void) { return NULL; }
void file_get(struct file *f) { (void)f; }
int fd_install(struct file *f, unsigned fd_flags) { (void)f; (void)fd_flags; return -EBADF; }
