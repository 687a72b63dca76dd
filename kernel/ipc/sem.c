/*
 * sem.c: System V semaphore sets, semget(2), semop(2), semtimedop(2),
 * semctl(2), as Linux's ipc/sem.c.
 *
 * semop applies all of its operations or none (perform_atomic_semop).
 * An operation that cannot proceed (a decrement below zero, a wait for
 * zero on a non-zero value) makes the caller sleep on the set's wait
 * queue, counted in GETNCNT / GETZCNT for the semaphore it waits on,
 * unless its sem_flg has IPC_NOWAIT (EAGAIN). Every change of a value
 * wakes the sleepers, which retry the whole operation list; they return
 * EIDRM once the set is removed, EINTR on a signal and EAGAIN when
 * semtimedop's timeout passes.
 *
 * SEM_UNDO: the process keeps one struct sem_undo per set it used with
 * the flag, holding the opposite of its adjustments (semadj); when the
 * process exits (sem_exit, from process_drop_resources) each is added
 * back, clamped to [0, SEMVMX], as Linux's exit_sem. The threads of a
 * process share the list (Linux's CLONE_SYSVSEM, what glibc's threads
 * use); fork starts the child without one. SETVAL and SETALL clear the
 * adjustments of what they set.
 *
 * Locking: sem_ids.lock (ipc.h) for the table and perm fields; a set's
 * lock (spinlock) guards its values, pids, times, waiters, deleted, its
 * undo list and the semadj of every sem_undo on it; a process's
 * sem_undo_list.lock guards that list's membership. Order: sem_ids.lock,
 * then a set's lock, then a process's undo list lock.
 */
#include <ipc/ipc.h>
#include <basalt/string.h>
#include <basalt/syscalls.h>
#include <fs/procfs/procfs.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <sched/spinlock.h>
#include <sched/wait.h>
#include <time/sys_time.h>
#include <time/time.h>
#include <uapi/errno.h>
#include <user/user.h>

/* Linux's defaults (include/uapi/linux/sem.h). */
#define SEM_DEFAULT_MSL		32000
#define SEM_DEFAULT_MNS		1024000000
#define SEM_DEFAULT_OPM		500
#define SEM_DEFAULT_MNI		32000
#define SEM_VMX			32767
#define SEM_AEM			SEM_VMX
#define SEM_USZ			20
/* The largest nsops whose copy sits on the stack (Linux's SEMOPM_FAST). */
#define SEM_OPS_FAST		64

/* msl, mns, opm, mni: /proc/sys/kernel/sem's four numbers. */
uint64_t sem_ctls[4] = { SEM_DEFAULT_MSL, SEM_DEFAULT_MNS, SEM_DEFAULT_OPM, SEM_DEFAULT_MNI };
enum { SEM_CTL_MSL, SEM_CTL_MNS, SEM_CTL_OPM, SEM_CTL_MNI };

struct sem {
	int val;
	int pid;		/* the last process to operate on it (GETPID) */
	unsigned ncnt, zcnt;	/* sleepers waiting for an increase / for zero */
	int64_t otime;
};

struct sem_array {
	struct ipc_obj perm;	/* first: the table holds &perm */
	struct spinlock lock;	/* guards everything below and perm.deleted */
	struct wait_queue waiters;
	struct list_node undos;	/* struct sem_undo.array_link */
	int64_t ctime;
	unsigned nsems;
	struct sem sems[];
};

/* A process's SEM_UNDO adjustments for one set. */
struct sem_undo {
	struct list_node proc_link;	/* sem_undo_list.list: its lock */
	struct list_node array_link;	/* sem_array.undos: the set's lock */
	int semid;
	bool on_array;			/* still on the set's list (the set's lock) */
	short adj[];			/* nsems of them: the set's lock */
};

struct sem_undo_list {
	struct spinlock lock;	/* guards list */
	struct list_node list;	/* struct sem_undo.proc_link */
};

static struct ipc_ids sem_ids = IPC_IDS_INIT(sem_ids, "sem");
static uint64_t sem_used;	/* semaphores in all sets: sem_ids.lock */

