/*
 * pty_ring_test.c: kernel/tty/pty_ring.c, a pty's output queue in
 * pages held only while they hold data: pages wanted for a write, room
 * only in the pages held, pages given back as reads drain them (all of
 * them once empty unless a writer keeps them), positions starting
 * again at a page boundary, and a random run against a plain model.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <tty/pty_ring.h>

#define RANDOM_STEPS	200000
#define RANDOM_SEED	21u

static struct pty_ring ring;
static unsigned pages_out;	/* pages handed to the ring and not back yet */

static void ring_reset(void)
{
	memset(&ring, 0, sizeof(ring));
	pages_out = 0;
}

/* Brings the pages the ring wants for bytes; how many. */
static unsigned bring(size_t bytes)
{
	unsigned n = pty_ring_pages_wanted(&ring, bytes);

	for (unsigned i = 0; i < n; i++) {
		uint8_t *p = malloc(PTY_RING_PAGE);

		assert_non_null(p);
		pty_ring_add_page(&ring, p);
		pages_out++;
	}
	return n;
}

static unsigned give_back(unsigned n, uint8_t **pages)
{
	for (unsigned i = 0; i < n; i++)
		free(pages[i]);
	assert_true(pages_out >= n);
	pages_out -= n;
	return n;
}

static unsigned trim(bool keep)
{
	uint8_t *pages[PTY_RING_SLOTS];

	return give_back(pty_ring_trim(&ring, keep, pages), pages);
}

static void test_idle_holds_nothing(void **state)
{
	(void)state;
	ring_reset();
	assert_int_equal(pty_ring_room(&ring), 0);
	assert_int_equal(pty_ring_space(&ring), PTY_RING_SIZE);
	assert_int_equal(pty_ring_write(&ring, (const uint8_t *)"x", 1), 0);
	assert_int_equal(pty_ring_pages_wanted(&ring, 0), 0);
	assert_int_equal(pty_ring_pages_wanted(&ring, 1), 1);
	assert_int_equal(pty_ring_pages_wanted(&ring, PTY_RING_PAGE + 1), 2);
	assert_int_equal(pty_ring_pages_wanted(&ring, SIZE_MAX), PTY_RING_SIZE / PTY_RING_PAGE);
}

static void test_write_read_frees(void **state)
{
	uint8_t buf[PTY_RING_PAGE * 2];

	(void)state;
	ring_reset();
	assert_int_equal(bring(100), 1);
	assert_int_equal(pty_ring_room(&ring), PTY_RING_PAGE);
	assert_int_equal(pty_ring_write(&ring, (const uint8_t *)"hello", 5), 5);
	assert_int_equal(pty_ring_used(&ring), 5);
	assert_int_equal(trim(false), 0);		/* data in it: kept */
	assert_int_equal(pty_ring_read(&ring, buf, sizeof(buf)), 5);
	assert_memory_equal(buf, "hello", 5);
	assert_int_equal(trim(true), 0);		/* a writer keeps it */
	assert_int_equal(pty_ring_room(&ring), PTY_RING_PAGE);	/* back at the page's start */
	assert_int_equal(trim(false), 1);
	assert_int_equal(ring.npages, 0);
	assert_int_equal(pages_out, 0);
}

