/*
 * percpu.c: the per-CPU area of CPU 0 and the GS base that points at it
 * (kernel/proc/percpu.h explains the scheme).
 */
#include <asm/cpu.h>
#include <proc/percpu.h>

#define PERCPU_BOOT_CPU		0

static struct percpu percpu_cpu0;

/*
 * Loading a selector into %gs (gdt_init does) overwrites the base with
 * the descriptor's, so this runs after gdt_init and nothing reloads %gs
 * later. KERNEL_GS_BASE starts at 0: the GS base of the first user task.
 */
void percpu_init(void)
{
	percpu_cpu0.self = &percpu_cpu0;
	percpu_cpu0.cpu = PERCPU_BOOT_CPU;
	cpu_wrmsr(MSR_IA32_GS_BASE, (uint64_t)&percpu_cpu0);
	cpu_wrmsr(MSR_IA32_KERNEL_GS_BASE, 0);
}
