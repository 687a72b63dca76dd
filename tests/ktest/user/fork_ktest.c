/*
 * fork_ktest.c: processes as tasks: fork, vfork and wait4 from real ring
 * 3 programs (the same harness as user_ktest.c: tiny position-
 * independent programs in a code page, a stack, process_create_kernel).
 */
#include <arch/x86_64/apic/apic.h>
#include <basalt/ktest.h>
#include <basalt/log.h>
#include <basalt/string.h>
#include <mm/mm.h>
#include <mm/vm.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <time/time.h>
#include <uapi/errno.h>
#include <uapi/signal.h>
#include <user/user.h>

#define KT_CODE_VA	0x400000ULL
#define KT_STACK_TOP	0x800000ULL
#define KT_STACK_SIZE	(4 * PAGE_SIZE)

#define KT_PROG(name, body)						\
	extern const char name##_start[], name##_end[];		\
	__asm__(".pushsection .rodata\n"				\
		#name "_start:\n" body "\nud2\n" #name "_end:\n"	\
		".popsection\n")

/* The parent's wait4 of child %rax; then exit with the status byte chosen by shift/mask. */
#define KT_WAIT_CHILD							\
	"mov %rax, %r12\n mov $61, %eax\n mov %r12, %rdi\n lea -16(%rsp), %rsi\n"	\
	"xor %edx, %edx\n xor %r10d, %r10d\n syscall\n cmp %r12, %rax\n jne 8f\n"

/*
 * fork: the child writes a stack word and exits 7; the parent waits,
 * checks its own copy of the word is untouched and exits with the
 * child's exit code.
 */
KT_PROG(kt_prog_fork,
	"movq $0x5a, -8(%rsp)\n mov $57, %eax\n syscall\n"
	"test %rax, %rax\n js 8f\n jz 1f\n"
	KT_WAIT_CHILD
	"cmpq $0x5a, -8(%rsp)\n jne 8f\n"
	"mov -16(%rsp), %edi\n shr $8, %edi\n and $0xff, %edi\n mov $231, %eax\n syscall\n"
	"1: movq $0x77, -8(%rsp)\n mov $231, %eax\n mov $7, %edi\n syscall\n"
	"8: mov $231, %eax\n mov $99, %edi\n syscall");

/* wait4(-1) without children: exit(ECHILD). */
KT_PROG(kt_prog_echild,
	"mov $61, %eax\n mov $-1, %rdi\n xor %esi, %esi\n xor %edx, %edx\n"
	"xor %r10d, %r10d\n syscall\n neg %eax\n mov %eax, %edi\n mov $231, %eax\n syscall");

/* vfork: the child exits 3 at once; the parent resumes and reports it. */
KT_PROG(kt_prog_vfork,
	"mov $58, %eax\n syscall\n test %rax, %rax\n js 8f\n jz 1f\n"
	KT_WAIT_CHILD
	"mov -16(%rsp), %edi\n shr $8, %edi\n and $0xff, %edi\n mov $231, %eax\n syscall\n"
	"1: mov $60, %eax\n mov $3, %edi\n syscall\n"
	"8: mov $231, %eax\n mov $99, %edi\n syscall");

/* A child killed by SIGSEGV: the parent exits with WTERMSIG. */
KT_PROG(kt_prog_child_segv,
	"mov $57, %eax\n syscall\n test %rax, %rax\n js 8f\n jz 1f\n"
	KT_WAIT_CHILD
	"mov -16(%rsp), %edi\n and $0x7f, %edi\n mov $231, %eax\n syscall\n"
	"1: movq 0, %rax\n"
	"8: mov $231, %eax\n mov $99, %edi\n syscall");

/* The child's getppid is the parent's getpid: exit 0 if so, 1 if not. */
KT_PROG(kt_prog_getppid,
	"mov $39, %eax\n syscall\n mov %rax, %r13\n"
	"mov $57, %eax\n syscall\n test %rax, %rax\n js 8f\n jz 1f\n"
	KT_WAIT_CHILD
	"mov -16(%rsp), %edi\n shr $8, %edi\n and $0xff, %edi\n mov $231, %eax\n syscall\n"
	"1: mov $110, %eax\n syscall\n xor %edi, %edi\n cmp %rax, %r13\n setne %dil\n"
	"mov $231, %eax\n syscall\n"
	"8: mov $231, %eax\n mov $99, %edi\n syscall");

