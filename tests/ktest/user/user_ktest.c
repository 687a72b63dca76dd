/*
 * user_ktest.c: ring 3 for real. Small position-independent programs
 * (assembled into .rodata here, copied into a fresh address space) make
 * system calls and faults; the kernel must return the right values and
 * survive. Also the user-memory helpers on bad pointers.
 */
#include <arch/x86_64/apic/apic.h>
#include <asm/extable.h>
#include <basalt/ktest.h>
#include <basalt/log.h>
#include <basalt/string.h>
#include <arch/x86_64/syscall/syscall.h>
#include <mm/mm.h>
#include <mm/vm.h>
#include <time/time.h>
#include <uapi/errno.h>
#include <uapi/signal.h>
#include <uapi/unistd.h>
#include <fs/capture.h>
#include <user/user.h>
#include <proc/process.h>

#define KT_CODE_VA	0x400000ULL
#define KT_DATA_VA	0x600000ULL
#define KT_STACK_TOP	0x800000ULL
#define KT_STACK_SIZE	(4 * PAGE_SIZE)
#define KT_UNMAPPED_VA	0x10000000ULL

/* The programs: each ends in exit(status); "ud2" catches a fall-through. */
#define KT_PROG(name, body)						\
	extern const char name##_start[], name##_end[];			\
	__asm__(".pushsection .rodata\n"				\
		#name "_start:\n" body "\nud2\n" #name "_end:\n"	\
		".popsection\n")

KT_PROG(kt_prog_exit42, "mov $60, %eax\n mov $42, %edi\n syscall");

/* exit(0) only if three unknown numbers give -ENOSYS (38). */
KT_PROG(kt_prog_enosys,
	"mov $246, %eax\n syscall\n cmp $-38, %rax\n jne 1f\n"	/* kexec_load */
	"mov $400, %eax\n syscall\n cmp $-38, %rax\n jne 1f\n"	/* unassigned */
	"mov $0x7fffffff, %eax\n syscall\n cmp $-38, %rax\n jne 1f\n"
	"mov $-1, %rax\n syscall\n cmp $-38, %rax\n jne 1f\n"
	"mov $231, %eax\n xor %edi, %edi\n syscall\n"
	"1: mov $231, %eax\n mov $1, %edi\n syscall");

/*
 * write(1, msg, 18) must return 18; write(1, NULL, 4), write(1, kernel
 * address, 4) and write(1, unmapped, 4) -EFAULT (14); write(5, ...)
 * -EBADF (9). The exit status counts the failures.
 */
KT_PROG(kt_prog_write,
	"xor %r12d, %r12d\n"
	"mov $1, %eax\n mov $1, %edi\n lea 9f(%rip), %rsi\n mov $18, %edx\n syscall\n"
	"cmp $18, %rax\n je 1f\n inc %r12d\n 1:\n"
	"mov $1, %eax\n mov $1, %edi\n xor %esi, %esi\n mov $4, %edx\n syscall\n"
	"cmp $-14, %rax\n je 1f\n inc %r12d\n 1:\n"
	"mov $1, %eax\n mov $1, %edi\n mov $0xffffffff80000000, %rsi\n mov $4, %edx\n syscall\n"
	"cmp $-14, %rax\n je 1f\n inc %r12d\n 1:\n"
	"mov $1, %eax\n mov $1, %edi\n mov $0x10000000, %rsi\n mov $4, %edx\n syscall\n"
	"cmp $-14, %rax\n je 1f\n inc %r12d\n 1:\n"
	"mov $1, %eax\n mov $5, %edi\n lea 9f(%rip), %rsi\n mov $4, %edx\n syscall\n"
	"cmp $-9, %rax\n je 1f\n inc %r12d\n 1:\n"
	"mov $231, %eax\n mov %r12d, %edi\n syscall\n"
	"9: .ascii \"hello from ring 3\\n\"");

/*
 * A kernel-started program is an ordinary process with a descriptor
 * table: fcntl(1, F_GETFL) (72, 3) is O_RDWR (2); dup2(1, 7) (33) gives 7
 * and a write through 7 lands in the capture; read(0) finds end of file
 * (0). The exit status counts the failures.
 */
