/* errno.h: newlib's, plus glibc's program_invocation_name and program_invocation_short_name (_GNU_SOURCE). */
#ifndef BASALT_ERRNO_H
#define BASALT_ERRNO_H

#include_next <errno.h>

#ifdef __cplusplus
extern "C" {
#endif

#if __GNU_VISIBLE
/* program_invocation_name(3): argv[0], and its part after the last '/'. */
extern char *program_invocation_name;
extern char *program_invocation_short_name;
#endif

#ifdef __cplusplus
}
#endif

#endif /* BASALT_ERRNO_H */
