/*
 * sysv_shm.c: System V shared memory (shmget(2), shmat(2), shmctl(2)):
 * two attachments and a forked child see the same bytes, shm_nattch
 * follows attach, detach, fork and exit, SHM_RDONLY (a write is
 * SIGSEGV), a chosen address, SHM_RND, SHM_REMAP, IPC_RMID keeping the
 * segment until the last detach (SHM_DEST, private key), keys, EINVAL,
 * EEXIST, ENOENT, EACCES and EPERM for another user, EFAULT,
 * IPC_STAT/IPC_SET/IPC_INFO/SHM_INFO/SHM_STAT, /proc/sysvipc/shm and
 * /proc/sys/kernel/shmmni. Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include "abi_tap.h"

#define PLAN		41
#define SEG_SIZE	10000	/* not a page multiple: the last page is partly past the end */
#define PAGE		4096
#define BAD_PTR		((void *)8)

static int shmid;

static int child_status(pid_t pid)
{
	int status;

	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static long nattch(int id)
{
	struct shmid_ds ds;

	return shmctl(id, IPC_STAT, &ds) < 0 ? -errno : (long)ds.shm_nattch;
}

static int as_nobody_attach(void)
{
	return shmat(shmid, NULL, SHM_RDONLY) == (void *)-1 && errno == EACCES ? 0 : 1;
}

static int as_nobody_rmid(void)
{
	return shmctl(shmid, IPC_RMID, NULL) < 0 && errno == EPERM ? 0 : 1;
}

/* Whether /proc/sysvipc/shm lists id (with size and nattch); the header checked. */
static int proc_lists(int id, unsigned long size, unsigned long att, int *header_ok)
{
	char line[512];
	FILE *f = fopen("/proc/sysvipc/shm", "r");
	int found = 0, k, i;
	unsigned long sz, na;

	*header_ok = 0;
	if (!f)
		return 0;
	if (fgets(line, sizeof(line), f))
		*header_ok = !strcmp(line, "       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid      atime      dtime      ctime                   rss                  swap\n");
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%d %d %*o %lu %*d %*d %lu", &k, &i, &sz, &na) == 4 && i == id &&
		    sz == size && na == att)
			found = 1;
	fclose(f);
	return found;
}

