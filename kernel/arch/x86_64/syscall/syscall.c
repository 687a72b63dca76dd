/*
 * syscall.c: SYSCALL setup, the kernel stack the entry switches to, and
 * the system call table indexed by Linux x86_64 numbers (<uapi/unistd.h>).
 *
 * Locking: syscall_logged is only touched with the one user program
 * running on the one CPU; the per-CPU kstack_top (proc/percpu.h) is
 * written by the scheduler and syscall_set_kernel_stack with interrupts
 * off.
 */
#include <arch/x86_64/syscall/syscall.h>
#include <asm/cpu.h>
#include <asm/gdt.h>
#include <basalt/log.h>
#include <uapi/errno.h>
#include <uapi/unistd.h>
#include <user/user.h>
#include <fs/syscalls.h>
#include <proc/percpu.h>
#include <proc/task.h>

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

static const syscall_fn_t syscall_table[__NR_syscalls] = {
	[__NR_write] = sys_write,
	[__NR_writev] = sys_writev,
	[__NR_mmap] = sys_mmap,
	[__NR_mprotect] = sys_mprotect,
	[__NR_munmap] = sys_munmap,
	[__NR_brk] = sys_brk,
	[__NR_getpid] = sys_getpid,
	[__NR_gettid] = sys_gettid,
	[__NR_exit] = sys_exit,
	[__NR_exit_group] = sys_exit_group,
	[__NR_uname] = sys_uname,
	[__NR_arch_prctl] = sys_arch_prctl,
	[__NR_set_tid_address] = sys_set_tid_address,
	/* fs (kernel/fs/syscalls.h); write and writev above are fs's too. */
	[__NR_read] = sys_read,
	[__NR_open] = sys_open,
	[__NR_close] = sys_close,
	[__NR_stat] = sys_stat,
	[__NR_fstat] = sys_fstat,
	[__NR_lstat] = sys_lstat,
	[__NR_lseek] = sys_lseek,
	[__NR_ioctl] = sys_ioctl,
	[__NR_pread64] = sys_pread64,
	[__NR_pwrite64] = sys_pwrite64,
	[__NR_readv] = sys_readv,
	[__NR_access] = sys_access,
	[__NR_dup] = sys_dup,
	[__NR_dup2] = sys_dup2,
	[__NR_sendfile] = sys_sendfile,
	[__NR_fcntl] = sys_fcntl,
	[__NR_fsync] = sys_fsync,
	[__NR_fdatasync] = sys_fdatasync,
	[__NR_truncate] = sys_truncate,
	[__NR_ftruncate] = sys_ftruncate,
	[__NR_getdents64] = sys_getdents64,
	[__NR_getcwd] = sys_getcwd,
	[__NR_chdir] = sys_chdir,
	[__NR_fchdir] = sys_fchdir,
	[__NR_rename] = sys_rename,
	[__NR_mkdir] = sys_mkdir,
	[__NR_rmdir] = sys_rmdir,
	[__NR_creat] = sys_creat,
	[__NR_link] = sys_link,
	[__NR_unlink] = sys_unlink,
	[__NR_symlink] = sys_symlink,
	[__NR_readlink] = sys_readlink,
	[__NR_chmod] = sys_chmod,
	[__NR_fchmod] = sys_fchmod,
	[__NR_chown] = sys_chown,
	[__NR_fchown] = sys_fchown,
	[__NR_lchown] = sys_lchown,
	[__NR_umask] = sys_umask,
	[__NR_mknod] = sys_mknod,
	[__NR_statfs] = sys_statfs,
	[__NR_fstatfs] = sys_fstatfs,
	[__NR_chroot] = sys_chroot,
	[__NR_sync] = sys_sync,
	[__NR_mount] = sys_mount,
	[__NR_umount2] = sys_umount2,
	[__NR_openat] = sys_openat,
	[__NR_mkdirat] = sys_mkdirat,
	[__NR_mknodat] = sys_mknodat,
	[__NR_fchownat] = sys_fchownat,
	[__NR_newfstatat] = sys_newfstatat,
	[__NR_unlinkat] = sys_unlinkat,
	[__NR_renameat] = sys_renameat,
	[__NR_linkat] = sys_linkat,
	[__NR_symlinkat] = sys_symlinkat,
	[__NR_readlinkat] = sys_readlinkat,
	[__NR_fchmodat] = sys_fchmodat,
	[__NR_faccessat] = sys_faccessat,
	[__NR_utimensat] = sys_utimensat,
	[__NR_fallocate] = sys_fallocate,
	[__NR_dup3] = sys_dup3,
	[__NR_renameat2] = sys_renameat2,
	[__NR_statx] = sys_statx,
	[__NR_faccessat2] = sys_faccessat2,
	[__NR_preadv] = sys_preadv,
	[__NR_pwritev] = sys_pwritev,
};

static uint64_t syscall_logged[(__NR_syscalls + 63) / 64];
static unsigned syscall_bad_nr_logged;

void syscall_init(void)
{
	cpu_wrmsr(MSR_STAR, ((uint64_t)GDT_STAR_SYSCALL_CS << STAR_SYSCALL_CS_SHIFT) |
		  ((uint64_t)GDT_STAR_SYSRET_BASE << STAR_SYSRET_BASE_SHIFT));
	cpu_wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	cpu_wrmsr(MSR_FMASK, SYSCALL_FMASK);
	cpu_wrmsr(MSR_EFER, cpu_rdmsr(MSR_EFER) | EFER_SCE);
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
	uint64_t flags = cpu_irq_save();
	struct task *t = percpu_current();
	uint64_t old = t->kstack_top;

	t->kstack_top = top;
	percpu_this()->kstack_top = top;
	tss_set_rsp0(top);
	cpu_irq_restore(flags);
	return old;
}

static long syscall_unimplemented(uint64_t nr)
{
	if (nr < __NR_syscalls) {
		uint64_t bit = 1ULL << (nr % 64);

		if (!(syscall_logged[nr / 64] & bit)) {
			syscall_logged[nr / 64] |= bit;
			pr_warn("syscall: %s (%llu) is not implemented: ENOSYS\n",
				syscall_names[nr] ? syscall_names[nr] : "unassigned",
				(unsigned long long)nr);
		}
	} else if (syscall_bad_nr_logged < SYSCALL_BAD_NR_LOG_MAX) {
		syscall_bad_nr_logged++;
		pr_warn("syscall: no system call %llu: ENOSYS\n", (unsigned long long)nr);
	}
	return -ENOSYS;
}

bool syscall_was_logged(uint64_t nr)
{
	return nr < __NR_syscalls && (syscall_logged[nr / 64] & (1ULL << (nr % 64)));
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
