/*
 * proc.c: the machine side of user threads: the CPU state that follows a
 * thread across context switches (FPU/SSE registers, FS and GS bases,
 * the address space), the way back to ring 3 with its pending work,
 * exceptions raised by user code, execve's point of no return, and
 * user_run for the kernel's own callers (tests): a process like any
 * other, with its output captured.
 *
 * Locking: the state switched here belongs to the running thread; the
 * scheduler calls user_switch_state with interrupts off.
 */
#include <mm/oom.h>
#include <user/user.h>
#include <arch/x86_64/syscall/syscall.h>
#include <asm/cpu.h>
#include <asm/gdt.h>
#include <asm/trap.h>
#include <basalt/log.h>
#include <basalt/panic.h>
#include <basalt/string.h>
#include <exec/exec.h>
#include <fs/capture.h>
#include <fs/file.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <mm/vm.h>
#include <proc/futex.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <signal/signal.h>
#include <uapi/signal.h>

#define MSR_FS_BASE		0xC0000100	/* Intel SDM Vol. 4 table 2-2 */
#define MSR_KERNEL_GS_BASE	0xC0000102	/* the user's GS base while in the kernel */
#define CR0_MP			(1ULL << 1)	/* SDM 3A 2.5: WAIT/FWAIT honour TS */
#define CR0_EM			(1ULL << 2)	/* x87/SSE instructions #UD/#NM when set */
#define CR4_OSFXSR		(1ULL << 9)	/* SSE and FXSAVE/FXRSTOR usable */
#define CR4_OSXMMEXCPT		(1ULL << 10)	/* SIMD FP exceptions raise #XM */

/* The FXSAVE image (Intel SDM Vol. 1 10.5.1, table 10-2). */
#define FXSAVE_FCW		0	/* x87 control word, 16 bits */
#define FXSAVE_MXCSR		24	/* 32 bits */
#define FCW_DEFAULT		0x037f	/* FNINIT's: all masked, 64-bit precision */
#define MXCSR_DEFAULT		0x1f80	/* SDM Vol. 1 10.2.3: all masked, nearest */


/*
 * Every program starts from this FPU/SSE state, as after execve on
 * Linux: nothing (XMM contents included) leaks from the program before.
 * Written by user_init only.
 */
static uint8_t user_fpu_initial[USER_FPU_SIZE] __aligned(USER_FPU_ALIGN);

static inline void user_write_cr0(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory");
}

static inline void user_fxsave(void *area)
{
	__asm__ volatile("fxsave64 (%0)" : : "r"(area) : "memory");
}

static inline void user_fxrstor(const void *area)
{
	__asm__ volatile("fxrstor64 (%0)" : : "r"(area) : "memory");
}

