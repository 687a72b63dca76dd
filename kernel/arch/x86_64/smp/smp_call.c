/*
 * smp_call.c: running a function on other CPUs and waiting for it
 * (smp.h), as Linux's smp_call_function_many: what TLB shootdown
 * (mm/tlb.c) and later the scheduler's cross-CPU requests stand on.
 *
 * Each CPU has one call slot. A sender claims the slot of each target
 * (busy), stores the function and its argument, bumps requested and
 * sends SMP_VECTOR_CALL (a fixed IPI, Intel SDM Vol. 3A 10.6.1); the
 * target's handler runs the function with interrupts off and sets done
 * to requested. The sender waits until every target is done, then frees
 * the slots.
 *
 * Deadlock: two CPUs may call each other at once, each waiting with
 * interrupts off (a flush from inside an irqsave section). So a CPU that
 * waits, for a slot or for a target, serves its own slot meanwhile
 * (smp_call_poll): the other side's call runs and it can finish. A
 * sender must still not wait while holding a spinlock a target may spin
 * on with interrupts off: such a target never takes the IPI (callers
 * flush after their unlock, as paging.c does).
 *
 * Locking: a slot's fn and arg are written by the sender that holds its
 * busy flag (an atomic exchange), before the release store of requested;
 * the target reads them after an acquire load of requested, and only it
 * writes done (release), which the sender reads with acquire.
 */
#include <arch/x86_64/smp/smp.h>
#include <arch/x86_64/apic/apic.h>
#include <asm/cpu.h>
#include <basalt/log.h>
#include <basalt/irq.h>
#include <proc/percpu.h>
#include <uapi/errno.h>

struct smp_call_slot {
	int busy;			/* a sender owns fn and arg (atomic) */
	void (*fn)(void *arg);
	void *arg;
	uint64_t requested;		/* calls asked of this CPU (atomic) */
	uint64_t done;			/* calls it has run (atomic) */
	uint64_t handled;		/* statistics: calls run, for tests */
} __attribute__((aligned(64)));	/* one cache line each: no false sharing */

static struct smp_call_slot smp_call_slots[SMP_MAX_CPUS];
static bool smp_call_ready;

/* Runs this CPU's pending call, if any; interrupts off. */
static void smp_call_serve(void)
{
	struct smp_call_slot *s = &smp_call_slots[percpu_this()->cpu];
	uint64_t req = __atomic_load_n(&s->requested, __ATOMIC_ACQUIRE);

	if (__atomic_load_n(&s->done, __ATOMIC_RELAXED) == req)
		return;
	s->fn(s->arg);
	s->handled++;
	__atomic_store_n(&s->done, req, __ATOMIC_RELEASE);
}

void smp_call_poll(void)
{
	uint64_t flags;

	if (!__atomic_load_n(&smp_call_ready, __ATOMIC_ACQUIRE))
		return;
	flags = cpu_irq_save();
	smp_call_serve();
	cpu_irq_restore(flags);
}

static void smp_call_interrupt(unsigned vector __unused, void *arg __unused)
{
	smp_call_serve();
	lapic_eoi();
}

int smp_call_init(void)
{
	int err = irq_set_handler(SMP_VECTOR_CALL, smp_call_interrupt, NULL);

	if (err)
		return err;
	__atomic_store_n(&smp_call_ready, true, __ATOMIC_RELEASE);
	return 0;
}

uint64_t smp_call_handled(unsigned cpu)
{
	return cpu < SMP_MAX_CPUS ? __atomic_load_n(&smp_call_slots[cpu].handled,
						    __ATOMIC_RELAXED) : 0;
}

int smp_call_mask(uint64_t cpus, void (*fn)(void *arg), void *arg)
{
	unsigned up = smp_cpus_up(), self;
	uint64_t sent = 0, flags;
	int err = 0;

	if (up < SMP_MAX_CPUS)
		cpus &= (1ULL << up) - 1;
	/* Interrupts off: the CPU number must not change under us. */
	flags = cpu_irq_save();
	self = percpu_this()->cpu;
	cpus &= ~(1ULL << self);
	if (!cpus || !__atomic_load_n(&smp_call_ready, __ATOMIC_ACQUIRE)) {
		cpu_irq_restore(flags);
		return 0;
	}
	for (unsigned cpu = 0; cpu < up; cpu++) {
		struct smp_call_slot *s = &smp_call_slots[cpu];

		if (!(cpus & (1ULL << cpu)))
			continue;
		while (__atomic_exchange_n(&s->busy, 1, __ATOMIC_ACQUIRE)) {
			smp_call_serve();
			cpu_pause();
		}
		s->fn = fn;
		s->arg = arg;
		__atomic_store_n(&s->requested, s->requested + 1, __ATOMIC_RELEASE);
		sent |= 1ULL << cpu;
		/*
		 * A timeout only says the local APIC did not report the send
		 * in time (a slow host under TCG): the IPI may still arrive, so
		 * the wait below goes on; the slot is the target's either way.
		 */
		if (lapic_send_fixed(smp_cpu_apic_id(cpu), SMP_VECTOR_CALL))
			err = -ETIMEDOUT;
	}
	for (unsigned cpu = 0; cpu < up; cpu++) {
		struct smp_call_slot *s = &smp_call_slots[cpu];

		if (!(sent & (1ULL << cpu)))
			continue;
		while (__atomic_load_n(&s->done, __ATOMIC_ACQUIRE) !=
		       __atomic_load_n(&s->requested, __ATOMIC_RELAXED)) {
			smp_call_serve();
			cpu_pause();
		}
		__atomic_store_n(&s->busy, 0, __ATOMIC_RELEASE);
	}
	cpu_irq_restore(flags);
	if (err)
		pr_warn("smp: a call IPI was slow to leave (sent anyway)\n");
	return 0;
}

int smp_call_cpu(unsigned cpu, void (*fn)(void *arg), void *arg)
{
	if (cpu >= smp_cpus_up() || cpu >= SMP_MAX_CPUS)
		return -ENOENT;
	return smp_call_mask(1ULL << cpu, fn, arg);
}

uint64_t smp_online_mask(void)
{
	unsigned up = smp_cpus_up();

	return up >= SMP_MAX_CPUS ? ~0ULL : (1ULL << up) - 1;
}
