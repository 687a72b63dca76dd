/*
 * pipe.c: anonymous pipes (pipe(7), pipe(2)).
 *
 * A ring of nr_pages page slots with free-running head (writer) and
 * tail (reader) byte indices; a slot gets its page when a byte is
 * written there and gives it back once the bytes are read, so an empty
 * pipe holds no page (Linux allocates pipe buffers the same way). Readers block while it is empty and writers remain
 * (EOF once none do); writers block while it lacks room, for the whole
 * write if it is at most PIPE_BUF bytes (atomic) or for one byte
 * otherwise; with no reader left a write fails with EPIPE and raises
 * SIGPIPE.
 *
 * Packet mode (pipe(7), "O_DIRECT"): a write through a file with
 * O_DIRECT puts each PIPE_BUF chunk in a slot of its own, as Linux puts
 * each packet in its own pipe_buffer: the head first skips the rest of
 * a partly filled slot (its meta word records where its bytes end), and
 * skips what the packet leaves of its slot after it. A read returns at
 * most one packet, and drops what it did not take of it. Pipes that
 * never saw a packet keep slot_meta NULL and the plain byte ring.
 *
 * Locking: p->lock (pipe.h) guards the ring indices and the end counts;
 * readers queue one at a time on the read_lock mutex. Bytes cross
 * between the caller's buffer and a kernel bounce buffer without the
 * spinlock (a user copy may fault), and between the bounce buffer and
 * the ring with it.
 */
#include <basalt/string.h>
#include <basalt/syscalls.h>
#include <fs/fasync.h>
#include <fs/pipe.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <sched/mutex.h>
#include <sched/sched.h>
#include <signal/signal.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/ioctl.h>
#include <user/user.h>

static uint32_t pipe_capacity(const struct pipe *p)
{
	return p->nr_pages * (uint32_t)PAGE_SIZE;
}

static uint32_t pipe_used(const struct pipe *p)
{
	return p->head - p->tail;
}

static uint32_t pipe_room(const struct pipe *p)
{
	return pipe_capacity(p) - pipe_used(p);
}

/* The slot of stream byte i. */
static unsigned pipe_slot(const struct pipe *p, uint32_t i)
{
	return (unsigned)(i / PAGE_SIZE) & (p->nr_pages - 1);
}

/* A page for a slot: the spare, or a new one; NULL if out of memory. Interrupts off. */
static uint8_t *pipe_page_get(struct pipe *p)
{
	uint8_t *page = p->spare;

	if (page) {
		p->spare = NULL;
		return page;
	}
	return kmalloc(PAGE_SIZE);
}

static void pipe_page_put(struct pipe *p, uint8_t *page)
{
	if (!p->spare)
		p->spare = page;
	else
		kfree(page);
}

/*
 * Appends up to n bytes (n <= room), giving slots their pages; the bytes
 * appended, fewer only when out of memory. Interrupts off.
 */
static uint32_t pipe_put(struct pipe *p, const uint8_t *src, uint32_t n)
{
	uint32_t done = 0;

	while (done < n) {
		unsigned slot = pipe_slot(p, p->head);
		uint32_t off = p->head % PAGE_SIZE, chunk = MIN(n - done, (uint32_t)PAGE_SIZE - off);

		if (!p->pages[slot]) {
			if (!(p->pages[slot] = pipe_page_get(p)))
				break;
			if (p->slot_meta)
				p->slot_meta[slot] = 0;
		}
		memcpy(p->pages[slot] + off, src + done, chunk);
		p->head += chunk;
		done += chunk;
	}
	return done;
}

/* Copies n bytes from stream byte from on, consuming nothing. Interrupts off. */
static void pipe_copy_from(const struct pipe *p, uint32_t from, uint8_t *dst, uint32_t n)
{
	for (uint32_t done = 0, i = from; done < n;) {
		uint32_t off = i % PAGE_SIZE, chunk = MIN(n - done, (uint32_t)PAGE_SIZE - off);

		memcpy(dst + done, p->pages[pipe_slot(p, i)] + off, chunk);
		done += chunk;
		i += chunk;
	}
}

/* Copies the n oldest bytes without consuming them (pipe_read). Interrupts off. */
static void pipe_peek(const struct pipe *p, uint8_t *dst, uint32_t n)
{
	pipe_copy_from(p, p->tail, dst, n);
}

