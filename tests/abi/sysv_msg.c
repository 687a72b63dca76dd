/*
 * sysv_msg.c: System V message queues (msgget(2), msgop(2), msgctl(2)):
 * types and their order, msgrcv's type modes (0, > 0, < 0, MSG_EXCEPT),
 * E2BIG and MSG_NOERROR, IPC_NOWAIT (ENOMSG, EAGAIN on a full queue),
 * the queue byte limit, a receiver woken by a sender, EIDRM and EINTR
 * for sleepers, keys (IPC_CREAT, IPC_EXCL: EEXIST, ENOENT), EACCES and
 * EPERM for another user, EFAULT, IPC_STAT/IPC_SET/MSG_STAT/MSG_INFO,
 * /proc/sysvipc/msg and the limits in /proc/sys/kernel. Prints TAP;
 * exits with the failure count.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/wait.h>
#include <time.h>
#include "abi_tap.h"

#define PLAN		44
#define DELAY_US	30000	/* the other process acts after this */
#define CHILD_LIMIT_S	5	/* a child stuck longer is killed (a failure, not a hang) */
#define TEST_MSGMAX	8192	/* Linux's default msgmax (checked below) */
#define BAD_PTR		((void *)8)

struct tmsg {
	long mtype;
	char mtext[64];
};

static int qid, gkey;

static long snd(int id, long type, const char *text, int flags)
{
	struct tmsg m = { .mtype = type };

	memcpy(m.mtext, text, strlen(text));
	return msgsnd(id, &m, strlen(text), flags) < 0 ? -errno : 0;
}