int main(void)
{
	struct shmid_ds ds;
	struct shminfo info;
	struct shm_info sinfo;
	int key = 0x5c000000 | (getpid() & 0xffff), id2, header_ok, r;
	char *a, *b, *c;
	void *hole;
	pid_t pid;

	tap_plan(PLAN);
	shmid = shmget(IPC_PRIVATE, SEG_SIZE, 0600);
	check(shmid >= 0, "shmget(IPC_PRIVATE, 10000, 0600) gives an id");
	errno = 0;
	check(shmget(IPC_PRIVATE, 0, 0600) < 0 && errno == EINVAL, "a new segment of 0 bytes: EINVAL");
	a = shmat(shmid, NULL, 0);
	check(a != (void *)-1 && ((uintptr_t)a & (PAGE - 1)) == 0, "shmat(NULL) at a page boundary");
	check(a[0] == 0 && a[SEG_SIZE - 1] == 0 && a[3 * PAGE - 1] == 0, "a new segment reads zeros");
	memset(a, 'x', SEG_SIZE);
	r = shmctl(shmid, IPC_STAT, &ds);
	check(r == 0 && ds.shm_segsz == SEG_SIZE && ds.shm_nattch == 1 && ds.shm_cpid == getpid() &&
	      ds.shm_lpid == getpid() && ds.shm_atime > 0 && (ds.shm_perm.mode & 0777) == 0600,
	      "IPC_STAT: size 10000, 1 attached, cpid and lpid, atime, mode 0600");
	b = shmat(shmid, NULL, 0);
	check(b != (void *)-1 && b != a && b[SEG_SIZE - 1] == 'x', "a second attachment sees the bytes");
	b[0] = 'y';
	check(a[0] == 'y' && nattch(shmid) == 2, "a write through one shows in the other; nattch 2");
	check(shmdt(b) == 0 && nattch(shmid) == 1, "shmdt: nattch 1");
	errno = 0;
	check(shmdt(b) < 0 && errno == EINVAL, "shmdt of a detached address: EINVAL");
	errno = 0;
	check(shmdt(a + 1) < 0 && errno == EINVAL, "shmdt of an unaligned address: EINVAL");

	/* fork inherits the attachment; exit drops it. */
	pid = fork();
	if (pid == 0) {
		int ok = a[1] == 'x' && nattch(shmid) == 2;

		a[1] = 'c';
		_exit(ok ? 0 : 1);
	}
	r = child_status(pid);
	check(r == 0 && a[1] == 'c', "a forked child shares it (nattch 2 there) and writes to it");
	check(nattch(shmid) == 1, "the child's exit detached it: nattch 1");
	pid = fork();
	if (pid == 0) {
		char *ro = shmat(shmid, NULL, SHM_RDONLY);

		if (ro == (void *)-1 || ro[0] != 'y')
			_exit(1);
		ro[0] = 'z';
		_exit(2);
	}
	r = child_status(pid);
	check(r == 128 + SIGSEGV && a[0] == 'y', "SHM_RDONLY: reads, and a write is SIGSEGV (%d)", r);

	/* Addresses. */
	hole = mmap(NULL, 16 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(hole, 16 * PAGE);
	c = shmat(shmid, (char *)hole + PAGE, 0);
	check(c == (char *)hole + PAGE && c[2] == 'x', "shmat at a chosen free address");
	errno = 0;
	check(shmat(shmid, (char *)hole + PAGE, 0) == (void *)-1 && errno == EINVAL,
	      "over an existing mapping without SHM_REMAP: EINVAL");
	b = shmat(shmid, (char *)hole + PAGE, SHM_REMAP);
	check(b == (char *)hole + PAGE && nattch(shmid) == 2, "with SHM_REMAP it replaces it");
	errno = 0;
	check(shmat(shmid, (char *)hole + 8 * PAGE + 100, 0) == (void *)-1 && errno == EINVAL,
	      "an unaligned address without SHM_RND: EINVAL");
	b = shmat(shmid, (char *)hole + 8 * PAGE + 100, SHM_RND);
	check(b == (char *)hole + 8 * PAGE, "SHM_RND rounds it down to SHMLBA");
	shmdt(b);
	errno = 0;
	check(shmat(shmid, NULL, SHM_REMAP) == (void *)-1 && errno == EINVAL,
	      "SHM_REMAP without an address: EINVAL");
	errno = 0;
	check(shmat(-1, NULL, 0) == (void *)-1 && errno == EINVAL, "shmat of id -1: EINVAL");

	/* Another user. */
	check_as_nobody(as_nobody_attach, "shmat of another user's 0600 segment: EACCES");
	check_as_nobody(as_nobody_rmid, "IPC_RMID of another user's segment: EPERM");

	/* IPC_SET, bad pointers, commands. */
	shmctl(shmid, IPC_STAT, &ds);
	ds.shm_perm.mode = 0640;
	check(shmctl(shmid, IPC_SET, &ds) == 0 && shmctl(shmid, IPC_STAT, &ds) == 0 &&
	      (ds.shm_perm.mode & 0777) == 0640, "IPC_SET mode 0640");
	errno = 0;
	check(shmctl(shmid, IPC_STAT, BAD_PTR) < 0 && errno == EFAULT, "IPC_STAT to a bad pointer: EFAULT");
	errno = 0;
	check(shmctl(shmid, IPC_SET, BAD_PTR) < 0 && errno == EFAULT, "IPC_SET from a bad pointer: EFAULT");
	errno = 0;
	check(shmctl(shmid, 99, &ds) < 0 && errno == EINVAL, "an unknown command: EINVAL");

	/* Keys. */
	id2 = shmget(key, PAGE, IPC_CREAT | IPC_EXCL | 0600);
	check(id2 >= 0 && shmget(key, 100, 0) == id2, "shmget(key, IPC_CREAT|IPC_EXCL), then found");
	errno = 0;
	check(shmget(key, 2 * PAGE, 0) < 0 && errno == EINVAL, "asking the key for more bytes: EINVAL");
	errno = 0;
	check(shmget(key, PAGE, IPC_CREAT | IPC_EXCL | 0600) < 0 && errno == EEXIST, "IPC_EXCL again: EEXIST");
	errno = 0;
	check(shmget(key + 1, PAGE, 0) < 0 && errno == ENOENT, "an unknown key: ENOENT");
	check(proc_lists(shmid, SEG_SIZE, 2, &header_ok) && header_ok,
	      "/proc/sysvipc/shm: Linux's header, and the segment's line (size, nattch)");
	check(tap_proc_number("/proc/sys/kernel/shmmni") == 4096, "/proc/sys/kernel/shmmni: 4096");
	r = shmctl(0, IPC_INFO, (struct shmid_ds *)&info);
	check(r >= 0 && info.shmmin == 1 && info.shmmni == 4096, "IPC_INFO: shmmin 1, shmmni 4096");
	r = shmctl(0, SHM_INFO, (struct shmid_ds *)&sinfo);
	check(r >= id2 % 32768 && sinfo.used_ids >= 2 && sinfo.shm_tot >= 4,
	      "SHM_INFO: %d segments, %lu pages", sinfo.used_ids, sinfo.shm_tot);
	r = shmctl(id2 % 32768, SHM_STAT, &ds);
	check(r == id2 && ds.shm_perm.__key == key, "SHM_STAT of the index gives the id and key");
	check(shmctl(id2, IPC_RMID, NULL) == 0 && shmget(key, 0, 0) < 0 && errno == ENOENT,
	      "IPC_RMID of an unattached segment: its key is gone");

	/* IPC_RMID while attached. */
	check(shmctl(shmid, IPC_RMID, NULL) == 0, "IPC_RMID while attached");
	r = shmctl(shmid, IPC_STAT, &ds);
	check(r == 0 && (ds.shm_perm.mode & SHM_DEST) && ds.shm_perm.__key == IPC_PRIVATE &&
	      ds.shm_nattch == 2, "still there: SHM_DEST, key private, nattch 2");
	a[5] = 'q';
	check(a[5] == 'q' && c[5] == 'q', "its memory still works");
	check(shmdt(c) == 0 && shmdt(a) == 0, "the last two detaches");
	errno = 0;
	check(shmctl(shmid, IPC_STAT, &ds) < 0 && errno == EINVAL,
	      "after the last detach the segment is gone: EINVAL");
	return tap_done();
}
