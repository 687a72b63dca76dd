/*
 * exec.h: running ELF programs (kernel/exec/exec.c; the checks are in
 * elf.h).
 */
#ifndef EXEC_EXEC_H
#define EXEC_EXEC_H

#include <stddef.h>
#include <stdint.h>
#include <basalt/vmlayout.h>

struct vm_space;
struct user_capture;

/*
 * The initial stack: a grows-down area of 256 KiB below vm->stack_top
 * (randomized, mm/vm_layout.c), extended on faults up to RLIMIT_STACK.
 * The strings, pointers and auxv may take all but EXEC_STACK_SLACK of it.
 */
#define EXEC_STACK_SIZE		(64 * PAGE_SIZE)
#define EXEC_STACK_SLACK	(16 * PAGE_SIZE)
#define EXEC_ARGS_MAX		1024	/* argv or envp entries */

/* Where exec_load put the strings (/proc/PID/cmdline and environ read them). */
struct exec_layout {
	uint64_t arg_start, arg_end;
	uint64_t env_start, env_end;
};

struct exec_args {
	const char *execfn;		/* AT_EXECFN: the path it was run as */
	const char *const *argv;	/* NULL-terminated */
	const char *const *envp;	/* NULL-terminated, may be NULL */
	struct exec_layout *layout;	/* filled in if not NULL */
};

/*
 * Loads the image into vm (empty user half) and builds the stack: 0 with
 * the entry point and initial stack pointer, -ENOEXEC for a malformed or
 * unsupported image, -ENOMEM, -E2BIG for too many arguments.
 */
int exec_load(struct vm_space *vm, const void *image, size_t size,
	      const struct exec_args *args, uint64_t *entry, uint64_t *sp);
/*
 * Loads and runs the image as a new process until it ends (user_run);
 * 0 with its wait status, or the exec_load error.
 */
int exec_run_image(const void *image, size_t size, const struct exec_args *args,
		   struct user_capture *capture, int *status);

/*
 * execve from the kernel, for the calling user thread (PID 1's first
 * exec): path, argv and envp are kernel strings. 0 when the new image is
 * in place (the thread then returns to ring 3 into it), or an errno.
 */
int exec_kernel(const char *path, const char *const *argv, const char *const *envp);

#endif /* EXEC_EXEC_H */
