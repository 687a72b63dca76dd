/* errno.h: newlib's, plus glibc's program_invocation_name and program_invocation_short_name. */
#ifndef BASALT_ERRNO_H
#define BASALT_ERRNO_H

#include_next <errno.h>
#include <sys/cdefs.h>

#ifdef __cplusplus
extern "C" {
#endif

#if __GNU_VISIBLE
/*
 * program_invocation_name(3): argv[0] of the running program, and what
 * follows its last '/'. Set before main (crt/libc_start.c). gnulib's
 * getprogname and error() read them (glibc declares them here too).
 */
extern char *program_invocation_name;
extern char *program_invocation_short_name;
#endif

#ifdef __cplusplus
}
#endif

#endif /* BASALT_ERRNO_H */
