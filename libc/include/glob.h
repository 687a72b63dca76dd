/* glob.h: newlib's glob(3) with the POSIX names it lacks: GLOB_NOESCAPE, GLOB_NOMATCH, GLOB_ABORTED. */
/*
 * newlib's BSD glob treats backslashes as quotes only with GLOB_QUOTE and
 * returns 0 with no paths when nothing matches; POSIX (and glibc) quote
 * unless GLOB_NOESCAPE and return GLOB_NOMATCH. libc/misc/glob.c wraps
 * newlib's glob (built as __newlib_glob) to give the POSIX behaviour.
 */
#ifndef BASALT_GLOB_H
#define BASALT_GLOB_H

#include_next <glob.h>

/* A flag bit newlib does not use (its highest is GLOB_LIMIT, 0x1000). */
#define GLOB_NOESCAPE	0x2000
#define GLOB_NOMATCH	(-3)
#define GLOB_ABORTED	GLOB_ABEND
#define GLOB_NOSYS	(-4)

#endif /* BASALT_GLOB_H */
