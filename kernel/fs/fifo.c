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
 * Locking: fifo_lock guards the list of open FIFOs, and is taken before
 * a pipe's lock when a pipe is found or freed; the pipe's lock guards
 * its counts (pipe.h). An opener holds a count from the moment it finds
 * the pipe, so the pipe lives while it waits.
 */
#include <fs/pipe.h>
#include <sched/sched.h>
#include <signal/signal.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

struct spinlock fifo_lock = SPINLOCK_INIT("fifo_lock");
static struct list_node fifo_open_pipes = { &fifo_open_pipes, &fifo_open_pipes };

/* The pipe of ino, or NULL (fifo_lock held). */
static struct pipe *fifo_find(struct inode *ino)
{
	struct pipe *p;

	list_for_each_entry(p, &fifo_open_pipes, fifo_link)
		if (p->fifo_inode == ino)
			return p;
	return NULL;
}

void fifo_attach(struct pipe *p, struct inode *ino)
{
	spin_lock(&fifo_lock);
	p->fifo_inode = ino;
	list_add_tail(&fifo_open_pipes, &p->fifo_link);
	spin_unlock(&fifo_lock);
}

/* fifo_lock held. */
void fifo_forget(struct pipe *p)
{
	list_del(&p->fifo_link);
}

/*
 * Finds or makes ino's pipe and returns it with its lock held (taken
 * under fifo_lock, which is dropped); NULL if out of memory.
 */
static struct pipe *fifo_get_pipe(struct inode *ino)
{
	struct pipe *p, *fresh;

	spin_lock(&fifo_lock);
	p = fifo_find(ino);
	if (p)
		goto found;
	spin_unlock(&fifo_lock);
	if (pipe_alloc(&fresh))
		fresh = NULL;
	spin_lock(&fifo_lock);
	p = fifo_find(ino);		/* another opener may have won */
	if (p) {
		if (fresh) {
			spin_unlock(&fifo_lock);
			pipe_free(fresh);
			return fifo_get_pipe(ino);
		}
		goto found;
	}
	if (!fresh) {
		spin_unlock(&fifo_lock);
		return NULL;
	}
	fresh->fifo_inode = ino;
	list_add_tail(&fifo_open_pipes, &fresh->fifo_link);
	p = fresh;
found:
	spin_lock(&p->lock);
	spin_unlock(&fifo_lock);
	return p;
}

/*
 * Undoes one end's count after a failed open (p->lock held on entry,
 * dropped); frees a pipe nobody has open any more.
 */
static void fifo_open_undo(struct pipe *p, bool reader)
{
	bool gone;

	/* Our count keeps p alive while the locks are re-taken in order. */
	spin_unlock(&p->lock);
	spin_lock(&fifo_lock);
	spin_lock(&p->lock);
	if (reader)
		p->readers--;
	else
		p->writers--;
	gone = !p->readers && !p->writers;
	if (gone)
		list_del(&p->fifo_link);
	spin_unlock(&p->lock);
	spin_unlock(&fifo_lock);
	if (gone)
		pipe_free(p);
}

static int fifo_open(struct inode *ino, struct file *f)
{
	unsigned acc = f->flags & O_ACCMODE;
	/*
	 * An anonymous pipe's inode (/proc/PID/fd/N) opens without waiting
	 * for the other side, and for writing even with no reader left, as
	 * Linux's fifo_open does for pipefs inodes.
	 */
	bool is_pipe = pipefs_owns(ino);
	bool nonblock = (f->flags & O_NONBLOCK) || is_pipe;
	unsigned seen;
	struct pipe *p = fifo_get_pipe(ino);

	if (!p)
		return -ENOMEM;
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
				fifo_open_undo(p, true);
				return -ERESTARTSYS;
			}
			wait_block_lock_intr(&p->read_wait, 0, &p->lock);
		}
		break;
	case O_WRONLY:
		if (!is_pipe && nonblock && !p->readers) {
			/* No reader to speak to (fifo(7)); count as a writer to undo. */
			p->writers++;
			fifo_open_undo(p, false);
			return -ENXIO;
		}
		p->writers++;
		p->write_opens++;
		wake_up_all(&p->read_wait);
		seen = p->read_opens;
		while (!is_pipe && !p->readers && p->read_opens == seen) {
			if (signal_pending(task_current())) {
				fifo_open_undo(p, false);
				return -ERESTARTSYS;
			}
			wait_block_lock_intr(&p->write_wait, 0, &p->lock);
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
	spin_unlock(&p->lock);
	return 0;
}

/* Until open runs, a FIFO file has only this; open swaps in pipe_ops. */
const struct file_ops fifo_ops = {
	.open = fifo_open,
};
