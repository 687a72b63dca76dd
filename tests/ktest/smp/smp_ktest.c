/*
 * smp_ktest.c: the application processors smp_init started (smp.h). The
 * count against QEMU's -smp is checked outside, from the log
 * (tests/qemu/run-ktest.sh with KTEST_SMP); here each CPU's own report:
 * it ran on the MADT's APIC, on its own struct percpu and TSS, with a
 * timer that agrees with the boot CPU's.
 */
#include <arch/x86_64/apic/apic.h>
#include <arch/x86_64/smp/smp.h>
#include <asm/gdt.h>
#include <basalt/ktest.h>
#include <proc/percpu.h>
#include <proc/task.h>
#include <sched/sched.h>
#include <asm/cpu.h>
#include <time/time.h>
#include <uapi/errno.h>

/* QEMU gives every CPU the same timer input: allow 1/4 either way. */
#define KT_SMP_TIMER_SLACK_DIV	4
#define KT_SMP_PINGS		50
/* Under TCG a vCPU thread may wait for the host: generous. */
#define KT_SMP_PING_TIMEOUT_NS	(2 * NSEC_PER_SEC)

KTEST(smp_every_allowed_cpu_up)
{
	unsigned want = smp_cpus_present();

	if (want > smp_cpus_allowed())
		want = smp_cpus_allowed();
	KT_EXPECT(t, smp_cpus_present() >= 1);
	KT_EXPECT_EQ(t, smp_cpus_up(), want);
}

KTEST(smp_boot_cpu_percpu)
{
	struct percpu *p = percpu_this();
	uint16_t tr;

	__asm__ volatile("str %0" : "=r"(tr));
	KT_EXPECT(t, p == percpu_boot());
	KT_EXPECT_EQ(t, p->cpu, 0);
	KT_EXPECT_EQ(t, p->apic_id, lapic_id());
	KT_EXPECT(t, p->tss == gdt_boot_tss());
	KT_EXPECT_EQ(t, tr, GDT_TSS_SEL);
}

KTEST(smp_ap_reports)
{
	uint64_t bsp_hz = lapic_timer_hz();
	uint64_t slack = bsp_hz / KT_SMP_TIMER_SLACK_DIV;
	struct smp_cpu_report r;

	for (unsigned cpu = 1; cpu < smp_cpus_up(); cpu++) {
		KT_ASSERT(t, smp_cpu_report(cpu, &r) == 0);
		KT_EXPECT_EQ(t, r.apic_id, r.madt_apic_id);
		KT_EXPECT(t, r.apic_id != lapic_id());
		KT_EXPECT(t, r.percpu_ok);
		KT_EXPECT(t, r.tss_ok);
		KT_EXPECT(t, r.current_ok);
		KT_EXPECT(t, r.timer_hz + slack >= bsp_hz && r.timer_hz <= bsp_hz + slack);
		/* Two CPUs never answer to one APIC ID. */
		for (unsigned other = 1; other < cpu; other++) {
			struct smp_cpu_report o;

			KT_ASSERT(t, smp_cpu_report(other, &o) == 0);
			KT_EXPECT(t, o.apic_id != r.apic_id);
		}
	}
	KT_EXPECT_EQ(t, smp_cpu_report(0, &r), -ENOENT);
	KT_EXPECT_EQ(t, smp_cpu_report(smp_cpus_up(), &r), -ENOENT);
}

/* Every parked CPU still takes IPIs: each ping's handler ran there. */
KTEST(smp_ap_answers_ipis)
{
	for (unsigned cpu = 1; cpu < smp_cpus_up(); cpu++)
		for (unsigned i = 0; i < KT_SMP_PINGS; i++)
			KT_ASSERT(t, smp_ping(cpu, KT_SMP_PING_TIMEOUT_NS) == 0);
	KT_EXPECT_EQ(t, smp_ping(0, KT_SMP_PING_TIMEOUT_NS), -ENOENT);
	KT_EXPECT_EQ(t, smp_ping(smp_cpus_up(), KT_SMP_PING_TIMEOUT_NS), -ENOENT);
}

