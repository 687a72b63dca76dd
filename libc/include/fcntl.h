/* fcntl.h: newlib's, plus O_ASYNC and Linux's pipe-capacity commands (fcntl(2) F_GETPIPE_SZ, F_SETPIPE_SZ). */
#ifndef BASALT_FCNTL_H
#define BASALT_FCNTL_H

#include_next <fcntl.h>

#if __BSD_VISIBLE || __GNU_VISIBLE
/* Signal-driven I/O (fcntl(2) F_SETFL): newlib's FASYNC bit, which open_flags.c maps to Linux's. */
#ifndef O_ASYNC
#define O_ASYNC		_FASYNC
#endif
#endif

#if __GNU_VISIBLE
/* Linux's values, which syscalls/fcntl.c passes through (fcntl(2), "Changing the capacity of a pipe"). */
#define F_SETPIPE_SZ	1031
#define F_GETPIPE_SZ	1032
#endif

#endif /* BASALT_FCNTL_H */