/*
 * Consumes the n oldest bytes and gives back the pages read to their end
 * that hold no unread byte (the head may have wrapped into the slot).
 * Interrupts off.
 */
static void pipe_consume(struct pipe *p, uint32_t n)
{
	uint32_t first = p->tail / PAGE_SIZE, end;

	p->tail += n;
	end = pipe_used(p) ? p->tail / PAGE_SIZE : (p->tail + PAGE_SIZE - 1) / PAGE_SIZE;
	for (uint32_t page = first; page != end; page++) {
		unsigned slot = page & (p->nr_pages - 1);

		/* In use again if the unread bytes reach page + nr_pages. */
		if (pipe_used(p) && page + p->nr_pages <= (p->head - 1) / PAGE_SIZE)
			continue;
		if (p->pages[slot]) {
			pipe_page_put(p, p->pages[slot]);
			p->pages[slot] = NULL;
		}
	}
}

#define PIPE_RESIZE_CHUNK	256	/* bytes moved at a time by pipe_resize */

int pipe_resize(struct pipe *p, unsigned pages)
{
	struct pipe moved = { .nr_pages = pages };
	uint32_t used = pipe_used(p);

	if (used > pages * PAGE_SIZE)
		return -EBUSY;
	/* Packets keep their slots: only an empty packet pipe is resized. */
	if (p->slot_meta) {
		if (used)
			return -EBUSY;
		kfree(p->slot_meta);
		p->slot_meta = NULL;
	}
	moved.pages = kzalloc(pages * sizeof(*moved.pages));
	if (!moved.pages)
		return -ENOMEM;
	/* The unread bytes move to the start of the new ring. */
	for (uint32_t done = 0; done < used;) {
		uint8_t chunk[PIPE_RESIZE_CHUNK];
		uint32_t n = MIN(used - done, (uint32_t)sizeof(chunk));

		pipe_copy_from(p, p->tail + done, chunk, n);
		if (pipe_put(&moved, chunk, n) != n) {
			for (unsigned i = 0; i < pages; i++)
				kfree(moved.pages[i]);
			kfree(moved.pages);
			return -ENOMEM;
		}
		done += n;
	}
	for (unsigned i = 0; i < p->nr_pages; i++)
		kfree(p->pages[i]);
	kfree(p->pages);
	p->pages = moved.pages;
	p->nr_pages = pages;
	p->head = moved.head;
	p->tail = 0;
	return 0;
}

/* slot_meta words: the slot holds one packet; the length of its bytes. */
#define PIPE_SLOT_PACKET	0x8000u
#define PIPE_SLOT_LEN_MASK	0x1fffu

/* The bytes slot s holds from its start, if its meta word says (else 0). p->lock held. */
static uint32_t pipe_slot_len(const struct pipe *p, unsigned s)
{
	return p->slot_meta ? p->slot_meta[s] & PIPE_SLOT_LEN_MASK : 0;
}

/*
 * Consumes what follows the tail's slot's bytes when the head has moved
 * on (the rest of a slot before a packet, or after one). p->lock held.
 */
static void pipe_skip_dead(struct pipe *p)
{
	unsigned s = pipe_slot(p, p->tail);
	uint32_t off = p->tail % PAGE_SIZE, len = pipe_slot_len(p, s);

	if (len && off >= len && pipe_used(p) >= (uint32_t)PAGE_SIZE - off)
		pipe_consume(p, (uint32_t)PAGE_SIZE - off);
}

/*
 * How many bytes a read may take at the tail now, and whether they end
 * a packet: the tail's slot's bytes in packet mode, else all. p->lock held.
 */
static uint32_t pipe_readable(const struct pipe *p, bool *packet)
{
	unsigned s = pipe_slot(p, p->tail);
	uint32_t off = p->tail % PAGE_SIZE, len = pipe_slot_len(p, s);

	*packet = p->slot_meta && (p->slot_meta[s] & PIPE_SLOT_PACKET);
	if (!p->slot_meta)
		return pipe_used(p);
	if (len)
		return len > off ? len - off : 0;
	return MIN(pipe_used(p), (uint32_t)PAGE_SIZE - off);
}

/* Room a packet of n bytes needs: the rest of the head's slot, and one slot. */
static uint32_t pipe_packet_room(const struct pipe *p)
{
	uint32_t off = p->head % PAGE_SIZE;

	return (off ? (uint32_t)PAGE_SIZE - off : 0) + (uint32_t)PAGE_SIZE;
}

