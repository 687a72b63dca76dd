/* Fatal errors (kernel/core/panic.c) and stack backtraces (backtrace.c). */
#ifndef BASALT_PANIC_H
#define BASALT_PANIC_H

#include <stdbool.h>
#include <stdint.h>
#include <basalt/compiler.h>

/*
 * Prints the message and a backtrace, then acts on "panic=N" like Linux:
 * N < 0 reboots at once, N > 0 reboots after N seconds, 0 halts.
 */
__noreturn void panic(const char *fmt, ...) __printf(1, 2);

/*
 * The start of every panic, with interrupts off: claims it for this CPU,
 * stops the others (smp_stop_others) and lets log lines out without
 * locks. false if this CPU is already inside its panic (a nested one);
 * on a CPU other than the panicking one it halts and never returns.
 */
bool panic_enter(void);

/* Ends a panic that already printed its own report (exceptions). */
__noreturn void panic_finish(void);

#define BUG_ON(cond)							\
	do {								\
		if (unlikely(cond))					\
			panic("BUG at %s:%d: %s", __FILE__, __LINE__, #cond); \
	} while (0)

/*
 * Prints "Call trace:", then "  [<addr>] symbol+0xoff/0xsize" for rip and
 * for each return address of the frame chain from rbp. Only frames on a
 * known kernel stack are read (the boot stack, the kernel-stack area and
 * stacks added with backtrace_register_stack), so a corrupt rbp ends the
 * walk instead of faulting. _from prints at LOG_EMERG; _level prints at
 * level and, given the interrupted rsp (or 0), also finds the caller of
 * a function that faulted before or without setting up its frame.
 */
void backtrace_print_from(uint64_t rip, uint64_t rbp);
void backtrace_print_level(int level, uint64_t rip, uint64_t rsp, uint64_t rbp);
void backtrace_print(void);
/*
 * Stores up to max return addresses (minus one: the calls) of the frame
 * chain, starting with the caller's caller; returns how many. _saved
 * prints them as backtrace_print_level does.
 */
unsigned backtrace_save(uint64_t *ips, unsigned max);
void backtrace_print_saved(int level, const uint64_t *ips, unsigned n);

/* Makes [lo, hi) a stack the walk may follow (the IST stacks). */
void backtrace_register_stack(uint64_t lo, uint64_t hi);

/* Kernel symbol lookup (kernel/core/ksyms.c): NULL if addr is not in text. */
const char *ksym_lookup(uint64_t addr, uint64_t *offset, uint64_t *size);

#endif /* BASALT_PANIC_H */