static long rcv(int id, struct tmsg *m, size_t size, long type, int flags)
{
	long n;

	memset(m, 0, sizeof(*m));
	n = msgrcv(id, m, size, type, flags);
	return n < 0 ? -errno : n;
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* A child that ran fn; its exit status (0 ok), or -1. */
static int child_status(pid_t pid)
{
	int status;

	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static int as_nobody_send(void)
{
	return snd(qid, 1, "x", IPC_NOWAIT) == -EACCES ? 0 : 1;
}

static int as_nobody_rmid(void)
{
	return msgctl(qid, IPC_RMID, NULL) < 0 && errno == EPERM ? 0 : 1;
}

static int as_nobody_msgget(void)
{
	return msgget(gkey, 0600) < 0 && errno == EACCES && msgget(gkey, 0) >= 0 ? 0 : 1;
}

static int as_nobody_get(void)
{
	struct msqid_ds ds;

	return msgctl(qid, IPC_STAT, &ds) < 0 && errno == EACCES ? 0 : 1;
}

static int proc_lists(const char *path, int key, int id, int *header_ok)
{
	char line[512];
	FILE *f = fopen(path, "r");
	int found = 0, k, i;

	*header_ok = 0;
	if (!f)
		return 0;
	if (fgets(line, sizeof(line), f))
		*header_ok = !strcmp(line, "       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid  cuid  cgid      stime      rtime      ctime\n");
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%d %d", &k, &i) == 2 && k == key && i == id)
			found = 1;
	fclose(f);
	return found;
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	struct msqid_ds ds;
	struct msginfo info;
	struct tmsg m;
	int key = 0x5a000000 | (getpid() & 0xffff), id2, header_ok, r;
	long n, msgmnb = tap_proc_number("/proc/sys/kernel/msgmnb");
	pid_t pid;

	tap_plan(PLAN);
	sigaction(SIGALRM, &sa, NULL);
	qid = msgget(IPC_PRIVATE, 0600);
	check(qid >= 0, "msgget(IPC_PRIVATE, 0600) gives an id (%d)", qid);
	check(snd(qid, 1, "hello", 0) == 0 && snd(qid, 2, "world", 0) == 0 &&
	      snd(qid, 3, "three", 0) == 0 && snd(qid, 1, "again", 0) == 0,
	      "four messages of types 1, 2, 3, 1 sent");
	r = msgctl(qid, IPC_STAT, &ds);
	check(r == 0 && ds.msg_qnum == 4 && ds.msg_cbytes == 20 && ds.msg_lspid == getpid() &&
	      (long)ds.msg_qbytes == msgmnb && (ds.msg_perm.mode & 0777) == 0600,
	      "IPC_STAT: 4 messages, 20 bytes, lspid, qbytes = msgmnb %ld, mode 0600", msgmnb);
	n = rcv(qid, &m, sizeof(m.mtext), 2, 0);
	check(n == 5 && m.mtype == 2 && !memcmp(m.mtext, "world", 5), "msgrcv type 2: \"world\"");
	n = rcv(qid, &m, sizeof(m.mtext), 1, MSG_EXCEPT);
	check(n == 5 && m.mtype == 3, "MSG_EXCEPT 1: the type 3 message");
	n = rcv(qid, &m, sizeof(m.mtext), 0, 0);
	check(n == 5 && m.mtype == 1 && !memcmp(m.mtext, "hello", 5), "type 0: the oldest");
	snd(qid, 5, "five", 0);
	snd(qid, 4, "four", 0);
	n = rcv(qid, &m, sizeof(m.mtext), -4, 0);
	check(n == 5 && m.mtype == 1 && !memcmp(m.mtext, "again", 5),
	      "type -4: the lowest type <= 4 first (1)");
	n = rcv(qid, &m, sizeof(m.mtext), -5, 0);
	check(n == 4 && m.mtype == 4, "type -5: then type 4 although 5 came first");
	n = rcv(qid, &m, sizeof(m.mtext), 9, IPC_NOWAIT);
	check(n == -ENOMSG, "no type 9 with IPC_NOWAIT: ENOMSG (%ld)", n);
	n = rcv(qid, &m, 2, 5, 0);
	check(n == -E2BIG, "a 4-byte message into 2 bytes: E2BIG (%ld)", n);
	n = rcv(qid, &m, 2, 5, MSG_NOERROR);
	check(n == 2 && m.mtype == 5 && !memcmp(m.mtext, "fi", 2),
	      "MSG_NOERROR: truncated to 2 bytes, and the message was still there");
	n = rcv(qid, &m, sizeof(m.mtext), 0, IPC_NOWAIT);
	check(n == -ENOMSG, "the truncated message is gone: queue empty");

	check(snd(qid, 0, "x", 0) == -EINVAL, "mtype 0: EINVAL");
	{
		static struct { long mtype; char text[TEST_MSGMAX + 1]; } big = { .mtype = 1 };

		errno = 0;
		check(msgsnd(qid, &big, TEST_MSGMAX + 1, 0) < 0 && errno == EINVAL,
		      "a message over msgmax (%d): EINVAL", TEST_MSGMAX);
	}
	errno = 0;
	check(msgsnd(qid, BAD_PTR, 4, 0) < 0 && errno == EFAULT, "msgsnd from a bad pointer: EFAULT");
	snd(qid, 7, "seven", 0);
	errno = 0;
	check(msgrcv(qid, BAD_PTR, 16, 0, 0) < 0 && errno == EFAULT,
	      "msgrcv into a bad pointer: EFAULT");
	check(rcv(qid, &m, sizeof(m.mtext), 0, IPC_NOWAIT) == -ENOMSG,
	      "the message is gone after the EFAULT, as on Linux");
	errno = 0;
	check(msgctl(qid, IPC_STAT, BAD_PTR) < 0 && errno == EFAULT, "IPC_STAT to a bad pointer: EFAULT");
	errno = 0;
	check(msgsnd(-1, &m, 1, 0) < 0 && errno == EINVAL, "msgsnd to id -1: EINVAL");

	/* The byte limit. */
	msgctl(qid, IPC_STAT, &ds);
	ds.msg_qbytes = 16;
	check(msgctl(qid, IPC_SET, &ds) == 0, "IPC_SET msg_qbytes = 16");
	check(snd(qid, 1, "0123456789", IPC_NOWAIT) == 0, "10 bytes fit");
	n = snd(qid, 1, "0123456789", IPC_NOWAIT);
	check(n == -EAGAIN, "10 more do not: EAGAIN with IPC_NOWAIT (%ld)", n);
	/* A sender blocked on the full queue is woken by a receiver. */
	pid = fork();
	if (pid == 0) {
		alarm(CHILD_LIMIT_S);
		_exit(snd(qid, 2, "abcdefghij", 0) == 0 ? 0 : 1);
	}
	usleep(DELAY_US);
	rcv(qid, &m, sizeof(m.mtext), 1, 0);
	r = child_status(pid);
	n = rcv(qid, &m, sizeof(m.mtext), 0, IPC_NOWAIT);
	check(r == 0 && n == 10 && m.mtype == 2, "a blocked sender is woken when room comes (%d, %ld)",
	      r, n);
	/* A receiver woken by a sender. */
	pid = fork();
	if (pid == 0) {
		alarm(CHILD_LIMIT_S);
		_exit(rcv(qid, &m, sizeof(m.mtext), 6, 0) == 3 ? 0 : 1);
	}
	usleep(DELAY_US);
	snd(qid, 6, "six", 0);
	check(child_status(pid) == 0, "a blocked receiver is woken by the sender");
	msgctl(qid, IPC_STAT, &ds);
	check(ds.msg_lrpid == pid && ds.msg_lspid == getpid() && ds.msg_qnum == 0,
	      "msg_lrpid is the child, msg_lspid the parent");
	/* EINTR. */
	alarm(1);
	n = rcv(qid, &m, sizeof(m.mtext), 0, 0);
	alarm(0);
	check(n == -EINTR, "a blocked msgrcv interrupted by a signal: EINTR (%ld)", n);

	/* Another user. */
	check_as_nobody(as_nobody_send, "msgsnd to another user's 0600 queue: EACCES");
	check_as_nobody(as_nobody_get, "IPC_STAT of another user's 0600 queue: EACCES");
	check_as_nobody(as_nobody_rmid, "IPC_RMID of another user's queue: EPERM");

	/* Keys. */
	id2 = msgget(key, IPC_CREAT | IPC_EXCL | 0640);
	check(id2 >= 0 && id2 != qid, "msgget(key, IPC_CREAT|IPC_EXCL) creates");
	check(msgget(key, 0) == id2, "msgget(key, 0) finds it");
	gkey = key;
	check_as_nobody(as_nobody_msgget,
			"msgget(key, 0600) of another user's 0640 queue: EACCES (0 asks nothing)");
	errno = 0;
	check(msgget(key, IPC_CREAT | IPC_EXCL | 0600) < 0 && errno == EEXIST, "IPC_EXCL again: EEXIST");
	errno = 0;
	check(msgget(key + 1, 0600) < 0 && errno == ENOENT, "an unknown key without IPC_CREAT: ENOENT");
	check(proc_lists("/proc/sysvipc/msg", key, id2, &header_ok) && header_ok,
	      "/proc/sysvipc/msg: Linux's header, and the queue's line");
	r = msgctl(0, MSG_INFO, (struct msqid_ds *)&info);
	check(r >= id2 % 32768 && info.msgpool >= 2, "MSG_INFO: the highest index (%d), msgpool %d", r,
	      info.msgpool);
	r = msgctl(0, IPC_INFO, (struct msqid_ds *)&info);
	check(r >= 0 && info.msgmax == tap_proc_number("/proc/sys/kernel/msgmax") &&
	      info.msgmnb == msgmnb && info.msgmni == tap_proc_number("/proc/sys/kernel/msgmni"),
	      "IPC_INFO: msgmax, msgmnb, msgmni as /proc/sys/kernel (%d %d %d)", info.msgmax,
	      info.msgmnb, info.msgmni);
	r = msgctl(id2 % 32768, MSG_STAT, &ds);
	check(r == id2 && ds.msg_perm.__key == key, "MSG_STAT of the index gives the id and key");
	errno = 0;
	check(msgctl(qid, 99, &ds) < 0 && errno == EINVAL, "an unknown command: EINVAL");

	/* Removal wakes a sleeper with EIDRM; the id is then stale. */
	pid = fork();
	if (pid == 0) {
		alarm(CHILD_LIMIT_S);
		_exit(rcv(id2, &m, sizeof(m.mtext), 0, 0) == -EIDRM ? 0 : 1);
	}
	usleep(DELAY_US);
	check(msgctl(id2, IPC_RMID, NULL) == 0, "IPC_RMID");
	check(child_status(pid) == 0, "the blocked receiver got EIDRM");
	errno = 0;
	check(msgget(key, 0) < 0 && errno == ENOENT, "the key is gone with the queue");
	errno = 0;
	check(msgsnd(id2, &m, 1, 0) < 0 && errno == EINVAL, "the removed id: EINVAL");
	check(msgctl(qid, IPC_RMID, NULL) == 0, "the private queue removed");
	return tap_done();
}