/*
 * The scheduler uses every CPU: one thread per CPU, each waiting (busy,
 * preemptible) until all have arrived, each pinned to its own CPU. On
 * one CPU they could never all be in at once, and a pinned thread only
 * runs if its CPU takes work from the queue.
 */
#define KT_SMP_ARRIVE_NS	(5 * NSEC_PER_SEC)

static unsigned kt_smp_arrived;
static uint64_t kt_smp_seen_cpus;

static int kt_smp_meet(void *arg __unused)
{
	uint64_t deadline = time_monotonic_ns() + KT_SMP_ARRIVE_NS;
	uint64_t flags = cpu_irq_save();

	__atomic_or_fetch(&kt_smp_seen_cpus, 1ULL << percpu_this()->cpu, __ATOMIC_SEQ_CST);
	cpu_irq_restore(flags);
	__atomic_add_fetch(&kt_smp_arrived, 1, __ATOMIC_SEQ_CST);
	while (__atomic_load_n(&kt_smp_arrived, __ATOMIC_SEQ_CST) < sched_cpu_count())
		if (time_monotonic_ns() > deadline)
			return 1;
	return 0;
}

KTEST(smp_every_cpu_runs_tasks)
{
	struct task *th[SMP_MAX_CPUS];
	unsigned n = smp_cpus_up();

	KT_EXPECT_EQ(t, sched_cpu_count(), n);
	kt_smp_arrived = 0;
	kt_smp_seen_cpus = 0;
	for (unsigned cpu = 0; cpu < n; cpu++) {
		th[cpu] = kthread_create_mask(kt_smp_meet, NULL, "meet", 1ULL << cpu);
		KT_ASSERT(t, th[cpu]);
	}
	for (unsigned cpu = 0; cpu < n; cpu++)
		KT_EXPECT_EQ(t, kthread_join(th[cpu], NULL), 0);
	KT_EXPECT_EQ(t, kt_smp_seen_cpus, smp_online_mask());
}

static int kt_smp_spin(void *arg)
{
	while (!__atomic_load_n((bool *)arg, __ATOMIC_ACQUIRE))
		cpu_pause();
	return 0;
}

/* Waits up to a second for cond; false if it never held. */
#define KT_SMP_WAIT_NS	1000000000ULL
#define kt_smp_wait(cond)						\
	({								\
		uint64_t end_ = time_monotonic_ns() + KT_SMP_WAIT_NS;	\
		while (!(cond) && time_monotonic_ns() < end_)		\
			cpu_pause();					\
		(bool)(cond);						\
	})

/*
 * A task running on CPU1 (a kernel thread spinning, as a user program
 * would in ring 3) is interrupted by sched_kick_running: the IPI that
 * lets it see a signal at once (signal_kick); a task that is not running
 * elsewhere sends nothing.
 */
KTEST(smp_kick_interrupts_a_task_running_elsewhere)
{
	struct percpu *cpu1 = smp_percpu(1);
	struct task *spinner;
	bool stop = false;
	uint64_t before;

	if (smp_cpus_up() < 2)
		return;		/* one CPU: no other to kick */
	spinner = kthread_create_mask(kt_smp_spin, &stop, "spin", 1ULL << 1);
	KT_ASSERT(t, spinner);
	KT_EXPECT(t, kt_smp_wait(__atomic_load_n(&cpu1->current, __ATOMIC_ACQUIRE) == spinner));
	before = smp_kicks_taken(1);
	sched_kick_running(spinner);
	KT_EXPECT(t, kt_smp_wait(smp_kicks_taken(1) > before));
	before = smp_kicks_taken(0);
	sched_kick_running(task_current());
	KT_EXPECT_EQ(t, smp_kicks_taken(0), before);
	__atomic_store_n(&stop, true, __ATOMIC_RELEASE);
	KT_EXPECT_EQ(t, kthread_join(spinner, NULL), 0);
}