/*
 * Puts n (<= PIPE_BUF) bytes as one packet in a slot of its own; room
 * checked by the caller. n, or 0 without memory. p->lock held.
 */
static uint32_t pipe_put_packet(struct pipe *p, const uint8_t *src, uint32_t n)
{
	uint32_t off = p->head % PAGE_SIZE;
	unsigned s;

	if (!p->slot_meta)
		return 0;
	if (off) {	/* the partly filled slot ends here */
		p->slot_meta[pipe_slot(p, p->head)] = (uint16_t)off;
		p->head += (uint32_t)PAGE_SIZE - off;
	}
	s = pipe_slot(p, p->head);
	/* An aligned head: all n bytes go into one new page, or none. */
	if (pipe_put(p, src, n) != n)
		return 0;
	p->slot_meta[s] = (uint16_t)(PIPE_SLOT_PACKET | n);
	p->head = ALIGN_UP(p->head, (uint32_t)PAGE_SIZE);
	return n;
}

static long pipe_wait_check(struct file *f)
{
	if (f->flags & O_NONBLOCK)
		return -EAGAIN;
	if (signal_pending(task_current()))
		return -ERESTARTSYS;
	return 0;
}

static long pipe_read(struct file *f, struct uio *u, uint64_t *pos __unused)
{
	struct pipe *p = f->priv;
	size_t chunk = u->resid < PIPE_BUF ? u->resid : PIPE_BUF;
	size_t done = 0;
	uint8_t *buf;
	long ret = 0;

	if (!u->resid)
		return 0;
	buf = kmalloc(chunk);
	if (!buf)
		return -ENOMEM;
	mutex_lock(&p->read_lock);
	while (u->resid) {
		bool packet = false;
		uint32_t n;

		spin_lock(&p->lock);
		/* Block only for the first byte; then take what is there. */
		while (!pipe_used(p) && !done && p->writers) {
			ret = pipe_wait_check(f);
			if (ret)
				break;
			wait_block_lock_intr(&p->read_wait, 0, &p->lock);
		}
		n = pipe_used(p) ? pipe_readable(p, &packet) : 0;
		if (n > u->resid)
			n = (uint32_t)u->resid;
		if (n > chunk)
			n = (uint32_t)chunk;
		if (ret || !n) {
			spin_unlock(&p->lock);
			break;
		}
		pipe_peek(p, buf, n);
		spin_unlock(&p->lock);
		ret = uio_copy_out(u, buf, n);
		if (ret < 0)
			break;
		ret = 0;	/* a count, not an error: take what else is there */
		/* Only this reader consumes (read_lock): the bytes are still the oldest. */
		spin_lock(&p->lock);
		pipe_consume(p, n);
		/* A packet is read whole or its rest dropped: one per read. */
		if (packet && p->tail % PAGE_SIZE)
			pipe_consume(p, (uint32_t)PAGE_SIZE - p->tail % PAGE_SIZE);
		if (p->slot_meta)
			pipe_skip_dead(p);
		wake_up_all(&p->write_wait);
		fasync_notify(&p->async_writers);
		spin_unlock(&p->lock);
		done += n;
		if (packet)
			break;
	}
	mutex_unlock(&p->read_lock);
	kfree(buf);
	return done ? (long)done : ret;
}

