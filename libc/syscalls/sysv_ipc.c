/*
 * sysv_ipc.c: System V IPC (sysvipc(7)): ftok(3) and the shm, sem and msg
 * calls. x86_64 Linux has one system call each (no ipc(2) multiplexer),
 * and its structures are the 64-bit ones our headers declare, so the
 * wrappers pass everything through; errno is translated as everywhere.
 */
#include <stdarg.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>

#include "linux_syscall.h"

_Static_assert(sizeof(struct ipc_perm) == 48, "struct ipc_perm must be Linux's ipc64_perm");
_Static_assert(sizeof(struct shmid_ds) == 112, "struct shmid_ds must be Linux's shmid64_ds");
_Static_assert(sizeof(struct semid_ds) == 104, "struct semid_ds must be Linux's semid64_ds");
_Static_assert(sizeof(struct msqid_ds) == 120, "struct msqid_ds must be Linux's msqid64_ds");

/* ftok(3) as glibc: the low 16 bits of the inode, 8 of the device, 8 of id. */
key_t ftok(const char *path, int id)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return (key_t)-1;
	return (key_t)(int)(((unsigned)st.st_ino & 0xffffu) | (((unsigned)st.st_dev & 0xffu) << 16) |
			    (((unsigned)id & 0xffu) << 24));
}

int shmget(key_t key, size_t size, int shmflg)
{
	return linux_syscall_result(linux_syscall3(SYS_shmget, (int)key, (long)size, shmflg));
}

void *shmat(int shmid, const void *shmaddr, int shmflg)
{
	return (void *)linux_syscall_result(linux_syscall3(SYS_shmat, shmid, (long)shmaddr, shmflg));
}

int shmdt(const void *shmaddr)
{
	return linux_syscall_result(linux_syscall1(SYS_shmdt, (long)shmaddr));
}

int shmctl(int shmid, int cmd, struct shmid_ds *buf)
{
	return linux_syscall_result(linux_syscall3(SYS_shmctl, shmid, cmd, (long)buf));
}

int semget(key_t key, int nsems, int semflg)
{
	return linux_syscall_result(linux_syscall3(SYS_semget, (int)key, nsems, semflg));
}

int semop(int semid, struct sembuf *sops, size_t nsops)
{
	return linux_syscall_result(linux_syscall3(SYS_semop, semid, (long)sops, (long)nsops));
}

int semtimedop(int semid, struct sembuf *sops, size_t nsops, const struct timespec *timeout)
{
	return linux_syscall_result(linux_syscall4(SYS_semtimedop, semid, (long)sops, (long)nsops,
						   (long)timeout));
}

/*
 * semctl(2): the fourth argument, a union semun the caller defines, is
 * there only for the commands that use it; the union is one word, passed
 * by value as Linux takes it.
 */
int semctl(int semid, int semnum, int cmd, ...)
{
	unsigned long arg = 0;
	va_list ap;

	switch (cmd) {
	case IPC_STAT: case IPC_SET: case IPC_INFO: case SEM_STAT: case SEM_INFO:
	case SEM_STAT_ANY: case GETALL: case SETALL: case SETVAL:
		va_start(ap, cmd);
		arg = va_arg(ap, unsigned long);
		va_end(ap);
		break;
	default:
		break;
	}
	return linux_syscall_result(linux_syscall4(SYS_semctl, semid, semnum, cmd, (long)arg));
}

int msgget(key_t key, int msgflg)
{
	return linux_syscall_result(linux_syscall2(SYS_msgget, (int)key, msgflg));
}

int msgsnd(int msqid, const void *msgp, size_t msgsz, int msgflg)
{
	return linux_syscall_result(linux_syscall4(SYS_msgsnd, msqid, (long)msgp, (long)msgsz,
						   msgflg));
}

ssize_t msgrcv(int msqid, void *msgp, size_t msgsz, long msgtyp, int msgflg)
{
	return linux_syscall_result(linux_syscall5(SYS_msgrcv, msqid, (long)msgp, (long)msgsz,
						   msgtyp, msgflg));
}

int msgctl(int msqid, int cmd, struct msqid_ds *buf)
{
	return linux_syscall_result(linux_syscall3(SYS_msgctl, msqid, cmd, (long)buf));
}
