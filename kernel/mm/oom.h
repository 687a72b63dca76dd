/*
 * oom.h: the out-of-memory killer (kernel/mm/oom.c).
 */
#ifndef MM_OOM_H
#define MM_OOM_H

#include <stdint.h>

/*
 * A user page fault found no free frame: SIGKILL the process holding the
 * most memory (PID 1 spared), unless an earlier victim is still on its
 * way out, then give the CPU to let it go. The faulting access is retried
 * afterwards: it succeeds once memory is back, or the faulting process is
 * the victim and dies. Interrupts on; may sleep.
 */
void oom_kill_and_wait(void);

#endif /* MM_OOM_H */