static long pipe_write(struct file *f, struct uio *u, uint64_t *pos __unused)
{
	struct pipe *p = f->priv;
	bool packets = f->flags & O_DIRECT;
	bool atomic = u->resid <= PIPE_BUF || packets;
	size_t chunk = u->resid < PIPE_BUF ? u->resid : PIPE_BUF;
	size_t done = 0, have = 0, off = 0;
	uint8_t *buf;
	long ret = 0;

	if (!u->resid)
		return 0;
	buf = kmalloc(chunk);
	if (!buf)
		return -ENOMEM;
	if (packets) {
		/* One meta word per slot; kmalloc is fine under p->lock (pipe_put). */
		spin_lock(&p->lock);
		if (!p->slot_meta)
			p->slot_meta = kzalloc(p->nr_pages * sizeof(*p->slot_meta));
		packets = p->slot_meta != NULL;
		spin_unlock(&p->lock);
		if (!packets) {
			kfree(buf);
			return -ENOMEM;
		}
	}
	for (;;) {
		uint32_t n;

		if (!have) {
			if (!u->resid)
				break;
			ret = uio_copy_in(u, buf, chunk < u->resid ? chunk : u->resid);
			if (ret < 0)
				break;
			have = (size_t)ret;
			off = 0;
			ret = 0;
		}
		spin_lock(&p->lock);
		for (;;) {
			if (!p->readers) {
				ret = -EPIPE;
				break;
			}
			if (packets ? pipe_room(p) >= pipe_packet_room(p) :
				      pipe_room(p) >= (atomic ? have : 1))
				break;
			ret = pipe_wait_check(f);
			if (ret)
				break;
			wait_block_lock_intr(&p->write_wait, 0, &p->lock);
		}
		if (ret) {
			spin_unlock(&p->lock);
			break;
		}
		n = packets ? pipe_put_packet(p, buf + off, (uint32_t)have) :
			      pipe_put(p, buf + off, MIN(pipe_room(p), (uint32_t)have));
		if (!n) {
			/* No page for the bytes: Linux's pipe_write says ENOMEM too. */
			spin_unlock(&p->lock);
			ret = -ENOMEM;
			break;
		}
		wake_up_all(&p->read_wait);
		fasync_notify(&p->async_readers);
		spin_unlock(&p->lock);
		off += n;
		have -= n;
		done += n;
	}
	/* Bytes fetched but not written go back to the caller's count. */
	u->base -= have;
	u->resid += have;
	kfree(buf);
	if (ret == -EPIPE)
		signal_send_thread(task_current(), SIGPIPE, NULL);
	return done ? (long)done : ret;
}

static unsigned pipe_poll(struct file *f, struct poll_table *pt)
{
	struct pipe *p = f->priv;
	bool reader = (f->flags & O_ACCMODE) == O_RDONLY;
	unsigned mask = 0;

	spin_lock(&p->lock);
	if (pt)
		poll_wait(pt, reader ? &p->read_wait : &p->write_wait);
	if (reader) {
		if (pipe_used(p))
			mask |= POLLIN | POLLRDNORM;
		if (!p->writers)
			mask |= POLLHUP;
	} else {
		/* Writable when a PIPE_BUF write would not block. */
		if (pipe_room(p) >= PIPE_BUF)
			mask |= POLLOUT | POLLWRNORM;
		if (!p->readers)
			mask |= POLLERR;
	}
	spin_unlock(&p->lock);
	return mask;
}

static long pipe_ioctl(struct file *f, unsigned cmd, uint64_t arg)
{
	struct pipe *p = f->priv;
	int32_t n;

	if (cmd != FIONREAD)
		return -ENOTTY;
	n = (int32_t)pipe_used(p);
	return copy_to_user((void __user *)arg, &n, sizeof(n)) ? -EFAULT : 0;
}

/* O_ASYNC: SIGIO when data comes (read end) or room appears (write end). */
static int pipe_fasync(struct file *f, bool on)
{
	struct pipe *p = f->priv;
	unsigned acc = f->flags & O_ACCMODE;
	int err = 0;

	if (acc == O_RDONLY || acc == O_RDWR)
		err = fasync_set(&p->async_readers, f, on);
	if (!err && (acc == O_WRONLY || acc == O_RDWR)) {
		err = fasync_set(&p->async_writers, f, on);
		if (err && acc == O_RDWR)
			fasync_set(&p->async_readers, f, false);
	}
	return err;
}

static long pipe_lseek(struct file *f __unused, int64_t off __unused, int whence __unused)
{
	return -ESPIPE;
}

static void pipe_release(struct file *f)
{
	struct pipe *p = f->priv;
	unsigned acc = f->flags & O_ACCMODE;
	bool gone;

	/* fifo_lock first: a FIFO's opener finds the pipe under it. */
	if (p->fifo_inode)
		spin_lock(&fifo_lock);
	spin_lock(&p->lock);
	/* A FIFO opened O_RDWR is both ends at once (fifo(7)). */
	if (acc == O_RDONLY || acc == O_RDWR) {
		p->readers--;
		wake_up_all(&p->write_wait);	/* writers now get EPIPE */
	}
	if (acc == O_WRONLY || acc == O_RDWR) {
		p->writers--;
		wake_up_all(&p->read_wait);	/* readers now see EOF */
	}
	/* One side is gone for good: SIGIO to the other, as Linux's pipe_release. */
	if (!p->readers != !p->writers) {
		fasync_notify(&p->async_readers);
		fasync_notify(&p->async_writers);
	}
	gone = !p->readers && !p->writers;
	spin_unlock(&p->lock);
	if (p->fifo_inode) {
		if (gone)
			fifo_forget(p);
		spin_unlock(&fifo_lock);
	}
	if (gone)
		pipe_free(p);
}

