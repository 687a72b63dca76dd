/*
 * exec.h: running ELF programs (kernel/exec/exec.c; the checks are in
 * elf.h).
 */
#ifndef EXEC_EXEC_H
#define EXEC_EXEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <basalt/vmlayout.h>

struct file;
struct vm_space;
struct user_capture;

/*
 * The initial stack: a grows-down area below vm->stack_top (randomized,
 * mm/vm_layout.c) holding the strings, pointers and auxv, and 256 KiB
 * more to run in; extended on faults up to RLIMIT_STACK.
 */
#define EXEC_STACK_SIZE		(64 * PAGE_SIZE)

/*
 * Linux's limits on execve's arguments (fs/exec.c): each string at most
 * MAX_ARG_STRLEN bytes with its NUL; all strings (the file name too) and
 * the argv and envp pointers within a quarter of RLIMIT_STACK, bounded by
 * ARG_MAX below and 3/4 of _STK_LIM (6 MiB) above. Basalt copies them
 * into one kernel block first, so its bound is kmalloc's largest block.
 */
#define EXEC_ARG_STRLEN_MAX	(32 * PAGE_SIZE)	/* MAX_ARG_STRLEN: 128 KiB */
#define EXEC_ARG_LIMIT_MIN	(32 * PAGE_SIZE)	/* ARG_MAX: 128 KiB */
#define EXEC_ARG_LIMIT_MAX	(4ULL << 20)		/* kmalloc's largest (Linux: 6 MiB) */

/* Where exec_load put the strings (/proc/PID/cmdline and environ read them). */
struct exec_layout {
	uint64_t arg_start, arg_end;
	uint64_t env_start, env_end;
	uint64_t auxv_start, auxv_end;	/* the auxv pairs (core dumps' NT_AUXV) */
};

struct cred;

struct exec_args {
	const char *execfn;		/* AT_EXECFN: the path it was run as */
	const char *const *argv;	/* NULL-terminated */
	const char *const *envp;	/* NULL-terminated, may be NULL */
	struct exec_layout *layout;	/* filled in if not NULL */
	/* The ids the program runs with (a set-id exec), or NULL: the caller's. */
	const struct cred *cred;
	bool secure;			/* AT_SECURE, with cred */
};

/*
 * An executable's bytes, read at an offset when needed: the headers, then
 * each segment a page at a time. exec never holds a whole file, which
 * would need one block as big as the program (kmalloc's largest is 4 MiB).
 */
struct exec_image {
	uint64_t size;
	/* len bytes at off into buf: 0, or a negative errno (-EIO: the file ended early). */
	int (*read)(const struct exec_image *img, uint64_t off, void *buf, size_t len);
	const void *bytes;	/* exec_image_memory's */
	struct file *file;	/* exec_image_file's (not a reference of its own) */
};

/* An image held in memory (boot modules, the ktests). */
void exec_image_memory(struct exec_image *img, const void *bytes, size_t size);
/* An image read from an open file of size bytes (execve). */
void exec_image_file(struct exec_image *img, struct file *f, uint64_t size);

/*
 * Loads the image into vm (empty user half) and builds the stack: 0 with
 * the entry point and initial stack pointer, -ENOEXEC for a malformed or
 * unsupported image (found before anything is mapped), -ENOMEM, -E2BIG
 * for too many arguments, or the read's error.
 */
int exec_load(struct vm_space *vm, const struct exec_image *img,
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
