/* sys/stat.h: newlib's <sys/stat.h>, plus lstat and mknod, which newlib declares only for a few systems, and UTIME_NOW/UTIME_OMIT. */
#ifndef BASALT_SYS_STAT_H
#define BASALT_SYS_STAT_H

#include_next <sys/stat.h>

#ifdef __cplusplus
extern "C" {
#endif

int lstat(const char *__restrict __path, struct stat *__restrict __buf);
int mknod(const char *__path, mode_t __mode, dev_t __dev);

/* utimensat(2)'s special tv_nsec values, Linux's (newlib has them for Cygwin only). */
#define UTIME_NOW	((1L << 30) - 1L)
#define UTIME_OMIT	((1L << 30) - 2L)

#ifdef __cplusplus
}
#endif

#endif /* BASALT_SYS_STAT_H */