/*
 * SSE registers follow each process across switches: parent and child
 * put different values in xmm0, spin long enough (the TSC cycle count in
 * the code page's last 8 bytes) for the timer to switch between them
 * many times, and check their own value survived. Exit 0 if both did.
 */
#define KT_FPU_SPIN_SLOT	(KT_CODE_VA + PAGE_SIZE - 8)
#define KT_FPU_SPIN_MS		300
#define KT_FPU_MIN_SWITCHES	4
#define KT_FPU_SPIN							\
	"movq 0x400ff8, %rbx\n rdtsc\n shl $32, %rdx\n or %rdx, %rax\n mov %rax, %r14\n" \
	"2: pause\n rdtsc\n shl $32, %rdx\n or %rdx, %rax\n sub %r14, %rax\n"	\
	"cmp %rbx, %rax\n jb 2b\n"
KT_PROG(kt_prog_fpu,
	"mov $0x1111111111111111, %rax\n movq %rax, %xmm0\n"
	"mov $57, %eax\n syscall\n test %rax, %rax\n js 8f\n jz 1f\n"
	"mov %rax, %r12\n"
	KT_FPU_SPIN
	"movq %xmm0, %rax\n mov $0x1111111111111111, %rcx\n xor %r13d, %r13d\n"
	"cmp %rcx, %rax\n setne %r13b\n"
	"mov %r12, %rax\n"
	KT_WAIT_CHILD
	"mov -16(%rsp), %edi\n shr $8, %edi\n and $0xff, %edi\n shl $1, %r13d\n or %r13d, %edi\n"
	"mov $231, %eax\n syscall\n"
	"1: mov $0x2222222222222222, %rax\n movq %rax, %xmm0\n"
	KT_FPU_SPIN
	"movq %xmm0, %rax\n mov $0x2222222222222222, %rcx\n xor %edi, %edi\n cmp %rcx, %rax\n"
	"setne %dil\n mov $231, %eax\n syscall\n"
	"8: mov $231, %eax\n mov $99, %edi\n syscall");

/*
 * Threads: clone(CLONE_VM|FS|FILES|SIGHAND|THREAD|CHILD_CLEARTID) with
 * its own stack and the tid word at [rsp-32]. The thread stores its tid
 * and getpid at [rsp-40], [rsp-48] and exits; the kernel clears the tid
 * word at its exit, which the main thread spins on. Exit 0 when the
 * thread had another tid and the same pid.
 */
#define KT_THREAD_FLAGS		"0x250f00"	/* VM FS FILES SIGHAND THREAD CHILD_CLEARTID */
KT_PROG(kt_prog_thread,
	"mov %rsp, %r15\n movl $-1, -32(%r15)\n movq $0, -40(%r15)\n"
	"mov $56, %eax\n mov $" KT_THREAD_FLAGS ", %edi\n lea -8192(%r15), %rsi\n"
	"xor %edx, %edx\n lea -32(%r15), %r10\n xor %r8d, %r8d\n syscall\n"
	"test %rax, %rax\n js 8f\n jz 1f\n"
	"mov %eax, -32(%r15)\n"		/* the tid, unless the thread already exited */
	"2: pause\n cmpl $0, -32(%r15)\n jne 2b\n"
	"mov $39, %eax\n syscall\n xor %edi, %edi\n"
	"cmp %rax, -48(%r15)\n setne %dil\n"
	"cmp %rax, -40(%r15)\n jne 3f\n or $2, %edi\n 3:\n"
	"mov $231, %eax\n syscall\n"
	"1: mov $186, %eax\n syscall\n mov %rax, -40(%r15)\n"
	"mov $39, %eax\n syscall\n mov %rax, -48(%r15)\n"
	"mov $60, %eax\n xor %edi, %edi\n syscall\n"
	"8: mov $231, %eax\n mov $99, %edi\n syscall");

