/*
 * pty_ring.h: the queue of a pty slave's output for its master
 * (pty_ring.c), held in pages that come and go with the data: an idle
 * pair holds none. Linux's pty keeps its queue in tty flip buffers
 * allocated as data arrives, up to about 20 KiB a side (measured: a
 * raw slave write blocks after 20480 bytes); this one holds
 * PTY_RING_SIZE bytes.
 *
 * Pure logic: no locking and no allocation. The caller (pty.c) holds
 * the pair's lock around every call and brings the pages, allocated
 * outside the lock (pty_ring_pages_wanted, pty_ring_add_page), since
 * the slave's output is written under its tty spinlock; it frees what
 * pty_ring_trim hands back after unlocking.
 *
 * Positions are free-running 64-bit byte counts (they never wrap);
 * byte b lives in page number b / PTY_RING_PAGE, in slot that number
 * modulo PTY_RING_SLOTS. The pages held are the numbers first ..
 * first + npages - 1, and first * PTY_RING_PAGE <= tail <= head <=
 * (first + npages) * PTY_RING_PAGE once a page is held.
 */
#ifndef TTY_PTY_RING_H
#define TTY_PTY_RING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PTY_RING_PAGE	4096		/* PAGE_SIZE: pty.c checks */
#define PTY_RING_SIZE	16384		/* bytes queued at most */
/* A full ring that does not start at a page boundary spans one page more. */
#define PTY_RING_SLOTS	(PTY_RING_SIZE / PTY_RING_PAGE + 1)

struct pty_ring {
	uint8_t *page[PTY_RING_SLOTS];
	uint64_t head, tail;		/* bytes written, bytes read */
	uint64_t first;			/* page number of the first page held */
	unsigned npages;		/* pages held */
};

/* Bytes queued. */
uint32_t pty_ring_used(const struct pty_ring *r);
/* Bytes a writer could queue once it has the pages (PTY_RING_SIZE - used). */
uint32_t pty_ring_space(const struct pty_ring *r);
/* Bytes that fit now, in the pages held. */
uint32_t pty_ring_room(const struct pty_ring *r);
/* Pages to add (pty_ring_add_page) so that room covers min(bytes, space). */
unsigned pty_ring_pages_wanted(const struct pty_ring *r, size_t bytes);
/* One more page, PTY_RING_PAGE bytes; only while pty_ring_pages_wanted > 0. */
void pty_ring_add_page(struct pty_ring *r, uint8_t *page);
/* Queues up to room bytes of s; how many. */
size_t pty_ring_write(struct pty_ring *r, const uint8_t *s, size_t len);
/* Takes up to n bytes into dst; how many. */
size_t pty_ring_read(struct pty_ring *r, uint8_t *dst, size_t n);
/*
 * Gives back the pages no byte is queued in any more (into out, at most
 * PTY_RING_SLOTS; returns how many): the pages wholly read, and, once
 * the ring is empty, every page unless keep (a writer brought pages
 * for what it is about to write). An empty ring's positions move back
 * to its first page's start, so all the pages it keeps are room.
 */
unsigned pty_ring_trim(struct pty_ring *r, bool keep, uint8_t **out);
/* Every page, whatever is queued (the pair is freed). */
unsigned pty_ring_drop(struct pty_ring *r, uint8_t **out);

#endif /* TTY_PTY_RING_H */
