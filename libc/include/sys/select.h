/* sys/select.h: newlib's fd_set and select/pselect, sized for Linux's 1024 descriptors. */
/*
 * newlib's default FD_SETSIZE is 64; Linux's select(2) and glibc use 1024
 * (the bitmap the kernel reads is as large as the nfds argument says).
 */
#ifndef FD_SETSIZE
#define FD_SETSIZE 1024
#endif

#include_next <sys/select.h>
