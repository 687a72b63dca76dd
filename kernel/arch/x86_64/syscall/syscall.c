/*
 * syscall.c: SYSCALL setup, the kernel stack the entry switches to, and
 * the system call table indexed by Linux x86_64 numbers, generated from
 * syscall_64.tbl.
 *
 * Locking: the ENOSYS counts and the logged bits are atomic (any CPU may
 * run an unimplemented call); the per-CPU kstack_top (proc/percpu.h) is
 * written by the scheduler and syscall_set_kernel_stack with interrupts
 * off.
 */
#include <arch/x86_64/syscall/syscall.h>
#include <asm/cpu.h>
#include <asm/gdt.h>
#include <basalt/log.h>
#include <uapi/errno.h>
#include <uapi/unistd.h>
#include <proc/percpu.h>
#include <proc/process.h>
#include <proc/task.h>
#include <basalt/syscalls.h>

/* MSRs (Intel SDM Vol. 4 table 2-2; Vol. 3A 5.8.8). */
#define MSR_EFER		0xC0000080
#define EFER_SCE		(1ULL << 0)	/* SYSCALL/SYSRET enable */
#define MSR_STAR		0xC0000081
#define STAR_SYSCALL_CS_SHIFT	32
#define STAR_SYSRET_BASE_SHIFT	48
#define MSR_LSTAR		0xC0000082	/* 64-bit SYSCALL target */
#define MSR_FMASK		0xC0000084	/* RFLAGS bits SYSCALL clears */

/*
 * Cleared on entry: IF so the stack switch cannot be interrupted, DF as
 * the ABI wants, TF so single-stepping stops at the boundary, AC so SMAP
 * is enforced, NT so a later iretq is not a task return.
 */
#define SYSCALL_FMASK	(RFLAGS_IF | RFLAGS_DF | RFLAGS_TF | RFLAGS_AC | RFLAGS_NT)

/* Out-of-range numbers logged at most this often (no bitmap for them). */
#define SYSCALL_BAD_NR_LOG_MAX	16

_Static_assert(PERCPU_KSTACK_TOP == CPU_LOCAL_KERNEL_RSP, "entry.S");
_Static_assert(PERCPU_USER_RSP == CPU_LOCAL_USER_RSP, "entry.S");
_Static_assert(sizeof(struct trap_frame) == TRAP_FRAME_SIZE, "entry.S");
_Static_assert(offsetof(struct trap_frame, rip) == TRAP_FRAME_RIP, "entry.S");
_Static_assert(offsetof(struct trap_frame, r11) == TRAP_FRAME_R11, "entry.S");
_Static_assert(offsetof(struct trap_frame, rcx) == TRAP_FRAME_RCX, "entry.S");
_Static_assert(offsetof(struct trap_frame, rflags) == TRAP_FRAME_RFLAGS, "entry.S");

/*
 * Every entry point syscall_64.tbl names, declared: the handlers define
 * them with SYSCALL_DEFINEn (basalt/syscalls.h), so no header lists them.
 */
#define SYSCALL_ENTRY(nr, name, entry)	long entry(struct trap_frame *f);
#define SYSCALL_NO_ENTRY(nr, name)
#include <generated/syscall_table.h>
#undef SYSCALL_ENTRY
#undef SYSCALL_NO_ENTRY

/* The table, indexed by number; NULL where Basalt has no handler. */
#define SYSCALL_ENTRY(nr, name, entry)	[nr] = entry,
#define SYSCALL_NO_ENTRY(nr, name)
static const syscall_fn_t syscall_table[__NR_syscalls] = {
#include <generated/syscall_table.h>
};
#undef SYSCALL_ENTRY
#undef SYSCALL_NO_ENTRY

/* The name of every number, for the "not implemented" log line. */
#define SYSCALL_ENTRY(nr, name, entry)	[nr] = #name,
#define SYSCALL_NO_ENTRY(nr, name)	[nr] = #name,
const char *const syscall_names[__NR_syscalls] = {
#include <generated/syscall_table.h>
};
#undef SYSCALL_ENTRY
#undef SYSCALL_NO_ENTRY

/* Numbers logged once as unimplemented; calls to each since boot. */
static uint64_t syscall_logged[(__NR_syscalls + 63) / 64];
static uint64_t syscall_enosys_counts[__NR_syscalls];
/* Calls with numbers past the table, and how many of them were logged. */
static uint64_t syscall_out_of_range;
static unsigned syscall_bad_nr_logged;