KT_PROG(kt_prog_stdio,
	"xor %r12d, %r12d\n"
	"mov $72, %eax\n mov $1, %edi\n mov $3, %esi\n syscall\n"
	"cmp $2, %rax\n je 1f\n inc %r12d\n 1:\n"
	"mov $33, %eax\n mov $1, %edi\n mov $7, %esi\n syscall\n"
	"cmp $7, %rax\n je 1f\n inc %r12d\n 1:\n"
	"mov $1, %eax\n mov $7, %edi\n lea 9f(%rip), %rsi\n mov $8, %edx\n syscall\n"
	"cmp $8, %rax\n je 1f\n inc %r12d\n 1:\n"
	"mov $0, %eax\n xor %edi, %edi\n lea -16(%rsp), %rsi\n mov $8, %edx\n syscall\n"
	"cmp $0, %rax\n je 1f\n inc %r12d\n 1:\n"
	"mov $231, %eax\n mov %r12d, %edi\n syscall\n"
	"9: .ascii \"via fd7\\n\"");

KT_PROG(kt_prog_segv, "movq 0, %rax");
KT_PROG(kt_prog_kernel_read, "movq $0xffffffff80000000, %rbx\n movq (%rbx), %rax");
KT_PROG(kt_prog_ud, "ud2");
/* SYSCALL from ring 3 keeps the callee-saved registers and rsp. */
KT_PROG(kt_prog_regs,
	"mov $0x1111, %rbx\n mov $0x2222, %rbp\n mov $0x3333, %r12\n mov $0x4444, %r15\n"
	"mov %rsp, %r14\n mov $39, %eax\n syscall\n"
	"cmp $0x1111, %rbx\n jne 1f\n cmp $0x2222, %rbp\n jne 1f\n cmp $0x3333, %r12\n jne 1f\n"
	"cmp $0x4444, %r15\n jne 1f\n cmp %rsp, %r14\n jne 1f\n"
	"mov %eax, %edi\n mov $60, %eax\n syscall\n"
	"1: mov $60, %eax\n mov $255, %edi\n syscall");

/*
 * Spins in ring 3 (1000 pauses at a time) until times(2), the tick
 * count of the monotonic clock, has moved on by KT_SPIN_TICKS, then
 * exit(0): timer interrupts must arrive from user mode and return to it.
 * The code page's last 8 bytes (KT_SPIN_SLOT) are left for the caller.
 */
#define KT_SPIN_SLOT	(KT_CODE_VA + PAGE_SIZE - 8)
#define KT_SPIN_TICKS	10
#define KT_SPIN_MIN_JIFFIES	2	/* of 10: lost or late ticks are tolerated */
#define KT_STR_(x)	#x
#define KT_STR(x)	KT_STR_(x)
KT_PROG(kt_prog_spin,
	"mov $100, %eax\n xor %edi, %edi\n syscall\n lea " KT_STR(KT_SPIN_TICKS) "(%rax), %r12\n"
	"1: mov $1000, %ecx\n 2: pause\n dec %ecx\n jnz 2b\n"
	"mov $100, %eax\n xor %edi, %edi\n syscall\n cmp %r12, %rax\n jb 1b\n"
	"mov $60, %eax\n xor %edi, %edi\n syscall");

static struct vm_space *kt_vm_with_code(const char *start, const char *end)
{
	struct vm_space *vm = vm_create();

	if (!vm)
		return NULL;
	if (vm_map_anon(vm, KT_CODE_VA, PAGE_SIZE, VM_PROT_EXEC) ||
	    vm_map_anon(vm, KT_STACK_TOP - KT_STACK_SIZE, KT_STACK_SIZE, VM_PROT_WRITE) ||
	    vm_write(vm, KT_CODE_VA, start, (size_t)(end - start))) {
		vm_destroy(vm);
		return NULL;
	}
	return vm;
}

/*
 * Runs a program (with spin_cycles in KT_SPIN_SLOT); returns its wait
 * status, or -1 if it could not start.
 */
static int kt_run_arg(const char *start, const char *end, struct user_capture *cap,
		      uint64_t spin_cycles)
{
	struct vm_space *vm = kt_vm_with_code(start, end);
	struct process *p;
	int status;

	if (!vm)
		return -1;
	if (vm_write(vm, KT_SPIN_SLOT, &spin_cycles, sizeof(spin_cycles))) {
		vm_destroy(vm);
		return -1;
	}
	p = process_create_kernel(vm, "ktest");
	if (!p) {
		vm_destroy(vm);
		return -1;
	}
	status = user_run(p, KT_CODE_VA, KT_STACK_TOP, cap);
	process_release(p);
	return status;
}

static int kt_run(const char *start, const char *end, struct user_capture *cap)
{
	return kt_run_arg(start, end, cap, 0);
}