static void sem_array_put(struct sem_array *a)
{
	if (ipc_obj_put(&a->perm))
		kfree(a);
}

static struct sem_array *sem_lookup(int id, int *err)
{
	struct ipc_obj *o;

	mutex_lock(&sem_ids.lock);
	o = ipc_find_id(&sem_ids, id);
	if (o)
		ipc_obj_get(o);
	mutex_unlock(&sem_ids.lock);
	*err = o ? 0 : -EINVAL;
	return (struct sem_array *)o;
}

static int sem_new(int32_t key, int nsems, int flg)
{
	struct sem_array *a;
	int err;

	if (!nsems)
		return -EINVAL;
	if (sem_used + (uint64_t)nsems > sem_ctls[SEM_CTL_MNS])
		return -ENOSPC;
	a = kzalloc(sizeof(*a) + sizeof(struct sem) * (size_t)nsems);
	if (!a)
		return -ENOMEM;
	spin_lock_init(&a->lock, "sem_array.lock");
	wait_queue_init(&a->waiters);
	list_init(&a->undos);
	a->nsems = (unsigned)nsems;
	a->ctime = ipc_now();
	err = ipc_add(&sem_ids, &a->perm, key, (unsigned)flg, (unsigned)sem_ctls[SEM_CTL_MNI]);
	if (err) {
		kfree(a);
		return err;
	}
	sem_used += (uint64_t)nsems;
	return a->perm.id;
}

SYSCALL_DEFINE3(semget, int, key, int, nsems, int, flg)
{
	struct ipc_obj *o;
	int r;

	if (nsems < 0 || (uint64_t)nsems > sem_ctls[SEM_CTL_MSL])
		return -EINVAL;
	mutex_lock(&sem_ids.lock);
	o = key == IPC_PRIVATE ? NULL : ipc_find_key(&sem_ids, key);
	if (key == IPC_PRIVATE)
		r = sem_new(key, nsems, flg);
	else if (!o)
		r = (flg & IPC_CREAT) ? sem_new(key, nsems, flg) : -ENOENT;
	else if ((flg & IPC_CREAT) && (flg & IPC_EXCL))
		r = -EEXIST;
	else if ((unsigned)nsems > ((struct sem_array *)o)->nsems)
		r = -EINVAL;	/* sem_more_checks */
	else
		r = ipc_perms(o, (unsigned)flg) ? -EACCES : o->id;
	mutex_unlock(&sem_ids.lock);
	return r;
}

/* The caller's undo record for a (set's lock held), or NULL. */
static struct sem_undo *sem_undo_find(struct sem_undo_list *ul, struct sem_array *a)
{
	struct sem_undo *u, *found = NULL;

	if (!ul)
		return NULL;
	spin_lock(&ul->lock);
	list_for_each_entry(u, &ul->list, proc_link)
		if (u->semid == a->perm.id && u->on_array)
			found = u;
	spin_unlock(&ul->lock);
	return found;
}

/* The process's undo list, made on first use. */
static struct sem_undo_list *sem_undo_list_get(void)
{
	struct process *p = process_current();
	struct sem_undo_list *ul = __atomic_load_n(&p->sysvsem, __ATOMIC_ACQUIRE), *expected = NULL;

	if (ul)
		return ul;
	ul = kzalloc(sizeof(*ul));
	if (!ul)
		return NULL;
	spin_lock_init(&ul->lock, "sem_undo_list.lock");
	list_init(&ul->list);
	/* Two threads may race to make it: the first one wins. */
	if (!__atomic_compare_exchange_n(&p->sysvsem, &expected, ul, false, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE)) {
		kfree(ul);
		return expected;
	}
	return ul;
}

/*
 * perform_atomic_semop: 0 with everything applied, 1 if sops[*block]
 * must wait, or -ERANGE / -EFBIG. The set's lock is held.
 */
static int sem_try(struct sem_array *a, const struct sembuf *sops, size_t nsops,
		   struct sem_undo *u, size_t *block)
{
	size_t i;