void pipe_free(struct pipe *p)
{
	for (unsigned i = 0; i < p->nr_pages; i++)
		kfree(p->pages[i]);
	kfree(p->pages);
	kfree(p->spare);
	kfree(p->slot_meta);
	pipe_uncharge(p);
	kfree(p);
}

int pipe_alloc(struct pipe **out)
{
	struct pipe *p = kzalloc(sizeof(*p));
	int err;

	if (!p)
		return -ENOMEM;
	err = pipe_charge(p);
	if (err) {
		kfree(p);
		return err;
	}
	p->pages = kzalloc(p->nr_pages * sizeof(*p->pages));
	if (!p->pages) {
		pipe_uncharge(p);
		kfree(p);
		return -ENOMEM;
	}
	wait_queue_init(&p->read_wait);
	wait_queue_init(&p->write_wait);
	fasync_list_init(&p->async_readers);
	fasync_list_init(&p->async_writers);
	mutex_init(&p->read_lock);
	spin_lock_init(&p->lock, "pipe.lock");
	*out = p;
	return 0;
}

struct pipe *pipe_of_file(struct file *f)
{
	if (f->ops == &pipe_ops)
		return f->priv;
	return NULL;
}

const struct file_ops pipe_ops = {
	.read = pipe_read,
	.write = pipe_write,
	.lseek = pipe_lseek,
	.ioctl = pipe_ioctl,
	.poll = pipe_poll,
	.release = pipe_release,
	.fasync = pipe_fasync,
};

int pipe_create(struct file *ends[2], unsigned flags)
{
	struct pipe *p;
	int err;

	if (flags & ~(unsigned)(O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	err = pipe_alloc(&p);
	if (err)
		return err;
	p->readers = p->writers = 1;
	/* Linux's create_pipe_files: O_DIRECT (packet writes) on the write end only. */
	ends[0] = file_alloc_anon(&pipe_ops, p, O_RDONLY | (flags & ~(unsigned)O_DIRECT));
	ends[1] = file_alloc_anon(&pipe_ops, p, O_WRONLY | flags);
	if (!ends[0] || !ends[1]) {
		/* Release the end that exists as if the other had closed. */
		if (ends[0]) {
			p->writers = 0;
			file_put(ends[0]);
		} else if (ends[1]) {
			p->readers = 0;
			file_put(ends[1]);
		} else {
			pipe_free(p);
		}
		return -ENOMEM;
	}
	/* Its inode (pipefs.c), which /proc/PID/fd/N opens as a FIFO. */
	err = pipefs_attach(ends, 2);
	if (err) {
		file_put(ends[0]);
		file_put(ends[1]);
		return err;
	}
	fifo_attach(p, ends[0]->inode);
	return 0;
}

/* pipe2(2): O_CLOEXEC, O_NONBLOCK and O_DIRECT (packet mode). */
static long pipe_syscall(int __user *ufds, uint64_t flags)
{
	struct file *ends[2];
	int32_t fds[2];
	unsigned fd_flags = (flags & O_CLOEXEC) ? FD_CLOEXEC_FLAG : 0;
	int err;

	if (flags & ~(uint64_t)(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	err = pipe_create(ends, (unsigned)(flags & (O_NONBLOCK | O_DIRECT)));
	if (err)
		return err;
	fds[0] = fd_install(ends[0], fd_flags);
	if (fds[0] < 0) {
		file_put(ends[0]);
		file_put(ends[1]);
		return fds[0];
	}
	fds[1] = fd_install(ends[1], fd_flags);
	if (fds[1] < 0) {
		file_put(ends[1]);
		fd_close(fds[0]);
		return fds[1];
	}
	if (copy_to_user(ufds, fds, sizeof(fds))) {
		fd_close(fds[0]);
		fd_close(fds[1]);
		return -EFAULT;
	}
	return 0;
}

SYSCALL_DEFINE1(pipe, int __user *, fildes)
{
	return pipe_syscall(fildes, 0);
}

/*
 * flags is taken whole (Linux declares it int): bits above the low 32
 * make it EINVAL.
 */
SYSCALL_DEFINE2(pipe2, int __user *, fildes, uint64_t, flags)
{
	return pipe_syscall(fildes, flags);
}
