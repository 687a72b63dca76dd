/*
 * smp_stop.c: stopping the other CPUs, for panic and power off.
 *
 * A CPU that panics must not leave the others running: they would go on
 * writing to disks, print over its report, or spin forever on a lock it
 * holds. Linux sends them a stop IPI, then an NMI to those that did not
 * answer; Basalt sends the NMI at once, since only an NMI gets through
 * to a CPU spinning with interrupts off (SDM Vol. 3A 10.6.1, delivery
 * mode NMI; 6.7.1: the NMI blocks further NMIs until the next IRET,
 * which a stopped CPU never executes).
 *
 * Locking: smp_stopping is set once, by the first CPU that stops the
 * others; smp_stopped counts the CPUs that halted (atomics). Nothing
 * here takes a lock or needs the scheduler: it runs in a panic.
 */
#include <arch/x86_64/smp/smp.h>
#include <arch/x86_64/apic/apic.h>
#include <asm/cpu.h>
#include <proc/percpu.h>

/* How long the stopper waits for the others: about a second of pauses. */
#define SMP_STOP_WAIT_SPINS	100000000ULL

static bool smp_stopping;
static unsigned smp_stopped;

unsigned smp_stop_others(void)
{
	unsigned up = smp_cpus_up(), me, want;

	if (up <= 1)
		return 0;
	if (__atomic_exchange_n(&smp_stopping, true, __ATOMIC_SEQ_CST))
		return __atomic_load_n(&smp_stopped, __ATOMIC_ACQUIRE);
	me = percpu_this()->cpu;
	want = up - 1;
	for (unsigned cpu = 0; cpu < up; cpu++)
		if (cpu != me)
			(void)lapic_send_nmi(smp_cpu_apic_id(cpu));
	for (uint64_t i = 0; i < SMP_STOP_WAIT_SPINS; i++) {
		if (__atomic_load_n(&smp_stopped, __ATOMIC_ACQUIRE) >= want)
			break;
		cpu_pause();
	}
	return __atomic_load_n(&smp_stopped, __ATOMIC_ACQUIRE);
}

void smp_stop_nmi(void)
{
	if (!__atomic_load_n(&smp_stopping, __ATOMIC_ACQUIRE))
		return;
	__atomic_add_fetch(&smp_stopped, 1, __ATOMIC_RELEASE);
	cpu_halt_forever();
}