void user_init(void)
{
	/*
	 * Ordinary x86_64 user code uses SSE (the System V ABI passes
	 * floating point in XMM registers): enable it (SDM 3A 13.1.3). The
	 * kernel itself is built without SSE, so the registers hold the
	 * running thread's values until the next switch saves them
	 * (user_switch_state). OSXSAVE stays off, so programs see no AVX
	 * and FXSAVE's 512 bytes are the whole state.
	 */
	user_write_cr0((cpu_read_cr0() & ~CR0_EM) | CR0_MP);
	cpu_write_cr4(cpu_read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
	*(uint16_t *)&user_fpu_initial[FXSAVE_FCW] = FCW_DEFAULT;
	*(uint32_t *)&user_fpu_initial[FXSAVE_MXCSR] = MXCSR_DEFAULT;
	uaccess_init();
	vm_init();
	syscall_init();
	process_init();
}

void *user_fpu_alloc(const void *from)
{
	/* kmalloc's 512-byte class is 512-aligned: FXSAVE wants 16. */
	void *area = kmalloc(USER_FPU_SIZE);

	if (!area)
		return NULL;
	BUG_ON((uintptr_t)area & (USER_FPU_ALIGN - 1));
	memcpy(area, from ? from : user_fpu_initial, USER_FPU_SIZE);
	return area;
}

/* Preemption off: a switch in the middle would save the area itself. */
void user_fpu_save_current(struct task *t)
{
	preempt_disable();
	user_fxsave(t->fpu_state);
	preempt_enable();
}

void user_switch_state(struct task *prev, struct task *next)
{
	/* The FPU area, not prev->proc, says "user thread": exit clears proc. */
	if (prev->fpu_state)
		user_fxsave(prev->fpu_state);
	/*
	 * The address space of any task with a process, a kernel thread
	 * borrowing one (tests do) included: it may have run on another CPU
	 * last. Kernel threads without one keep this CPU's (lazy, mm/tlb.h).
	 */
	if (next->proc && next->proc->vm && vm_current() != next->proc->vm)
		vm_switch(next->proc->vm);
	/* A user thread has an FPU area; a borrowing kernel thread has none to load. */
	if (!next->fpu_state || !next->proc)
		return;
	user_fxrstor(next->fpu_state);
	cpu_wrmsr(MSR_FS_BASE, next->fs_base);
	cpu_wrmsr(MSR_KERNEL_GS_BASE, next->gs_base);
}

void user_return_work(struct trap_frame *f)
{
	struct task *me = task_current();
	struct process *p = me->proc;

	/*
	 * The common case, nothing to do, without the siglock: tested with
	 * interrupts off, so nothing posted on this CPU slips between the
	 * test and the return (a signal sent later is seen at the next).
	 */
	cpu_irq_disable();
	if (!p || (!__atomic_load_n(&p->exec_killing, __ATOMIC_RELAXED) && !signal_work_pending(f)))
		return;
	cpu_irq_enable();
	if (p->group_exiting || p->exec_killing)
		process_exit_thread(p->exit_status);
	signal_deliver(f);
	cpu_irq_disable();
}

/* Kills the other threads of the calling process and waits for them. */
static void user_exec_kill_threads(struct process *p)
{
	struct task *me = task_current(), *t;
	uint64_t flags = signal_lock_irqsave(p);

	if (p->nr_threads > 1) {
		p->exec_killing = true;
		/* Running ones on other CPUs are kicked in (signal_kick). */
		list_for_each_entry(t, &p->threads, proc_link)
			if (t != me)
				signal_kick(t);
		/* An exiting thread leaves the list under the siglock and wakes us. */
		while (p->nr_threads > 1)
			wait_block_lock(&p->exit_wait, 0, signal_siglock(p));
		p->exec_killing = false;
	}
	signal_unlock_irqrestore(p, flags);
	/* The survivor takes the process's pid as its tid (execve(2)). */
	spin_lock(&tasklist_lock);
	me->tid = p->pid;
	spin_unlock(&tasklist_lock);
}

/* Personality flags a set-id exec clears (Linux's PER_CLEAR_ON_SETID). */
#define USER_PER_CLEAR_ON_SETID	(0x0400000 | 0x0040000 | 0x0200000 | 0x0100000)

/*
 * The exec's credentials and what follows from them (Linux's
 * begin_new_exec and commit_creds): not dumpable while the real and
 * effective ids differ, keep-capabilities cleared; after a privileged
 * (secure) exec no parent-death signal and no address-space personality
 * flags the caller chose.
 */
static void user_exec_creds(struct process *p, const struct cred *cred, bool secure)
{
	p->cred = *cred;
	p->keep_caps = false;
	p->dumpable = cred->uid == cred->euid && cred->gid == cred->egid ?
		      PROCESS_DUMP_USER : PROCESS_DUMP_DISABLE;
	if (secure) {
		p->personality &= ~(unsigned)USER_PER_CLEAR_ON_SETID;
		spin_lock(&tasklist_lock);
		p->pdeath_signal = 0;
		spin_unlock(&tasklist_lock);
	}
}

void process_exec_commit(struct vm_space *vm, uint64_t entry, uint64_t sp, const char *comm,
			 const char *exe, const struct exec_layout *layout,
			 const struct cred *cred, bool secure)
{
	struct task *me = task_current();
	struct process *p = me->proc;
	struct trap_frame *f = me->user_frame;
	struct vm_space *old = p->vm;

	user_exec_kill_threads(p);
	/* Locks in the old memory die with it (Linux's exec_mm_release). */
	robust_list_exit(me);
	spin_lock(&tasklist_lock);	/* procfs reads p->vm under it */
	p->vm = vm;
	vm_switch(vm);
	if (p->vfork_pending) {
		p->vfork_pending = false;
		wake_up_all(&p->vfork_wait);
	}
	spin_unlock(&tasklist_lock);
	vm_put(old);
	if (p->files)
		fd_table_close_on_exec(p->files);
	if (p->sighand)
		signal_exec_reset(p);
	strlcpy(p->comm, comm, sizeof(p->comm));
	p->did_exec = true;
	user_exec_creds(p, cred, secure);
	process_set_exe(p, exe);
	p->arg_start = layout->arg_start;
	p->arg_end = layout->arg_end;
	p->env_start = layout->env_start;
	p->env_end = layout->env_end;
	p->auxv_start = layout->auxv_start;
	p->auxv_end = layout->auxv_end;
	strlcpy(me->name, comm, sizeof(me->name));

	me->fs_base = 0;
	me->gs_base = 0;
	me->clear_child_tid = 0;
	me->altstack_sp = me->altstack_size = 0;
	me->altstack_flags = 0;
	/*
	 * No switch in between: the switch saves the FPU registers into
	 * fpu_state and loads the segment bases from the task.
	 */
	preempt_disable();
	cpu_wrmsr(MSR_FS_BASE, 0);
	cpu_wrmsr(MSR_KERNEL_GS_BASE, 0);
	memcpy(me->fpu_state, user_fpu_initial, USER_FPU_SIZE);
	user_fxrstor(me->fpu_state);
	preempt_enable();

	memset(f, 0, sizeof(*f));
	f->rip = entry;
	f->cs = GDT_USER_CS;
	f->rflags = RFLAGS_IF | RFLAGS_RESERVED1;
	f->rsp = sp;
	f->ss = GDT_USER_DS;
	/* The syscall's result (0) lands in rax; the sysret path reads rip. */
	f->vector = TRAP_SYSCALL;
}

/*
 * A kernel-started program's files: unless its caller gave it a table,
 * a new one with the capture file on 0, 1 and 2; unless it gave one, the
 * root and umask of a new process, as init's children have.
 */
static int user_run_files(struct process *p, struct user_capture *capture)
{
	struct file *f;

	if (!p->fs)
		p->fs = fs_context_create();
	if (!p->fs)
		return -ENOMEM;
	if (p->files)
		return 0;
	p->files = fd_table_create();
	if (!p->files)
		return -ENOMEM;
	f = capture_file_create(capture);
	if (!f)
		return -ENOMEM;
	/* The table takes over f's reference, for all three descriptors. */
	return fd_table_install_stdio(p->files, f);
}

int user_run(struct process *p, uint64_t entry, uint64_t sp, struct user_capture *capture)
{
	int err = user_run_files(p, capture);

	if (!err)
		err = process_start(p, entry, sp);

	if (err) {
		/* Never ran: make it the zombie its caller will release. */
		vm_put(p->vm);
		p->vm = NULL;
		p->exit_status = W_EXITCODE(0, SIGKILL);
		p->state = PROCESS_ZOMBIE;
		return p->exit_status;
	}
	return process_wait_kernel(p);
}

bool user_trap(struct trap_frame *f, uint64_t cr2)
{
	struct process *p = process_current();
	int err = 0;

	if (!p)
		return false;
	/*
	 * Demand paging, copy on write, stack growth (mm/vm_fault.c) first,
	 * with interrupts on as for a system call (Linux's
	 * do_user_addr_fault): the fault may read a file from a disk and
	 * sleep, and ticks during it count where the time goes. CR2 was
	 * read before (trap_exception): a nested fault cannot clobber it.
	 */
	if (f->vector == TRAP_PF) {
		cpu_irq_enable();
		err = vm_fault(p->vm, cr2, f->error_code);
		cpu_irq_disable();
		if (err == 0)
			return true;
		/* No frame: the OOM killer frees one, then the access is retried. */
		if (err == -ENOMEM) {
			cpu_irq_enable();
			oom_kill_and_wait();
			cpu_irq_disable();
			return true;
		}
	}
	pr_debug("user: pid %d: %s at rip %#llx (address %#llx, error %#llx)\n",
		 p->pid, trap_name((unsigned)f->vector), (unsigned long long)f->rip,
		 (unsigned long long)(f->vector == TRAP_PF ? cr2 : 0),
		 (unsigned long long)f->error_code);
	/* The signal Linux sends for it (signal/fault.c), or still fatal. */
	return signal_user_fault(f, cr2, err);
}