KTEST(user_interrupted_by_timer)
{
	uint64_t before = time_jiffies();

	/* The framework has no SKIP: say so in the log and pass. */
	if (!time_tsc_khz() || !lapic_available()) {
		pr_info("user_interrupted_by_timer: no TSC frequency or no timer, not run\n");
		return;
	}
	KT_EXPECT_EQ(t, kt_run_arg(kt_prog_spin_start, kt_prog_spin_end, NULL, 0),
		     W_EXITCODE(0, 0));
	/* The clock moved on by KT_SPIN_TICKS ticks: the tick came, from ring 3. */
	KT_EXPECT(t, time_jiffies() - before >= KT_SPIN_MIN_JIFFIES);
}

KTEST(user_exit_status)
{
	uint64_t free_before = pmm_free_pages_count();
	int status = kt_run(kt_prog_exit42_start, kt_prog_exit42_end, NULL);

	KT_EXPECT(t, WIFEXITED(status));
	KT_EXPECT_EQ(t, WEXITSTATUS(status), 42);
	/*
	 * Address space, tables, kernel stack: everything came back. The
	 * stack goes once the CPU it died on has switched away, which on
	 * another CPU may be just after the wait returned: a short grace.
	 */
	KT_EXPECT_EQ(t, ktest_free_pages_settle(free_before), free_before);
	KT_EXPECT(t, process_current() == NULL);
}

KTEST(user_enosys)
{
	int status = kt_run(kt_prog_enosys_start, kt_prog_enosys_end, NULL);

	KT_EXPECT_EQ(t, status, W_EXITCODE(0, 0));
	KT_EXPECT(t, syscall_was_logged(__NR_kexec_load));
}

KTEST(user_write_console)
{
	char buf[64];
	struct user_capture cap = { .buf = buf, .size = sizeof(buf) };
	int status = kt_run(kt_prog_write_start, kt_prog_write_end, &cap);

	KT_EXPECT_EQ(t, status, W_EXITCODE(0, 0));
	KT_ASSERT(t, cap.len == 18);
	KT_EXPECT(t, !memcmp(buf, "hello from ring 3\n", 18));
}

KTEST(user_program_has_real_stdio)
{
	char buf[32];
	struct user_capture cap = { .buf = buf, .size = sizeof(buf) };
	int status = kt_run(kt_prog_stdio_start, kt_prog_stdio_end, &cap);

	KT_EXPECT_EQ(t, status, W_EXITCODE(0, 0));
	KT_ASSERT(t, cap.len == 8);
	KT_EXPECT(t, !memcmp(buf, "via fd7\n", 8));
}

KTEST(user_fault_kills_program)
{
	KT_EXPECT_EQ(t, kt_run(kt_prog_segv_start, kt_prog_segv_end, NULL),
		     W_EXITCODE(0, SIGSEGV));
	KT_EXPECT_EQ(t, kt_run(kt_prog_kernel_read_start, kt_prog_kernel_read_end, NULL),
		     W_EXITCODE(0, SIGSEGV));
	KT_EXPECT_EQ(t, kt_run(kt_prog_ud_start, kt_prog_ud_end, NULL),
		     W_EXITCODE(0, SIGILL));
	/* And ring 3 still works afterwards. */
	KT_EXPECT_EQ(t, kt_run(kt_prog_exit42_start, kt_prog_exit42_end, NULL),
		     W_EXITCODE(42, 0));
}

KTEST(user_syscall_preserves_registers)
{
	int status = kt_run(kt_prog_regs_start, kt_prog_regs_end, NULL);

	KT_EXPECT(t, WIFEXITED(status));
	KT_EXPECT(t, WEXITSTATUS(status) != 255);	/* 255: a register changed */
}

