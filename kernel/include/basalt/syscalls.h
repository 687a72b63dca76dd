/*
 * basalt/syscalls.h: defining a system call handler.
 *
 *	SYSCALL_DEFINE3(read, int, fd, char __user *, buf, size_t, count)
 *	{
 *		...
 *	}
 *
 * defines the entry point sys_read that syscall_64.tbl names
 * (kernel/arch/x86_64/syscall/), and the body as an ordinary C function
 * of typed arguments. The arch's wrapper (asm/syscall_wrapper.h) decodes
 * the saved user registers; no handler sees them. A handler returns its
 * result, or a negative errno. docs/adding-a-syscall.md walks through
 * adding one.
 */
#ifndef BASALT_SYSCALLS_H
#define BASALT_SYSCALLS_H

#include <asm/syscall_wrapper.h>

#define __SYSCALL_DECL1(t1, a1)	t1 a1
#define __SYSCALL_DECL2(t1, a1, ...)	t1 a1, __SYSCALL_DECL1(__VA_ARGS__)
#define __SYSCALL_DECL3(t1, a1, ...)	t1 a1, __SYSCALL_DECL2(__VA_ARGS__)
#define __SYSCALL_DECL4(t1, a1, ...)	t1 a1, __SYSCALL_DECL3(__VA_ARGS__)
#define __SYSCALL_DECL5(t1, a1, ...)	t1 a1, __SYSCALL_DECL4(__VA_ARGS__)
#define __SYSCALL_DECL6(t1, a1, ...)	t1 a1, __SYSCALL_DECL5(__VA_ARGS__)

#define SYSCALL_DEFINEx(x, name, ...)					\
	static long __do_sys_##name(__SYSCALL_DECL##x(__VA_ARGS__));	\
	__ARCH_SYSCALL_WRAPPER(x, name, __VA_ARGS__)			\
	static long __do_sys_##name(__SYSCALL_DECL##x(__VA_ARGS__))

#define SYSCALL_DEFINE0(name)						\
	static long __do_sys_##name(void);				\
	__ARCH_SYSCALL_WRAPPER0(name)					\
	static long __do_sys_##name(void)
#define SYSCALL_DEFINE1(name, ...)	SYSCALL_DEFINEx(1, name, __VA_ARGS__)
#define SYSCALL_DEFINE2(name, ...)	SYSCALL_DEFINEx(2, name, __VA_ARGS__)
#define SYSCALL_DEFINE3(name, ...)	SYSCALL_DEFINEx(3, name, __VA_ARGS__)
#define SYSCALL_DEFINE4(name, ...)	SYSCALL_DEFINEx(4, name, __VA_ARGS__)
#define SYSCALL_DEFINE5(name, ...)	SYSCALL_DEFINEx(5, name, __VA_ARGS__)
#define SYSCALL_DEFINE6(name, ...)	SYSCALL_DEFINEx(6, name, __VA_ARGS__)

#endif /* BASALT_SYSCALLS_H */