void syscall_init_cpu(void)
{
	cpu_wrmsr(MSR_STAR, ((uint64_t)GDT_STAR_SYSCALL_CS << STAR_SYSCALL_CS_SHIFT) |
		  ((uint64_t)GDT_STAR_SYSRET_BASE << STAR_SYSRET_BASE_SHIFT));
	cpu_wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	cpu_wrmsr(MSR_FMASK, SYSCALL_FMASK);
	cpu_wrmsr(MSR_EFER, cpu_rdmsr(MSR_EFER) | EFER_SCE);
}

void syscall_init(void)
{
	syscall_init_cpu();
	pr_info("syscall: SYSCALL entry at %#llx, %u Linux numbers, %u implemented\n",
		(unsigned long long)syscall_entry, (unsigned)__NR_syscalls,
		syscall_implemented_count());
}

unsigned syscall_implemented_count(void)
{
	unsigned n = 0;

	for (unsigned i = 0; i < __NR_syscalls; i++)
		n += syscall_table[i] != NULL;
	return n;
}

uint64_t syscall_set_kernel_stack(uint64_t top)
{
	/*
	 * Interrupts off: an interrupt taken between these stores would
	 * switch to a TSS.RSP0 (Intel SDM Vol. 3A 7.7) that disagrees with
	 * the task's and the per-CPU copy syscall_entry uses.
	 */
	uint64_t flags = cpu_irq_save();
	struct task *t = percpu_current();
	uint64_t old = t->kstack_top;

	t->kstack_top = top;
	percpu_this()->kstack_top = top;
	tss_set_rsp0(top);
	cpu_irq_restore(flags);
	return old;
}

/* The caller, for the log line: its pid and name, as Linux prints them. */
static void syscall_caller(int *pid, const char **comm)
{
	const struct process *p = task_current()->proc;

	*pid = p ? p->pid : 0;
	*comm = p ? p->comm : task_current()->name;
}

/*
 * Counted in /proc/basalt/enosys; the first call of each number is
 * logged with the process that made it, so a user can see what a
 * failing program needed.
 */
static long syscall_unimplemented(uint64_t nr)
{
	const char *comm;
	int pid;

	if (nr < __NR_syscalls) {
		uint64_t bit = 1ULL << (nr % 64);

		__atomic_fetch_add(&syscall_enosys_counts[nr], 1, __ATOMIC_RELAXED);
		if (!(__atomic_fetch_or(&syscall_logged[nr / 64], bit, __ATOMIC_RELAXED) & bit)) {
			syscall_caller(&pid, &comm);
			pr_warn("syscall: %s (%llu) is not implemented: ENOSYS (pid %d, %s)\n",
				syscall_names[nr] ? syscall_names[nr] : "unassigned",
				(unsigned long long)nr, pid, comm);
		}
	} else {
		__atomic_fetch_add(&syscall_out_of_range, 1, __ATOMIC_RELAXED);
		if (__atomic_fetch_add(&syscall_bad_nr_logged, 1, __ATOMIC_RELAXED) <
		    SYSCALL_BAD_NR_LOG_MAX) {
			syscall_caller(&pid, &comm);
			pr_warn("syscall: no system call %llu: ENOSYS (pid %d, %s)\n",
				(unsigned long long)nr, pid, comm);
		}
	}
	return -ENOSYS;
}

unsigned syscall_nr_count(void)
{
	return __NR_syscalls;
}

uint64_t syscall_enosys_calls(unsigned nr, const char **name)
{
	if (nr >= __NR_syscalls)
		return 0;
	*name = syscall_names[nr];
	return __atomic_load_n(&syscall_enosys_counts[nr], __ATOMIC_RELAXED);
}

uint64_t syscall_enosys_out_of_range(void)
{
	return __atomic_load_n(&syscall_out_of_range, __ATOMIC_RELAXED);
}

bool syscall_was_logged(uint64_t nr)
{
	return nr < __NR_syscalls &&
	       (__atomic_load_n(&syscall_logged[nr / 64], __ATOMIC_RELAXED) & (1ULL << (nr % 64)));
}

void syscall_dispatch(struct trap_frame *f)
{
	uint64_t nr = f->rax;
	long ret;

	if (nr < __NR_syscalls && syscall_table[nr])
		ret = syscall_table[nr](f);
	else
		ret = syscall_unimplemented(nr);
	f->rax = (uint64_t)ret;
}
