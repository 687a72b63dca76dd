/*
 * smp.c: starting the application processors (smp.h). The boot CPU
 * (BSP) copies trampoline.S below 1 MiB and, for each enabled local APIC
 * of the ACPI MADT (ACPI 6.4 5.2.12.2) in turn, prepares that CPU's
 * stack, GDT/TSS/IST stacks and struct percpu, sends INIT, STARTUP,
 * STARTUP (Intel SDM Vol. 3A 8.4.4.1 "Typical BSP Initialization
 * Sequence", 10.6.1) and waits for the CPU to check in from smp_ap_entry.
 *
 * Locking: smp_init runs on the boot CPU before interrupts are enabled,
 * and starts one CPU at a time; the trampoline's data area and
 * smp_cpus[i] belong to the CPU being started until it sets its state to
 * SMP_AP_ONLINE (a release store, read with acquire by the boot CPU),
 * and are only read after that. smp_up only grows, by the boot CPU.
 * smp_ap.pings is only written by its CPU's ping handler, atomically.
 */
#include <arch/x86_64/smp/smp.h>
#include <arch/x86_64/smp/trampoline.h>
#include <arch/x86_64/apic/apic.h>
#include <arch/x86_64/syscall/syscall.h>
#include <asm/cpu.h>
#include <asm/gdt.h>
#include <asm/trap.h>
#include <basalt/bootinfo.h>
#include <basalt/cmdline.h>
#include <basalt/log.h>
#include <basalt/string.h>
#include <basalt/vmlayout.h>
#include <basalt/irq.h>
#include <basalt/format.h>
#include <mm/mm.h>
#include <proc/percpu.h>
#include <proc/task.h>
#include <sched/sched.h>
#include <time/time.h>
#include <uapi/errno.h>

/* Page 0 holds the real-mode IVT and BIOS data; conventional memory ends at 640 KiB. */
#define SMP_TRAMP_LOW		0x1000ULL
#define SMP_TRAMP_HIGH		0xA0000ULL
#define SMP_PAGE_SHIFT		12	/* STARTUP vector = page number */

/* SDM 8.4.4.1: 10 ms after INIT, 200 us after each STARTUP. */
#define SMP_INIT_DELAY_NS	(10 * NSEC_PER_MSEC)
#define SMP_SIPI_DELAY_NS	(200 * NSEC_PER_USEC)
/* Generous: under TCG on a loaded host a vCPU thread may start late. */
#define SMP_CHECKIN_TIMEOUT_NS	(5 * NSEC_PER_SEC)

/* The IST stacks of one CPU, in pages of one buddy block. */
#define SMP_IST_BYTES		(IST_STACKS * IST_STACK_SIZE)
#define SMP_IST_ORDER		4	/* 64 KiB >= 48 KiB */
_Static_assert(SMP_IST_BYTES <= (PAGE_SIZE << SMP_IST_ORDER), "IST order");

/* The EFER bits the trampoline sets; LMA is the CPU's own (SDM 2.2.1). */
#define SMP_EFER_LME		(1ULL << 8)
#define SMP_EFER_NXE		(1ULL << 11)
#define SMP_EFER_SCE		(1ULL << 0)
#define SMP_MSR_EFER		0xC0000080

/* Start-up page tables: a 2 MiB identity page over the trampoline. */
#define SMP_PML4_KERNEL_FIRST	256	/* the upper half: the kernel's */
#define SMP_PT_ENTRIES		512
#define SMP_HZ_PER_KHZ		1000
#define SMP_CR4_PGE		(1ULL << 7)	/* SDM 3A 2.5: global pages */

enum smp_ap_state {
	SMP_AP_STARTING,	/* IPIs sent, nothing heard */
	SMP_AP_ALIVE,		/* reached smp_ap_entry */
	SMP_AP_ONLINE,		/* set up and parked; report valid */
};

#define SMP_IDLE_NAME_FMT	"idle/%u"

/* One application processor: allocated by the BSP, then its own. */
struct smp_ap {
	struct percpu percpu;
	struct gdt_cpu gdt;
	struct task idle;		/* its current while parked */
	uint64_t kstack_top;
	int state;			/* enum smp_ap_state, atomic */
	struct smp_cpu_report report;
	/* SMP_VECTOR_PING interrupts taken; only this CPU writes it. */
	uint64_t pings;
};

