/*
 * sysv_sem.c: System V semaphores (semget(2), semop(2), semctl(2)):
 * SETVAL/GETVAL/SETALL/GETALL/GETPID/GETNCNT/GETZCNT, all-or-nothing
 * operation lists, IPC_NOWAIT (EAGAIN), semtimedop's timeout, ERANGE,
 * EFBIG, E2BIG, EFAULT, sleepers woken by an increase and by zero,
 * EIDRM and EINTR, SEM_UNDO applied when a process exits, keys, EACCES
 * and EPERM for another user, IPC_STAT/IPC_SET/SEM_INFO,
 * /proc/sysvipc/sem and /proc/sys/kernel/sem. Prints TAP; exits with
 * the failure count.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/wait.h>
#include <time.h>
#include "abi_tap.h"

#define PLAN		47
#define CHILD_LIMIT_S	5	/* a child stuck longer is killed (a failure, not a hang) */
#define WAIT_STEP_US	5000
#define WAIT_STEPS	400	/* up to 2 s for a child to block */
#define TIMEOUT_NS	50000000L	/* semtimedop's timeout: 50 ms */
#define SEMVMX		32767	/* Linux's largest semaphore value */
#define SEMOPM		500	/* Linux's default most operations per call */
#define BAD_PTR		((void *)8)

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
	struct seminfo *__buf;
};

static int sid;

static long op1(int id, unsigned short num, short op, short flg)
{
	struct sembuf s = { .sem_num = num, .sem_op = op, .sem_flg = flg };

	return semop(id, &s, 1) < 0 ? -errno : 0;
}

static int getval(int id, int num)
{
	return semctl(id, num, GETVAL);
}

static int setval(int id, int num, int val)
{
	union semun u = { .val = val };

	return semctl(id, num, SETVAL, u) < 0 ? -errno : 0;
}

static void on_alarm(int sig)
{
	(void)sig;
}

