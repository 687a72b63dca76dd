/* sys/ucontext.h: ucontext_t and mcontext_t as Linux x86_64 lays them out in a signal frame (sigaction(2) SA_SIGINFO's third argument). */
/*
 * The kernel's frame (Linux arch/x86 struct ucontext and struct
 * sigcontext, documented in sigaction(2) and getcontext(3)): flags, link,
 * the alternate stack, then the general registers in the order of the
 * REG_* indexes below, the FPU state pointer, and the 64-bit signal mask,
 * which is exactly our sigset_t. greg_t is 64-bit.
 */
#ifndef _SYS_UCONTEXT_H
#define _SYS_UCONTEXT_H

#include <signal.h>

typedef long long greg_t;

#define NGREG	23
typedef greg_t gregset_t[NGREG];

/* Indexes of gregset_t (the kernel's struct sigcontext order). */
#define REG_R8		0
#define REG_R9		1
#define REG_R10		2
#define REG_R11		3
#define REG_R12		4
#define REG_R13		5
#define REG_R14		6
#define REG_R15		7
#define REG_RDI		8
#define REG_RSI		9
#define REG_RBP		10
#define REG_RBX		11
#define REG_RDX		12
#define REG_RAX		13
#define REG_RCX		14
#define REG_RSP		15
#define REG_RIP		16
#define REG_EFL		17
#define REG_CSGSFS	18	/* cs, gs, fs and ss, 16 bits each */
#define REG_ERR		19
#define REG_TRAPNO	20
#define REG_OLDMASK	21
#define REG_CR2		22

/* The FXSAVE area (Intel SDM vol. 1, 10.5.1): 512 bytes. */
struct _libc_fpxreg {
	unsigned short significand[4];
	unsigned short exponent;
	unsigned short __padding[3];
};

struct _libc_xmmreg {
	unsigned int element[4];
};

struct _libc_fpstate {
	unsigned short cwd;
	unsigned short swd;
	unsigned short ftw;
	unsigned short fop;
	unsigned long long rip;
	unsigned long long rdp;
	unsigned int mxcsr;
	unsigned int mxcr_mask;
	struct _libc_fpxreg _st[8];
	struct _libc_xmmreg _xmm[16];
	unsigned int __reserved[24];
};

typedef struct _libc_fpstate *fpregset_t;

typedef struct {
	gregset_t gregs;
	fpregset_t fpregs;	/* NULL when the FPU state was not saved */
	unsigned long long __reserved1[8];
} mcontext_t;

typedef struct ucontext_t {
	unsigned long uc_flags;
	struct ucontext_t *uc_link;
	stack_t uc_stack;
	mcontext_t uc_mcontext;
	sigset_t uc_sigmask;
} ucontext_t;

#endif /* _SYS_UCONTEXT_H */
