/*
 * frame.c: the rt_sigframe a handler runs on and rt_sigreturn(2), which
 * undoes it; the alternate signal stack's bookkeeping (sigaltstack(2)).
 *
 * The frame, from the handler's %rsp up (struct rt_sigframe in
 * uapi/signal.h): the return address (sa_restorer: libc's stub that
 * calls rt_sigreturn), the ucontext (registers, altstack, mask to
 * restore), the siginfo, then the 512-byte FXSAVE image, 64-byte
 * aligned. Basalt runs user code with OSXSAVE off, so FXSAVE covers
 * all of its FPU/SSE state and uc_flags has no UC_FP_XSTATE.
 *
 * Locking: the thread's own registers and signal fields; interrupts on
 * (copy_to_user may fault pages in).
 */
#include <asm/cpu.h>
#include <asm/gdt.h>
#include <basalt/string.h>
#include <basalt/syscalls.h>
#include <proc/process.h>
#include <signal/internal.h>
#include <uapi/errno.h>
#include <user/user.h>

#define FCW_DEFAULT		0x037f	/* FNINIT's: all exceptions masked */
#define MXCSR_DEFAULT		0x1f80	/* SDM Vol. 1 10.2.3: all masked, nearest */
#define RFLAGS_TF_BIT		(1ULL << 8)
#define RFLAGS_DF_FLAG		(1ULL << 10)
#define RFLAGS_RF		(1ULL << 16)
/* What a handler starts without (Linux: DF per the psABI, no tracing). */
#define HANDLER_RFLAGS_CLEAR	(RFLAGS_DF_FLAG | RFLAGS_TF_BIT | RFLAGS_RF)

_Static_assert(sizeof(struct fpstate) == FPSTATE_SIZE, "FXSAVE image");

/* The MXCSR bits this CPU accepts (SDM Vol. 1 11.6.6); 0 until read. */
static uint32_t signal_mxcsr_mask;

static void signal_fpu_save(struct fpstate *fp)
{
	__asm__ volatile("fxsave %0" : "=m"(*fp));
}

static void signal_fpu_load(const struct fpstate *fp)
{
	__asm__ volatile("fxrstor %0" : : "m"(*fp));
}

static void signal_fpu_default(struct fpstate *fp)
{
	memset(fp, 0, sizeof(*fp));
	fp->cwd = FCW_DEFAULT;
	fp->mxcsr = MXCSR_DEFAULT;
}

static uint32_t signal_fpu_mxcsr_mask(void)
{
	if (!signal_mxcsr_mask) {
		struct fpstate probe __aligned(FPSTATE_ALIGN);

		signal_fpu_save(&probe);
		signal_mxcsr_mask = probe.mxcsr_mask ? probe.mxcsr_mask : MXCSR_MASK_DEFAULT;
	}
	return signal_mxcsr_mask;
}

/* uc_stack.ss_flags as Linux saves them: the flags sigaltstack set. */
static int signal_altstack_saved_flags(const struct task *t)
{
	if (!t->altstack_size)
		return SS_DISABLE;
	return t->altstack_flags & (int)SS_AUTODISARM;
}

void signal_altstack_get(const struct task *t, uint64_t user_sp, stack_t *ss)
{
	memset(ss, 0, sizeof(*ss));
	ss->ss_sp = t->altstack_sp;
	ss->ss_size = t->altstack_size;
	if (!t->altstack_size)
		ss->ss_flags = SS_DISABLE;
	else if (signal_on_altstack(user_sp, t->altstack_sp, t->altstack_size))
		ss->ss_flags = SS_ONSTACK;
	else
		ss->ss_flags = t->altstack_flags & (int)SS_AUTODISARM;
}

int signal_altstack_set(struct task *t, uint64_t user_sp, const stack_t *ss)
{
	int mode = ss->ss_flags & ~(int)SS_AUTODISARM;

	/* sigaltstack(2): not while running on it; EINVAL, ENOMEM. */
	if (signal_on_altstack(user_sp, t->altstack_sp, t->altstack_size))
		return -EPERM;
	if (mode != 0 && mode != SS_ONSTACK && mode != SS_DISABLE)
		return -EINVAL;
	if (mode == SS_DISABLE) {
		t->altstack_sp = 0;
		t->altstack_size = 0;
		t->altstack_flags = SS_DISABLE;
		return 0;
	}
	if (ss->ss_size < MINSIGSTKSZ)
		return -ENOMEM;
	t->altstack_sp = ss->ss_sp;
	t->altstack_size = ss->ss_size;
	t->altstack_flags = ss->ss_flags & (int)SS_AUTODISARM;
	return 0;
}

static void signal_save_regs(struct sigcontext *sc, const struct trap_frame *f)
{
	sc->r8 = f->r8;
	sc->r9 = f->r9;
	sc->r10 = f->r10;
	sc->r11 = f->r11;
	sc->r12 = f->r12;
	sc->r13 = f->r13;
	sc->r14 = f->r14;
	sc->r15 = f->r15;
	sc->rdi = f->rdi;
	sc->rsi = f->rsi;
	sc->rbp = f->rbp;
	sc->rbx = f->rbx;
	sc->rdx = f->rdx;
	sc->rax = f->rax;
	sc->rcx = f->rcx;
	sc->rsp = f->rsp;
	sc->rip = f->rip;
	sc->eflags = f->rflags;
	sc->cs = (uint16_t)f->cs;
	sc->ss = (uint16_t)f->ss;
	if (f->vector < TRAP_EXCEPTIONS) {
		sc->trapno = f->vector;
		sc->err = f->error_code;
	}
}