static struct smp_ap *smp_cpus[SMP_MAX_CPUS];	/* index = CPU number */
/* Set once by smp_sched_start: the parked CPUs join the scheduler. */
static bool smp_sched_go;
static unsigned smp_up = 1;
static unsigned smp_present = 1;
static unsigned smp_allowed = SMP_MAX_CPUS;
/* What every AP copies from the BSP: page tables and control registers. */
static uint64_t smp_kernel_cr3, smp_boot_cr0, smp_boot_cr4;

unsigned smp_cpus_up(void)
{
	return __atomic_load_n(&smp_up, __ATOMIC_ACQUIRE);
}

unsigned smp_cpus_present(void)
{
	return smp_present;
}

unsigned smp_cpus_allowed(void)
{
	return smp_allowed;
}

int smp_cpu_report(unsigned cpu, struct smp_cpu_report *out)
{
	if (cpu == 0 || cpu >= smp_cpus_up() || !smp_cpus[cpu])
		return -ENOENT;
	*out = smp_cpus[cpu]->report;
	return 0;
}

/*
 * SMP_VECTOR_PING: count it. Runs on the AP that took it, whose
 * percpu.cpu indexes smp_cpus (the boot CPU never gets one).
 */
static void smp_ping_interrupt(unsigned vector __unused, void *arg __unused)
{
	unsigned cpu = percpu_this()->cpu;

	if (cpu > 0 && cpu < SMP_MAX_CPUS && smp_cpus[cpu])
		__atomic_add_fetch(&smp_cpus[cpu]->pings, 1, __ATOMIC_RELEASE);
	lapic_eoi();
}

uint32_t smp_cpu_apic_id(unsigned cpu)
{
	if (cpu == 0 || cpu >= SMP_MAX_CPUS || !smp_cpus[cpu])
		return percpu_boot()->apic_id;
	return smp_cpus[cpu]->report.madt_apic_id;
}

static uint64_t smp_pings(struct smp_ap *ap)
{
	return __atomic_load_n(&ap->pings, __ATOMIC_ACQUIRE);
}

int smp_ping(unsigned cpu, uint64_t timeout_ns)
{
	struct smp_ap *ap;
	uint64_t before, deadline;
	int err;

	if (cpu == 0 || cpu >= smp_cpus_up() || !smp_cpus[cpu])
		return -ENOENT;
	ap = smp_cpus[cpu];
	before = smp_pings(ap);
	err = lapic_send_fixed(ap->report.madt_apic_id, SMP_VECTOR_PING);
	if (err)
		return err;
	deadline = time_monotonic_ns() + timeout_ns;
	while (smp_pings(ap) == before) {
		if (time_monotonic_ns() > deadline)
			return -ETIMEDOUT;
		cpu_pause();
	}
	return 0;
}

/*
 * Parked until smp_sched_start: interrupts on, so it answers IPIs, but
 * no timer and no run queue. The flag is tested with interrupts off and
 * sti;hlt is one step (SDM Vol. 2B STI): the ping sent after the flag
 * is set wakes the hlt. Then its timer starts, its TLB is emptied of
 * whatever it cached while parked, global pages too (CR4.PGE toggle,
 * SDM 3A 4.10.4.1), and it runs tasks.
 */
static __noreturn void smp_ap_park(struct smp_ap *ap)
{
	uint64_t cr4;

	for (;;) {
		cpu_irq_disable();
		if (__atomic_load_n(&smp_sched_go, __ATOMIC_ACQUIRE))
			break;
		__asm__ volatile("sti; hlt" ::: "memory");
	}
	cr4 = cpu_read_cr4();
	cpu_write_cr4(cr4 & ~SMP_CR4_PGE);
	cpu_write_cr4(cr4);
	if (ap->report.timer_hz)
		lapic_timer_start_ap(ap->report.timer_hz, TIME_HZ);
	sched_ap_run();
}

/* SMP_VECTOR_RESCHED: the run queue has work this CPU may take. */
static void smp_resched_interrupt(unsigned vector __unused, void *arg __unused)
{
	percpu_this()->need_resched = true;
	lapic_eoi();
}

/*
 * SMP_VECTOR_KICK: nothing to do here; the way back to user mode
 * (isr.S, user_return_work) delivers the signal that came with it.
 */