static int child_status(pid_t pid)
{
	int status;

	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Waits until semctl(cmd) on num reads want (a child went to sleep). */
static int wait_count(int id, int num, int cmd, int want)
{
	for (int i = 0; i < WAIT_STEPS; i++) {
		if (semctl(id, num, cmd) == want)
			return 1;
		usleep(WAIT_STEP_US);
	}
	return 0;
}

static int as_nobody_op(void)
{
	return op1(sid, 0, 1, IPC_NOWAIT) == -EACCES ? 0 : 1;
}

static int as_nobody_get(void)
{
	return semctl(sid, 0, GETVAL) < 0 && errno == EACCES ? 0 : 1;
}

static int as_nobody_rmid(void)
{
	return semctl(sid, 0, IPC_RMID) < 0 && errno == EPERM ? 0 : 1;
}

static int proc_lists(int key, int id, int *header_ok)
{
	char line[512];
	FILE *f = fopen("/proc/sysvipc/sem", "r");
	int found = 0, k, i;
	unsigned nsems;

	*header_ok = 0;
	if (!f)
		return 0;
	if (fgets(line, sizeof(line), f))
		*header_ok = !strcmp(line, "       key      semid perms      nsems   uid   gid  cuid  cgid      otime      ctime\n");
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%d %d %*o %u", &k, &i, &nsems) == 3 && k == key && i == id &&
		    nsems == 2)
			found = 1;
	fclose(f);
	return found;
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	unsigned short vals[3] = { 1, 2, 3 }, got[3] = { 0 };
	struct sembuf two[2];
	struct semid_ds ds;
	struct seminfo si;
	struct timespec ts = { 0, TIMEOUT_NS }, t0, t1;
	union semun u;
	int key = 0x5b000000 | (getpid() & 0xffff), id2, header_ok, r;
	long n, elapsed_ms;
	char text[64] = "";
	FILE *f;
	pid_t pid;

	tap_plan(PLAN);
	sigaction(SIGALRM, &sa, NULL);
	sid = semget(IPC_PRIVATE, 3, 0600);
	check(sid >= 0, "semget(IPC_PRIVATE, 3, 0600) gives an id");
	errno = 0;
	check(semget(IPC_PRIVATE, 0, 0600) < 0 && errno == EINVAL, "a new set of 0: EINVAL");
	errno = 0;
	check(semget(IPC_PRIVATE, 32001, 0600) < 0 && errno == EINVAL, "more than SEMMSL: EINVAL");
	check(getval(sid, 0) == 0 && getval(sid, 2) == 0, "new semaphores are 0");
	check(setval(sid, 0, 5) == 0 && getval(sid, 0) == 5, "SETVAL 5, GETVAL 5");
	check(semctl(sid, 0, GETPID) == getpid(), "GETPID: the last to set it");
	check(setval(sid, 0, SEMVMX + 1) == -ERANGE && setval(sid, 0, -1) == -ERANGE,
	      "SETVAL past SEMVMX or below 0: ERANGE");
	errno = 0;
	check(semctl(sid, 3, GETVAL) < 0 && errno == EINVAL, "GETVAL of semaphore 3 of 3: EINVAL");
	u.array = vals;
	check(semctl(sid, 0, SETALL, u) == 0, "SETALL 1 2 3");
	u.array = got;
	r = semctl(sid, 0, GETALL, u);
	check(r == 0 && got[0] == 1 && got[1] == 2 && got[2] == 3, "GETALL: 1 2 3");
	u.array = BAD_PTR;
	errno = 0;
	check(semctl(sid, 0, GETALL, u) < 0 && errno == EFAULT, "GETALL to a bad pointer: EFAULT");
	check(op1(sid, 0, -1, 0) == 0 && getval(sid, 0) == 0, "semop -1 on 1: 0");
	check(op1(sid, 0, -1, IPC_NOWAIT) == -EAGAIN, "semop -1 on 0 with IPC_NOWAIT: EAGAIN");
	check(op1(sid, 1, 0, IPC_NOWAIT) == -EAGAIN, "wait-for-zero on 2 with IPC_NOWAIT: EAGAIN");
	two[0] = (struct sembuf){ .sem_num = 2, .sem_op = -1 };
	two[1] = (struct sembuf){ .sem_num = 0, .sem_op = -1, .sem_flg = IPC_NOWAIT };
	errno = 0;
	r = semop(sid, two, 2);
	check(r < 0 && errno == EAGAIN && getval(sid, 2) == 3,
	      "a list whose second op blocks: EAGAIN, the first not applied");
	two[1].sem_flg = 0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	errno = 0;
	r = semtimedop(sid, &two[1], 1, &ts);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	elapsed_ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	check(r < 0 && errno == EAGAIN, "semtimedop past its timeout: EAGAIN");
	check(elapsed_ms >= 40, "after about 50 ms (%ld ms)", elapsed_ms);
	ts.tv_nsec = 1000000000L;
	errno = 0;
	check(semtimedop(sid, &two[1], 1, &ts) < 0 && errno == EINVAL,
	      "a timeout of 1e9 ns: EINVAL");
	check(op1(sid, 0, SEMVMX, 0) == 0 && op1(sid, 0, 1, 0) == -ERANGE,
	      "a value past SEMVMX: ERANGE");
	setval(sid, 0, 0);
	check(op1(sid, 3, 1, 0) == -EFBIG, "sem_num 3 of 3: EFBIG");
	{
		static struct sembuf many[SEMOPM + 1];

		errno = 0;
		check(semop(sid, many, SEMOPM + 1) < 0 && errno == E2BIG, "more than SEMOPM ops: E2BIG");
	}
	errno = 0;
	check(semop(sid, two, 0) < 0 && errno == EINVAL, "no operation: EINVAL");
	errno = 0;
	check(semop(sid, BAD_PTR, 1) < 0 && errno == EFAULT, "operations at a bad pointer: EFAULT");

	/* Sleepers: GETNCNT, GETZCNT, woken by an increase and by zero. */
	pid = fork();
	if (pid == 0) {
		alarm(CHILD_LIMIT_S);
		_exit(op1(sid, 0, -1, 0) == 0 ? 0 : 1);
	}
	check(wait_count(sid, 0, GETNCNT, 1), "a process blocked in -1: GETNCNT 1");
	op1(sid, 0, 1, 0);
	check(child_status(pid) == 0 && semctl(sid, 0, GETNCNT) == 0 && getval(sid, 0) == 0,
	      "+1 wakes it, it takes the 1; GETNCNT 0");
	pid = fork();
	if (pid == 0) {
		alarm(CHILD_LIMIT_S);
		_exit(op1(sid, 1, 0, 0) == 0 ? 0 : 1);
	}
	check(wait_count(sid, 1, GETZCNT, 1), "a process waiting for zero: GETZCNT 1");
	setval(sid, 1, 0);
	check(child_status(pid) == 0 && semctl(sid, 1, GETZCNT) == 0,
	      "SETVAL 0 wakes it; GETZCNT 0");
	alarm(1);
	n = op1(sid, 0, -1, 0);
	alarm(0);
	check(n == -EINTR, "a blocked semop interrupted by a signal: EINTR (%ld)", n);

	/* SEM_UNDO. */
	setval(sid, 2, 10);
	pid = fork();
	if (pid == 0)
		_exit(op1(sid, 2, 5, SEM_UNDO) == 0 && op1(sid, 2, -2, SEM_UNDO) == 0 &&
		      getval(sid, 2) == 13 ? 0 : 1);
	r = child_status(pid);
	check(r == 0 && getval(sid, 2) == 10, "SEM_UNDO: +5 -2 undone at exit (10, was 13)");
	check(semctl(sid, 2, GETPID) == pid, "GETPID after the undo: the exited process");
	pid = fork();
	if (pid == 0) {
		op1(sid, 2, -4, SEM_UNDO);
		setval(sid, 2, 1);	/* SETVAL clears the adjustment */
		_exit(0);
	}
	child_status(pid);
	check(getval(sid, 2) == 1, "SETVAL clears the SEM_UNDO adjustment");

	/* Another user. */
	check_as_nobody(as_nobody_op, "semop on another user's 0600 set: EACCES");
	check_as_nobody(as_nobody_get, "GETVAL of another user's 0600 set: EACCES");
	check_as_nobody(as_nobody_rmid, "IPC_RMID of another user's set: EPERM");

	/* IPC_STAT and IPC_SET. */
	u.buf = &ds;
	r = semctl(sid, 0, IPC_STAT, u);
	check(r == 0 && ds.sem_nsems == 3 && (ds.sem_perm.mode & 0777) == 0600 &&
	      ds.sem_perm.uid == geteuid() && ds.sem_otime > 0,
	      "IPC_STAT: 3 semaphores, mode 0600, owner, sem_otime set");
	ds.sem_perm.mode = 0644;
	semctl(sid, 0, IPC_SET, u);
	memset(&ds, 0, sizeof(ds));
	semctl(sid, 0, IPC_STAT, u);
	check((ds.sem_perm.mode & 0777) == 0644, "IPC_SET mode 0644");

	/* Keys, /proc. */
	id2 = semget(key, 2, IPC_CREAT | IPC_EXCL | 0600);
	check(id2 >= 0 && semget(key, 2, 0) == id2, "semget(key, IPC_CREAT|IPC_EXCL), then found");
	errno = 0;
	check(semget(key, 3, 0) < 0 && errno == EINVAL, "asking the key for more semaphores: EINVAL");
	errno = 0;
	check(semget(key, 2, IPC_CREAT | IPC_EXCL) < 0 && errno == EEXIST, "IPC_EXCL again: EEXIST");
	errno = 0;
	check(semget(key + 1, 1, 0) < 0 && errno == ENOENT, "an unknown key: ENOENT");
	check(proc_lists(key, id2, &header_ok) && header_ok,
	      "/proc/sysvipc/sem: Linux's header, and the set's line");
	f = fopen("/proc/sys/kernel/sem", "r");
	if (f) {
		if (!fgets(text, sizeof(text), f))
			text[0] = 0;
		fclose(f);
	}
	check(!strcmp(text, "32000\t1024000000\t500\t32000\n"), "/proc/sys/kernel/sem: Linux's defaults");
	u.__buf = &si;
	r = semctl(0, 0, SEM_INFO, u);
	check(r >= id2 % 32768 && si.semusz >= 2 && si.semaem >= 5, "SEM_INFO: sets %d, semaphores %d",
	      si.semusz, si.semaem);

	/* Removal. */
	pid = fork();
	if (pid == 0) {
		alarm(CHILD_LIMIT_S);
		_exit(op1(id2, 0, -1, 0) == -EIDRM ? 0 : 1);
	}
	wait_count(id2, 0, GETNCNT, 1);
	check(semctl(id2, 0, IPC_RMID) == 0, "IPC_RMID");
	check(child_status(pid) == 0, "the blocked semop got EIDRM");
	errno = 0;
	check(semctl(id2, 0, GETVAL) < 0 && errno == EINVAL, "the removed id: EINVAL");
	check(semctl(sid, 0, IPC_RMID) == 0, "the private set removed");
	return tap_done();
}