KTEST(uaccess_bad_pointers)
{
	static const char kernel_data[8] = "kernel";
	char buf[16];
	struct vm_space *vm = vm_create();

	KT_ASSERT(t, vm != NULL);
	KT_ASSERT(t, vm_map_anon(vm, KT_DATA_VA, PAGE_SIZE, VM_PROT_WRITE) == 0);
	vm_switch(vm);
	KT_EXPECT_EQ(t, copy_from_user(buf, NULL, 8), -EFAULT);
	KT_EXPECT_EQ(t, copy_from_user(buf, (void *)KT_UNMAPPED_VA, 8), -EFAULT);
	KT_EXPECT_EQ(t, copy_from_user(buf, kernel_data, 8), -EFAULT);
	KT_EXPECT_EQ(t, copy_to_user((void *)kernel_data, buf, 1), -EFAULT);
	KT_EXPECT_EQ(t, copy_from_user(buf, (void *)(USER_SPACE_END - 8), 16), -EFAULT);
	KT_EXPECT_EQ(t, copy_from_user(buf, (void *)KT_DATA_VA, (size_t)-1), -EFAULT);
	KT_EXPECT_EQ(t, copy_from_user(buf, (void *)~0ULL, 2), -EFAULT);
	/* The last 4 bytes of the page are mapped, the next 4 are not. */
	KT_EXPECT_EQ(t, copy_from_user(buf, (void *)(KT_DATA_VA + PAGE_SIZE - 4), 8), -EFAULT);
	KT_EXPECT_EQ(t, strncpy_from_user(buf, NULL, sizeof(buf)), -EFAULT);
	KT_EXPECT_EQ(t, strncpy_from_user(buf, kernel_data, sizeof(buf)), -EFAULT);

	/* And the good paths, through the same address space. */
	KT_EXPECT_EQ(t, copy_to_user((void *)KT_DATA_VA, "user\0data", 10), 0);
	memset(buf, 0, sizeof(buf));
	KT_EXPECT_EQ(t, copy_from_user(buf, (void *)KT_DATA_VA, 10), 0);
	KT_EXPECT(t, !memcmp(buf, "user\0data", 10));
	KT_EXPECT_EQ(t, strncpy_from_user(buf, (void *)KT_DATA_VA, sizeof(buf)), 4);
	KT_EXPECT_EQ(t, strncpy_from_user(buf, (void *)KT_DATA_VA, 3), 3);
	KT_EXPECT_EQ(t, copy_to_user((void *)(KT_DATA_VA + PAGE_SIZE - 2), "ab", 2), 0);
	/* No NUL before the unmapped page: a fault, not a read beyond. */
	KT_EXPECT_EQ(t, strncpy_from_user(buf, (void *)(KT_DATA_VA + PAGE_SIZE - 2), 8),
		     -EFAULT);
	vm_switch(NULL);
	/* With the kernel's tables live, the user page is gone too. */
	KT_EXPECT_EQ(t, copy_from_user(buf, (void *)KT_DATA_VA, 4), -EFAULT);
	vm_destroy(vm);
}

KTEST(vm_page_rights)
{
	struct vm_space *vm = vm_create();
	uint64_t phys, flags;

	KT_ASSERT(t, vm != NULL);
	KT_ASSERT(t, vm_map_anon(vm, KT_CODE_VA, PAGE_SIZE, VM_PROT_EXEC) == 0);
	KT_ASSERT(t, vm_map_anon(vm, KT_DATA_VA, 2 * PAGE_SIZE, VM_PROT_WRITE) == 0);
	KT_EXPECT_EQ(t, vm_map_anon(vm, KT_DATA_VA + PAGE_SIZE, PAGE_SIZE, 0), -EEXIST);
	KT_EXPECT_EQ(t, vm_map_anon(vm, USER_SPACE_END, PAGE_SIZE, 0), -EINVAL);
	KT_ASSERT(t, vm_query(vm, KT_CODE_VA, &phys, &flags) == 0);
	KT_EXPECT(t, (flags & PTE_U) && !(flags & PTE_W) && !(flags & PTE_NX));
	KT_ASSERT(t, vm_query(vm, KT_DATA_VA + PAGE_SIZE, &phys, &flags) == 0);
	KT_EXPECT(t, (flags & PTE_U) && (flags & PTE_W));
	KT_EXPECT(t, !paging_nx_enabled() || (flags & PTE_NX));
	KT_EXPECT_EQ(t, vm->mapped_pages, 3);
	KT_EXPECT_EQ(t, vm_unmap(vm, KT_DATA_VA, PAGE_SIZE), 0);
	KT_EXPECT_EQ(t, vm_query(vm, KT_DATA_VA, &phys, &flags), -EFAULT);
	KT_EXPECT(t, !vm_range_free(vm, KT_DATA_VA, 2 * PAGE_SIZE));
	KT_EXPECT(t, vm_range_free(vm, KT_DATA_VA, PAGE_SIZE));
	vm_destroy(vm);
}

/*
 * With SMAP on, the kernel cannot touch a user page except through the
 * uaccess helpers (SDM 3A 4.6.1); without it, it can.
 */
KTEST(uaccess_smap_enforced)
{
	struct vm_space *vm = vm_create();
	uint64_t v = 0;
	int direct;

	KT_ASSERT(t, vm != NULL);
	KT_ASSERT(t, vm_map_anon(vm, KT_DATA_VA, PAGE_SIZE, VM_PROT_WRITE) == 0);
	vm_switch(vm);
	direct = probe_read_u64((void *)KT_DATA_VA, &v);
	KT_EXPECT_EQ(t, direct, uaccess_smap_enabled() ? -EFAULT : 0);
	KT_EXPECT_EQ(t, copy_from_user(&v, (void *)KT_DATA_VA, sizeof(v)), 0);
	vm_switch(NULL);
	vm_destroy(vm);
}
