/*
 * vdso_data.h: the vvar page, the data the kernel shares read-only with
 * the vDSO of every process (vdso.c writes it, user/vclock.c reads it).
 * Plain integers only: the vDSO is built without the kernel's headers.
 *
 * Consistency: a seqcount (Linux's vdso_data.seq idea). The writer
 * (vdso.c, under vdso_lock) makes seq odd, stores the fields, and makes
 * it even again; a reader retries while seq is odd or changed across
 * its reads. x86 keeps loads in order with loads and stores with stores
 * (SDM Vol. 3A 9.2.2), so compiler barriers are enough on both sides.
 */
#ifndef VDSO_DATA_H
#define VDSO_DATA_H

#include <stdint.h>

/* How the vDSO reads the precise clocks (vdso_data.clock_mode). */
#define VDSO_CLOCK_NONE	0	/* the clock source is not user readable: system call */
#define VDSO_CLOCK_TSC	1	/* the kernel's own TSC formula (time/clock.c) */

/* The TSC formula's fixed point: ns = delta * tsc_mult >> VDSO_TSC_SHIFT. */
#define VDSO_TSC_SHIFT	32

struct vdso_data {
	uint32_t seq;			/* odd while the kernel writes */
	uint32_t clock_mode;		/* VDSO_CLOCK_* */
	uint64_t tsc_origin;		/* TSC mode: the monotonic clock's zero */
	uint64_t tsc_mult;		/* TSC mode: ns per tick, 32.32 fixed point */
	int64_t real_offset_ns;		/* CLOCK_REALTIME = CLOCK_MONOTONIC + this */
	int64_t coarse_mono_ns;		/* CLOCK_MONOTONIC_COARSE: at the last tick */
	int64_t coarse_real_ns;		/* CLOCK_REALTIME_COARSE: at the last tick */
	int64_t tick_ns;		/* the tick: the coarse clocks' resolution */
	uint64_t updates;		/* ticks that refreshed the page (tests, debugging) */
};

#endif /* VDSO_DATA_H */
