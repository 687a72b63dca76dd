/*
 * sigframe_ktest.c: handler frames and rt_sigreturn in ring 3, for
 * real. Small programs (as in tests/ktest/user/user_ktest.c) run as
 * processes through user_run, so the signal system calls, the fault path
 * (user_trap -> fault.c) and the delivery at syscall exit (entry.S) all
 * act. The programs check what they see themselves and exit with 0 or
 * the number of the first check that failed.
 */
#include <basalt/ktest.h>
#include <basalt/string.h>
#include <mm/mm.h>
#include <mm/vm.h>
#include <proc/process.h>
#include <signal/internal.h>
#include <user/user.h>

#define KSF_CODE_VA	0x400000ULL
#define KSF_STACK_TOP	0x800000ULL
#define KSF_STACK_SIZE	(4 * PAGE_SIZE)

#define KSF_PROG(name, body)						\
	extern const char name##_start[], name##_end[];			\
	__asm__(".pushsection .rodata\n"				\
		#name "_start:\n" body "\nud2\n" #name "_end:\n"	\
		".popsection\n")

/*
 * SIGILL from ud2 with an SA_SIGINFO handler. The handler checks its
 * arguments (rdi = 4, siginfo ILL_ILLOPN at the ud2, ucontext rip and
 * r12), that %rsp + 8 is 16-byte aligned, that SIGILL is blocked while
 * it runs; then edits the ucontext: rip += 2 (past the ud2), r13 =
 * 0x77, and forges a kernel CS and IOPL 3, and clobbers r12/rbx. After
 * rt_sigreturn the program must see r12/rbx restored, r13 = 0x77, ring
 * 3 and IOPL 0, and an empty mask again.
 */
KSF_PROG(ksf_prog_sigill,
	"sub $32, %rsp\n"
	"lea ksf_ill_handler(%rip), %rax\n mov %rax, 0(%rsp)\n"
	"movq $0x04000004, 8(%rsp)\n"		/* SA_RESTORER | SA_SIGINFO */
	"lea ksf_ill_restorer(%rip), %rax\n mov %rax, 16(%rsp)\n"
	"movq $0, 24(%rsp)\n"
	"mov $13, %eax\n mov $4, %edi\n mov %rsp, %rsi\n xor %edx, %edx\n mov $8, %r10d\n syscall\n"
	"mov $1, %edi\n test %rax, %rax\n jnz ksf_ill_exit\n"
	"mov $0x5555, %r12\n mov $0x6666, %rbx\n xor %r13d, %r13d\n"
	"ksf_ill_ud: ud2\n"
	"mov $2, %edi\n cmp $0x5555, %r12\n jne ksf_ill_exit\n cmp $0x6666, %rbx\n jne ksf_ill_exit\n"
	"mov $3, %edi\n cmp $0x77, %r13\n jne ksf_ill_exit\n"
	"mov $4, %edi\n mov %cs, %eax\n and $3, %eax\n cmp $3, %eax\n jne ksf_ill_exit\n"
	"mov $5, %edi\n pushf\n pop %rax\n test $0x3000, %eax\n jnz ksf_ill_exit\n"
	"mov $14, %eax\n xor %edi, %edi\n xor %esi, %esi\n mov %rsp, %rdx\n mov $8, %r10d\n syscall\n"
	"mov $6, %edi\n cmpq $0, (%rsp)\n jne ksf_ill_exit\n"
	"xor %edi, %edi\n"
	"ksf_ill_exit: mov $60, %eax\n syscall\n"
	"ksf_ill_handler:\n"
	"cmp $4, %rdi\n mov $10, %edi\n jne ksf_ill_exit\n"
	"lea 8(%rsp), %rax\n test $15, %al\n mov $11, %edi\n jnz ksf_ill_exit\n"
	"cmpl $4, 0(%rsi)\n mov $12, %edi\n jne ksf_ill_exit\n"	/* si_signo */
	"cmpl $2, 8(%rsi)\n mov $13, %edi\n jne ksf_ill_exit\n"	/* ILL_ILLOPN */
	"lea ksf_ill_ud(%rip), %rax\n"
	"cmp %rax, 16(%rsi)\n mov $14, %edi\n jne ksf_ill_exit\n"	/* si_addr */
	"cmp %rax, 168(%rdx)\n mov $15, %edi\n jne ksf_ill_exit\n"	/* uc rip */
	"cmpq $0x5555, 72(%rdx)\n mov $16, %edi\n jne ksf_ill_exit\n"	/* uc r12 */
	"mov %rdx, %r14\n sub $16, %rsp\n"
	"mov $14, %eax\n xor %edi, %edi\n xor %esi, %esi\n mov %rsp, %rdx\n mov $8, %r10d\n syscall\n"
	"mov (%rsp), %rax\n add $16, %rsp\n"
	"cmp $8, %rax\n mov $17, %edi\n jne ksf_ill_exit\n"		/* SIGILL blocked */
	"addq $2, 168(%r14)\n"			/* past the ud2 */
	"movq $0x77, 80(%r14)\n"		/* r13 */
	"movw $0x08, 184(%r14)\n"		/* a kernel CS */
	"orq $0x3000, 176(%r14)\n"		/* IOPL 3 */
	"xor %r12d, %r12d\n xor %ebx, %ebx\n"
	"ret\n"
	"ksf_ill_restorer: mov $15, %eax\n syscall");

