/*
 * uapi/ipc.h: System V IPC's ABI on x86_64 (sysvipc(7), Linux's
 * include/uapi/linux/ipc.h, shm.h, sem.h, msg.h and the asm-generic
 * 64-bit structures, the only ones x86_64 has: no IPC_64 flag).
 */
#ifndef UAPI_IPC_H
#define UAPI_IPC_H

#include <stdint.h>

#define IPC_PRIVATE	0
#define IPC_CREAT	01000
#define IPC_EXCL	02000
#define IPC_NOWAIT	04000

#define IPC_RMID	0
#define IPC_SET		1
#define IPC_STAT	2
#define IPC_INFO	3

/* shm */
#define SHM_RDONLY	010000
#define SHM_RND		020000
#define SHM_REMAP	040000
#define SHM_EXEC	0100000
#define SHM_HUGETLB	04000
#define SHM_DEST	01000	/* in shm_perm.mode: removed, kept until the last detach */
#define SHM_LOCKED	02000
#define SHM_LOCK	11
#define SHM_UNLOCK	12
#define SHM_STAT	13
#define SHM_INFO	14
#define SHM_STAT_ANY	15

/* sem */
#define SEM_UNDO	0x1000
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

/* msg */
#define MSG_NOERROR	010000
#define MSG_EXCEPT	020000
#define MSG_COPY	040000
#define MSG_STAT	11
#define MSG_INFO	12
#define MSG_STAT_ANY	13

struct ipc64_perm {
	int32_t key;
	uint32_t uid;
	uint32_t gid;
	uint32_t cuid;
	uint32_t cgid;
	uint16_t mode;
	uint16_t pad1;
	uint16_t seq;
	uint16_t pad2;
	uint64_t unused1;
	uint64_t unused2;
};

struct shmid64_ds {
	struct ipc64_perm shm_perm;
	uint64_t shm_segsz;
	int64_t shm_atime;
	int64_t shm_dtime;
	int64_t shm_ctime;
	int32_t shm_cpid;
	int32_t shm_lpid;
	uint64_t shm_nattch;
	uint64_t unused4;
	uint64_t unused5;
};

struct shminfo64 {
	uint64_t shmmax, shmmin, shmmni, shmseg, shmall;
	uint64_t unused1, unused2, unused3, unused4;
};

struct shm_info {
	int32_t used_ids;
	uint64_t shm_tot, shm_rss, shm_swp, swap_attempts, swap_successes;
};

struct semid64_ds {
	struct ipc64_perm sem_perm;
	int64_t sem_otime;
	uint64_t unused1;
	int64_t sem_ctime;
	uint64_t unused2;
	uint64_t sem_nsems;
	uint64_t unused3;
	uint64_t unused4;
};

struct sembuf {
	uint16_t sem_num;
	int16_t sem_op;
	int16_t sem_flg;
};

struct seminfo {
	int32_t semmap, semmni, semmns, semmnu, semmsl, semopm, semume, semusz, semvmx, semaem;
};

struct msqid64_ds {
	struct ipc64_perm msg_perm;
	int64_t msg_stime;
	int64_t msg_rtime;
	int64_t msg_ctime;
	uint64_t msg_cbytes;
	uint64_t msg_qnum;
	uint64_t msg_qbytes;
	int32_t msg_lspid;
	int32_t msg_lrpid;
	uint64_t unused4;
	uint64_t unused5;
};

struct msginfo {
	int32_t msgpool, msgmap, msgmax, msgmnb, msgmni, msgssz, msgtql;
	uint16_t msgseg;
};

#endif /* UAPI_IPC_H */
