/* credentials.c: setuid(2), setgid, seteuid, setegid, setreuid, setregid, setresuid, setresgid, getresuid, getresgid. */
#include <unistd.h>

#include "linux_syscall.h"

/* setresuid(2): -1 leaves an ID unchanged. */
#define ID_UNCHANGED	(-1L)

int setuid(uid_t uid)
{
	return linux_syscall_result(linux_syscall1(SYS_setuid, uid));
}

int setgid(gid_t gid)
{
	return linux_syscall_result(linux_syscall1(SYS_setgid, gid));
}

int setreuid(uid_t ruid, uid_t euid)
{
	return linux_syscall_result(linux_syscall2(SYS_setreuid, (int)ruid, (int)euid));
}

int setregid(gid_t rgid, gid_t egid)
{
	return linux_syscall_result(linux_syscall2(SYS_setregid, (int)rgid, (int)egid));
}

int setresuid(uid_t ruid, uid_t euid, uid_t suid)
{
	return linux_syscall_result(linux_syscall3(SYS_setresuid, (int)ruid, (int)euid,
						   (int)suid));
}

int setresgid(gid_t rgid, gid_t egid, gid_t sgid)
{
	return linux_syscall_result(linux_syscall3(SYS_setresgid, (int)rgid, (int)egid,
						   (int)sgid));
}

int getresuid(uid_t *ruid, uid_t *euid, uid_t *suid)
{
	return linux_syscall_result(linux_syscall3(SYS_getresuid, (long)ruid, (long)euid,
						   (long)suid));
}

int getresgid(gid_t *rgid, gid_t *egid, gid_t *sgid)
{
	return linux_syscall_result(linux_syscall3(SYS_getresgid, (long)rgid, (long)egid,
						   (long)sgid));
}

/* seteuid(3): only the effective ID changes (glibc does it with setresuid too). */
int seteuid(uid_t euid)
{
	return linux_syscall_result(linux_syscall3(SYS_setresuid, ID_UNCHANGED, (int)euid,
						   ID_UNCHANGED));
}

int setegid(gid_t egid)
{
	return linux_syscall_result(linux_syscall3(SYS_setresgid, ID_UNCHANGED, (int)egid,
						   ID_UNCHANGED));
}
