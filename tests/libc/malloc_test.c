/* malloc_test.c: malloc, calloc, realloc and free under a pseudo-random allocation pattern. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

#define SLOT_COUNT 512
#define ROUNDS 20000
#define MAX_SMALL_SIZE 2048
#define LARGE_SIZE (8 * 1024 * 1024)
#define MALLOC_ALIGNMENT 16	/* alignof(max_align_t) on x86_64 */

struct slot {
	unsigned char *data;
	size_t size;
	unsigned char fill;
};

/* A linear congruential generator (Knuth's MMIX constants): the same sequence with any libc. */
static uint64_t random_state = 1;

static uint32_t next_random(void)
{
	random_state = random_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(random_state >> 33);
}

static int slot_intact(const struct slot *s)
{
	size_t i;

	for (i = 0; i < s->size; i++) {
		if (s->data[i] != s->fill)
			return 0;
	}
	return 1;
}

static void test_stress(void)
{
	static struct slot slots[SLOT_COUNT];
	int round, intact = 1, aligned = 1, allocated = 1;
	struct slot *s;

	for (round = 0; round < ROUNDS; round++) {
		s = &slots[next_random() % SLOT_COUNT];
		if (s->data) {
			intact &= slot_intact(s);
			free(s->data);
			s->data = NULL;
			continue;
		}
		s->size = next_random() % MAX_SMALL_SIZE + 1;
		s->fill = (unsigned char)round;
		s->data = malloc(s->size);
		if (!s->data) {
			allocated = 0;
			break;
		}
		aligned &= ((uintptr_t)s->data % MALLOC_ALIGNMENT) == 0;
		memset(s->data, s->fill, s->size);
	}
	for (s = slots; s < slots + SLOT_COUNT; s++) {
		if (s->data) {
			intact &= slot_intact(s);
			free(s->data);
		}
	}
	tap_ok(allocated, "%d rounds of malloc/free succeed", ROUNDS);
	tap_ok(aligned, "every block is %d-byte aligned", MALLOC_ALIGNMENT);
	tap_ok(intact, "no block is overwritten by another");
}

static void test_calloc_realloc(void)
{
	unsigned char *block, *grown;
	size_t i;
	int zero = 1, kept = 1;

	block = calloc(1000, 4);
	for (i = 0; block && i < 4000; i++)
		zero &= block[i] == 0;
	tap_ok(block != NULL && zero, "calloc gives zeroed memory");

	for (i = 0; block && i < 4000; i++)
		block[i] = (unsigned char)i;
	grown = realloc(block, 100000);
	for (i = 0; grown && i < 4000; i++)
		kept &= grown[i] == (unsigned char)i;
	tap_ok(grown != NULL && kept, "realloc keeps the contents when growing");
	free(grown ? grown : block);

	block = malloc(LARGE_SIZE);
	if (block) {
		memset(block, 0xa5, LARGE_SIZE);
		kept = block[0] == 0xa5 && block[LARGE_SIZE - 1] == 0xa5;
	}
	tap_ok(block != NULL && kept, "an 8 MiB block is usable");
	free(block);
	tap_ok(realloc(NULL, 16) != NULL, "realloc(NULL, n) allocates");
}

int main(void)
{
	tap_plan(7);
	test_stress();
	test_calloc_realloc();
	return tap_done();
}
