/* stdlib.h: newlib's, plus the pseudo-terminal calls (posix_openpt, grantpt, unlockpt, ptsname) and getprogname. */
#ifndef BASALT_STDLIB_H
#define BASALT_STDLIB_H

#include_next <stdlib.h>

#ifdef __cplusplus
extern "C" {
#endif

#if __XSI_VISIBLE
int posix_openpt(int);
int grantpt(int);
int unlockpt(int);
char *ptsname(int);
#endif
#if __GNU_VISIBLE
int ptsname_r(int, char *, size_t);
int getpt(void);
#endif
#if __MISC_VISIBLE
int clearenv(void);
#endif
#if __BSD_VISIBLE
/* getprogname(3): the last component of argv[0] (misc/getprogname.c). */
const char *getprogname(void);
#endif

#ifdef __cplusplus
}
#endif

#endif /* BASALT_STDLIB_H */
