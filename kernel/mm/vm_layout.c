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
 *   PIE base      ELF_ET_DYN_BASE plus up to 1 TiB (exec.c asks here)
 *
 * What is random follows /proc/sys/kernel/randomize_va_space as Linux's
 * (Documentation/admin-guide/sysctl/kernel.rst): 0 nothing, 1 the stack,
 * the mmap base (so ld.so and the vDSO) and the PIE base, 2 (the
 * default, and any larger value) also the heap's start. The kernel command line word
 * norandmaps (Linux's, same meaning) makes it 0 at boot, and a process
 * with personality ADDR_NO_RANDOMIZE (setarch -R) execs without any.
 * Entropy comes from the kernel's random generator (lib/random.c:
 * ChaCha20 seeded from RDSEED/RDRAND and timing jitter).
 */
#include <mm/vm_priv.h>
#include <basalt/cmdline.h>
#include <basalt/compiler.h>
#include <basalt/random.h>
#include <proc/process.h>
#include <user/user.h>
#include <uapi/errno.h>
#include <uapi/personality.h>
#include <uapi/resource.h>

#define MIB			(1ULL << 20)
#define VM_STACK_RND_PAGES	(1ULL << 22)	/* 16 GiB of page offsets */
#define VM_MMAP_RND_PAGES	(1ULL << 28)	/* 1 TiB: Linux's mmap_rnd_bits 28 */
#define VM_BRK_RND_RANGE	(32 * MIB)
#define VM_STACK_GAP_MIN	(128 * MIB)	/* Linux's MIN_GAP */
#define VM_STACK_GAP_MAX	(USER_SPACE_END / 6 * 5)	/* Linux's MAX_GAP */
#define VM_RLIMIT_STACK_DEFAULT	(8 * MIB)	/* Linux's _STK_LIM */

/* randomize_va_space's levels (kernel.rst). */
#define VM_RANDOMIZE_NONE	0
#define VM_RANDOMIZE_MAPS	1	/* stack, mmap base, PIE, vDSO */
#define VM_RANDOMIZE_FULL	2	/* and the heap */
#define VM_RANDOMIZE_UNSET	(-1)	/* boot: from the command line */

/* The sysctl's value (any int from 0, as Linux's); one word, atomics. */
static int vm_randomize_va_space = VM_RANDOMIZE_UNSET;

int vm_randomize_level_get(void)
{
	int v = __atomic_load_n(&vm_randomize_va_space, __ATOMIC_RELAXED);

	if (v == VM_RANDOMIZE_UNSET)
		return boot_cmdline.norandmaps ? VM_RANDOMIZE_NONE : VM_RANDOMIZE_FULL;
	return v;
}

int vm_randomize_level_set(uint64_t level)
{
	/* Linux's is a plain proc_dointvec: any int; above 2 acts as 2. */
	if (level > INT32_MAX)
		return -EINVAL;
	__atomic_store_n(&vm_randomize_va_space, (int)level, __ATOMIC_RELAXED);
	return 0;
}

/* The level an exec by the caller uses: none under ADDR_NO_RANDOMIZE. */
static int vm_randomize_level(void)
{
	const struct process *p = process_current();

	if (p && (p->personality & ADDR_NO_RANDOMIZE))
		return VM_RANDOMIZE_NONE;
	return vm_randomize_level_get();
}

bool vm_randomize(void)
{
	return vm_randomize_level() >= VM_RANDOMIZE_MAPS;
}

uint64_t vm_random_u64(void)
{
	uint64_t x;

	random_get_bytes(&x, sizeof(x));
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

uint64_t vm_random_pie_offset(void)
{
	return vm_random_pages(VM_MMAP_RND_PAGES * PAGE_SIZE);
}

void vm_setup_brk(struct vm_space *vm, uint64_t image_end)
{
	uint64_t rnd = vm_randomize_level() >= VM_RANDOMIZE_FULL ?
		       vm_random_pages(VM_BRK_RND_RANGE) : 0;

	vm->start_brk = ALIGN_UP(image_end, PAGE_SIZE) + rnd;
	vm->brk = vm->start_brk;
}
