/*
 * openat2.h: openat2(2)'s struct open_how and RESOLVE_* flags, Linux's
 * values (include/uapi/linux/openat2.h; openat2(2)).
 */
#ifndef _UAPI_OPENAT2_H
#define _UAPI_OPENAT2_H

#include <stdint.h>

/* The argument struct; user space passes its size (extensible struct). */
struct open_how {
	uint64_t flags;		/* open(2)'s O_* flags */
	uint64_t mode;		/* the file mode for O_CREAT / O_TMPFILE, else 0 */
	uint64_t resolve;	/* RESOLVE_* */
};

#define OPEN_HOW_SIZE_VER0	24	/* the first published struct open_how */

#define RESOLVE_NO_XDEV		0x01	/* no crossing of mount points */
#define RESOLVE_NO_MAGICLINKS	0x02	/* no /proc/PID/fd-style links */
#define RESOLVE_NO_SYMLINKS	0x04	/* no symbolic links at all */
#define RESOLVE_BENEATH		0x08	/* stay below dirfd */
#define RESOLVE_IN_ROOT		0x10	/* dirfd is "/" for the lookup */
#define RESOLVE_CACHED		0x20	/* the dentry cache only, else EAGAIN */

#endif