static void smp_kick_interrupt(unsigned vector __unused, void *arg __unused)
{
	percpu_this()->kicks_taken++;
	lapic_eoi();
}

void smp_send_kick(unsigned cpu)
{
	if (cpu < smp_cpus_up())
		(void)lapic_send_fixed(smp_cpu_apic_id(cpu), SMP_VECTOR_KICK);
}

uint64_t smp_kicks_taken(unsigned cpu)
{
	const struct percpu *p = smp_percpu(cpu);

	return p ? __atomic_load_n(&p->kicks_taken, __ATOMIC_RELAXED) : 0;
}

void smp_send_resched(unsigned cpu)
{
	if (cpu < smp_cpus_up())
		(void)lapic_send_fixed(smp_cpu_apic_id(cpu), SMP_VECTOR_RESCHED);
}

struct percpu *smp_percpu(unsigned cpu)
{
	if (cpu == 0)
		return percpu_boot();
	if (cpu >= SMP_MAX_CPUS)
		return NULL;
	return smp_cpus[cpu] ? &smp_cpus[cpu]->percpu : NULL;
}

void smp_sched_start(void)
{
	uint64_t deadline = time_monotonic_ns() + SMP_CHECKIN_TIMEOUT_NS;
	unsigned up = smp_cpus_up();

	if (up == 1)
		return;
	__atomic_store_n(&smp_sched_go, true, __ATOMIC_RELEASE);
	for (unsigned cpu = 1; cpu < up; cpu++)
		(void)lapic_send_fixed(smp_cpu_apic_id(cpu), SMP_VECTOR_PING);
	while (sched_cpus_in_loop() < up) {
		if (time_monotonic_ns() > deadline) {
			/* Each CPU is in its loop or on its way: the count is what it is. */
			pr_err("smp: only %u of %u CPUs reached the scheduler\n",
			       sched_cpus_in_loop(), up);
			break;
		}
		cpu_pause();
	}
	sched_smp_start(up);
}

/* The TSS that TR names, through this CPU's GDT (sgdt, str). */
static const struct tss *smp_loaded_tss(void)
{
	struct desc_table_ptr ptr;
	const uint64_t *gdt;
	uint16_t tr;

	__asm__ volatile("sgdt %0" : "=m"(ptr));
	__asm__ volatile("str %0" : "=r"(tr));
	gdt = (const uint64_t *)ptr.base + (tr >> SEL_INDEX_SHIFT);
	return (const struct tss *)(((gdt[0] & DESC_BASE_LOW_MASK) >> DESC_BASE_LOW_SHIFT) |
				    ((gdt[0] & DESC_BASE_HIGH_MASK) >> DESC_BASE_HIGH_SHIFT) |
				    (gdt[1] << 32));
}

/*
 * The AP's first C code, on its own stack but the start-up page tables.
 * Only the AP writes ap until the release store of SMP_AP_ONLINE; it
 * takes no lock and logs nothing (the BSP logs for it).
 */
static __noreturn void smp_ap_entry(struct smp_ap *ap)
{
	struct smp_cpu_report *r = &ap->report;

	__atomic_store_n(&ap->state, SMP_AP_ALIVE, __ATOMIC_RELEASE);
	cpu_write_cr3(smp_kernel_cr3);
	/* CR0 after INIT has CD and NW set (SDM 9.1.1): take the BSP's whole. */
	__asm__ volatile("mov %0, %%cr0" : : "r"(smp_boot_cr0) : "memory");
	cpu_write_cr4(smp_boot_cr4);
	gdt_cpu_load(&ap->gdt);
	idt_load();
	percpu_load(&ap->percpu);
	/* Spinlocks (an interrupt handler's) count on a current task. */
	ap->percpu.current = &ap->idle;
	ap->percpu.kstack_top = ap->kstack_top;
	tss_set_rsp0(ap->kstack_top);
	syscall_init_cpu();
	lapic_ap_init();
	r->apic_id = lapic_id();
	r->timer_hz = lapic_timer_calibrate();
	r->percpu_ok = percpu_this() == &ap->percpu &&
		       percpu_this()->cpu == ap->percpu.cpu;
	r->tss_ok = smp_loaded_tss() == &ap->gdt.tss;
	r->current_ok = task_current() == &ap->idle;
	__atomic_store_n(&ap->state, SMP_AP_ONLINE, __ATOMIC_RELEASE);
	smp_ap_park(ap);
}

