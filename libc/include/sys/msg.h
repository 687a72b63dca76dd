/* sys/msg.h: System V message queues (msgget(2), msgsnd(2), msgctl(2)), Linux's x86_64 values and layout. */
#ifndef _SYS_MSG_H
#define _SYS_MSG_H

#include <stddef.h>
#include <sys/ipc.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

/* msgrcv flags. */
#define MSG_NOERROR	010000
#define MSG_EXCEPT	020000
#define MSG_COPY	040000

/* msgctl commands beyond sys/ipc.h's. */
#define MSG_STAT	11
#define MSG_INFO	12
#define MSG_STAT_ANY	13

typedef unsigned long msgqnum_t;
typedef unsigned long msglen_t;

struct msgbuf {
	long mtype;
	char mtext[1];
};

/* Linux's struct msqid64_ds. */
struct msqid_ds {
	struct ipc_perm msg_perm;
	time_t msg_stime;
	time_t msg_rtime;
	time_t msg_ctime;
	unsigned long __msg_cbytes;
	msgqnum_t msg_qnum;
	msglen_t msg_qbytes;
	pid_t msg_lspid;
	pid_t msg_lrpid;
	unsigned long __glibc_reserved4;
	unsigned long __glibc_reserved5;
};
#define msg_cbytes __msg_cbytes

/* IPC_INFO and MSG_INFO's answer. */
struct msginfo {
	int msgpool;
	int msgmap;
	int msgmax;
	int msgmnb;
	int msgmni;
	int msgssz;
	int msgtql;
	unsigned short msgseg;
};

int msgget(key_t key, int msgflg);
int msgsnd(int msqid, const void *msgp, size_t msgsz, int msgflg);
ssize_t msgrcv(int msqid, void *msgp, size_t msgsz, long msgtyp, int msgflg);
int msgctl(int msqid, int cmd, struct msqid_ds *buf);

#ifdef __cplusplus
}
#endif

#endif /* _SYS_MSG_H */
