/*
 * fifo.c: named pipes (fifo(7)). A FIFO inode (mknod S_IFIFO, mkfifo)
 * gets a pipe when it is first opened, shared by every later opener, and
 * loses it when the last end closes (the data goes with it, as on
 * Linux). Opening follows fifo(7):
 *
 *   O_RDONLY            waits for a writer; with O_NONBLOCK succeeds at once
 *   O_WRONLY            waits for a reader; with O_NONBLOCK and no reader ENXIO
 *   O_RDWR              never waits (Linux; POSIX leaves it undefined)
 *
 * The waits end when the other side opens, even if it closes again at
 * once: each pipe counts the opens of each end (read_opens, write_opens)
 * and a waiter looks for a change, as Linux's r_counter/w_counter.
 *
 * Locking: interrupts off guards the list of open FIFOs and the counts.
 */
#include <fs/pipe.h>
#include <asm/cpu.h>
#include <sched/sched.h>
#include <signal/signal.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

static struct list_node fifo_open_pipes = { &fifo_open_pipes, &fifo_open_pipes };

/* The pipe of ino, or NULL (interrupts off). */
static struct pipe *fifo_find(struct inode *ino)
{
	struct pipe *p;

	list_for_each_entry(p, &fifo_open_pipes, fifo_link)
		if (p->fifo_inode == ino)
			return p;
	return NULL;
}

void fifo_forget(struct pipe *p)
{
	uint64_t flags = cpu_irq_save();

	list_del(&p->fifo_link);
	cpu_irq_restore(flags);
}

/* Finds or makes ino's pipe (interrupts off on return); NULL if out of memory. */
static struct pipe *fifo_get_pipe(struct inode *ino, uint64_t *flags)
{
	struct pipe *p, *fresh;

	*flags = cpu_irq_save();
	p = fifo_find(ino);
	if (p)
		return p;
	cpu_irq_restore(*flags);
	if (pipe_alloc(&fresh))
		fresh = NULL;
	*flags = cpu_irq_save();
	p = fifo_find(ino);		/* another opener may have won */
	if (p) {
		if (fresh) {
			cpu_irq_restore(*flags);
			pipe_free(fresh);
			*flags = cpu_irq_save();
		}
		return p;
	}
	if (!fresh)
		return NULL;
	fresh->fifo_inode = ino;
	list_add_tail(&fifo_open_pipes, &fresh->fifo_link);
	return fresh;
}

/* Undoes one end's count after a failed open; frees an unused pipe (irq off). */
static void fifo_open_undo(struct pipe *p, bool reader, uint64_t flags)
{
	bool gone;

	if (reader)
		p->readers--;
	else
		p->writers--;
	gone = !p->readers && !p->writers;
	if (gone)
		list_del(&p->fifo_link);
	cpu_irq_restore(flags);
	if (gone)
		pipe_free(p);
}

static int fifo_open(struct inode *ino, struct file *f)
{
	unsigned acc = f->flags & O_ACCMODE;
	bool nonblock = f->flags & O_NONBLOCK;
	uint64_t flags;
	unsigned seen;
	struct pipe *p = fifo_get_pipe(ino, &flags);

	if (!p) {
		cpu_irq_restore(flags);
		return -ENOMEM;
	}
	f->priv = p;
	f->ops = &pipe_ops;
	switch (acc) {
	case O_RDONLY:
		p->readers++;
		p->read_opens++;
		wake_up_all(&p->write_wait);
		seen = p->write_opens;
		while (!nonblock && !p->writers && p->write_opens == seen) {
			if (signal_pending(task_current())) {
				fifo_open_undo(p, true, flags);
				return -ERESTARTSYS;
			}
			wait_block(&p->read_wait, 0);
		}
		break;
	case O_WRONLY:
		if (nonblock && !p->readers) {
			/* No reader to speak to (fifo(7)); count as a writer to undo. */
			p->writers++;
			fifo_open_undo(p, false, flags);
			return -ENXIO;
		}
		p->writers++;
		p->write_opens++;
		wake_up_all(&p->read_wait);
		seen = p->read_opens;
		while (!p->readers && p->read_opens == seen) {
			if (signal_pending(task_current())) {
				fifo_open_undo(p, false, flags);
				return -ERESTARTSYS;
			}
			wait_block(&p->write_wait, 0);
		}
		break;
	default:
		p->readers++;
		p->writers++;
		p->read_opens++;
		p->write_opens++;
		wake_up_all(&p->read_wait);
		wake_up_all(&p->write_wait);
		break;
	}
	cpu_irq_restore(flags);
	return 0;
}

/* Until open runs, a FIFO file has only this; open swaps in pipe_ops. */
const struct file_ops fifo_ops = {
	.open = fifo_open,
};
