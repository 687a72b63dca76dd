/*
 * pipe.h: anonymous pipes (pipe.c), pipe(7): a 64 KiB ring between a
 * read end and a write end, writes of at most PIPE_BUF bytes atomic.
 */
#ifndef FS_PIPE_H
#define FS_PIPE_H

#include <fs/fasync.h>
#include <fs/file.h>
#include <proc/list.h>
#include <proc/mutex.h>
#include <proc/wait.h>

/* Linux's default capacity: 16 pages (pipe(7), "Pipe capacity"). */
#define PIPE_CAPACITY	(16 * 4096)
/* POSIX: writes up to this many bytes are never interleaved (limits.h). */
#define PIPE_BUF	4096

struct trap_frame;

/*
 * Makes a pipe: ends[0] the read end, ends[1] the write end, each with
 * one reference; flags may hold O_NONBLOCK (O_CLOEXEC is the caller's,
 * for the descriptors). 0, -EINVAL for other flags, or -ENOMEM.
 */
int pipe_create(struct file *ends[2], unsigned flags);

/* ---- shared with fifo.c (named pipes) ------------------------------------ */

/* Locking: interrupts off for the counts and the ring; read_lock below. */
struct pipe {
	uint8_t *ring;			/* PIPE_CAPACITY bytes */
	uint32_t head, tail;		/* free-running; head - tail = used */
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

/* An empty pipe with no ends, or NULL; pipe_free undoes it. */
struct pipe *pipe_alloc(void);
void pipe_free(struct pipe *p);
/* The read/write/poll/ioctl/release of a pipe's ends (f->priv: the pipe). */
extern const struct file_ops pipe_ops;
/* The last end of a FIFO's pipe closed: fifo.c drops it from its inode. */
void fifo_forget(struct pipe *p);
/* open of a FIFO inode (fifo(7)): the VFS's ops for S_IFIFO. */
extern const struct file_ops fifo_ops;

long sys_pipe(struct trap_frame *f);
long sys_pipe2(struct trap_frame *f);

#endif /* FS_PIPE_H */