/*
 * setitimer(ITIMER_REAL, 10 ms), then pause(): SIGALRM's handler runs
 * at the system call's exit (it stores the signal number at
 * KSF_FLAG_VA) and pause returns -EINTR.
 */
#define KSF_FLAG_VA	0x7fd000
KSF_PROG(ksf_prog_alarm,
	"sub $32, %rsp\n"
	"lea ksf_alrm_handler(%rip), %rax\n mov %rax, 0(%rsp)\n"
	"movq $0x04000004, 8(%rsp)\n"
	"lea ksf_alrm_restorer(%rip), %rax\n mov %rax, 16(%rsp)\n"
	"movq $0, 24(%rsp)\n"
	"mov $13, %eax\n mov $14, %edi\n mov %rsp, %rsi\n xor %edx, %edx\n mov $8, %r10d\n syscall\n"
	"mov $1, %edi\n test %rax, %rax\n jnz ksf_alrm_exit\n"
	"movq $0, 0(%rsp)\n movq $0, 8(%rsp)\n movq $0, 16(%rsp)\n movq $10000, 24(%rsp)\n"
	"mov $38, %eax\n xor %edi, %edi\n mov %rsp, %rsi\n xor %edx, %edx\n syscall\n"
	"mov $2, %edi\n test %rax, %rax\n jnz ksf_alrm_exit\n"
	"mov $34, %eax\n syscall\n"
	"mov $3, %edi\n cmp $-4, %rax\n jne ksf_alrm_exit\n"		/* EINTR */
	"mov $4, %edi\n cmpl $14, 0x7fd000\n jne ksf_alrm_exit\n"
	"xor %edi, %edi\n"
	"ksf_alrm_exit: mov $60, %eax\n syscall\n"
	"ksf_alrm_handler: movl %edi, 0x7fd000\n ret\n"
	"ksf_alrm_restorer: mov $15, %eax\n syscall");

/*
 * A NULL write with an SA_ONSTACK SIGSEGV handler on a sigaltstack at
 * [0x7fc000, 0x7fe000): the handler must run there and see si_code
 * SEGV_MAPERR and si_addr 0; it resumes the program at a label by
 * rewriting the ucontext's rip.
 */
KSF_PROG(ksf_prog_segv,
	"sub $32, %rsp\n"
	"movq $0x7fc000, 0(%rsp)\n movq $0, 8(%rsp)\n movq $0x2000, 16(%rsp)\n"
	"mov $131, %eax\n mov %rsp, %rdi\n xor %esi, %esi\n syscall\n"
	"mov $1, %edi\n test %rax, %rax\n jnz ksf_segv_exit\n"
	"lea ksf_segv_handler(%rip), %rax\n mov %rax, 0(%rsp)\n"
	"movq $0x0c000004, 8(%rsp)\n"		/* SA_RESTORER | SA_ONSTACK | SA_SIGINFO */
	"lea ksf_segv_restorer(%rip), %rax\n mov %rax, 16(%rsp)\n"
	"movq $0, 24(%rsp)\n"
	"mov $13, %eax\n mov $11, %edi\n mov %rsp, %rsi\n xor %edx, %edx\n mov $8, %r10d\n syscall\n"
	"mov $2, %edi\n test %rax, %rax\n jnz ksf_segv_exit\n"
	"xor %eax, %eax\n movq $1, (%rax)\n"
	"ksf_segv_resume:\n"
	"mov $3, %edi\n cmpl $1, 0x7fe100\n jne ksf_segv_exit\n"
	"xor %edi, %edi\n"
	"ksf_segv_exit: mov $60, %eax\n syscall\n"
	"ksf_segv_handler:\n"
	"mov $10, %edi\n cmp $0x7fc000, %rsp\n jb ksf_segv_exit\n cmp $0x7fe000, %rsp\n jae ksf_segv_exit\n"
	"cmpl $11, 0(%rsi)\n mov $11, %edi\n jne ksf_segv_exit\n"
	"cmpl $1, 8(%rsi)\n mov $12, %edi\n jne ksf_segv_exit\n"	/* SEGV_MAPERR */
	"cmpq $0, 16(%rsi)\n mov $13, %edi\n jne ksf_segv_exit\n"	/* si_addr */
	"lea ksf_segv_resume(%rip), %rax\n mov %rax, 168(%rdx)\n"
	"movl $1, 0x7fe100\n ret\n"
	"ksf_segv_restorer: mov $15, %eax\n syscall");

