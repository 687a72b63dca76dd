/*
 * struct utsname of the Linux x86_64 ABI (uname(2)): six NUL-terminated
 * fields of 65 bytes each (Linux's __NEW_UTS_LEN + 1), no padding.
 */
#ifndef UAPI_UTSNAME_H
#define UAPI_UTSNAME_H

#define UTSNAME_FIELD_LEN	65

struct utsname {
	char sysname[UTSNAME_FIELD_LEN];
	char nodename[UTSNAME_FIELD_LEN];
	char release[UTSNAME_FIELD_LEN];
	char version[UTSNAME_FIELD_LEN];
	char machine[UTSNAME_FIELD_LEN];
	char domainname[UTSNAME_FIELD_LEN];
};

#endif /* UAPI_UTSNAME_H */