	for (i = 0; i < nsops; i++) {
		const struct sembuf *s = &sops[i];
		int result = a->sems[s->sem_num].val + s->sem_op;

		if (!s->sem_op && a->sems[s->sem_num].val)
			goto would_block;
		if (result < 0)
			goto would_block;
		if (result > SEM_VMX)
			goto range;
		if (u && (s->sem_flg & SEM_UNDO)) {
			int adj = u->adj[s->sem_num] - s->sem_op;

			if (adj < -SEM_AEM - 1 || adj > SEM_AEM)
				goto range;
		}
		a->sems[s->sem_num].val = result;
	}
	/* All passed: record undo and pids (the values are already set). */
	for (i = 0; i < nsops; i++) {
		const struct sembuf *s = &sops[i];

		if (u && (s->sem_flg & SEM_UNDO))
			u->adj[s->sem_num] = (short)(u->adj[s->sem_num] - s->sem_op);
		a->sems[s->sem_num].pid = ipc_pid();
	}
	return 0;
range:
	while (i--)
		a->sems[sops[i].sem_num].val -= sops[i].sem_op;
	return -ERANGE;
would_block:
	*block = i;
	while (i--)
		a->sems[sops[i].sem_num].val -= sops[i].sem_op;
	return 1;
}

static long sem_do_semop(int id, const struct sembuf __user *usops, size_t nsops,
			 const struct timespec __user *utimeout)
{
	struct sembuf fast[SEM_OPS_FAST], *sops = fast;
	struct sem_undo_list *ul = NULL;
	struct sem_undo *u = NULL;
	struct sem_array *a;
	uint64_t deadline = 0;
	unsigned max = 0;
	bool undos = false, alter = false;
	long err;

	if (nsops < 1 || id < 0)
		return -EINVAL;
	if (nsops > sem_ctls[SEM_CTL_OPM])
		return -E2BIG;
	if (nsops > SEM_OPS_FAST) {
		sops = kmalloc(sizeof(*sops) * nsops);
		if (!sops)
			return -ENOMEM;
	}
	err = -EFAULT;
	if (copy_from_user(sops, usops, sizeof(*sops) * nsops))
		goto out_free;
	if (utimeout) {
		struct timespec ts;

		if (copy_from_user(&ts, utimeout, sizeof(ts)))
			goto out_free;
		err = -EINVAL;
		if (!timespec_valid(&ts))
			goto out_free;
		deadline = time_monotonic_ns() + (uint64_t)timespec_to_ns(&ts);
		if (!deadline)
			deadline = 1;
	}
	for (size_t i = 0; i < nsops; i++) {
		if (sops[i].sem_num > max)
			max = sops[i].sem_num;
		if (sops[i].sem_flg & SEM_UNDO)
			undos = true;
		if (sops[i].sem_op)
			alter = true;
	}
	if (undos) {
		err = -ENOMEM;
		ul = sem_undo_list_get();
		if (!ul)
			goto out_free;
	}
	{
		int lerr;

		a = sem_lookup(id, &lerr);
		err = lerr;
	}
	if (!a)
		goto out_free;
	err = -EFBIG;
	if (max >= a->nsems)
		goto out_put;
	err = ipc_perms(&a->perm, alter ? IPC_PERM_WRITE : IPC_PERM_READ);
	if (err)
		goto out_put;
	if (undos) {
		/* find_alloc_undo: a record per set, made outside the set's lock. */
		struct sem_undo *fresh = kzalloc(sizeof(*fresh) + sizeof(short) * a->nsems);

		if (!fresh) {
			err = -ENOMEM;
			goto out_put;
		}
		fresh->semid = a->perm.id;
		spin_lock(&a->lock);
		u = sem_undo_find(ul, a);
		if (!u && !a->perm.deleted) {
			u = fresh;
			fresh = NULL;
			u->on_array = true;
			list_add_tail(&a->undos, &u->array_link);
			spin_lock(&ul->lock);
			list_add_tail(&ul->list, &u->proc_link);
			spin_unlock(&ul->lock);
		}
		spin_unlock(&a->lock);
		kfree(fresh);
	}
	spin_lock(&a->lock);
	for (;;) {
		size_t block = 0;
		struct sem *s;
		int r;

		if (a->perm.deleted) {
			err = -EIDRM;
			break;
		}
		r = sem_try(a, sops, nsops, u, &block);
		if (r <= 0) {
			err = r;
			if (!r) {
				int64_t now = ipc_now();

				for (size_t i = 0; i < nsops; i++)
					a->sems[sops[i].sem_num].otime = now;
				if (alter)
					wake_up_all(&a->waiters);
			}
			break;
		}
		if (sops[block].sem_flg & IPC_NOWAIT) {
			err = -EAGAIN;
			break;
		}
		if (deadline && time_monotonic_ns() >= deadline) {
			err = -EAGAIN;
			break;
		}
		s = &a->sems[sops[block].sem_num];
		if (sops[block].sem_op)
			s->ncnt++;
		else
			s->zcnt++;
		r = wait_block_lock_intr(&a->waiters, deadline, &a->lock);
		if (sops[block].sem_op)
			s->ncnt--;
		else
			s->zcnt--;
		if (r == -EINTR) {
			err = -EINTR;
			break;
		}
	}
	spin_unlock(&a->lock);
out_put:
	sem_array_put(a);
out_free:
	if (sops != fast)
		kfree(sops);
	return err;
}

