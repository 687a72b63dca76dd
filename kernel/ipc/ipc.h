/*
 * ipc.h: System V IPC (sysvipc(7)), the part the three families share
 * (ipc_util.c): the id tables, keys, permissions, and the ipc64_perm
 * copies.
 *
 * Each family (shm.c, sem.c, msg.c) has one struct ipc_ids: a table of
 * slots grown on demand. An object's id is seq * IPC_SEQ_MULT + slot, as
 * Linux's (ipc/util.h, IPCMNI 32768), so a stale id of a removed object
 * gives EINVAL, not the slot's next tenant.
 *
 * Locking: ipc_ids.lock (a mutex: the calls copy from user memory and
 * shmat maps under it) guards the table, the in_use count, the seq
 * counter and every object's perm fields (key, uid, gid, mode) and its
 * presence in the table. An object's own state (messages, semaphore
 * values, waiters) is under the object's spinlock (msg.c, sem.c), taken
 * inside ids.lock when both are held. Objects found in the table are
 * kept alive by a reference (ipc_obj.refs, atomic) once ids.lock is
 * dropped; removal (IPC_RMID) takes the table's reference and sets
 * deleted under the object's lock, so a sleeper wakes and sees EIDRM.
 */
#ifndef IPC_IPC_H
#define IPC_IPC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <basalt/compiler.h>
#include <sched/mutex.h>
#include <uapi/ipc.h>

/* Linux's IPCMNI (without ipcmni_extend): an id is seq * this + slot. */
#define IPC_SEQ_MULT		32768
/* The permission bits of a mode (S_IRWXUGO). */
#define IPC_MODE_PERMS		0777
#define IPC_PERM_READ		0444	/* S_IRUGO */
#define IPC_PERM_WRITE		0222	/* S_IWUGO */
#define IPC_PERM_EXEC		0111	/* S_IXUGO */

/* What every object starts with (Linux's kern_ipc_perm). */
struct ipc_obj {
	int id;
	int32_t key;
	uint32_t uid, gid, cuid, cgid;
	unsigned mode;		/* IPC_MODE_PERMS and the family's state bits */
	unsigned refs;		/* the table's and the users' (atomic) */
	bool deleted;		/* removed: the object's lock guards it */
};

struct ipc_ids {
	struct mutex lock;
	struct ipc_obj **slots;	/* NULL: free */
	unsigned nslots;
	unsigned in_use;
	unsigned seq;
	const char *name;	/* "shm", "sem", "msg" */
};

#define IPC_IDS_INIT(var, family)	{ .lock = MUTEX_INIT((var).lock), .name = family }

/* The caller's ipc view: euid, egid and groups (ids of the process). */
bool ipc_is_root(void);
/* Linux's ipcperms: 0 if the caller may have access (IPC_PERM_* bits), else -EACCES. */
int ipc_perms(const struct ipc_obj *o, unsigned access);
/* The owner or creator, or root: may IPC_SET and IPC_RMID (else -EPERM). */
int ipc_owner_check(const struct ipc_obj *o);

/* With ids->lock held: the object of key, or NULL. */
struct ipc_obj *ipc_find_key(struct ipc_ids *ids, int32_t key);
/* With ids->lock held: the object of id (-EINVAL for a bad or stale id). */
struct ipc_obj *ipc_find_id(struct ipc_ids *ids, int id);
/* With ids->lock held: the object in slot idx (SHM_STAT...), or NULL. */
struct ipc_obj *ipc_find_slot(struct ipc_ids *ids, int idx);
/*
 * With ids->lock held: puts o in a free slot (-ENOSPC past max objects,
 * -ENOMEM), giving it its id, the caller's ids as owner and creator, the
 * mode's permission bits and the table's reference.
 */
int ipc_add(struct ipc_ids *ids, struct ipc_obj *o, int32_t key, unsigned mode, unsigned max);
/* With ids->lock held: takes o out of its slot (the key goes with it). */
void ipc_remove(struct ipc_ids *ids, struct ipc_obj *o);
/* The highest slot in use, or 0 (IPC_INFO's return). */
int ipc_max_slot(struct ipc_ids *ids);

void ipc_obj_get(struct ipc_obj *o);
/* Drops a reference; true when it was the last (the caller frees). */
bool ipc_obj_put(struct ipc_obj *o);

/* Fills the user structure's perm part from o (ids->lock held). */
void ipc_fill_perm(const struct ipc_obj *o, struct ipc64_perm *p);
/* IPC_SET's change of uid, gid and the permission bits (ids->lock held). */
void ipc_set_perm(struct ipc_obj *o, const struct ipc64_perm *p);
/* Seconds of the real-time clock (the *_time fields). */
int64_t ipc_now(void);
/* The caller's process id (the *pid fields). */
int ipc_pid(void);

/* sem.c: applies and frees the exiting process's SEM_UNDO adjustments. */
struct process;
void sem_exit(struct process *p);

/* The /proc/sysvipc/{shm,sem,msg} texts and the /proc/sys/kernel values. */
struct procfs_buf;
int shm_proc_show(struct procfs_buf *b);
int sem_proc_show(struct procfs_buf *b);
int msg_proc_show(struct procfs_buf *b);
/* ipc_proc.c: /proc/sysvipc (under /proc) and the kernel/ sysctls. */
struct dentry;
void ipc_proc_init(struct dentry *root);
void ipc_sysctl_init(struct dentry *kernel);
extern uint64_t shm_ctlmax, shm_ctlall, shm_ctlmni;
extern uint64_t msg_ctlmax, msg_ctlmnb, msg_ctlmni;
/* /proc/sys/kernel/sem: SEMMSL, SEMMNS, SEMOPM, SEMMNI. */
extern uint64_t sem_ctls[4];

#endif /* IPC_IPC_H */
