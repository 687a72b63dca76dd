/*
 * percpu.c: the per-CPU area of CPU 0 and the GS base that points at it
 * (kernel/proc/percpu.h explains the scheme).
 */
#include <asm/cpu.h>
#include <asm/gdt.h>
#include <proc/percpu.h>

#define PERCPU_BOOT_CPU		0

static struct percpu percpu_cpu0;

/*
 * Loading a selector into %gs (gdt_init does) overwrites the base with
 * the descriptor's, so this runs after gdt_init and nothing reloads %gs
 * later. KERNEL_GS_BASE starts at 0: the GS base of the first user task.
 */
void percpu_load(struct percpu *p)
{
	cpu_wrmsr(MSR_IA32_GS_BASE, (uint64_t)p);
	cpu_wrmsr(MSR_IA32_KERNEL_GS_BASE, 0);
}

void percpu_init(void)
{
	percpu_cpu0.self = &percpu_cpu0;
	percpu_cpu0.cpu = PERCPU_BOOT_CPU;
	percpu_cpu0.tss = gdt_boot_tss();
	percpu_load(&percpu_cpu0);
}

struct percpu *percpu_boot(void)
{
	return &percpu_cpu0;
}