SYSCALL_DEFINE3(semop, int, id, struct sembuf __user *, sops, size_t, nsops)
{
	return sem_do_semop(id, sops, nsops, NULL);
}

SYSCALL_DEFINE4(semtimedop, int, id, struct sembuf __user *, sops, size_t, nsops,
		const struct timespec __user *, timeout)
{
	return sem_do_semop(id, sops, nsops, timeout);
}

/* The set's latest operation time (get_semotime). Set's lock held. */
static int64_t sem_otime(const struct sem_array *a)
{
	int64_t t = 0;

	for (unsigned i = 0; i < a->nsems; i++)
		if (a->sems[i].otime > t)
			t = a->sems[i].otime;
	return t;
}

static void sem_fill_stat(struct sem_array *a, struct semid64_ds *ds)
{
	memset(ds, 0, sizeof(*ds));
	ipc_fill_perm(&a->perm, &ds->sem_perm);
	spin_lock(&a->lock);
	ds->sem_otime = sem_otime(a);
	ds->sem_ctime = a->ctime;
	ds->sem_nsems = a->nsems;
	spin_unlock(&a->lock);
}

static long sem_info(int cmd, unsigned long arg)
{
	struct seminfo si = {
		.semmni = (int32_t)sem_ctls[SEM_CTL_MNI],
		.semmns = (int32_t)sem_ctls[SEM_CTL_MNS],
		.semmsl = (int32_t)sem_ctls[SEM_CTL_MSL],
		.semopm = (int32_t)sem_ctls[SEM_CTL_OPM],
		.semvmx = SEM_VMX,
		.semmnu = SEM_DEFAULT_MNS,
		.semmap = SEM_DEFAULT_MNS,
		.semume = SEM_DEFAULT_OPM,
		.semusz = SEM_USZ,
		.semaem = SEM_AEM,
	};
	int max;

	mutex_lock(&sem_ids.lock);
	if (cmd == SEM_INFO) {
		si.semusz = (int32_t)sem_ids.in_use;
		si.semaem = (int32_t)sem_used;
	}
	max = ipc_max_slot(&sem_ids);
	mutex_unlock(&sem_ids.lock);
	if (copy_to_user((void __user *)arg, &si, sizeof(si)))
		return -EFAULT;
	return max;
}

static long sem_stat(int id, int cmd, unsigned long arg)
{
	struct semid64_ds ds;
	struct ipc_obj *o;
	long r = 0;

	mutex_lock(&sem_ids.lock);
	o = cmd == IPC_STAT ? ipc_find_id(&sem_ids, id) : ipc_find_slot(&sem_ids, id);
	if (!o)
		r = -EINVAL;
	else if (cmd != SEM_STAT_ANY && ipc_perms(o, IPC_PERM_READ))
		r = -EACCES;
	else
		sem_fill_stat((struct sem_array *)o, &ds);
	if (!r && cmd != IPC_STAT)
		r = o->id;
	mutex_unlock(&sem_ids.lock);
	if (r >= 0 && copy_to_user((void __user *)arg, &ds, sizeof(ds)))
		return -EFAULT;
	return r;
}

