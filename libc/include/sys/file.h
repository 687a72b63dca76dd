/* sys/file.h: newlib's, plus flock(2) and its LOCK_* operations (Linux's values). */
#ifndef BASALT_SYS_FILE_H
#define BASALT_SYS_FILE_H

#include_next <sys/file.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LOCK_SH	1
#define LOCK_EX	2
#define LOCK_NB	4
#define LOCK_UN	8

int flock(int, int);

#ifdef __cplusplus
}
#endif

#endif /* BASALT_SYS_FILE_H */
