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

struct fasync_entry {
	struct list_node link;		/* on fasync_list.entries */
	struct file *file;		/* not a reference: release takes it off */
};

void fasync_list_init(struct fasync_list *l)
{
	list_init(&l->entries);
}

/* process_lock held: f's entry on l, or NULL. */
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
	uint64_t flags;

	if (on && !new)
		return -ENOMEM;
	flags = rspin_lock_irqsave(&process_lock);
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
	rspin_unlock_irqrestore(&process_lock, flags);
	kfree(new);		/* already listed */
	if (!on)
		kfree(old);
	return 0;
}

void fasync_own_terminal(struct file *f, int pgrp)
{
	uint64_t flags = rspin_lock_irqsave(&process_lock);

	f->owner_type = pgrp > 0 ? F_OWNER_PGRP : F_OWNER_PID;
	f->owner_pid = pgrp > 0 ? pgrp : process_current()->pid;
	rspin_unlock_irqrestore(&process_lock, flags);
}

void fasync_set_owner(struct file *f, int type, int pid)
{
	uint64_t flags = rspin_lock_irqsave(&process_lock);

	f->owner_type = type;
	f->owner_pid = pid;
	rspin_unlock_irqrestore(&process_lock, flags);
}

/* process_lock held: SIGIO to the owner. */
static void fasync_signal_owner(int type, int pid)
{
	struct process *p;
	struct task *t;

	if (pid <= 0)
		return;
	switch (type) {
	case F_OWNER_TID:
		t = process_find_thread(pid);
		if (t)
			signal_send_thread(t, SIGIO, NULL);
		break;
	case F_OWNER_PGRP:
		signal_send_pgrp(pid, SIGIO, NULL);
		break;
	default:
		p = process_find(pid);
		if (p)
			signal_send_process(p, SIGIO, NULL);
		break;
	}
}

void fasync_notify(struct fasync_list *l)
{
	struct fasync_entry *e;
	uint64_t flags = rspin_lock_irqsave(&process_lock);

	list_for_each_entry(e, &l->entries, link)
		fasync_signal_owner(e->file->owner_type, e->file->owner_pid);
	rspin_unlock_irqrestore(&process_lock, flags);
}
