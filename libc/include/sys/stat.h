/* sys/stat.h: newlib's <sys/stat.h>, plus lstat, which newlib declares only for a few systems. */
#ifndef BASALT_SYS_STAT_H
#define BASALT_SYS_STAT_H

#include_next <sys/stat.h>

#ifdef __cplusplus
extern "C" {
#endif

int lstat(const char *__restrict __path, struct stat *__restrict __buf);

#ifdef __cplusplus
}
#endif

#endif /* BASALT_SYS_STAT_H */
