/* unistd.h: newlib's, plus the Linux calls it does not declare (setresuid, getresuid, syncfs...). */
#ifndef BASALT_UNISTD_H
#define BASALT_UNISTD_H

#include_next <unistd.h>

/*
 * POSIX.1-2008's version and option constants of <unistd.h> (XBD
 * unistd.h "Constants for Options and Option Groups"), with glibc's values
 * on Linux; sysconf(3) gives the same at run time (misc/sysconf.c).
 * Programs test them when compiled: bash picks its termios terminal code
 * and POSIX wait status only when _POSIX_VERSION is defined.
 */
#ifndef _POSIX_VERSION
#define _POSIX_VERSION		200809L
#endif
#ifndef _POSIX2_VERSION
#define _POSIX2_VERSION		200809L
#endif
#ifndef _POSIX_JOB_CONTROL
#define _POSIX_JOB_CONTROL	1
#endif
#ifndef _POSIX_SAVED_IDS
#define _POSIX_SAVED_IDS	1
#endif
/* A c_cc entry set to this is disabled (termios(3)); pathconf(_PC_VDISABLE) agrees. */
#ifndef _POSIX_VDISABLE
#define _POSIX_VDISABLE		'\0'
#endif

#ifdef __cplusplus
extern "C" {
#endif

#if __GNU_VISIBLE
int setresuid(uid_t, uid_t, uid_t);
int setresgid(gid_t, gid_t, gid_t);
int getresuid(uid_t *, uid_t *, uid_t *);
int getresgid(gid_t *, gid_t *, gid_t *);
int syncfs(int);
#endif
/* newlib declares it only for its own thread-safe builds. */
int getlogin_r(char *, size_t);
#if __BSD_VISIBLE
int setdomainname(const char *, size_t);
char *getusershell(void);
void setusershell(void);
void endusershell(void);
long gethostid(void);
#endif
#if __GNU_VISIBLE
/* gettid(2): the calling thread's id (the pid in a process's first thread). */
pid_t gettid(void);
/* syscall(2): a raw system call by number (<sys/syscall.h>); -1 and errno on error. */
long syscall(long, ...);
#endif

#ifdef __cplusplus
}
#endif

#endif /* BASALT_UNISTD_H */
