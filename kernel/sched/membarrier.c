/*
 * membarrier(2): memory barriers on every thread of the process (or of
 * the system), so that user-space RCU and JITs can leave barriers out of
 * their fast paths. Commands, values and errors as Linux 6.1's
 * kernel/sched/membarrier.c on x86_64 without CONFIG_RSEQ (Basalt has no
 * rseq: those two commands are EINVAL and QUERY leaves them out):
 *
 *   QUERY                          the mask of the commands below
 *   GLOBAL                         every thread of the system
 *   GLOBAL_EXPEDITED               the registered processes' threads
 *   REGISTER_GLOBAL_EXPEDITED
 *   PRIVATE_EXPEDITED              the caller's threads; EPERM unless
 *   REGISTER_PRIVATE_EXPEDITED       registered before
 *   PRIVATE_EXPEDITED_SYNC_CORE    the same, with a core serializing
 *   REGISTER_..._SYNC_CORE           instruction on the way back
 *
 * flags must be 0 (MEMBARRIER_CMD_FLAG_CPU is for the rseq command).
 *
 * How the barrier is made: Basalt runs user threads on one CPU, so at
 * any instant only the caller runs user code; every other thread passes
 * through the scheduler (a full barrier) before it runs again. A full
 * barrier here (MFENCE) and the return to user mode (SYSRET/IRET, which
 * serializes the core, SDM Vol. 3A 8.3) are all it takes. With several
 * CPUs this needs an interrupt to each CPU running one of the threads,
 * as Linux's ipi_mb.
 *
 * The registrations are the address space's (Linux keys them on the mm):
 * vm_space.membarrier_state, atomic bits; a new address space (exec)
 * starts with none, and so does a fork's.
 */
#include <basalt/syscalls.h>
#include <mm/vm.h>
#include <proc/process.h>
#include <uapi/errno.h>

/* Linux's enum membarrier_cmd (uapi/linux/membarrier.h). */
#define MEMBARRIER_CMD_QUERY				0
#define MEMBARRIER_CMD_GLOBAL				(1u << 0)
#define MEMBARRIER_CMD_GLOBAL_EXPEDITED			(1u << 1)
#define MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED	(1u << 2)
#define MEMBARRIER_CMD_PRIVATE_EXPEDITED		(1u << 3)
#define MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED	(1u << 4)
#define MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE	(1u << 5)
#define MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE (1u << 6)
#define MEMBARRIER_CMD_SUPPORTED	((1u << 7) - 1)

/* vm_space.membarrier_state bits. */
#define MEMBARRIER_STATE_GLOBAL		(1u << 0)
#define MEMBARRIER_STATE_PRIVATE	(1u << 1)
#define MEMBARRIER_STATE_SYNC_CORE	(1u << 2)

static void membarrier_full(void)
{
	__asm__ volatile("mfence" ::: "memory");
}

/* The caller's registrations, or a new one added. */
static unsigned membarrier_state(unsigned add)
{
	struct process *p = process_current();

	if (!p || !p->vm)
		return 0;
	if (add)
		return __atomic_or_fetch(&p->vm->membarrier_state, add, __ATOMIC_SEQ_CST);
	return __atomic_load_n(&p->vm->membarrier_state, __ATOMIC_ACQUIRE);
}

SYSCALL_DEFINE3(membarrier, int, cmd, unsigned int, flags, int, cpu_id)
{
	(void)cpu_id;	/* only MEMBARRIER_CMD_FLAG_CPU reads it */
	if (flags)
		return -EINVAL;
	switch ((unsigned)cmd) {
	case MEMBARRIER_CMD_QUERY:
		return MEMBARRIER_CMD_SUPPORTED;
	case MEMBARRIER_CMD_GLOBAL:
	case MEMBARRIER_CMD_GLOBAL_EXPEDITED:
		membarrier_full();
		return 0;
	case MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED:
		membarrier_state(MEMBARRIER_STATE_GLOBAL);
		return 0;
	case MEMBARRIER_CMD_PRIVATE_EXPEDITED:
		if (!(membarrier_state(0) & MEMBARRIER_STATE_PRIVATE))
			return -EPERM;
		membarrier_full();
		return 0;
	case MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED:
		membarrier_state(MEMBARRIER_STATE_PRIVATE);
		return 0;
	case MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE:
		if (!(membarrier_state(0) & MEMBARRIER_STATE_SYNC_CORE))
			return -EPERM;
		membarrier_full();
		return 0;
	case MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE:
		membarrier_state(MEMBARRIER_STATE_SYNC_CORE);
		return 0;
	default:
		return -EINVAL;
	}
}
