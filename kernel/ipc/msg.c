/*
 * msg.c: System V message queues, msgget(2), msgsnd(2), msgrcv(2),
 * msgctl(2), as Linux's ipc/msg.c (msgop(2), msgctl(2)).
 *
 * A queue is a list of messages in the order sent, each copied into a
 * kernel buffer before the queue's lock is taken and out after it is
 * dropped (user memory may fault and sleep). A sender blocks while the
 * queue's bytes or message count would pass msg_qbytes, a receiver while
 * no message matches; both sleep on the queue's wait queues and re-check
 * after every change, returning EIDRM when the queue is removed and
 * EINTR on a signal.
 *
 * Locking: msg_ids.lock (ipc.h) for the table and perm fields; a queue's
 * lock (a spinlock: the waits release it atomically with sleeping)
 * guards its messages, counters, times and deleted; msg_totals_lock the
 * totals MSG_INFO shows. Order: msg_ids.lock, then a queue's lock.
 */
#include <ipc/ipc.h>
#include <basalt/string.h>
#include <basalt/syscalls.h>
#include <fs/procfs/procfs.h>
#include <mm/mm.h>
#include <sched/spinlock.h>
#include <sched/wait.h>
#include <uapi/errno.h>
#include <user/user.h>

/* Linux's defaults (include/uapi/linux/msg.h). */
#define MSG_DEFAULT_MAX		8192
#define MSG_DEFAULT_MNB		16384
#define MSG_DEFAULT_MNI		32000
/* IPC_INFO's fixed fields (MSGPOOL in KiB, MSGSSZ, MSGSEG clipped to 16 bits). */
#define MSG_POOL_KIB		(MSG_DEFAULT_MNI * MSG_DEFAULT_MNB / 1024)
#define MSG_SSZ			16
#define MSG_SEG_MAX		0xffff

uint64_t msg_ctlmax = MSG_DEFAULT_MAX;
uint64_t msg_ctlmnb = MSG_DEFAULT_MNB;
uint64_t msg_ctlmni = MSG_DEFAULT_MNI;

struct msg_msg {
	struct list_node link;
	long type;
	size_t size;
	char text[];
};

struct msg_queue {
	struct ipc_obj perm;	/* first: the table holds &perm */
	struct spinlock lock;	/* guards everything below and perm.deleted */
	struct list_node messages;	/* struct msg_msg.link, oldest first */
	struct wait_queue senders;	/* blocked in msgsnd: room */
	struct wait_queue receivers;	/* blocked in msgrcv: a message */
	int64_t stime, rtime, ctime;
	uint64_t cbytes, qnum, qbytes;
	int lspid, lrpid;
};

static struct ipc_ids msg_ids = IPC_IDS_INIT(msg_ids, "msg");
/* guards: msg_total_msgs and msg_total_bytes (MSG_INFO) */
static struct spinlock msg_totals_lock = SPINLOCK_INIT("msg_totals_lock");
static uint64_t msg_total_msgs, msg_total_bytes;

/* Linux's msgrcv modes (convert_mode). */
enum msg_search { MSG_SEARCH_ANY, MSG_SEARCH_EQUAL, MSG_SEARCH_NOTEQUAL, MSG_SEARCH_LESSEQUAL };

static void msg_totals_add(int64_t msgs, int64_t bytes)
{
	spin_lock(&msg_totals_lock);
	msg_total_msgs += (uint64_t)msgs;
	msg_total_bytes += (uint64_t)bytes;
	spin_unlock(&msg_totals_lock);
}

static void msg_queue_put(struct msg_queue *q)
{
	struct msg_msg *m, *n;

	if (!ipc_obj_put(&q->perm))
		return;
	list_for_each_entry_safe(m, n, &q->messages, link) {
		msg_totals_add(-1, -(int64_t)m->size);
		kfree(m);
	}
	kfree(q);
}

/* The queue of id, referenced, after the access check; or the errno. */
static struct msg_queue *msg_lookup(int id, unsigned access, int *err)
{
	struct ipc_obj *o;

	mutex_lock(&msg_ids.lock);
	o = ipc_find_id(&msg_ids, id);
	if (!o)
		*err = -EINVAL;
	else if ((*err = ipc_perms(o, access)) == 0)
		ipc_obj_get(o);
	mutex_unlock(&msg_ids.lock);
	return o && !*err ? (struct msg_queue *)o : NULL;
}

