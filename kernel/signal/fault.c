/*
 * fault.c: an exception raised by a program becomes the signal Linux
 * sends for it, with the si_code and si_addr sigaction(2) documents
 * (SIGSEGV SEGV_MAPERR/ACCERR with the address, SIGFPE FPE_INTDIV...),
 * then delivered at once: the exception returns to ring 3 through the
 * handler, or the default action ends the process.
 */
#include <arch/x86_64/syscall/syscall.h>
#include <asm/cpu.h>
#include <asm/trap.h>
#include <proc/process.h>
#include <signal/internal.h>
#include <uapi/errno.h>

/* SIMD exception flags and masks in MXCSR (Intel SDM Vol. 1 10.2.3). */
#define MXCSR_FLAGS_MASK	0x3f
#define MXCSR_MASK_SHIFT	7
/* x87 status word exception flags (SDM Vol. 1 8.1.3), the same order. */
#define FSW_FLAGS_MASK		0x3f
#define FCW_MASK_BITS		0x3f
/* The flag bits, in both registers. */
#define FPX_INVALID		0x01
#define FPX_DENORMAL		0x02
#define FPX_ZERODIV		0x04
#define FPX_OVERFLOW		0x08
#define FPX_UNDERFLOW		0x10
#define FPX_PRECISION		0x20

/* Which unmasked exception it was, as Linux decides (first match). */
static int signal_fpe_code(unsigned flags)
{
	if (flags & FPX_INVALID)
		return FPE_FLTINV;
	if (flags & FPX_ZERODIV)
		return FPE_FLTDIV;
	if (flags & FPX_OVERFLOW)
		return FPE_FLTOVF;
	if (flags & (FPX_DENORMAL | FPX_UNDERFLOW))
		return FPE_FLTUND;
	if (flags & FPX_PRECISION)
		return FPE_FLTRES;
	return SI_KERNEL;
}

static unsigned signal_simd_flags(void)
{
	uint32_t mxcsr;

	__asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
	return (mxcsr & MXCSR_FLAGS_MASK) & ~((mxcsr >> MXCSR_MASK_SHIFT) & MXCSR_FLAGS_MASK);
}

static unsigned signal_x87_flags(void)
{
	uint16_t fsw, fcw;

	__asm__ volatile("fnstsw %0" : "=m"(fsw));
	__asm__ volatile("fnstcw %0" : "=m"(fcw));
	return (fsw & FSW_FLAGS_MASK) & ~(fcw & FCW_MASK_BITS);
}

bool signal_user_fault(struct trap_frame *f, uint64_t cr2, int pf_err)
{
	int sig, code;
	uint64_t addr = f->rip;

	if (!process_current() || !process_current()->sighand)
		return false;
	switch (f->vector) {
	case TRAP_PF:
		/*
		 * vm_fault's answer, as Linux's do_user_addr_fault: no area is
		 * SEGV_MAPERR, an area refusing the access SEGV_ACCERR (a page
		 * never touched too), past the end of a mapped file SIGBUS.
		 */
		sig = pf_err == -EIO ? SIGBUS : SIGSEGV;
		code = pf_err == -EIO ? BUS_ADRERR : pf_err == -EACCES ? SEGV_ACCERR :
		       pf_err == -EFAULT ? SEGV_MAPERR :
		       (f->error_code & PF_ERR_P) ? SEGV_ACCERR : SEGV_MAPERR;
		addr = cr2;
		break;
	case TRAP_DE:
		sig = SIGFPE;
		code = FPE_INTDIV;
		break;
	case TRAP_MF:
		sig = SIGFPE;
		code = signal_fpe_code(signal_x87_flags());
		break;
	case TRAP_XM:
		sig = SIGFPE;
		code = signal_fpe_code(signal_simd_flags());
		break;
	case TRAP_UD:
		sig = SIGILL;
		code = ILL_ILLOPN;
		break;
	case TRAP_NM:
		sig = SIGILL;
		code = ILL_COPROC;
		break;
	case TRAP_BP:
		sig = SIGTRAP;
		code = SI_KERNEL;
		break;
	case TRAP_AC:
		sig = SIGBUS;
		code = BUS_ADRALN;
		break;
	case TRAP_OF:
	case TRAP_BR:
	case TRAP_NP:
	case TRAP_SS:
	case TRAP_GP:
		/* Linux: a general protection fault is SIGSEGV from the kernel, no address. */
		sig = SIGSEGV;
		code = SI_KERNEL;
		addr = 0;
		break;
	default:
		return false;
	}
	signal_force_fault(sig, code, addr);
	/* The exception gate turned interrupts off; delivery may sleep (stop). */
	cpu_irq_enable();
	signal_deliver(f);
	cpu_irq_disable();
	return true;
}