/* exit_group from the main thread ends a thread that spins forever. */
KT_PROG(kt_prog_exit_group_threads,
	"mov %rsp, %r15\n"
	"mov $56, %eax\n mov $0x10f00, %edi\n lea -8192(%r15), %rsi\n"
	"xor %edx, %edx\n xor %r10d, %r10d\n xor %r8d, %r8d\n syscall\n"
	"test %rax, %rax\n js 8f\n jz 1f\n"
	"mov $231, %eax\n mov $5, %edi\n syscall\n"
	"1: pause\n jmp 1b\n"
	"8: mov $231, %eax\n mov $99, %edi\n syscall");

static int kt_fork_run_arg(const char *start, const char *end, uint64_t slot_value)
{
	struct vm_space *vm = vm_create();
	struct process *p;
	int status;

	if (!vm)
		return -1;
	if (vm_map_anon(vm, KT_CODE_VA, PAGE_SIZE, VM_PROT_EXEC) ||
	    vm_map_anon(vm, KT_STACK_TOP - KT_STACK_SIZE, KT_STACK_SIZE, VM_PROT_WRITE) ||
	    vm_write(vm, KT_CODE_VA, start, (size_t)(end - start))) {
		vm_destroy(vm);
		return -1;
	}
	if (vm_write(vm, KT_FPU_SPIN_SLOT, &slot_value, sizeof(slot_value))) {
		vm_destroy(vm);
		return -1;
	}
	p = process_create_kernel(vm, "ktest-fork");
	if (!p) {
		vm_destroy(vm);
		return -1;
	}
	status = user_run(p, KT_CODE_VA, KT_STACK_TOP, NULL);
	process_release(p);
	return status;
}

static int kt_fork_run(const char *start, const char *end)
{
	return kt_fork_run_arg(start, end, 0);
}

KTEST(fork_child_has_own_memory)
{
	unsigned before = process_total();

	KT_EXPECT_EQ(t, kt_fork_run(kt_prog_fork_start, kt_prog_fork_end), W_EXITCODE(7, 0));
	/* The child was reaped by wait4 and the parent released. */
	KT_EXPECT_EQ(t, process_total(), before);
}

KTEST(fork_wait4_without_children_is_echild)
{
	KT_EXPECT_EQ(t, kt_fork_run(kt_prog_echild_start, kt_prog_echild_end),
		     W_EXITCODE(ECHILD, 0));
}

KTEST(fork_vfork_parent_resumes_after_child_exit)
{
	KT_EXPECT_EQ(t, kt_fork_run(kt_prog_vfork_start, kt_prog_vfork_end), W_EXITCODE(3, 0));
}

KTEST(fork_child_killed_by_fault_reported_to_parent)
{
	KT_EXPECT_EQ(t, kt_fork_run(kt_prog_child_segv_start, kt_prog_child_segv_end),
		     W_EXITCODE(SIGSEGV, 0));
}

KTEST(fork_child_getppid_is_parent)
{
	KT_EXPECT_EQ(t, kt_fork_run(kt_prog_getppid_start, kt_prog_getppid_end), W_EXITCODE(0, 0));
}

KTEST(fork_sse_registers_follow_each_process)
{
	uint64_t before = sched_context_switches();

	if (!time_tsc_khz() || !lapic_available()) {
		pr_info("fork_sse_registers_follow_each_process: no TSC or timer, not run\n");
		return;
	}
	KT_EXPECT_EQ(t, kt_fork_run_arg(kt_prog_fpu_start, kt_prog_fpu_end,
					time_tsc_khz() * KT_FPU_SPIN_MS), W_EXITCODE(0, 0));
	/*
	 * Both spun for many slices at once, so the scheduler switched
	 * between them (and the waiting ktest thread) several times.
	 */
	KT_EXPECT(t, sched_context_switches() - before >= KT_FPU_MIN_SWITCHES);
}

KTEST(fork_clone_thread_shares_memory_and_clears_tid)
{
	KT_EXPECT_EQ(t, kt_fork_run(kt_prog_thread_start, kt_prog_thread_end), W_EXITCODE(0, 0));
}

KTEST(fork_exit_group_ends_every_thread)
{
	unsigned before = process_total();

	KT_EXPECT_EQ(t, kt_fork_run(kt_prog_exit_group_threads_start,
				    kt_prog_exit_group_threads_end), W_EXITCODE(5, 0));
	KT_EXPECT_EQ(t, process_total(), before);
}
