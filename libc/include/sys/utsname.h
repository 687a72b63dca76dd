/* sys/utsname.h: uname(2) with Linux's struct utsname (six 65-byte fields). */
#ifndef _SYS_UTSNAME_H
#define _SYS_UTSNAME_H

#ifdef __cplusplus
extern "C" {
#endif

/* uname(2): the kernel's field length, including the terminating NUL. */
#define _UTSNAME_LENGTH 65

struct utsname {
	char sysname[_UTSNAME_LENGTH];
	char nodename[_UTSNAME_LENGTH];
	char release[_UTSNAME_LENGTH];
	char version[_UTSNAME_LENGTH];
	char machine[_UTSNAME_LENGTH];
	char domainname[_UTSNAME_LENGTH];
};

int uname(struct utsname *);

#ifdef __cplusplus
}
#endif

#endif /* _SYS_UTSNAME_H */
