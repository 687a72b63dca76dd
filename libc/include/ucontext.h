/* ucontext.h: the user context types of <sys/ucontext.h> (the kernel's signal frame), as glibc's <ucontext.h> gives them. */
#ifndef BASALT_UCONTEXT_H
#define BASALT_UCONTEXT_H

/*
 * glibc's <ucontext.h> also declares getcontext, setcontext, makecontext
 * and swapcontext (removed from POSIX.1-2008), which our libc does not
 * have: only the types a SA_SIGINFO handler's third argument needs
 * (gnulib's c-stack reads the stack pointer of a fault from them).
 */
#include <sys/ucontext.h>

#endif /* BASALT_UCONTEXT_H */