/*
 * SIGALRM blocked, setitimer(10 ms), rt_sigtimedwait without a timeout
 * takes it (14, siginfo SI_KERNEL); a second wait with a 5 ms timeout
 * is -EAGAIN; nothing stays pending. Layout on the stack: the set at
 * 0, a timespec/itimerval at 16, the siginfo at 64.
 */
KSF_PROG(ksf_prog_timedwait,
	"sub $256, %rsp\n"
	"movq $0x2000, 0(%rsp)\n"		/* bit 13: SIGALRM */
	"mov $14, %eax\n xor %edi, %edi\n mov %rsp, %rsi\n xor %edx, %edx\n mov $8, %r10d\n syscall\n"
	"mov $1, %edi\n test %rax, %rax\n jnz ksf_tw_exit\n"
	"movq $0, 16(%rsp)\n movq $0, 24(%rsp)\n movq $0, 32(%rsp)\n movq $10000, 40(%rsp)\n"
	"mov $38, %eax\n xor %edi, %edi\n lea 16(%rsp), %rsi\n xor %edx, %edx\n syscall\n"
	"mov $2, %edi\n test %rax, %rax\n jnz ksf_tw_exit\n"
	"mov $128, %eax\n mov %rsp, %rdi\n lea 64(%rsp), %rsi\n xor %edx, %edx\n mov $8, %r10d\n syscall\n"
	"mov $3, %edi\n cmp $14, %rax\n jne ksf_tw_exit\n"
	"mov $4, %edi\n cmpl $14, 64(%rsp)\n jne ksf_tw_exit\n cmpl $0x80, 72(%rsp)\n jne ksf_tw_exit\n"
	"movq $0, 16(%rsp)\n movq $5000000, 24(%rsp)\n"
	"mov $128, %eax\n mov %rsp, %rdi\n xor %esi, %esi\n lea 16(%rsp), %rdx\n mov $8, %r10d\n syscall\n"
	"mov $5, %edi\n cmp $-11, %rax\n jne ksf_tw_exit\n"
	"movq $-1, 16(%rsp)\n"
	"mov $127, %eax\n lea 16(%rsp), %rdi\n mov $8, %esi\n syscall\n"
	"mov $6, %edi\n test %rax, %rax\n jnz ksf_tw_exit\n cmpq $0, 16(%rsp)\n jne ksf_tw_exit\n"
	"xor %edi, %edi\n"
	"ksf_tw_exit: mov $60, %eax\n syscall");

/* Runs a program as a process of its own; its wait status or -1. */
static int ksf_run(const char *start, const char *end)
{
	struct vm_space *vm = vm_create();
	struct process *p;
	int status;

	if (!vm)
		return -1;
	if (vm_map_anon(vm, KSF_CODE_VA, PAGE_SIZE, VM_PROT_EXEC) ||
	    vm_map_anon(vm, KSF_STACK_TOP - KSF_STACK_SIZE, KSF_STACK_SIZE, VM_PROT_WRITE) ||
	    vm_write(vm, KSF_CODE_VA, start, (size_t)(end - start))) {
		vm_destroy(vm);
		return -1;
	}
	p = process_create_kernel(vm, "ktest-signal");
	if (!p) {
		vm_destroy(vm);
		return -1;
	}
	status = user_run(p, KSF_CODE_VA, KSF_STACK_TOP, NULL);
	process_release(p);
	return status;
}

KTEST(sigframe_sigill_handler_and_sigreturn)
{
	KT_EXPECT_EQ(t, ksf_run(ksf_prog_sigill_start, ksf_prog_sigill_end), W_EXITCODE(0, 0));
}

KTEST(sigframe_alarm_interrupts_pause)
{
	KT_EXPECT_EQ(t, ksf_run(ksf_prog_alarm_start, ksf_prog_alarm_end), W_EXITCODE(0, 0));
}

KTEST(sigframe_segv_on_altstack)
{
	KT_EXPECT_EQ(t, ksf_run(ksf_prog_segv_start, ksf_prog_segv_end), W_EXITCODE(0, 0));
}

KTEST(sigframe_sigtimedwait_takes_blocked_alarm)
{
	KT_EXPECT_EQ(t, ksf_run(ksf_prog_timedwait_start, ksf_prog_timedwait_end),
		     W_EXITCODE(0, 0));
}