static int msg_new(int32_t key, int flg)
{
	struct msg_queue *q = kzalloc(sizeof(*q));
	int err;

	if (!q)
		return -ENOMEM;
	spin_lock_init(&q->lock, "msg_queue.lock");
	list_init(&q->messages);
	wait_queue_init(&q->senders);
	wait_queue_init(&q->receivers);
	q->ctime = ipc_now();
	q->qbytes = __atomic_load_n(&msg_ctlmnb, __ATOMIC_RELAXED);
	err = ipc_add(&msg_ids, &q->perm, key, (unsigned)flg,
		      (unsigned)__atomic_load_n(&msg_ctlmni, __ATOMIC_RELAXED));
	if (err) {
		kfree(q);
		return err;
	}
	return q->perm.id;
}

/* ipcget (ipc/util.c): IPC_PRIVATE always new, else by key. */
SYSCALL_DEFINE2(msgget, int, key, int, flg)
{
	struct ipc_obj *o;
	int r;

	mutex_lock(&msg_ids.lock);
	o = key == IPC_PRIVATE ? NULL : ipc_find_key(&msg_ids, key);
	if (key == IPC_PRIVATE)
		r = msg_new(key, flg);
	else if (!o)
		r = (flg & IPC_CREAT) ? msg_new(key, flg) : -ENOENT;
	else if ((flg & IPC_CREAT) && (flg & IPC_EXCL))
		r = -EEXIST;
	else
		r = ipc_perms(o, (unsigned)flg) ? -EACCES : o->id;
	mutex_unlock(&msg_ids.lock);
	return r;
}

/* do_msgsnd: the message fits while bytes and count stay within qbytes. */
static bool msg_fits(const struct msg_queue *q, size_t size)
{
	return q->cbytes + size <= q->qbytes && q->qnum + 1 <= q->qbytes;
}

SYSCALL_DEFINE4(msgsnd, int, id, const void __user *, umsg, size_t, size, int, flg)
{
	struct msg_queue *q;
	struct msg_msg *m;
	long type;
	int err;

	/* Linux's order: the type word, the size and id, the type, the text. */
	if (copy_from_user(&type, umsg, sizeof(type)))
		return -EFAULT;
	if (size > __atomic_load_n(&msg_ctlmax, __ATOMIC_RELAXED) || (long)size < 0 || id < 0)
		return -EINVAL;
	if (type < 1)
		return -EINVAL;
	m = kmalloc(sizeof(*m) + size);
	if (!m)
		return -ENOMEM;
	m->type = type;
	m->size = size;
	if (copy_from_user(m->text, (const char __user *)umsg + sizeof(long), size)) {
		kfree(m);
		return -EFAULT;
	}
	q = msg_lookup(id, IPC_PERM_WRITE, &err);
	if (!q) {
		kfree(m);
		return err;
	}
	spin_lock(&q->lock);
	for (;;) {
		if (q->perm.deleted) {
			err = -EIDRM;
			break;
		}
		if (msg_fits(q, size))
			break;
		if (flg & IPC_NOWAIT) {
			err = -EAGAIN;
			break;
		}
		err = wait_block_lock_intr(&q->senders, 0, &q->lock);
		if (err == -EINTR)
			break;
		err = 0;
	}
	if (!err) {
		list_add_tail(&q->messages, &m->link);
		q->cbytes += size;
		q->qnum++;
		q->lspid = ipc_pid();
		q->stime = ipc_now();
		m = NULL;
		wake_up_all(&q->receivers);
	}
	spin_unlock(&q->lock);
	if (!err)
		msg_totals_add(1, (int64_t)size);
	kfree(m);
	msg_queue_put(q);
	return err;
}

/* find_msg: the first message the mode accepts (LESSEQUAL: the lowest type). */
static struct msg_msg *msg_find(struct msg_queue *q, long type, enum msg_search mode)
{
	struct msg_msg *m, *found = NULL;

	list_for_each_entry(m, &q->messages, link) {
		switch (mode) {
		case MSG_SEARCH_ANY:
			return m;
		case MSG_SEARCH_EQUAL:
			if (m->type == type)
				return m;
			break;
		case MSG_SEARCH_NOTEQUAL:
			if (m->type != type)
				return m;
			break;
		case MSG_SEARCH_LESSEQUAL:
			if (m->type <= type && (!found || m->type < found->type))
				found = m;
			break;
		}
	}
	return found;
}

