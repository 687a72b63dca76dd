/* fcntl.h: newlib's, plus Linux's pipe-capacity commands (fcntl(2) F_GETPIPE_SZ, F_SETPIPE_SZ). */
#ifndef BASALT_FCNTL_H
#define BASALT_FCNTL_H

#include_next <fcntl.h>

#if __GNU_VISIBLE
/* Linux's values, which syscalls/fcntl.c passes through (fcntl(2), "Changing the capacity of a pipe"). */
#define F_SETPIPE_SZ	1031
#define F_GETPIPE_SZ	1032
#endif

#endif /* BASALT_FCNTL_H */