int signal_setup_frame(struct trap_frame *f, int sig, const struct kernel_sigaction *ka,
		       const struct siginfo *info, ksigset_t mask)
{
	struct task *t = task_current();
	struct rt_sigframe frame;
	struct fpstate fpu __aligned(FPSTATE_ALIGN);
	bool on_alt = signal_on_altstack(f->rsp, t->altstack_sp, t->altstack_size);
	bool use_alt = (ka->sa_flags & SA_ONSTACK) && t->altstack_size && !on_alt;
	uint64_t fp_addr, addr;

	/* x86_64 has no kernel-provided return path: libc must give one. */
	if (!(ka->sa_flags & SA_RESTORER))
		return -EFAULT;
	addr = signal_frame_addr(f->rsp, use_alt, t->altstack_sp, t->altstack_size, &fp_addr);
	/* A frame that overflows the alternate stack is an error, not a wrap. */
	if ((use_alt || on_alt) && !signal_on_altstack(addr, t->altstack_sp, t->altstack_size))
		return -EFAULT;

	memset(&frame, 0, sizeof(frame));
	frame.pretcode = ka->sa_restorer;
	frame.uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
	frame.uc.uc_stack.ss_sp = t->altstack_sp;
	frame.uc.uc_stack.ss_size = t->altstack_size;
	frame.uc.uc_stack.ss_flags = signal_altstack_saved_flags(t);
	signal_save_regs(&frame.uc.uc_mcontext, f);
	if (f->vector == TRAP_PF)
		frame.uc.uc_mcontext.cr2 = info->f.fault.addr;
	frame.uc.uc_mcontext.oldmask = mask;
	frame.uc.uc_mcontext.fpstate = fp_addr;
	frame.uc.uc_sigmask = mask;
	frame.info = *info;
	frame.info.si_signo = sig;

	signal_fpu_save(&fpu);
	if (copy_to_user((void __user *)fp_addr, &fpu, sizeof(fpu)) ||
	    copy_to_user((void __user *)addr, &frame, sizeof(frame)))
		return -EFAULT;

	/* SS_AUTODISARM: the handler may longjmp off it and reuse it. */
	if (t->altstack_flags & (int)SS_AUTODISARM) {
		t->altstack_sp = 0;
		t->altstack_size = 0;
	}
	f->rdi = (uint64_t)sig;
	f->rsi = addr + offsetof(struct rt_sigframe, info);
	f->rdx = addr + offsetof(struct rt_sigframe, uc);
	f->rax = 0;	/* no vector registers used by a variadic call */
	f->rsp = addr;
	f->rip = ka->sa_handler;
	f->cs = GDT_USER_CS;
	f->ss = GDT_USER_DS;
	f->rflags &= ~HANDLER_RFLAGS_CLEAR;
	/* The handler starts with a clean FPU, as on Linux. */
	signal_fpu_default(&fpu);
	signal_fpu_load(&fpu);
	return 0;
}

/*
 * rt_sigreturn(2) has no arguments: it reads the ucontext at the user
 * %rsp and rewrites the whole saved user frame with it, so it works on
 * that frame itself: task->user_frame, the frame the syscall entry
 * built at the kernel stack top (Linux's current_pt_regs()).
 */
SYSCALL_DEFINE0(rt_sigreturn)
{
	struct task *t = task_current();
	struct trap_frame *f = t->user_frame;
	struct ucontext uc;
	struct fpstate fpu __aligned(FPSTATE_ALIGN);
	const struct sigcontext *sc = &uc.uc_mcontext;
	uint64_t flags;

	/* Whatever rax now holds is no system call result to restart. */
	f->error_code = (uint64_t)-1;
	if (!t->proc || !t->proc->sighand)
		return -ENOSYS;
	/* "ret" in the handler popped pretcode: the ucontext is at %rsp. */
	if (copy_from_user(&uc, (const void __user *)f->rsp, sizeof(uc)))
		goto bad;
	/* iretq to a non-canonical address would fault in ring 0. */
	if (sc->rip >= USER_SPACE_END || sc->rsp >= USER_SPACE_END)
		goto bad;
	if (sc->fpstate) {
		if (copy_from_user(&fpu, (const void __user *)sc->fpstate, sizeof(fpu)))
			goto bad;
		/* Reserved MXCSR bits would make FXRSTOR raise #GP. */
		fpu.mxcsr &= signal_fpu_mxcsr_mask();
	} else {
		signal_fpu_default(&fpu);
	}

	f->r8 = sc->r8;
	f->r9 = sc->r9;
	f->r10 = sc->r10;
	f->r11 = sc->r11;
	f->r12 = sc->r12;
	f->r13 = sc->r13;
	f->r14 = sc->r14;
	f->r15 = sc->r15;
	f->rdi = sc->rdi;
	f->rsi = sc->rsi;
	f->rbp = sc->rbp;
	f->rbx = sc->rbx;
	f->rdx = sc->rdx;
	f->rcx = sc->rcx;
	f->rsp = sc->rsp;
	f->rip = sc->rip;
	/* Never the frame's selectors, IF or IOPL: ring 3 stays ring 3. */
	f->cs = GDT_USER_CS;
	f->ss = GDT_USER_DS;
	f->rflags = signal_sigreturn_rflags(f->rflags, sc->eflags);
	signal_fpu_load(&fpu);

	flags = signal_lock_irqsave(t->proc);
	t->sig_blocked = uc.uc_sigmask & ~SIGSET_UNBLOCKABLE;
	signal_unlock_irqrestore(t->proc, flags);
	/* As Linux's restore_altstack: errors (EPERM on it) are ignored. */
	signal_altstack_set(t, f->rsp, &uc.uc_stack);
	return (long)sc->rax;

bad:
	signal_force_fault(SIGSEGV, SI_KERNEL, 0);
	return 0;
}
