/*
 * profile.h: a sampling profiler of kernel time (kernel/core/profile.c),
 * the idea of Linux's profile= and readprofile: with "profile" on the
 * command line, every timer tick records where the CPU was (the kernel
 * %rip it interrupted, or "user" or "idle"), and a power off or reboot
 * prints the functions that took the most ticks. make bench
 * BENCH_PROFILE=1 boots Basalt that way.
 */
#ifndef BASALT_PROFILE_H
#define BASALT_PROFILE_H

#include <stdbool.h>
#include <stdint.h>

/* Allocates the sample buffer if the command line asked for it. */
void profile_init(void);
/* From the timer tick: rip interrupted in ring 0, or a user or idle tick. */
void profile_tick(uint64_t rip, bool user, bool idle);
/* Prints the profile on the kernel log (at power off and reboot). */
void profile_report(void);

#endif /* BASALT_PROFILE_H */
