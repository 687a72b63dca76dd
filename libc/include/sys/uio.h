/* sys/uio.h: struct iovec, readv(2) and writev (Linux's layout). */
#ifndef _SYS_UIO_H
#define _SYS_UIO_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct iovec {
	void *iov_base;
	size_t iov_len;
};

/* readv(2): at most this many vectors (Linux's UIO_MAXIOV). */
#define UIO_MAXIOV	1024

ssize_t readv(int, const struct iovec *, int);
ssize_t writev(int, const struct iovec *, int);

#ifdef __cplusplus
}
#endif

#endif /* _SYS_UIO_H */