static bool smp_overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return a < b + blen && b < a + alen;
}

/* Usable RAM by the memory map, and no boot module or boot information. */
static bool smp_low_range_free(uint64_t base, uint64_t len)
{
	bool in_ram = false;

	for (unsigned i = 0; i < boot_info.mmap_count; i++) {
		const struct boot_mem_range *m = &boot_info.mmap[i];

		if (m->type == BOOT_MEM_AVAILABLE && base >= m->base &&
		    base + len <= m->base + m->length)
			in_ram = true;
		else if (m->type != BOOT_MEM_AVAILABLE &&
			 smp_overlaps(base, len, m->base, m->length))
			return false;
	}
	if (!in_ram || smp_overlaps(base, len, boot_info.info_phys, boot_info.info_size))
		return false;
	for (unsigned i = 0; i < boot_info.module_count; i++)
		if (smp_overlaps(base, len, boot_info.modules[i].start,
				 boot_info.modules[i].end - boot_info.modules[i].start))
			return false;
	return true;
}

/*
 * The highest free TRAMP_PAGES below 640 KiB. pmm_init keeps everything
 * below 1 MiB out of the allocator, so nothing else will use them.
 */
static uint64_t smp_find_tramp(void)
{
	uint64_t len = TRAMP_PAGES * PAGE_SIZE;

	for (uint64_t base = SMP_TRAMP_HIGH - len; base >= SMP_TRAMP_LOW; base -= PAGE_SIZE)
		if (smp_low_range_free(base, len))
			return base;
	return 0;
}

static void smp_put32(uint8_t *page, unsigned off, uint32_t v)
{
	memcpy(page + off, &v, sizeof(v));
}

static void smp_put64(uint8_t *page, unsigned off, uint64_t v)
{
	memcpy(page + off, &v, sizeof(v));
}

/*
 * The kernel's upper half, again before each start: a stack allocated
 * since may have added a PML4 entry (the entries below it are shared).
 */
static void smp_tramp_copy_kernel_half(uint64_t phys)
{
	uint64_t *pml4 = phys_to_virt(phys + TRAMP_PAGE_PML4 * PAGE_SIZE);
	const uint64_t *kpml4 = phys_to_virt(smp_kernel_cr3);

	for (unsigned i = SMP_PML4_KERNEL_FIRST; i < SMP_PT_ENTRIES; i++)
		pml4[i] = kpml4[i];
}

/* Copies the code, the GDT and far pointers, and builds the page tables. */
static void smp_tramp_install(uint64_t phys)
{
	uint8_t *page = phys_to_virt(phys);
	uint64_t *pml4 = phys_to_virt(phys + TRAMP_PAGE_PML4 * PAGE_SIZE);
	uint64_t *pdpt = phys_to_virt(phys + TRAMP_PAGE_PDPT * PAGE_SIZE);
	uint64_t *pd = phys_to_virt(phys + TRAMP_PAGE_PD * PAGE_SIZE);
	uint64_t gdt[TRAMP_GDT_ENTRIES] = {
		0, TRAMP_DESC_CODE32, TRAMP_DESC_DATA, TRAMP_DESC_CODE64,
	};
	uint64_t efer = cpu_rdmsr(SMP_MSR_EFER) & (SMP_EFER_LME | SMP_EFER_NXE | SMP_EFER_SCE);

	memset(page, 0, PAGE_SIZE);
	memcpy(page, smp_tramp_start, (size_t)(smp_tramp_end - smp_tramp_start));
	memcpy(page + TRAMP_GDT, gdt, sizeof(gdt));
	/* lgdt operand: limit, then a 32-bit base (16-bit code, 32-bit operand). */
	page[TRAMP_GDTR] = (uint8_t)(sizeof(gdt) - 1);
	page[TRAMP_GDTR + 1] = 0;
	smp_put32(page, TRAMP_GDTR + 2, (uint32_t)(phys + TRAMP_GDT));
	/* ljmp m16:32: the offset, then the selector. */
	smp_put32(page, TRAMP_FAR32, (uint32_t)(phys + (uint64_t)(smp_tramp_prot - smp_tramp_start)));
	page[TRAMP_FAR32 + 4] = TRAMP_CS32;
	smp_put32(page, TRAMP_FAR64, (uint32_t)(phys + (uint64_t)(smp_tramp_long - smp_tramp_start)));
	page[TRAMP_FAR64 + 4] = TRAMP_CS64;
	smp_put32(page, TRAMP_CR3, (uint32_t)(phys + TRAMP_PAGE_PML4 * PAGE_SIZE));
	smp_put32(page, TRAMP_EFER, (uint32_t)efer);

	/* Identity 0..2 MiB for the switch, the kernel's upper half for the jump. */
	memset(pml4, 0, PAGE_SIZE);
	memset(pdpt, 0, PAGE_SIZE);
	memset(pd, 0, PAGE_SIZE);
	pd[0] = PTE_P | PTE_W | PTE_PS;
	pdpt[0] = (phys + TRAMP_PAGE_PD * PAGE_SIZE) | PTE_P | PTE_W;
	pml4[0] = (phys + TRAMP_PAGE_PDPT * PAGE_SIZE) | PTE_P | PTE_W;
}

