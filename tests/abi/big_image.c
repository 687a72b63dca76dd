/*
 * big_image.c: a static program whose file is over 4 MiB, from a 5 MiB
 * initialized array in .data: exec must load it without holding the
 * whole file in one kernel block (kmalloc's largest is 4 MiB), and every
 * byte of the segment must arrive where it belongs: marks at offsets
 * that fall at different places within pages, zeros everywhere else.
 * Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include "abi_tap.h"

#define PLAN		2
#define MIB		(1 << 20)
#define BIG		(5 * MIB)

static const size_t mark_at[] = { 0, MIB, 2 * MIB + 1, 3 * MIB + 4095, 4 * MIB + 17, BIG - 1 };
#define MARKS		(sizeof(mark_at) / sizeof(mark_at[0]))

/* Non-zero bytes put the array in the file (.data), not in bss. */
static volatile uint8_t big[BIG] = {
	[0] = 1, [MIB] = 2, [2 * MIB + 1] = 3, [3 * MIB + 4095] = 4, [4 * MIB + 17] = 5,
	[BIG - 1] = 6,
};

int main(void)
{
	size_t marks_right = 0, nonzero = 0;

	tap_plan(PLAN);
	for (size_t m = 0; m < MARKS; m++)
		marks_right += big[mark_at[m]] == m + 1;
	for (size_t i = 0; i < BIG; i++)
		nonzero += big[i] != 0;
	check(marks_right == MARKS, "%zu of %zu marks in a %d-byte .data array in place",
	      marks_right, MARKS, BIG);
	check(nonzero == MARKS, "every other byte zero, as in the file (%zu non-zero)", nonzero);
	return tap_done();
}
