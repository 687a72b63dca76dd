/* sys/param.h: newlib's, plus <limits.h>, which glibc's and musl's include (PATH_MAX, NGROUPS_MAX, INT_MAX... through it). */
#ifndef BASALT_SYS_PARAM_H
#define BASALT_SYS_PARAM_H

/*
 * Programs written on Linux use UINT_MAX, INT_MIN or PATH_MAX after
 * including only <sys/param.h> (file's softmagic.c): glibc's and musl's
 * include <limits.h> there, newlib's does not.
 */
#include <limits.h>
#include_next <sys/param.h>

#endif /* BASALT_SYS_PARAM_H */