/* Allocates CPU cpu's structures; NULL without memory. */
static struct smp_ap *smp_ap_alloc(unsigned cpu, uint32_t apic_id, void **stack)
{
	struct smp_ap *ap = kzalloc(sizeof(*ap));
	uint64_t ist = pmm_alloc_pages(SMP_IST_ORDER, GFP_KERNEL);
	char name[TASK_NAME_MAX];

	*stack = kstack_alloc();
	if (!ap || !ist || !*stack) {
		kfree(ap);
		if (ist)
			pmm_free_pages(ist, SMP_IST_ORDER);
		if (*stack)
			kstack_free(*stack);
		return NULL;
	}
	gdt_cpu_setup(&ap->gdt, phys_to_virt(ist));
	ap->percpu.self = &ap->percpu;
	ap->percpu.cpu = cpu;
	ap->percpu.tss = &ap->gdt.tss;
	ap->percpu.apic_id = apic_id;
	ap->report.madt_apic_id = apic_id;
	ap->state = SMP_AP_STARTING;
	ap->kstack_top = (uint64_t)*stack + KSTACK_SIZE;
	snprintf(name, sizeof(name), SMP_IDLE_NAME_FMT, cpu);
	sched_adopt_ap_idle(&ap->idle, name, ap->kstack_top);
	ap->idle.kstack_base = *stack;
	ap->idle.cpu = cpu;
	ap->percpu.idle = &ap->idle;
	return ap;
}

static int smp_ap_state(struct smp_ap *ap)
{
	return __atomic_load_n(&ap->state, __ATOMIC_ACQUIRE);
}

/* Waits until ap reaches state or the deadline passes. */
static bool smp_wait_state(struct smp_ap *ap, int state, uint64_t deadline)
{
	while (smp_ap_state(ap) < state) {
		if (time_monotonic_ns() > deadline)
			return false;
		cpu_pause();
	}
	return true;
}

/*
 * INIT, 10 ms, STARTUP, 200 us, and a second STARTUP only if the CPU is
 * not on its way yet (SDM 8.4.4.1; a STARTUP to a running CPU is ignored
 * anyway). Returns 0, or -ETIMEDOUT / the IPI error.
 */
static int smp_start_cpu(uint64_t tramp, unsigned cpu, uint32_t apic_id)
{
	uint32_t vector = (uint32_t)(tramp >> SMP_PAGE_SHIFT);
	uint8_t *page = phys_to_virt(tramp);
	uint64_t t0 = time_monotonic_ns();
	struct smp_ap *ap;
	void *stack;
	int err;

	ap = smp_ap_alloc(cpu, apic_id, &stack);
	if (!ap)
		return -ENOMEM;
	/* A call's alignment: rsp + 8 is 16-byte aligned at function entry. */
	smp_put64(page, TRAMP_STACK, ap->kstack_top - sizeof(uint64_t));
	smp_put64(page, TRAMP_ENTRY, (uint64_t)smp_ap_entry);
	smp_put64(page, TRAMP_ARG, (uint64_t)ap);
	smp_tramp_copy_kernel_half(tramp);
	smp_cpus[cpu] = ap;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);

	err = lapic_send_init(apic_id);
	if (err)
		return err;
	time_delay_ns(SMP_INIT_DELAY_NS);
	err = lapic_send_startup(apic_id, vector);
	if (err)
		return err;
	time_delay_ns(SMP_SIPI_DELAY_NS);
	if (smp_ap_state(ap) < SMP_AP_ALIVE) {
		err = lapic_send_startup(apic_id, vector);
		if (err)
			return err;
		time_delay_ns(SMP_SIPI_DELAY_NS);
	}
	if (!smp_wait_state(ap, SMP_AP_ONLINE, t0 + SMP_CHECKIN_TIMEOUT_NS))
		return -ETIMEDOUT;
	ap->report.boot_ns = time_monotonic_ns() - t0;
	return 0;
}

