/*
 * smp.h: the application processors (smp.c). smp_init starts every CPU
 * the ACPI MADT lists as enabled (up to maxcpus=, none with nosmp, as
 * Linux's kernel parameters), each on its own GDT, TSS, IST stacks and
 * struct percpu, with its local APIC enabled and its timer calibrated.
 *
 * They stay parked once they have checked in (halted, interrupts on but
 * no timer and no device interrupt routed to them, only IPIs; current
 * is an idle task of their own) until smp_sched_start hands them to the
 * scheduler. docs/smp.md has the whole story.
 */
#ifndef ARCH_X86_64_SMP_SMP_H
#define ARCH_X86_64_SMP_SMP_H

#include <stdbool.h>
#include <stdint.h>
#include <acpi/acpi.h>

#define SMP_MAX_CPUS		ACPI_MADT_MAX_CPUS
/*
 * Inter-processor interrupt vectors: the highest priority class, above
 * LAPIC_TIMER_VECTOR and below the spurious vector (SDM 10.8.3).
 */
#define SMP_VECTOR_PING		0xF0	/* a parked CPU counts it (smp_ping) */
#define SMP_VECTOR_CALL		0xF1	/* run a function (smp_call.c) */
#define SMP_VECTOR_RESCHED	0xF2	/* look at the run queue (sched.c) */
#define SMP_VECTOR_KICK		0xF3	/* enter the kernel: see a new signal */

/* What an application processor reported about itself when it checked in. */
struct smp_cpu_report {
	uint32_t madt_apic_id;	/* the ID the boot CPU sent the IPIs to */
	uint32_t apic_id;	/* the ID its own local APIC reads back */
	uint64_t timer_hz;	/* its LAPIC timer rate, lapic_timer_calibrate */
	bool percpu_ok;		/* %gs:0 was its own struct percpu */
	bool tss_ok;		/* TR named its own TSS in its own GDT */
	bool current_ok;	/* task_current() was its own idle task */
	uint64_t boot_ns;	/* INIT to check-in, on the monotonic clock */
};

/* Starts the application processors; after lapic_init, user_init. */
void smp_init(void);
/* CPUs that checked in, the boot CPU included (1 before smp_init). */
unsigned smp_cpus_up(void);
/* CPUs the MADT lists as enabled (at least 1). */
unsigned smp_cpus_present(void);
/* The most CPUs the command line allows (nosmp: 1, maxcpus=N: max(N, 1)). */
unsigned smp_cpus_allowed(void);
/* The report of CPU cpu (1 .. smp_cpus_up() - 1): 0, or -ENOENT. */
int smp_cpu_report(unsigned cpu, struct smp_cpu_report *out);
/*
 * Sends CPU cpu (1 ..) an SMP_VECTOR_PING IPI and waits up to timeout_ns
 * for its handler to have run there: 0, -ENOENT, -ETIMEDOUT.
 */
int smp_ping(unsigned cpu, uint64_t timeout_ns);

struct percpu;
/* CPU cpu's struct percpu, NULL if it never started. */
struct percpu *smp_percpu(unsigned cpu);
/* Asks CPU cpu to look at the run queue (SMP_VECTOR_RESCHED). */
void smp_send_resched(unsigned cpu);
/*
 * Interrupts CPU cpu (SMP_VECTOR_KICK): its return to user mode then
 * runs user_return_work, which delivers what was posted (a signal).
 */
void smp_send_kick(unsigned cpu);
/* Kicks CPU cpu has taken (SMP_VECTOR_KICK), for tests. */
uint64_t smp_kicks_taken(unsigned cpu);
/*
 * Hands the parked CPUs to the scheduler: each starts its timer and its
 * idle loop; returns once all run (or after a timeout, logged).
 */
void smp_sched_start(void);

/* The local APIC ID of CPU cpu (0: the boot CPU), for IPIs. */
uint32_t smp_cpu_apic_id(unsigned cpu);
/* Bit n set for each CPU n that is up. */
uint64_t smp_online_mask(void);

/*
 * Cross-CPU calls (smp_call.c). smp_call_mask runs fn(arg) on every CPU
 * of cpus that is up, except the calling one, with interrupts off there,
 * and returns when all have run it. Callable with interrupts off, but
 * not while holding a spinlock that a target may be spinning on.
 * smp_call_cpu is the same for one CPU (-ENOENT if it is not up).
 */
int smp_call_init(void);
int smp_call_mask(uint64_t cpus, void (*fn)(void *arg), void *arg);
int smp_call_cpu(unsigned cpu, void (*fn)(void *arg), void *arg);

/*
 * Stopping (smp_stop.c). smp_stop_others sends every other CPU an NMI
 * and waits up to about a second until each has halted for good (panic,
 * power off): the number that did. Called again, it waits no more.
 * smp_stop_nmi, from the NMI handler, halts this CPU if a stop was asked
 * (it does not return then).
 */
unsigned smp_stop_others(void);
void smp_stop_nmi(void);
/* Runs a call waiting for this CPU, if any (a CPU spinning for something). */
void smp_call_poll(void);
/* How many calls CPU cpu has run since boot (tests). */
uint64_t smp_call_handled(unsigned cpu);

#endif /* ARCH_X86_64_SMP_SMP_H */
