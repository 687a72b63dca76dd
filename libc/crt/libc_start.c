/* libc_start.c: __libc_start: finds argc, argv and envp, runs constructors, calls main, exits. */
#include <malloc.h>
#include <reent.h>
#include <stdlib.h>
#include <unistd.h>

/*
 * malloc grows the heap by this much beyond each request: glibc's default
 * M_TOP_PAD (mallopt(3): "128*1024"), so that, as with glibc, the first
 * stdio buffers come from a heap that exists before main runs and a
 * program's own brk(2) calls see a break that stdio does not move.
 */
#define LIBC_MALLOC_TOP_PAD	(128 * 1024)

/* newlib's stdio/findfp.c: sets up stdin, stdout and stderr (and their locks). */
void __sinit(struct _reent *reent);

extern char **environ;

typedef int libc_main_fn(int argc, char **argv, char **envp);

/* newlib's misc/init.c and misc/fini.c: .preinit_array, _init, .init_array, and the reverse. */
void __libc_init_array(void);
void __libc_fini_array(void);

void __libc_start(long *initial_stack, libc_main_fn *main_fn) __attribute__((noreturn));

/* The first thread's TCB and TLS block (pthread/tls.c). */
void __pthread_tls_init(unsigned long *auxv);

/* program_invocation_name and _short_name from argv[0] (misc/program_invocation_name.c). */
void __libc_init_progname(char *argv0);

/* The auxiliary vector after envp's NULL (getauxval(3), misc/getauxval.c). */
unsigned long *__libc_auxv;

/*
 * initial_stack is the %rsp the kernel gave _start (crt0.S): argc, then the
 * argv pointers and a NULL, then the envp pointers and a NULL, then the
 * auxiliary vector. main_fn is the program's main, from crt0.S.
 */
void __libc_start(long *initial_stack, libc_main_fn *main_fn)
{
	int argc = (int)initial_stack[0];
	char **argv = (char **)(initial_stack + 1);
	char **envp = argv + argc + 1;

	char **env_end = envp;

	environ = envp;
	__libc_init_progname(argc > 0 ? argv[0] : NULL);
	while (*env_end)
		env_end++;
	__libc_auxv = (unsigned long *)(env_end + 1);
	/* Before anything reads errno or takes a lock: both go through %fs. */
	__pthread_tls_init(__libc_auxv);
	mallopt(M_TOP_PAD, LIBC_MALLOC_TOP_PAD);
	__sinit(_GLOBAL_REENT);
	/* What newlib's --enable-newlib-register-fini would do: destructors run at exit. */
	if (atexit(__libc_fini_array) != 0)
		_exit(EXIT_FAILURE);
	__libc_init_array();
	exit(main_fn(argc, argv, envp));
}
