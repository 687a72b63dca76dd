/*
 * limits.h: newlib's (with GCC's), plus POSIX.1-2008's minimum values
 * (<limits.h>, "Minimum Values" and "Numerical Limits"): the _POSIX_*,
 * _POSIX2_* and _XOPEN_IOV_MAX constants a conforming system defines
 * whatever its own limits are. newlib's header has none of them but
 * _POSIX2_RE_DUP_MAX; programs size buffers and check arguments with them
 * (findutils' xargs: _POSIX_ARG_MAX). The values are the standard's, the
 * same as glibc's <bits/posix1_lim.h> and <bits/posix2_lim.h>.
 */
#ifndef BASALT_LIMITS_H
#define BASALT_LIMITS_H

#include_next <limits.h>
#include <sys/features.h>

#if __POSIX_VISIBLE
#define _POSIX_AIO_LISTIO_MAX			2
#define _POSIX_AIO_MAX				1
#define _POSIX_ARG_MAX				4096
#define _POSIX_CHILD_MAX			25
#define _POSIX_DELAYTIMER_MAX			32
#define _POSIX_HOST_NAME_MAX			255
#define _POSIX_LINK_MAX				8
#define _POSIX_LOGIN_NAME_MAX			9
#define _POSIX_MAX_CANON			255
#define _POSIX_MAX_INPUT			255
#define _POSIX_MQ_OPEN_MAX			8
#define _POSIX_MQ_PRIO_MAX			32
#define _POSIX_NAME_MAX				14
#define _POSIX_NGROUPS_MAX			8
#define _POSIX_OPEN_MAX				20
#define _POSIX_PATH_MAX				256
#define _POSIX_PIPE_BUF				512
#define _POSIX_RE_DUP_MAX			255
#define _POSIX_RTSIG_MAX			8
#define _POSIX_SEM_NSEMS_MAX			256
#define _POSIX_SEM_VALUE_MAX			32767
#define _POSIX_SIGQUEUE_MAX			32
#define _POSIX_SSIZE_MAX			32767
#define _POSIX_STREAM_MAX			8
#define _POSIX_SYMLINK_MAX			255
#define _POSIX_SYMLOOP_MAX			8
#define _POSIX_THREAD_DESTRUCTOR_ITERATIONS	4
#define _POSIX_THREAD_KEYS_MAX			128
#define _POSIX_THREAD_THREADS_MAX		64
#define _POSIX_TIMER_MAX			32
#define _POSIX_TTY_NAME_MAX			9
#define _POSIX_TZNAME_MAX			6
/* In nanoseconds: 20 ms, CLOCK_REALTIME's coarsest allowed resolution. */
#define _POSIX_CLOCKRES_MIN			20000000

#define _POSIX2_BC_BASE_MAX			99
#define _POSIX2_BC_DIM_MAX			2048
#define _POSIX2_BC_SCALE_MAX			99
#define _POSIX2_BC_STRING_MAX			1000
#define _POSIX2_CHARCLASS_NAME_MAX		14
#define _POSIX2_COLL_WEIGHTS_MAX		2
#define _POSIX2_EXPR_NEST_MAX			32
#define _POSIX2_LINE_MAX			2048
#ifndef _POSIX2_RE_DUP_MAX
#define _POSIX2_RE_DUP_MAX			255
#endif
#endif /* __POSIX_VISIBLE */

#if __XSI_VISIBLE
#define _XOPEN_IOV_MAX				16
#endif

#endif /* BASALT_LIMITS_H */
