/*
 * ipc_util.c: the System V IPC id tables, keys and permissions shared by
 * shm.c, sem.c and msg.c (Linux's ipc/util.c; sysvipc(7), ipc(5)).
 * Locking: see ipc.h.
 */
#include <ipc/ipc.h>
#include <basalt/string.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <time/sys_time.h>
#include <uapi/errno.h>

#define IPC_SLOTS_FIRST		16
#define IPC_NS_PER_SEC		1000000000LL

bool ipc_is_root(void)
{
	return process_current()->cred.euid == 0;
}

/*
 * ipcperms (ipc/util.c): the owner's bits if the caller's euid is the
 * owner or creator, else the group's if in the group or creator's group,
 * else the others'; missing bits need CAP_IPC_OWNER (root).
 */
int ipc_perms(const struct ipc_obj *o, unsigned access)
{
	const struct cred *c = &process_current()->cred;
	unsigned granted = o->mode;
	/* A *get's mode asks for what any of its three classes names. */
	unsigned requested = (access >> 6) | (access >> 3) | access;

	if (c->euid == o->uid || c->euid == o->cuid)
		granted >>= 6;
	else if (cred_in_group(c, o->gid) || cred_in_group(c, o->cgid))
		granted >>= 3;
	if ((requested & ~granted & 07) && c->euid != 0)
		return -EACCES;
	return 0;
}

int ipc_owner_check(const struct ipc_obj *o)
{
	const struct cred *c = &process_current()->cred;

	if (c->euid == 0 || c->euid == o->uid || c->euid == o->cuid)
		return 0;
	return -EPERM;
}

struct ipc_obj *ipc_find_key(struct ipc_ids *ids, int32_t key)
{
	for (unsigned i = 0; i < ids->nslots; i++)
		if (ids->slots[i] && ids->slots[i]->key == key)
			return ids->slots[i];
	return NULL;
}

struct ipc_obj *ipc_find_slot(struct ipc_ids *ids, int idx)
{
	if (idx < 0 || (unsigned)idx >= ids->nslots)
		return NULL;
	return ids->slots[idx];
}

struct ipc_obj *ipc_find_id(struct ipc_ids *ids, int id)
{
	struct ipc_obj *o;

	if (id < 0)
		return NULL;
	o = ipc_find_slot(ids, id % IPC_SEQ_MULT);
	return o && o->id == id ? o : NULL;
}

/* Doubles the table (ids->lock held). */
static int ipc_grow(struct ipc_ids *ids)
{
	unsigned n = ids->nslots ? ids->nslots * 2 : IPC_SLOTS_FIRST;
	struct ipc_obj **slots;

	if (n > IPC_SEQ_MULT)
		n = IPC_SEQ_MULT;
	if (n == ids->nslots)
		return -ENOSPC;
	slots = kzalloc(sizeof(*slots) * n);
	if (!slots)
		return -ENOMEM;
	if (ids->slots)
		memcpy(slots, ids->slots, sizeof(*slots) * ids->nslots);
	kfree(ids->slots);
	ids->slots = slots;
	ids->nslots = n;
	return 0;
}

int ipc_add(struct ipc_ids *ids, struct ipc_obj *o, int32_t key, unsigned mode, unsigned max)
{
	const struct cred *c = &process_current()->cred;
	unsigned i;

	if (ids->in_use >= max || ids->in_use >= IPC_SEQ_MULT)
		return -ENOSPC;
	for (i = 0; i < ids->nslots && ids->slots[i]; i++)
		;
	if (i == ids->nslots) {
		int err = ipc_grow(ids);

		if (err)
			return err;
	}
	/* Linux's ipc_idr_alloc: the sequence number wraps below INT_MAX / IPCMNI. */
	o->id = (int)(ids->seq * IPC_SEQ_MULT + i);
	ids->seq = (ids->seq + 1) % (INT32_MAX / IPC_SEQ_MULT);
	o->key = key;
	o->uid = o->cuid = c->euid;
	o->gid = o->cgid = c->egid;
	o->mode = mode & IPC_MODE_PERMS;
	o->refs = 1;
	o->deleted = false;
	ids->slots[i] = o;
	ids->in_use++;
	return 0;
}

void ipc_remove(struct ipc_ids *ids, struct ipc_obj *o)
{
	unsigned i = (unsigned)(o->id % IPC_SEQ_MULT);

	if (i < ids->nslots && ids->slots[i] == o) {
		ids->slots[i] = NULL;
		ids->in_use--;
	}
}

int ipc_max_slot(struct ipc_ids *ids)
{
	int max = 0;

	for (unsigned i = 0; i < ids->nslots; i++)
		if (ids->slots[i])
			max = (int)i;
	return max;
}

void ipc_obj_get(struct ipc_obj *o)
{
	__atomic_add_fetch(&o->refs, 1, __ATOMIC_ACQ_REL);
}

bool ipc_obj_put(struct ipc_obj *o)
{
	return __atomic_sub_fetch(&o->refs, 1, __ATOMIC_ACQ_REL) == 0;
}

void ipc_fill_perm(const struct ipc_obj *o, struct ipc64_perm *p)
{
	memset(p, 0, sizeof(*p));
	p->key = o->key;
	p->uid = o->uid;
	p->gid = o->gid;
	p->cuid = o->cuid;
	p->cgid = o->cgid;
	p->mode = (uint16_t)o->mode;
	p->seq = (uint16_t)(o->id / IPC_SEQ_MULT);
}

void ipc_set_perm(struct ipc_obj *o, const struct ipc64_perm *p)
{
	o->uid = p->uid;
	o->gid = p->gid;
	o->mode = (o->mode & ~IPC_MODE_PERMS) | (p->mode & IPC_MODE_PERMS);
}

int64_t ipc_now(void)
{
	return time_realtime_ns() / IPC_NS_PER_SEC;
}

int ipc_pid(void)
{
	return process_current()->pid;
}
