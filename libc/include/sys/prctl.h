/* sys/prctl.h: prctl(2) and the options programs use most (Linux's include/uapi/linux/prctl.h). */
#ifndef _SYS_PRCTL_H
#define _SYS_PRCTL_H

#ifdef __cplusplus
extern "C" {
#endif

#define PR_SET_PDEATHSIG	1
#define PR_GET_PDEATHSIG	2
#define PR_GET_DUMPABLE		3
#define PR_SET_DUMPABLE		4
#define PR_SET_KEEPCAPS		8
#define PR_GET_KEEPCAPS		7
#define PR_SET_NAME		15
#define PR_GET_NAME		16
#define PR_SET_CHILD_SUBREAPER	36
#define PR_GET_CHILD_SUBREAPER	37
#define PR_SET_NO_NEW_PRIVS	38
#define PR_GET_NO_NEW_PRIVS	39

int prctl(int, ...);

#ifdef __cplusplus
}
#endif

#endif /* _SYS_PRCTL_H */