static unsigned smp_limit_from_cmdline(void)
{
	if (boot_cmdline.nosmp)
		return 1;
	if (boot_cmdline.maxcpus != CMDLINE_MAXCPUS_UNSET)
		return boot_cmdline.maxcpus < 1 ? 1 :
		       boot_cmdline.maxcpus > SMP_MAX_CPUS ? SMP_MAX_CPUS :
		       (unsigned)boot_cmdline.maxcpus;
	return SMP_MAX_CPUS;
}

void smp_init(void)
{
	uint32_t bsp_id;
	uint64_t tramp;

	smp_allowed = smp_limit_from_cmdline();
	percpu_boot()->apic_id = lapic_available() ? lapic_id() : 0;
	if (acpi.have_madt && acpi.madt.ncpus > 0)
		smp_present = acpi.madt.ncpus;
	if (!lapic_available() || smp_present == 1 || smp_allowed == 1)
		goto done;
	if (irq_set_handler(SMP_VECTOR_PING, smp_ping_interrupt, NULL) || smp_call_init() ||
	    irq_set_handler(SMP_VECTOR_RESCHED, smp_resched_interrupt, NULL) ||
	    irq_set_handler(SMP_VECTOR_KICK, smp_kick_interrupt, NULL)) {
		pr_warn("smp: vector %#x, %#x, %#x or %#x is taken\n", SMP_VECTOR_PING,
			SMP_VECTOR_CALL, SMP_VECTOR_RESCHED, SMP_VECTOR_KICK);
		goto done;
	}
	tramp = smp_find_tramp();
	if (!tramp) {
		pr_warn("smp: no free low memory for the start-up code\n");
		goto done;
	}
	/* The start-up PML4 is 32-bit in CR3 (trampoline.S), kernel's copied. */
	smp_kernel_cr3 = cpu_read_cr3();
	smp_boot_cr0 = cpu_read_cr0();
	smp_boot_cr4 = cpu_read_cr4();
	smp_tramp_install(tramp);
	bsp_id = percpu_boot()->apic_id;

	for (unsigned i = 0; i < acpi.madt.ncpus && smp_up < smp_allowed; i++) {
		uint32_t apic_id = acpi.madt.cpu_apic_ids[i];
		struct smp_cpu_report *r;
		int err;

		if (apic_id == bsp_id)
			continue;
		err = smp_start_cpu(tramp, smp_up, apic_id);
		if (err) {
			/*
			 * A CPU that may still wake up would use the shared
			 * trampoline data: start no other after it.
			 */
			pr_err("smp: CPU%u (APIC %u) did not start (error %d); "
			       "not starting the others\n", smp_up, apic_id, err);
			break;
		}
		r = &smp_cpus[smp_up]->report;
		pr_info("smp: CPU%u up: APIC %u, LAPIC timer %llu kHz, %llu us\n",
			smp_up, r->apic_id, (unsigned long long)(r->timer_hz / SMP_HZ_PER_KHZ),
			(unsigned long long)(r->boot_ns / NSEC_PER_USEC));
		__atomic_store_n(&smp_up, smp_up + 1, __ATOMIC_RELEASE);
	}
done:
	pr_info("smp: %u CPUs (%u present, %s)\n", smp_up, smp_present,
		boot_cmdline.nosmp ? "nosmp" :
		boot_cmdline.maxcpus != CMDLINE_MAXCPUS_UNSET ? "maxcpus" : "no limit");
}