/* Clears the undo adjustments of semaphore num (all if num < 0). Set's lock held. */
static void sem_clear_undos(struct sem_array *a, int num)
{
	struct sem_undo *u;

	list_for_each_entry(u, &a->undos, array_link) {
		if (num < 0)
			memset(u->adj, 0, sizeof(short) * a->nsems);
		else
			u->adj[num] = 0;
	}
}

static long sem_setval(int id, int num, unsigned long arg)
{
	int val = (int)arg;	/* union semun's int, the low half of the word */
	struct sem_array *a;
	int err;

	if (val > SEM_VMX || val < 0)
		return -ERANGE;
	a = sem_lookup(id, &err);
	if (!a)
		return err;
	if (num < 0 || (unsigned)num >= a->nsems)
		err = -EINVAL;
	else
		err = ipc_perms(&a->perm, IPC_PERM_WRITE);
	if (!err) {
		spin_lock(&a->lock);
		if (a->perm.deleted) {
			err = -EIDRM;
		} else {
			sem_clear_undos(a, num);
			a->sems[num].val = val;
			a->sems[num].pid = ipc_pid();
			a->ctime = ipc_now();
			wake_up_all(&a->waiters);
		}
		spin_unlock(&a->lock);
	}
	sem_array_put(a);
	return err;
}

/* semctl_main: GETALL, SETALL, GETVAL, GETPID, GETNCNT, GETZCNT. */
static long sem_main(int id, int num, int cmd, unsigned long arg)
{
	uint16_t *vals = NULL;
	struct sem_array *a;
	int err;
	long r = 0;

	a = sem_lookup(id, &err);
	if (!a)
		return err;
	err = ipc_perms(&a->perm, cmd == SETALL ? IPC_PERM_WRITE : IPC_PERM_READ);
	if (err)
		goto out;
	if (cmd == GETALL || cmd == SETALL) {
		vals = kmalloc(sizeof(*vals) * a->nsems);
		err = -ENOMEM;
		if (!vals)
			goto out;
		err = 0;
		if (cmd == SETALL) {
			if (copy_from_user(vals, (const void __user *)arg, sizeof(*vals) * a->nsems)) {
				err = -EFAULT;
				goto out;
			}
			for (unsigned i = 0; i < a->nsems; i++)
				if (vals[i] > SEM_VMX) {
					err = -ERANGE;
					goto out;
				}
		}
	} else if (num < 0 || (unsigned)num >= a->nsems) {
		err = -EINVAL;
		goto out;
	}
	spin_lock(&a->lock);
	if (a->perm.deleted) {
		err = -EIDRM;
	} else {
		switch (cmd) {
		case GETALL:
			for (unsigned i = 0; i < a->nsems; i++)
				vals[i] = (uint16_t)a->sems[i].val;
			break;
		case SETALL:
			sem_clear_undos(a, -1);
			for (unsigned i = 0; i < a->nsems; i++) {
				a->sems[i].val = vals[i];
				a->sems[i].pid = ipc_pid();
			}
			a->ctime = ipc_now();
			wake_up_all(&a->waiters);
			break;
		case GETVAL:
			r = a->sems[num].val;
			break;
		case GETPID:
			r = a->sems[num].pid;
			break;
		case GETNCNT:
			r = a->sems[num].ncnt;
			break;
		default:	/* GETZCNT */
			r = a->sems[num].zcnt;
			break;
		}
	}
	spin_unlock(&a->lock);
	if (!err && cmd == GETALL &&
	    copy_to_user((void __user *)arg, vals, sizeof(*vals) * a->nsems))
		err = -EFAULT;
out:
	kfree(vals);
	sem_array_put(a);
	return err ? err : r;
}

