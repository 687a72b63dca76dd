/*
 * vm_layout.c: where a new program's stack, mmap area and heap go, with
 * address space layout randomization (ASLR), and the resource limits
 * that bound an address space (getrlimit(2): RLIMIT_STACK, RLIMIT_AS,
 * RLIMIT_DATA).
 *
 * Layout from the top, as Linux's x86_64 one (arch/x86/mm/mmap.c's
 * design, documented in Documentation/admin-guide/sysctl/kernel.rst,
 * randomize_va_space):
 *
 *   stack_top     VM_STACK_TOP_MAX minus up to 16 GiB (random pages)
 *   mmap_base     stack_top minus the stack's room (RLIMIT_STACK, at
 *                 least 128 MiB) and the guard gap, minus up to 1 TiB
 *   start_brk     the end of the image plus up to 32 MiB
 *
 * The kernel command line word norandmaps (Linux's, same meaning) turns
 * the random parts off. Entropy: RDRAND (Intel SDM Vol. 2B RDRAND) when
 * CPUID.01H:ECX.RDRAND[bit 30] says the CPU has it; otherwise the TSC
 * mixed through xorshift64, which is weak: an attacker who can estimate
 * the boot-relative cycle count narrows the choice a lot. It is there so
 * layouts differ between runs, not as a security boundary.
 */
#include <mm/vm_priv.h>
#include <asm/cpu.h>
#include <basalt/cmdline.h>
#include <basalt/compiler.h>
#include <proc/process.h>
#include <user/user.h>
#include <uapi/errno.h>
#include <uapi/personality.h>
#include <uapi/resource.h>

#define CPUID_FEATURES		1
#define CPUID_1_ECX_RDRAND	(1u << 30)
#define VM_RDRAND_RETRIES	10	/* SDM Vol. 1 7.3.17: retry a few times */

#define MIB			(1ULL << 20)
#define VM_STACK_RND_PAGES	(1ULL << 22)	/* 16 GiB of page offsets */
#define VM_MMAP_RND_PAGES	(1ULL << 28)	/* 1 TiB */
#define VM_BRK_RND_RANGE	(32 * MIB)
#define VM_STACK_GAP_MIN	(128 * MIB)	/* Linux's MIN_GAP */
#define VM_STACK_GAP_MAX	(USER_SPACE_END / 6 * 5)	/* Linux's MAX_GAP */
#define VM_RLIMIT_STACK_DEFAULT	(8 * MIB)	/* Linux's _STK_LIM */

/* -1: not asked yet; then whether RDRAND works. Set once, racing is harmless. */
static int vm_has_rdrand = -1;
static uint64_t vm_tsc_state;

/*
 * Randomized unless the kernel was booted with norandmaps or the caller
 * (an exec) runs with personality ADDR_NO_RANDOMIZE.
 */
bool vm_randomize(void)
{
	const struct process *p = process_current();

	if (p && (p->personality & ADDR_NO_RANDOMIZE))
		return false;
	return !boot_cmdline.norandmaps;
}

static bool vm_rdrand(uint64_t *out)
{
	for (unsigned i = 0; i < VM_RDRAND_RETRIES; i++) {
		uint8_t ok;

		/* CF = 1: a random value was delivered (SDM Vol. 2B RDRAND). */
		__asm__ volatile("rdrand %0; setc %1" : "=r"(*out), "=qm"(ok) : : "cc");
		if (ok)
			return true;
	}
	return false;
}

uint64_t vm_random_u64(void)
{
	uint64_t x;

	if (vm_has_rdrand < 0) {
		uint32_t a, b, c, d;

		cpu_cpuid(CPUID_FEATURES, 0, &a, &b, &c, &d);
		vm_has_rdrand = (c & CPUID_1_ECX_RDRAND) != 0;
	}
	if (vm_has_rdrand && vm_rdrand(&x))
		return x;
	/* xorshift64 (Marsaglia 2003) over the TSC and the previous state. */
	x = vm_tsc_state ^ cpu_rdtsc() ^ 0x9e3779b97f4a7c15ULL;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	vm_tsc_state = x;
	return x;
}

/* A random multiple of PAGE_SIZE below range (0 without ASLR). */
static uint64_t vm_random_pages(uint64_t range)
{
	if (!vm_randomize() || range < PAGE_SIZE)
		return 0;
	return (vm_random_u64() % (range / PAGE_SIZE)) * PAGE_SIZE;
}

/*
 * A caller whose limits were never set (a kernel thread has no process;
 * the ktests' bare kt_uspace process has zeroed limits, and RLIMIT_STACK's
 * hard limit 0 is no real process's) gets Linux's defaults.
 */
uint64_t vm_rlimit(unsigned resource)
{
	struct task *t = task_current();
	struct process *p = t ? t->proc : NULL;

	if (resource >= RLIM_NLIMITS)
		return RLIM64_INFINITY;
	if (!p || !p->rlim[RLIMIT_STACK].rlim_max)
		return resource == RLIMIT_STACK ? VM_RLIMIT_STACK_DEFAULT : RLIM64_INFINITY;
	return p->rlim[resource].rlim_cur;
}

/* Private writable memory other than stacks: Linux's data_vm. */
static uint64_t vm_data_bytes(struct vm_space *vm)
{
	uint64_t n = 0;

	for (const struct vma *v = vm->vmas.head; v; v = v->next)
		if (!(v->flags & (VMA_SHARED | VMA_GROWSDOWN)) && (v->prot & VM_PROT_WRITE))
			n += v->end - v->start;
	return n;
}

bool vm_may_grow(struct vm_space *vm, uint64_t len, bool data)
{
	uint64_t as = vm_rlimit(RLIMIT_AS), lim;

	if (as != RLIM64_INFINITY && (len > as || vm->vmas.total > as - len))
		return false;
	if (!data)
		return true;
	lim = vm_rlimit(RLIMIT_DATA);
	return lim == RLIM64_INFINITY || (len <= lim && vm_data_bytes(vm) <= lim - len);
}

int vm_setup_stack(struct vm_space *vm, uint64_t size, bool exec)
{
	uint64_t gap = vm_rlimit(RLIMIT_STACK);

	vm->stack_top = VM_STACK_TOP_MAX - vm_random_pages(VM_STACK_RND_PAGES * PAGE_SIZE);
	if (gap == RLIM64_INFINITY || gap > VM_STACK_GAP_MAX)
		gap = VM_STACK_GAP_MAX;
	gap = ALIGN_UP(MAX(gap, VM_STACK_GAP_MIN), PAGE_SIZE) + VM_STACK_GUARD_GAP;
	vm->mmap_base = vm->stack_top - gap - vm_random_pages(VM_MMAP_RND_PAGES * PAGE_SIZE);
	/* Pages come on first touch: exec's vm_write of the arguments, then faults. */
	return vm_mmap(vm, vm->stack_top - size, size,
		       VM_PROT_WRITE | (exec ? VM_PROT_EXEC : 0), VMA_GROWSDOWN, NULL, 0);
}

void vm_setup_brk(struct vm_space *vm, uint64_t image_end)
{
	vm->start_brk = ALIGN_UP(image_end, PAGE_SIZE) + vm_random_pages(VM_BRK_RND_RANGE);
	vm->brk = vm->start_brk;
}
