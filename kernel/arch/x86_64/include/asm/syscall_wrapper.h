/*
 * asm/syscall_wrapper.h: how an x86_64 system call's arguments reach its
 * typed handler. The only place outside arch code that a handler's
 * arguments pass through the saved user registers.
 *
 * Linux's convention (syscall(2), "Architecture calling conventions";
 * System V AMD64 ABI A.2.1): the number in RAX, the arguments in RDI, RSI,
 * RDX, R10, R8, R9. R10 stands in for RCX, which SYSCALL overwrites with the
 * return address (Intel SDM Vol. 2B, SYSCALL).
 *
 * SYSCALL_DEFINEn(name, ...) (basalt/syscalls.h) expands to
 *	long sys_name(struct trap_frame *f)	the table entry: decodes f
 *	static long __do_sys_name(typed args)	the body that follows
 * Each register is cast to the declared type, as Linux does: an int
 * argument is the low 32 bits of its register, whatever the upper half
 * holds.
 */
#ifndef ASM_SYSCALL_WRAPPER_H
#define ASM_SYSCALL_WRAPPER_H

#include <asm/trap.h>

#define __SYSCALL_REG0(f)	((f)->rdi)
#define __SYSCALL_REG1(f)	((f)->rsi)
#define __SYSCALL_REG2(f)	((f)->rdx)
#define __SYSCALL_REG3(f)	((f)->r10)
#define __SYSCALL_REG4(f)	((f)->r8)
#define __SYSCALL_REG5(f)	((f)->r9)

/* The arguments of a handler with n (type, name) pairs, decoded from f. */
#define __SYSCALL_ARGS0(f)
#define __SYSCALL_ARGS1(f, t1, a1) \
	(t1)__SYSCALL_REG0(f)
#define __SYSCALL_ARGS2(f, t1, a1, t2, a2) \
	__SYSCALL_ARGS1(f, t1, a1), (t2)__SYSCALL_REG1(f)
#define __SYSCALL_ARGS3(f, t1, a1, t2, a2, t3, a3) \
	__SYSCALL_ARGS2(f, t1, a1, t2, a2), (t3)__SYSCALL_REG2(f)
#define __SYSCALL_ARGS4(f, t1, a1, t2, a2, t3, a3, t4, a4) \
	__SYSCALL_ARGS3(f, t1, a1, t2, a2, t3, a3), (t4)__SYSCALL_REG3(f)
#define __SYSCALL_ARGS5(f, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5) \
	__SYSCALL_ARGS4(f, t1, a1, t2, a2, t3, a3, t4, a4), (t5)__SYSCALL_REG4(f)
#define __SYSCALL_ARGS6(f, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6) \
	__SYSCALL_ARGS5(f, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5), (t6)__SYSCALL_REG5(f)

#define __ARCH_SYSCALL_WRAPPER(x, name, ...)				\
	long sys_##name(struct trap_frame *f);				\
	long sys_##name(struct trap_frame *f)				\
	{								\
		return __do_sys_##name(__SYSCALL_ARGS##x(f, __VA_ARGS__)); \
	}

/* A handler without arguments ignores the frame. */
#define __ARCH_SYSCALL_WRAPPER0(name)					\
	long sys_##name(struct trap_frame *f);				\
	long sys_##name(struct trap_frame *f __attribute__((unused)))	\
	{								\
		return __do_sys_##name();				\
	}

#endif /* ASM_SYSCALL_WRAPPER_H */