/* Removes a set: sleepers get EIDRM, undo records leave it. sem_ids.lock held. */
static void sem_remove(struct sem_array *a)
{
	struct sem_undo *u, *n;

	ipc_remove(&sem_ids, &a->perm);
	sem_used -= a->nsems;
	spin_lock(&a->lock);
	a->perm.deleted = true;
	list_for_each_entry_safe(u, n, &a->undos, array_link) {
		list_del(&u->array_link);
		u->on_array = false;
	}
	wake_up_all(&a->waiters);
	spin_unlock(&a->lock);
}

static long sem_down(int id, int cmd, unsigned long arg)
{
	struct semid64_ds ds;
	struct ipc_obj *o;
	long r;

	if (cmd == IPC_SET && copy_from_user(&ds, (const void __user *)arg, sizeof(ds)))
		return -EFAULT;
	mutex_lock(&sem_ids.lock);
	o = ipc_find_id(&sem_ids, id);
	r = o ? ipc_owner_check(o) : -EINVAL;
	if (!r && cmd == IPC_SET) {
		struct sem_array *a = (struct sem_array *)o;

		ipc_set_perm(o, &ds.sem_perm);
		spin_lock(&a->lock);
		a->ctime = ipc_now();
		spin_unlock(&a->lock);
	} else if (!r) {
		sem_remove((struct sem_array *)o);
	}
	mutex_unlock(&sem_ids.lock);
	if (!r && cmd == IPC_RMID)
		sem_array_put((struct sem_array *)o);
	return r;
}

SYSCALL_DEFINE4(semctl, int, id, int, num, int, cmd, unsigned long, arg)
{
	if (id < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case SEM_INFO:
		return sem_info(cmd, arg);
	case IPC_STAT:
	case SEM_STAT:
	case SEM_STAT_ANY:
		return sem_stat(id, cmd, arg);
	case GETALL:
	case GETVAL:
	case GETPID:
	case GETNCNT:
	case GETZCNT:
	case SETALL:
		return sem_main(id, num, cmd, arg);
	case SETVAL:
		return sem_setval(id, num, arg);
	case IPC_SET:
	case IPC_RMID:
		return sem_down(id, cmd, arg);
	default:
		return -EINVAL;
	}
}

/* exit_sem: adds back each undo record's adjustments, then frees the list. */
void sem_exit(struct process *p)
{
	struct sem_undo_list *ul = p->sysvsem;
	struct sem_undo *u, *n;

	if (!ul)
		return;
	p->sysvsem = NULL;
	list_for_each_entry_safe(u, n, &ul->list, proc_link) {
		int err;
		struct sem_array *a = sem_lookup(u->semid, &err);

		if (a) {
			spin_lock(&a->lock);
			if (u->on_array) {
				list_del(&u->array_link);
				u->on_array = false;
				for (unsigned i = 0; i < a->nsems; i++) {
					int v = a->sems[i].val + u->adj[i];

					if (!u->adj[i])
						continue;
					v = v < 0 ? 0 : v > SEM_VMX ? SEM_VMX : v;
					a->sems[i].val = v;
					a->sems[i].pid = p->pid;
				}
				wake_up_all(&a->waiters);
			}
			spin_unlock(&a->lock);
			sem_array_put(a);
		}
		list_del(&u->proc_link);
		kfree(u);
	}
	kfree(ul);
}

/* /proc/sysvipc/sem: Linux's sysvipc_sem_proc_show format. */
int sem_proc_show(struct procfs_buf *b)
{
	procfs_printf(b, "       key      semid perms      nsems   uid   gid  cuid  cgid      otime      ctime\n");
	mutex_lock(&sem_ids.lock);
	for (unsigned i = 0; i < sem_ids.nslots; i++) {
		struct sem_array *a = (struct sem_array *)sem_ids.slots[i];
		struct semid64_ds ds;

		if (!a)
			continue;
		sem_fill_stat(a, &ds);
		procfs_printf(b, "%10d %10d  %4o %10u %5u %5u %5u %5u %10lld %10lld\n",
			      a->perm.key, a->perm.id, a->perm.mode, a->nsems, a->perm.uid,
			      a->perm.gid, a->perm.cuid, a->perm.cgid, (long long)ds.sem_otime,
			      (long long)ds.sem_ctime);
	}
	mutex_unlock(&sem_ids.lock);
	return 0;
}
