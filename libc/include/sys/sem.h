/* sys/sem.h: System V semaphores (semget(2), semop(2), semctl(2)), Linux's x86_64 values and layout. */
#ifndef _SYS_SEM_H
#define _SYS_SEM_H

#include <stddef.h>
#include <sys/ipc.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

/* sem_flg: undo the operation when the process exits. */
#define SEM_UNDO	0x1000

/* semctl commands beyond sys/ipc.h's. */
#define GETPID		11
#define GETVAL		12
#define GETALL		13
#define GETNCNT		14
#define GETZCNT		15
#define SETVAL		16
#define SETALL		17
#define SEM_STAT	18
#define SEM_INFO	19
#define SEM_STAT_ANY	20

struct sembuf {
	unsigned short sem_num;
	short sem_op;
	short sem_flg;
};

/* Linux's struct semid64_ds on x86_64. */
struct semid_ds {
	struct ipc_perm sem_perm;
	time_t sem_otime;
	unsigned long __sem_otime_high;
	time_t sem_ctime;
	unsigned long __sem_ctime_high;
	unsigned long sem_nsems;
	unsigned long __glibc_reserved3;
	unsigned long __glibc_reserved4;
};

/* IPC_INFO and SEM_INFO's answer. */
struct seminfo {
	int semmap;
	int semmni;
	int semmns;
	int semmnu;
	int semmsl;
	int semopm;
	int semume;
	int semusz;
	int semvmx;
	int semaem;
};

/* As glibc, the caller defines union semun itself (semctl(2)). */
int semget(key_t key, int nsems, int semflg);
int semop(int semid, struct sembuf *sops, size_t nsops);
int semtimedop(int semid, struct sembuf *sops, size_t nsops, const struct timespec *timeout);
int semctl(int semid, int semnum, int cmd, ...);

#ifdef __cplusplus
}
#endif

#endif /* _SYS_SEM_H */
