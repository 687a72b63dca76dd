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
#include <proc/process_syscalls.h>
#include <log/sys_syslog.h>
#include <fs/syscalls.h>
#include <fs/lock.h>
#include <mm/vm.h>
#include <fs/pipe.h>
#include <fs/poll.h>
#include <proc/percpu.h>
#include <proc/task.h>
#include <signal/signal.h>
#include <proc/futex.h>
#include <time/sys_time.h>
#include <user/sys_info.h>

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

static const syscall_fn_t syscall_table[__NR_syscalls] = {
	[__NR_write] = sys_write,
	[__NR_writev] = sys_writev,
	[__NR_mmap] = sys_mmap,
	[__NR_mprotect] = sys_mprotect,
	[__NR_munmap] = sys_munmap,
	[__NR_brk] = sys_brk,
	[__NR_uname] = sys_uname,	/* kernel/user/sys_uts.c */
	[__NR_sethostname] = sys_sethostname,
	[__NR_setdomainname] = sys_setdomainname,
	[__NR_arch_prctl] = sys_arch_prctl,
	[__NR_prctl] = sys_prctl,
	[__NR_flock] = sys_flock,	/* kernel/fs/lock.c */
	[__NR_syslog] = sys_syslog,	/* kernel/log/sys_syslog.c */

	/* kernel/proc: processes, ids, limits (process_syscalls.h) */
	[__NR_fork] = sys_fork,
	[__NR_vfork] = sys_vfork,
	[__NR_clone] = sys_clone,
	[__NR_clone3] = sys_clone3,
	[__NR_execve] = sys_execve,
	[__NR_exit] = sys_exit,
	[__NR_exit_group] = sys_exit_group,
	[__NR_wait4] = sys_wait4,
	[__NR_waitid] = sys_waitid,
	[__NR_getpid] = sys_getpid,
	[__NR_getppid] = sys_getppid,
	[__NR_gettid] = sys_gettid,
	[__NR_set_tid_address] = sys_set_tid_address,
	[__NR_setpgid] = sys_setpgid,
	[__NR_getpgid] = sys_getpgid,
	[__NR_getpgrp] = sys_getpgrp,
	[__NR_setsid] = sys_setsid,
	[__NR_getsid] = sys_getsid,
	[__NR_getuid] = sys_getuid,
	[__NR_geteuid] = sys_geteuid,
	[__NR_getgid] = sys_getgid,
	[__NR_getegid] = sys_getegid,
	[__NR_setuid] = sys_setuid,
	[__NR_setgid] = sys_setgid,
	[__NR_setreuid] = sys_setreuid,
	[__NR_setregid] = sys_setregid,
	[__NR_setresuid] = sys_setresuid,
	[__NR_setresgid] = sys_setresgid,
	[__NR_getresuid] = sys_getresuid,
	[__NR_getresgid] = sys_getresgid,
	[__NR_setfsuid] = sys_setfsuid,
	[__NR_setfsgid] = sys_setfsgid,
	[__NR_getgroups] = sys_getgroups,
	[__NR_setgroups] = sys_setgroups,
	[__NR_getrlimit] = sys_getrlimit,
	[__NR_setrlimit] = sys_setrlimit,
	[__NR_prlimit64] = sys_prlimit64,
	[__NR_getrusage] = sys_getrusage,
	[__NR_times] = sys_times,
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
	/* mm: the rest of the address-space calls (kernel/user/sys_mem.c, mm/vm.h) */
	[__NR_mremap] = sys_mremap,
	[__NR_madvise] = sys_madvise,
	/* signal: kernel/signal/ */
	[__NR_rt_sigaction] = sys_rt_sigaction,
	[__NR_rt_sigprocmask] = sys_rt_sigprocmask,
	[__NR_rt_sigreturn] = sys_rt_sigreturn,
	[__NR_rt_sigpending] = sys_rt_sigpending,
	[__NR_rt_sigsuspend] = sys_rt_sigsuspend,
	[__NR_rt_sigtimedwait] = sys_rt_sigtimedwait,
	[__NR_rt_sigqueueinfo] = sys_rt_sigqueueinfo,
	[__NR_sigaltstack] = sys_sigaltstack,
	[__NR_pause] = sys_pause,
	[__NR_kill] = sys_kill,
	[__NR_tkill] = sys_tkill,
	[__NR_tgkill] = sys_tgkill,
	[__NR_alarm] = sys_alarm,
	[__NR_getitimer] = sys_getitimer,
	[__NR_setitimer] = sys_setitimer,
	/* Time, futexes, system information (time/sys_time.h, proc/futex.h, user/sys_info.h). */
	[__NR_clock_gettime] = sys_clock_gettime,
	[__NR_clock_getres] = sys_clock_getres,
	[__NR_gettimeofday] = sys_gettimeofday,
	[__NR_time] = sys_time,
	[__NR_nanosleep] = sys_nanosleep,
	[__NR_clock_nanosleep] = sys_clock_nanosleep,
	[__NR_futex] = sys_futex,
	[__NR_sysinfo] = sys_sysinfo,
	[__NR_getrandom] = sys_getrandom,
	[__NR_sched_yield] = sys_sched_yield,
	[__NR_sched_getaffinity] = sys_sched_getaffinity,
	[__NR_sched_setaffinity] = sys_sched_setaffinity,
	[__NR_getcpu] = sys_getcpu,
	[__NR_reboot] = sys_reboot,
	/* fs: pipes and poll/select (fs/pipe.c, fs/poll.c) */
	[__NR_pipe] = sys_pipe,
	[__NR_pipe2] = sys_pipe2,
	[__NR_poll] = sys_poll,
	[__NR_ppoll] = sys_ppoll,
	[__NR_select] = sys_select,
	[__NR_pselect6] = sys_pselect6,
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
