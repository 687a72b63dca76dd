/*
 * proc.c: the user process and running it in ring 3.
 *
 * User programs are not scheduler tasks yet, so one runs synchronously
 * for the kernel task that calls user_run (the timer still preempts it;
 * user_run lends the program's kernel stack to that task): user_run saves
 * the calling kernel context (user_enter in entry.S pushes the callee-
 * saved registers and RFLAGS and records the stack pointer), switches to
 * the process's kernel stack and CR3, and irets to ring 3. exit/exit_group
 * or a fatal user exception call user_leave, which restores that context
 * as if user_enter had returned the wait status. When processes become
 * tasks, user_run becomes "create a thread and let it be scheduled", user_exit
 * becomes "mark zombie, wake the parent, schedule", and kctx_rsp goes.
 *
 * Locking: one CPU and one user process at a time; user_active is set
 * and cleared by user_run only.
 */
#include <user/user.h>
#include <arch/x86_64/syscall/syscall.h>
#include <asm/cpu.h>
#include <asm/gdt.h>
#include <asm/trap.h>
#include <basalt/log.h>
#include <basalt/panic.h>
#include <basalt/string.h>
#include <mm/mm.h>
#include <mm/vm.h>
#include <signal/signal.h>
#include <uapi/signal.h>

#define MSR_FS_BASE		0xC0000100	/* Intel SDM Vol. 4 table 2-2 */
#define MSR_KERNEL_GS_BASE	0xC0000102	/* the user's GS base while in the kernel */
#define CR0_MP			(1ULL << 1)	/* SDM 3A 2.5: WAIT/FWAIT honour TS */
#define CR0_EM			(1ULL << 2)	/* x87/SSE instructions #UD/#NM when set */
#define CR4_OSFXSR		(1ULL << 9)	/* SSE and FXSAVE/FXRSTOR usable */
#define CR4_OSXMMEXCPT		(1ULL << 10)	/* SIMD FP exceptions raise #XM */

/* The FXSAVE image (Intel SDM Vol. 1 10.5.1, table 10-2). */
#define FXSAVE_SIZE		512
#define FXSAVE_ALIGN		16
#define FXSAVE_FCW		0	/* x87 control word, 16 bits */
#define FXSAVE_MXCSR		24	/* 32 bits */
#define FCW_DEFAULT		0x037f	/* FNINIT's: all masked, 64-bit precision */
#define MXCSR_DEFAULT		0x1f80	/* SDM Vol. 1 10.2.3: all masked, nearest */

/*
 * Every program starts from this FPU/SSE state, as after execve on
 * Linux: nothing (XMM contents included) leaks from the program before.
 * Written by user_init only.
 */
static uint8_t user_fpu_initial[FXSAVE_SIZE] __aligned(FXSAVE_ALIGN);

static struct user_proc *user_active;

static inline void user_write_cr0(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory");
}
static int user_next_pid = 1;

void user_init(void)
{
	/*
	 * Ordinary x86_64 user code uses SSE (the System V ABI passes
	 * floating point in XMM registers): enable it (SDM 3A 13.1.3). The
	 * kernel itself is built without SSE, and with one user program at
	 * a time there is no FPU state to switch yet; OSXSAVE stays off, so
	 * programs see no AVX.
	 */
	user_write_cr0((cpu_read_cr0() & ~CR0_EM) | CR0_MP);
	cpu_write_cr4(cpu_read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
	*(uint16_t *)&user_fpu_initial[FXSAVE_FCW] = FCW_DEFAULT;
	*(uint32_t *)&user_fpu_initial[FXSAVE_MXCSR] = MXCSR_DEFAULT;
	uaccess_init();
	vm_init();
	syscall_init();
}

struct user_proc *user_proc_create(struct vm_space *vm)
{
	struct user_proc *p = kzalloc(sizeof(*p));

	if (!p)
		return NULL;
	p->vm = vm;
	p->pid = user_next_pid++;
	return p;
}

void user_proc_destroy(struct user_proc *p)
{
	if (!p)
		return;
	vm_destroy(p->vm);
	kfree(p);
}

struct user_proc *user_current(void)
{
	return user_active;
}

int user_run(struct user_proc *p, uint64_t entry, uint64_t sp)
{
	struct trap_frame *f;
	uint64_t top, task_kstack_top;
	int status;

	if (user_active)
		panic("user_run: a process already runs (no scheduler yet)");
	p->kstack = kstack_alloc();
	if (!p->kstack)
		return W_EXITCODE(0, SIGKILL);
	top = (uint64_t)p->kstack + KSTACK_SIZE;
	f = (struct trap_frame *)(top - sizeof(*f));
	memset(f, 0, sizeof(*f));
	f->rip = entry;
	f->cs = GDT_USER_CS;
	f->rflags = RFLAGS_IF | RFLAGS_RESERVED1;
	f->rsp = sp;
	f->ss = GDT_USER_DS;

	task_kstack_top = syscall_set_kernel_stack(top);
	vm_switch(p->vm);
	cpu_wrmsr(MSR_FS_BASE, p->fs_base);
	cpu_wrmsr(MSR_KERNEL_GS_BASE, p->gs_base);
	__asm__ volatile("fxrstor %0" : : "m"(user_fpu_initial));
	user_active = p;
	status = user_enter(f, &p->kctx_rsp);
	user_active = NULL;
	cpu_wrmsr(MSR_FS_BASE, 0);
	cpu_wrmsr(MSR_KERNEL_GS_BASE, 0);
	vm_switch(NULL);
	syscall_set_kernel_stack(task_kstack_top);
	kstack_free(p->kstack);
	p->kstack = NULL;
	p->status = status;
	return status;
}

void user_exit(int status)
{
	struct user_proc *p = user_active;

	if (!p)
		panic("user_exit without a user process");
	user_leave(&p->kctx_rsp, status);
}

/* The signal Linux sends for each exception a program can raise. */
static int user_trap_signal(unsigned vector)
{
	switch (vector) {
	case TRAP_DE:
	case TRAP_MF:
	case TRAP_XM:
		return SIGFPE;
	case TRAP_BP:
		return SIGTRAP;
	case TRAP_UD:
	case TRAP_NM:
		return SIGILL;
	case TRAP_AC:
		return SIGBUS;
	case TRAP_OF:
	case TRAP_BR:
	case TRAP_NP:
	case TRAP_SS:
	case TRAP_GP:
	case TRAP_PF:
		return SIGSEGV;
	default:
		return 0;
	}
}

bool user_trap(struct trap_frame *f, uint64_t cr2)
{
	int sig = user_trap_signal((unsigned)f->vector);
	struct user_proc *p = user_active;

	if (signal_user_fault(f, cr2))
		return true;
	if (!p || !sig)
		return false;
	pr_notice("user: pid %d: %s at rip %#llx (address %#llx, error %#llx): killed by signal %d\n",
		  p->pid, trap_name((unsigned)f->vector), (unsigned long long)f->rip,
		  (unsigned long long)(f->vector == TRAP_PF ? cr2 : 0),
		  (unsigned long long)f->error_code, sig);
	user_leave(&p->kctx_rsp, W_EXITCODE(0, sig));
}
