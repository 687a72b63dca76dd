/*
 * pipe.h: anonymous pipes (pipe.c), pipe(7): a ring of pages between a
 * read end and a write end (64 KiB by default, F_SETPIPE_SZ changes it),
 * writes of at most PIPE_BUF bytes atomic; the pages come as data does.
 * pipe_limits.c holds the per-pipe and per-user limits.
 */
#ifndef FS_PIPE_H
#define FS_PIPE_H

#include <fs/fasync.h>
#include <fs/file.h>
#include <basalt/list.h>
#include <sched/mutex.h>
#include <sched/wait.h>

/* Linux's default capacity: 16 pages (pipe(7), "Pipe capacity"). */
#define PIPE_DEFAULT_PAGES		16
/* What a user past the soft limit gets (Linux's PIPE_MIN_DEF_BUFFERS). */
#define PIPE_MIN_PAGES			2
/* The defaults of /proc/sys/fs/pipe-max-size and pipe-user-pages-soft. */
#define PIPE_DEFAULT_MAX_SIZE		(1024 * 1024)
#define PIPE_DEFAULT_USER_PAGES_SOFT	16384
/* POSIX: writes up to this many bytes are never interleaved (limits.h). */
#define PIPE_BUF	4096

/*
 * Makes a pipe: ends[0] the read end, ends[1] the write end, each with
 * one reference; flags may hold O_NONBLOCK (O_CLOEXEC is the caller's,
 * for the descriptors). 0, -EINVAL for other flags, or -ENOMEM.
 */
int pipe_create(struct file *ends[2], unsigned flags);

/* ---- shared with fifo.c (named pipes) ------------------------------------ */

/* Locking: interrupts off for the counts and the ring; read_lock below. */
struct pipe {
	/*
	 * The ring: nr_pages slots (a power of two) of a page each, a slot's
	 * page allocated with the first byte written there and freed once
	 * read; byte i of the stream lives in slot (i / PAGE_SIZE) % nr_pages.
	 */
	uint8_t **pages;
	unsigned nr_pages;
	uint8_t *spare;			/* one freed page kept for the next write */
	uint32_t head, tail;		/* free-running; head - tail = used */
	/*
	 * Packet mode (pipe2 O_DIRECT, pipe(7)): NULL until the first
	 * packet is written, then one word per slot: 0 for ordinary bytes,
	 * else PIPE_SLOT_PACKET and/or the length of the slot's bytes from
	 * its start (pipe.c).
	 */
	uint16_t *slot_meta;
	uint32_t uid;			/* charged with nr_pages (pipe_limits.c) */
	/*
	 * guards: the ring (pages, nr_pages, spare, head, tail), readers,
	 * writers, read_opens, write_opens and the tests before sleeping on
	 * the queues. Not irqsave: no interrupt handler touches a pipe.
	 */
	struct spinlock lock;
	unsigned readers, writers;	/* open ends */
	struct wait_queue read_wait;	/* data arrived or the last writer left */
	struct wait_queue write_wait;	/* room appeared or the last reader left */
	/* O_ASYNC ends (fasync.h): SIGIO on the same events as the queues. */
	struct fasync_list async_readers, async_writers;
	/*
	 * Readers one at a time: a read copies bytes out before it consumes
	 * them, so that a bad buffer (EFAULT) loses nothing, as on Linux.
	 */
	struct mutex read_lock;
	/* Named pipes (fifo.c): the inode, and how many opened each end ever. */
	struct inode *fifo_inode;
	unsigned read_opens, write_opens;
	struct list_node fifo_link;
};

/*
 * An empty pipe with no ends, charged to the caller's real uid: 0, or
 * -ENOMEM, or -ENFILE past the hard per-user limit. pipe_free undoes it.
 */
int pipe_alloc(struct pipe **out);
void pipe_free(struct pipe *p);
/* The pipe of a pipe or FIFO file, or NULL for any other file. */
struct pipe *pipe_of_file(struct file *f);
/* Changes the ring to pages slots keeping the data (p->lock held): 0, -EBUSY, -ENOMEM. */
int pipe_resize(struct pipe *p, unsigned pages);

/* ---- pipe_limits.c ------------------------------------------------------- */

/* /proc/sys/fs/pipe-max-size, pipe-user-pages-soft, pipe-user-pages-hard. */
extern uint64_t pipe_max_size, pipe_user_pages_soft, pipe_user_pages_hard;
/* Sets p->uid and p->nr_pages for a new pipe within the limits: 0 or an errno. */
int pipe_charge(struct pipe *p);
void pipe_uncharge(struct pipe *p);
/* fcntl F_SETPIPE_SZ: the new capacity in bytes, or -EINVAL, -EPERM, -EBUSY. */
long pipe_set_size(struct pipe *p, uint64_t size);
/* The read/write/poll/ioctl/release of a pipe's ends (f->priv: the pipe). */
extern const struct file_ops pipe_ops;
/* The last end of a FIFO's pipe closed: fifo.c drops it from its inode. */
void fifo_forget(struct pipe *p);
/*
 * guards: the list of open FIFOs (fifo.c) and a FIFO pipe's lifetime:
 * taken before the pipe's lock by the openers and the last release.
 */
extern struct spinlock fifo_lock;
/*
 * Makes ino (a pipe's pipefs inode) the FIFO of p, so that opening ino
 * (/proc/PID/fd/N) reaches p, as Linux opens a pipe through its inode.
 */
void fifo_attach(struct pipe *p, struct inode *ino);

/* ---- pipefs.c ------------------------------------------------------------- */

/*
 * Gives the n files (the ends of one new pipe) a new pipefs inode: an
 * S_IFIFO inode numbered by pipefs's counter, owned by the caller, with
 * a nameless dentry on pipefs's internal mount as their path. 0 or
 * -ENOMEM (the files are left without one).
 */
int pipefs_attach(struct file *const *files, unsigned n);
/* Whether ino is a pipe's (pipefs's) rather than a named FIFO's. */
bool pipefs_owns(const struct inode *ino);
/* open of a FIFO inode (fifo(7)): the VFS's ops for S_IFIFO. */
extern const struct file_ops fifo_ops;

#endif /* FS_PIPE_H */
