/* unistd.h: newlib's, plus _POSIX_VERSION and the Linux calls it does not declare (setresuid, getresuid, syncfs...). */
#ifndef BASALT_UNISTD_H
#define BASALT_UNISTD_H

#include_next <unistd.h>

/*
 * POSIX.1-2008 <unistd.h>: _POSIX_VERSION and _POSIX2_VERSION name the
 * version the system supports (glibc: 200809L). newlib defines them for
 * Cygwin and RTEMS only; programs test them to know they are on a POSIX
 * system at all (zstd's platform.h: isatty, fileno, lstat, nanosleep).
 */
#ifndef _POSIX_VERSION
#define _POSIX_VERSION 200809L
#endif
#ifndef _POSIX2_VERSION
#define _POSIX2_VERSION 200809L
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
