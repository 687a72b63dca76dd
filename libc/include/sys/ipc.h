/* sys/ipc.h: System V IPC's common part (sysvipc(7)), Linux's x86_64 values and layout (glibc's). */
#ifndef _SYS_IPC_H
#define _SYS_IPC_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Linux's key_t is an int; newlib's key_t (long) only carries it in arguments. */
#define IPC_PRIVATE	((key_t)0)

/* The *get flags (next to the nine permission bits). */
#define IPC_CREAT	01000
#define IPC_EXCL	02000
#define IPC_NOWAIT	04000

/* The *ctl commands common to the three families. */
#define IPC_RMID	0
#define IPC_SET		1
#define IPC_STAT	2
#define IPC_INFO	3

/*
 * Linux's struct ipc64_perm (the only layout on x86_64). The key and
 * sequence fields answer to glibc's names (__key, __seq) and to the
 * plain ones programs use on other C libraries (BusyBox's ipcs: key, seq).
 */
struct ipc_perm {
	__extension__ union {
		int __key;
		int key;
	};
	uid_t uid;
	gid_t gid;
	uid_t cuid;
	gid_t cgid;
	unsigned short mode;
	unsigned short __pad1;
	__extension__ union {
		unsigned short __seq;
		unsigned short seq;
	};
	unsigned short __pad2;
	unsigned long __glibc_reserved1;
	unsigned long __glibc_reserved2;
};

key_t ftok(const char *path, int id);

#ifdef __cplusplus
}
#endif

#endif /* _SYS_IPC_H */