SYSCALL_DEFINE5(msgrcv, int, id, void __user *, umsg, size_t, size, long, type, int, flg)
{
	enum msg_search mode;
	struct msg_queue *q;
	struct msg_msg *m = NULL;
	size_t n;
	int err;

	if (id < 0 || (long)size < 0)
		return -EINVAL;
	/* MSG_COPY is CONFIG_CHECKPOINT_RESTORE's, which Basalt lacks (ENOSYS as Linux then). */
	if (flg & MSG_COPY)
		return -ENOSYS;
	if (type == 0) {
		mode = MSG_SEARCH_ANY;
	} else if (type < 0) {
		type = type == INT64_MIN ? INT64_MAX : -type;
		mode = MSG_SEARCH_LESSEQUAL;
	} else {
		mode = (flg & MSG_EXCEPT) ? MSG_SEARCH_NOTEQUAL : MSG_SEARCH_EQUAL;
	}
	q = msg_lookup(id, IPC_PERM_READ, &err);
	if (!q)
		return err;
	spin_lock(&q->lock);
	for (;;) {
		if (q->perm.deleted) {
			err = -EIDRM;
			break;
		}
		m = msg_find(q, type, mode);
		if (m) {
			if (m->size > size && !(flg & MSG_NOERROR)) {
				m = NULL;
				err = -E2BIG;
			}
			break;
		}
		if (flg & IPC_NOWAIT) {
			err = -ENOMSG;
			break;
		}
		err = wait_block_lock_intr(&q->receivers, 0, &q->lock);
		if (err == -EINTR)
			break;
		err = 0;
	}
	if (m) {
		list_del(&m->link);
		q->cbytes -= m->size;
		q->qnum--;
		q->lrpid = ipc_pid();
		q->rtime = ipc_now();
		wake_up_all(&q->senders);
	}
	spin_unlock(&q->lock);
	msg_queue_put(q);
	if (!m)
		return err;
	msg_totals_add(-1, -(int64_t)m->size);
	/* The message is gone from the queue even when the copy faults, as on Linux. */
	n = m->size < size ? m->size : size;
	if (copy_to_user(umsg, &m->type, sizeof(long)) ||
	    copy_to_user((char __user *)umsg + sizeof(long), m->text, n))
		err = -EFAULT;
	kfree(m);
	return err ? err : (long)n;
}

static void msg_fill_stat(struct msg_queue *q, struct msqid64_ds *ds)
{
	memset(ds, 0, sizeof(*ds));
	ipc_fill_perm(&q->perm, &ds->msg_perm);
	spin_lock(&q->lock);
	ds->msg_stime = q->stime;
	ds->msg_rtime = q->rtime;
	ds->msg_ctime = q->ctime;
	ds->msg_cbytes = q->cbytes;
	ds->msg_qnum = q->qnum;
	ds->msg_qbytes = q->qbytes;
	ds->msg_lspid = q->lspid;
	ds->msg_lrpid = q->lrpid;
	spin_unlock(&q->lock);
}

static long msg_info(int cmd, void __user *ubuf)
{
	struct msginfo mi = {
		.msgmax = (int32_t)msg_ctlmax,
		.msgmnb = (int32_t)msg_ctlmnb,
		.msgmni = (int32_t)msg_ctlmni,
		.msgssz = MSG_SSZ,
		.msgseg = MSG_SEG_MAX,
		.msgpool = MSG_POOL_KIB,
		.msgmap = MSG_DEFAULT_MNB,
		.msgtql = MSG_DEFAULT_MNB,
	};
	int max;

	mutex_lock(&msg_ids.lock);
	if (cmd == MSG_INFO) {
		mi.msgpool = (int32_t)msg_ids.in_use;
		spin_lock(&msg_totals_lock);
		mi.msgmap = (int32_t)msg_total_msgs;
		mi.msgtql = (int32_t)msg_total_bytes;
		spin_unlock(&msg_totals_lock);
	}
	max = ipc_max_slot(&msg_ids);
	mutex_unlock(&msg_ids.lock);
	if (copy_to_user(ubuf, &mi, sizeof(mi)))
		return -EFAULT;
	return max;
}

