/*
 * pipe.h: anonymous pipes (pipe.c), pipe(7): a 64 KiB ring between a
 * read end and a write end, writes of at most PIPE_BUF bytes atomic.
 */
#ifndef FS_PIPE_H
#define FS_PIPE_H

#include <fs/file.h>

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

long sys_pipe(struct trap_frame *f);
long sys_pipe2(struct trap_frame *f);

#endif /* FS_PIPE_H */
