/*
 * init.c: starting PID 1, as Linux's kernel_init does: a process whose
 * first thread, already in the new process's context, opens the console
 * as descriptors 0, 1 and 2 and execs the program; then it drops to
 * ring 3 into it. The kernel thread that asked waits for the exec's
 * result, so a missing or broken init is reported to it, not lost.
 */
#include <proc/process.h>
#include <asm/cpu.h>
#include <basalt/log.h>
#include <exec/exec.h>
#include <fs/file.h>
#include <mm/vm.h>
#include <signal/signal.h>
#include <uapi/errno.h>
#include <user/user.h>

#define INIT_CONSOLE_PATH	"/dev/console"
#define INIT_CONSOLE_FLAGS	2	/* O_RDWR */
#define INIT_STDIO_FDS		3	/* stdin, stdout, stderr */

struct init_request {
	const char *path;
	const char *const *argv;
	const char *const *envp;
	int result;			/* the exec's */
	bool done;
	struct wait_queue done_wait;
};

/* stdin, stdout and stderr on the console; init runs without them if absent. */
static void init_open_console(void)
{
	struct file *f;
	int err = file_open_kernel(INIT_CONSOLE_PATH, INIT_CONSOLE_FLAGS, 0, &f);

	if (err) {
		pr_warn("init: cannot open %s (error %d): no initial console\n",
			INIT_CONSOLE_PATH, err);
		return;
	}
	for (int fd = 0; fd < INIT_STDIO_FDS; fd++) {
		if (fd)
			file_get(f);
		err = fd_install(f, 0);
		if (err != fd) {
			pr_warn("init: console as fd %d failed (%d)\n", fd, err);
			if (err < 0)
				file_put(f);
		}
	}
}

static int init_thread_main(void *arg)
{
	struct init_request *req = arg;
	struct task *me = task_current();
	int err;

	if (me->proc->files)
		init_open_console();
	err = exec_kernel(req->path, req->argv, req->envp);
	if (!err)
		me->proc->is_init = true;
	spin_lock(&tasklist_lock);
	req->result = err;
	req->done = true;
	wake_up_all(&req->done_wait);
	spin_unlock(&tasklist_lock);
	if (err)
		process_exit_thread(W_EXITCODE(0, SIGKILL));
	/* req lives on the spawner's stack: not touched from here on. */
	user_return_to(me->user_frame);
}

int process_spawn_init(const char *path, const char *const *argv, const char *const *envp)
{
	struct init_request req = { .path = path, .argv = argv, .envp = envp };
	struct vm_space *vm = vm_create();
	struct process *p;
	int err;

	wait_queue_init(&req.done_wait);
	if (!vm)
		return -ENOMEM;
	p = process_create_kernel(vm, "init");
	if (!p) {
		vm_destroy(vm);
		return -ENOMEM;
	}
	p->files = fd_table_create();
	p->fs = fs_context_create();
	if (!p->files || !p->fs)
		pr_warn("init: out of memory for its files\n");
	err = process_start_kernel(p, init_thread_main, &req);
	if (err) {
		process_discard(p);
		return err;
	}
	spin_lock(&tasklist_lock);
	while (!req.done)
		wait_block_lock(&req.done_wait, 0, &tasklist_lock);
	spin_unlock(&tasklist_lock);
	if (req.result) {
		process_wait_kernel(p);
		process_release(p);
		return req.result;
	}
	pr_info("init: %s is pid %d\n", path, p->pid);
	return 0;
}
