/*
 * vdso.h: the vDSO (arch/x86_64/vdso/vdso.c), a small shared object in
 * the kernel image that exec maps into every process with its vvar page,
 * so that glibc reads the clocks without a system call (vdso(7)).
 */
#ifndef ASM_VDSO_H
#define ASM_VDSO_H

#include <stdbool.h>
#include <stdint.h>

struct vm_space;

/*
 * exec: maps the vvar page and the vDSO below vm's mmap base (random
 * with ASLR) and records them in vm->vvar_base / vm->vdso_base, the
 * image's address being AT_SYSINFO_EHDR. 0, or -ENOMEM.
 */
int vdso_map(struct vm_space *vm);
/* The timer tick: refreshes the vvar page's coarse clocks. */
void vdso_tick(void);
/* The realtime clock was stepped (clock_settime...): refresh now. */
void vdso_clock_was_set(void);
/*
 * CLOCK_MONOTONIC_COARSE / CLOCK_REALTIME_COARSE as the vvar page has
 * them (the last tick), so the system call and the vDSO agree; false
 * before the page exists.
 */
bool vdso_coarse_ns(bool realtime, int64_t *ns);

#endif /* ASM_VDSO_H */