static void test_room_only_in_pages(void **state)
{
	uint8_t buf[PTY_RING_SIZE];

	(void)state;
	ring_reset();
	memset(buf, 'a', sizeof(buf));
	bring(10);
	/* One page: a bigger write stops at its end. */
	assert_int_equal(pty_ring_write(&ring, buf, PTY_RING_PAGE + 10), PTY_RING_PAGE);
	assert_int_equal(pty_ring_room(&ring), 0);
	assert_int_equal(bring(SIZE_MAX), PTY_RING_SIZE / PTY_RING_PAGE - 1);
	assert_int_equal(pty_ring_write(&ring, buf, sizeof(buf)), PTY_RING_SIZE - PTY_RING_PAGE);
	assert_int_equal(pty_ring_space(&ring), 0);
	assert_int_equal(pty_ring_pages_wanted(&ring, 1), 0);
	/* Half a page read: that page still holds data. */
	assert_int_equal(pty_ring_read(&ring, buf, PTY_RING_PAGE / 2), PTY_RING_PAGE / 2);
	assert_int_equal(trim(false), 0);
	assert_int_equal(pty_ring_space(&ring), PTY_RING_PAGE / 2);
	/* The room is past the last page: one more page, the ring's fifth slot. */
	assert_int_equal(pty_ring_room(&ring), 0);
	assert_int_equal(bring(PTY_RING_PAGE / 2), 1);
	assert_int_equal(ring.npages, PTY_RING_SLOTS);
	assert_int_equal(pty_ring_write(&ring, buf, PTY_RING_PAGE), PTY_RING_PAGE / 2);
	/* Reading the first page wholly gives it back. */
	assert_int_equal(pty_ring_read(&ring, buf, PTY_RING_PAGE / 2), PTY_RING_PAGE / 2);
	assert_int_equal(trim(true), 1);
	assert_int_equal(pty_ring_read(&ring, buf, sizeof(buf)), PTY_RING_SIZE - PTY_RING_PAGE / 2);
	assert_int_equal(trim(false), PTY_RING_SLOTS - 1);
	assert_int_equal(pages_out, 0);
}

static void test_drop(void **state)
{
	uint8_t *pages[PTY_RING_SLOTS];

	(void)state;
	ring_reset();
	bring(3 * PTY_RING_PAGE);
	pty_ring_write(&ring, (const uint8_t *)"abc", 3);
	assert_int_equal(give_back(pty_ring_drop(&ring, pages), pages), 3);
	assert_int_equal(pty_ring_used(&ring), 0);
	assert_int_equal(pages_out, 0);
}

/* Random writes (with pages brought first), reads and trims against a byte model. */
static void test_random_against_model(void **state)
{
	static uint8_t model[1 << 16];
	uint64_t mhead = 0, mtail = 0;
	uint8_t buf[PTY_RING_SIZE + PTY_RING_PAGE];

	(void)state;
	ring_reset();
	srand(RANDOM_SEED);
	for (unsigned step = 0; step < RANDOM_STEPS; step++) {
		size_t len = (size_t)rand() % (PTY_RING_PAGE + PTY_RING_PAGE / 2);
		size_t n;

		switch (rand() % 3) {
		case 0:
			if (rand() % 4)
				bring(len);
			for (size_t i = 0; i < len; i++)
				buf[i] = (uint8_t)rand();
			n = pty_ring_write(&ring, buf, len);
			assert_true(n <= len && mhead - mtail + n <= PTY_RING_SIZE);
			for (size_t i = 0; i < n; i++)
				model[mhead++ % sizeof(model)] = buf[i];
			break;
		case 1:
			n = pty_ring_read(&ring, buf, len);
			assert_int_equal(n, len < mhead - mtail ? len : mhead - mtail);
			for (size_t i = 0; i < n; i++)
				assert_int_equal(buf[i], model[mtail++ % sizeof(model)]);
			break;
		default:
			trim(rand() % 2);
			break;
		}
		assert_int_equal(pty_ring_used(&ring), mhead - mtail);
		assert_true(ring.npages <= PTY_RING_SLOTS);
		assert_int_equal(pages_out, ring.npages);
		/* An empty ring gives every page back. */
		if (mhead == mtail && step % 2) {
			unsigned held = pages_out;

			assert_int_equal(trim(false), held);
			assert_int_equal(ring.npages, 0);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_idle_holds_nothing),
		cmocka_unit_test(test_write_read_frees),
		cmocka_unit_test(test_room_only_in_pages),
		cmocka_unit_test(test_drop),
		cmocka_unit_test(test_random_against_model),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
