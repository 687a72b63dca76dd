/*
 * fasync.c: SIGIO to the owners of files with O_ASYNC (fasync.h).
 *
 * A file may be on several lists (a FIFO opened O_RDWR is on its pipe's
 * readers' and writers' lists), so each membership is an entry of its
 * own, as Linux's fasync_struct. The plain SIGIO carries SI_KERNEL, as
 * Linux sends it when no F_SETSIG signal was chosen (Basalt has no
 * F_SETSIG).
 */
#include <fs/fasync.h>
#include <sched/spinlock.h>
#include <fs/file.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <signal/signal.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

/*
 * guards: every fasync_list's entries and every file's owner_type and
 * owner_pid. Plain: no interrupt handler notifies (terminal input that
 * arrives in one defers its SIGIO to the "ttysig" thread, tty.c).
 * Taken before tasklist_lock (a notify finds the owners under both)
 * and after pipe.lock and tty.lock, whose holders notify.
 */
static struct spinlock fasync_lock = SPINLOCK_INIT("fasync_lock");

struct fasync_entry {
	struct list_node link;		/* on fasync_list.entries */
	struct file *file;		/* not a reference: release takes it off */
};

void fasync_list_init(struct fasync_list *l)
{
	list_init(&l->entries);
}

/* fasync_lock held: f's entry on l, or NULL. */
static struct fasync_entry *fasync_find(struct fasync_list *l, const struct file *f)
{
	struct fasync_entry *e;

	list_for_each_entry(e, &l->entries, link)
		if (e->file == f)
			return e;
	return NULL;
}

int fasync_set(struct fasync_list *l, struct file *f, bool on)
{
	struct fasync_entry *new = on ? kzalloc(sizeof(*new)) : NULL, *old;

	if (on && !new)
		return -ENOMEM;
	spin_lock(&fasync_lock);
	old = fasync_find(l, f);
	if (on && !old) {
		new->file = f;
		list_add_tail(&l->entries, &new->link);
		new = NULL;
	} else if (!on && old) {
		list_del(&old->link);
	} else {
		old = NULL;
	}
	spin_unlock(&fasync_lock);
	kfree(new);		/* already listed */
	if (!on)
		kfree(old);
	return 0;
}

void fasync_own_terminal(struct file *f, int pgrp)
{
	spin_lock(&fasync_lock);
	f->owner_type = pgrp > 0 ? F_OWNER_PGRP : F_OWNER_PID;
	f->owner_pid = pgrp > 0 ? pgrp : process_current()->pid;
	spin_unlock(&fasync_lock);
}

void fasync_set_owner(struct file *f, int type, int pid)
{
	spin_lock(&fasync_lock);
	f->owner_type = type;
	f->owner_pid = pid;
	spin_unlock(&fasync_lock);
}

/* fasync_lock and tasklist_lock held: SIGIO to the owner. */
static void fasync_signal_owner(int type, int pid)
{
	struct process *p;
	struct task *t;

	if (pid <= 0)
		return;
	switch (type) {
	case F_OWNER_TID:
		t = process_find_thread_locked(pid);
		if (t)
			signal_send_thread_locked(t, SIGIO, NULL);
		break;
	case F_OWNER_PGRP:
		signal_send_pgrp_locked(pid, SIGIO, NULL);
		break;
	default:
		p = process_find_locked(pid);
		if (p)
			signal_send_process_locked(p, SIGIO, NULL);
		break;
	}
}

void fasync_notify(struct fasync_list *l)
{
	struct fasync_entry *e;

	spin_lock(&fasync_lock);
	if (!list_empty(&l->entries)) {
		spin_lock(&tasklist_lock);
		list_for_each_entry(e, &l->entries, link)
			fasync_signal_owner(e->file->owner_type, e->file->owner_pid);
		spin_unlock(&tasklist_lock);
	}
	spin_unlock(&fasync_lock);
}
