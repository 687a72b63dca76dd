/* grp.h: newlib's, plus getgrouplist(3). */
#ifndef BASALT_GRP_H
#define BASALT_GRP_H

#include_next <grp.h>

#ifdef __cplusplus
extern "C" {
#endif

#if __MISC_VISIBLE
int getgrouplist(const char *, gid_t, gid_t *, int *);
#endif

#ifdef __cplusplus
}
#endif

#endif /* BASALT_GRP_H */
