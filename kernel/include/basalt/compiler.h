/* Compiler attributes and small helpers used all over the kernel. */
#ifndef BASALT_COMPILER_H
#define BASALT_COMPILER_H

#include <stddef.h>

#define __packed		__attribute__((packed))
#define __noreturn		__attribute__((noreturn))
#define __unused		__attribute__((unused))
#define __used			__attribute__((used))
#define __aligned(n)		__attribute__((aligned(n)))
#define __section(s)		__attribute__((section(s)))
#define __printf(a, b)		__attribute__((format(printf, a, b)))
/* Marks pointers that come from user space; never dereference them. */
#define __user
#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a)		(((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a)	((x) & ~((__typeof__(x))(a) - 1))
#define MIN(a, b)		((a) < (b) ? (a) : (b))
#define MAX(a, b)		((a) > (b) ? (a) : (b))

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#endif /* BASALT_COMPILER_H */
