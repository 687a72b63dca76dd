/*
 * pty_ring.c: a pty slave's output queue in pages held only while they
 * hold data (pty_ring.h). Runs under the pair's lock; never allocates.
 */
#include <tty/pty_ring.h>

static uint8_t **ring_slot(struct pty_ring *r, uint64_t page_no)
{
	return &r->page[page_no % PTY_RING_SLOTS];
}

static uint64_t ring_end(const struct pty_ring *r)
{
	return (r->first + r->npages) * PTY_RING_PAGE;
}

static bool ring_empty(const struct pty_ring *r)
{
	return r->head == r->tail;
}

/* Where the next byte goes: an empty ring starts again at its first page. */
static uint64_t ring_write_pos(const struct pty_ring *r)
{
	return ring_empty(r) && r->npages ? r->first * PTY_RING_PAGE : r->head;
}

uint32_t pty_ring_used(const struct pty_ring *r)
{
	return (uint32_t)(r->head - r->tail);
}

uint32_t pty_ring_space(const struct pty_ring *r)
{
	return PTY_RING_SIZE - pty_ring_used(r);
}

uint32_t pty_ring_room(const struct pty_ring *r)
{
	uint64_t room;

	if (!r->npages)
		return 0;
	room = ring_end(r) - ring_write_pos(r);
	return room < pty_ring_space(r) ? (uint32_t)room : pty_ring_space(r);
}

unsigned pty_ring_pages_wanted(const struct pty_ring *r, size_t bytes)
{
	uint64_t want = bytes < pty_ring_space(r) ? bytes : pty_ring_space(r);
	uint64_t have = r->npages ? ring_end(r) - ring_write_pos(r) : 0;
	uint64_t pages;

	if (want <= have)
		return 0;
	pages = (want - have + PTY_RING_PAGE - 1) / PTY_RING_PAGE;
	if (pages > PTY_RING_SLOTS - r->npages)
		pages = PTY_RING_SLOTS - r->npages;
	return (unsigned)pages;
}

void pty_ring_add_page(struct pty_ring *r, uint8_t *page)
{
	if (!r->npages) {
		/* Nothing is queued without a page: start on a page boundary. */
		r->head = r->tail = r->head / PTY_RING_PAGE * PTY_RING_PAGE;
		r->first = r->head / PTY_RING_PAGE;
	} else if (ring_empty(r)) {
		r->head = r->tail = r->first * PTY_RING_PAGE;
	}
	*ring_slot(r, r->first + r->npages) = page;
	r->npages++;
}

size_t pty_ring_write(struct pty_ring *r, const uint8_t *s, size_t len)
{
	size_t n = pty_ring_room(r), i;

	if (n > len)
		n = len;
	if (n && ring_empty(r))
		r->head = r->tail = ring_write_pos(r);
	for (i = 0; i < n; i++, r->head++)
		(*ring_slot(r, r->head / PTY_RING_PAGE))[r->head % PTY_RING_PAGE] = s[i];
	return n;
}

size_t pty_ring_read(struct pty_ring *r, uint8_t *dst, size_t n)
{
	size_t i;

	if (n > pty_ring_used(r))
		n = pty_ring_used(r);
	for (i = 0; i < n; i++, r->tail++)
		dst[i] = (*ring_slot(r, r->tail / PTY_RING_PAGE))[r->tail % PTY_RING_PAGE];
	return n;
}

/* Hands the first page held to out. */
static void ring_give_first(struct pty_ring *r, uint8_t **out, unsigned *k)
{
	uint8_t **slot = ring_slot(r, r->first);

	out[(*k)++] = *slot;
	*slot = NULL;
	r->first++;
	r->npages--;
}

unsigned pty_ring_trim(struct pty_ring *r, bool keep, uint8_t **out)
{
	unsigned k = 0;

	while (r->npages && r->tail >= (r->first + 1) * PTY_RING_PAGE)
		ring_give_first(r, out, &k);
	if (ring_empty(r)) {
		if (!keep)
			while (r->npages)
				ring_give_first(r, out, &k);
		else if (r->npages)
			r->head = r->tail = r->first * PTY_RING_PAGE;
	}
	return k;
}

unsigned pty_ring_drop(struct pty_ring *r, uint8_t **out)
{
	unsigned k = 0;

	while (r->npages)
		ring_give_first(r, out, &k);
	r->tail = r->head;
	return k;
}