/* IPC_STAT, MSG_STAT (id is a slot, the answer the id), MSG_STAT_ANY (no read check). */
static long msg_stat(int id, int cmd, void __user *ubuf)
{
	struct msqid64_ds ds;
	struct ipc_obj *o;
	long r = 0;

	mutex_lock(&msg_ids.lock);
	o = cmd == IPC_STAT ? ipc_find_id(&msg_ids, id) : ipc_find_slot(&msg_ids, id);
	if (!o)
		r = -EINVAL;
	else if (cmd != MSG_STAT_ANY && ipc_perms(o, IPC_PERM_READ))
		r = -EACCES;
	else
		msg_fill_stat((struct msg_queue *)o, &ds);
	if (!r && cmd != IPC_STAT)
		r = o->id;
	mutex_unlock(&msg_ids.lock);
	if (r >= 0 && copy_to_user(ubuf, &ds, sizeof(ds)))
		return -EFAULT;
	return r;
}

/* msgctl_down: IPC_SET and IPC_RMID, for the owner, creator or root. */
static long msg_down(int id, int cmd, void __user *ubuf)
{
	struct msqid64_ds ds;
	struct msg_queue *q;
	struct ipc_obj *o;
	long r;

	if (cmd == IPC_SET && copy_from_user(&ds, ubuf, sizeof(ds)))
		return -EFAULT;
	mutex_lock(&msg_ids.lock);
	o = ipc_find_id(&msg_ids, id);
	r = o ? ipc_owner_check(o) : -EINVAL;
	q = (struct msg_queue *)o;
	if (!r && cmd == IPC_SET) {
		/* Raising msg_qbytes past msgmnb needs CAP_SYS_RESOURCE (root). */
		if (ds.msg_qbytes > msg_ctlmnb && !ipc_is_root()) {
			r = -EPERM;
		} else {
			ipc_set_perm(o, &ds.msg_perm);
			spin_lock(&q->lock);
			q->qbytes = ds.msg_qbytes;
			q->ctime = ipc_now();
			wake_up_all(&q->senders);	/* more room, maybe */
			spin_unlock(&q->lock);
		}
	} else if (!r) {
		ipc_remove(&msg_ids, o);
		spin_lock(&q->lock);
		o->deleted = true;
		wake_up_all(&q->senders);
		wake_up_all(&q->receivers);
		spin_unlock(&q->lock);
	}
	mutex_unlock(&msg_ids.lock);
	if (!r && cmd == IPC_RMID)
		msg_queue_put(q);
	return r;
}

SYSCALL_DEFINE3(msgctl, int, id, int, cmd, void __user *, ubuf)
{
	if (id < 0 || cmd < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case MSG_INFO:
		return msg_info(cmd, ubuf);
	case IPC_STAT:
	case MSG_STAT:
	case MSG_STAT_ANY:
		return msg_stat(id, cmd, ubuf);
	case IPC_SET:
	case IPC_RMID:
		return msg_down(id, cmd, ubuf);
	default:
		return -EINVAL;
	}
}

/* /proc/sysvipc/msg: Linux's sysvipc_msg_proc_show format. */
int msg_proc_show(struct procfs_buf *b)
{
	procfs_printf(b, "       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid  cuid  cgid      stime      rtime      ctime\n");
	mutex_lock(&msg_ids.lock);
	for (unsigned i = 0; i < msg_ids.nslots; i++) {
		struct msg_queue *q = (struct msg_queue *)msg_ids.slots[i];
		struct msqid64_ds ds;

		if (!q)
			continue;
		msg_fill_stat(q, &ds);
		procfs_printf(b, "%10d %10d  %4o  %10llu %10llu %5d %5d %5u %5u %5u %5u %10lld %10lld %10lld\n",
			      q->perm.key, q->perm.id, q->perm.mode,
			      (unsigned long long)ds.msg_cbytes, (unsigned long long)ds.msg_qnum,
			      ds.msg_lspid, ds.msg_lrpid, q->perm.uid, q->perm.gid, q->perm.cuid,
			      q->perm.cgid, (long long)ds.msg_stime, (long long)ds.msg_rtime,
			      (long long)ds.msg_ctime);
	}
	mutex_unlock(&msg_ids.lock);
	return 0;
}
