/*
 * sigframe_test.c: kernel/signal/policy.c and the uapi layouts of
 * uapi/signal.h: signal sets and masks, the default actions, which
 * signal goes first, the ERESTART* decision table (signal(7)), where
 * the frame lands on the stack, what rt_sigreturn lets a frame change,
 * and every struct offset against the Linux x86_64 ABI (sigaction(2),
 * getcontext(3), the psABI; glibc's REG_* order for sigcontext).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <signal/internal.h>
#include <uapi/errno.h>

#define RFLAGS_CF	(1ULL << 0)
#define RFLAGS_ZF	(1ULL << 6)
#define RFLAGS_TF	(1ULL << 8)
#define RFLAGS_IF	(1ULL << 9)
#define RFLAGS_DF	(1ULL << 10)
#define RFLAGS_IOPL3	(3ULL << 12)
#define RFLAGS_NT	(1ULL << 14)
#define RFLAGS_AC	(1ULL << 18)
#define RFLAGS_VM	(1ULL << 17)

static void test_siginfo_layout(void **state)
{
	(void)state;
	assert_int_equal(sizeof(struct siginfo), 128);
	assert_int_equal(offsetof(struct siginfo, si_signo), 0);
	assert_int_equal(offsetof(struct siginfo, si_errno), 4);
	assert_int_equal(offsetof(struct siginfo, si_code), 8);
	assert_int_equal(offsetof(struct siginfo, f), 16);
	assert_int_equal(offsetof(struct siginfo, f.kill.pid), 16);
	assert_int_equal(offsetof(struct siginfo, f.kill.uid), 20);
	assert_int_equal(offsetof(struct siginfo, f.timer.tid), 16);
	assert_int_equal(offsetof(struct siginfo, f.timer.overrun), 20);
	assert_int_equal(offsetof(struct siginfo, f.timer.value), 24);
	assert_int_equal(offsetof(struct siginfo, f.rt.value), 24);
	assert_int_equal(offsetof(struct siginfo, f.chld.status), 24);
	assert_int_equal(offsetof(struct siginfo, f.chld.utime), 32);
	assert_int_equal(offsetof(struct siginfo, f.chld.stime), 40);
	assert_int_equal(offsetof(struct siginfo, f.fault.addr), 16);
	assert_int_equal(offsetof(struct siginfo, f.fault.addr_lsb), 24);
	assert_int_equal(offsetof(struct siginfo, f.poll.band), 16);
	assert_int_equal(offsetof(struct siginfo, f.poll.fd), 24);
	assert_int_equal(offsetof(struct siginfo, f.sys.syscall), 24);
}

static void test_sigaction_and_stack_layout(void **state)
{
	(void)state;
	assert_int_equal(sizeof(struct kernel_sigaction), 32);
	assert_int_equal(offsetof(struct kernel_sigaction, sa_handler), 0);
	assert_int_equal(offsetof(struct kernel_sigaction, sa_flags), 8);
	assert_int_equal(offsetof(struct kernel_sigaction, sa_restorer), 16);
	assert_int_equal(offsetof(struct kernel_sigaction, sa_mask), 24);
	assert_int_equal(sizeof(ksigset_t), 8);
	assert_int_equal(sizeof(stack_t), 24);
	assert_int_equal(offsetof(stack_t, ss_sp), 0);
	assert_int_equal(offsetof(stack_t, ss_flags), 8);
	assert_int_equal(offsetof(stack_t, ss_size), 16);
}

/* glibc's gregset_t order: REG_R8 = 0 ... REG_CR2 = 22, 8 bytes each. */
static void test_sigcontext_layout(void **state)
{
	(void)state;
	assert_int_equal(sizeof(struct sigcontext), 256);
	assert_int_equal(offsetof(struct sigcontext, r8), 0 * 8);
	assert_int_equal(offsetof(struct sigcontext, r15), 7 * 8);
	assert_int_equal(offsetof(struct sigcontext, rdi), 8 * 8);
	assert_int_equal(offsetof(struct sigcontext, rsi), 9 * 8);
	assert_int_equal(offsetof(struct sigcontext, rbp), 10 * 8);
	assert_int_equal(offsetof(struct sigcontext, rbx), 11 * 8);
	assert_int_equal(offsetof(struct sigcontext, rdx), 12 * 8);
	assert_int_equal(offsetof(struct sigcontext, rax), 13 * 8);
	assert_int_equal(offsetof(struct sigcontext, rcx), 14 * 8);
	assert_int_equal(offsetof(struct sigcontext, rsp), 15 * 8);
	assert_int_equal(offsetof(struct sigcontext, rip), 16 * 8);
	assert_int_equal(offsetof(struct sigcontext, eflags), 17 * 8);
	assert_int_equal(offsetof(struct sigcontext, cs), 18 * 8);	/* REG_CSGSFS */
	assert_int_equal(offsetof(struct sigcontext, gs), 18 * 8 + 2);
	assert_int_equal(offsetof(struct sigcontext, fs), 18 * 8 + 4);
	assert_int_equal(offsetof(struct sigcontext, ss), 18 * 8 + 6);
	assert_int_equal(offsetof(struct sigcontext, err), 19 * 8);
	assert_int_equal(offsetof(struct sigcontext, trapno), 20 * 8);
	assert_int_equal(offsetof(struct sigcontext, oldmask), 21 * 8);
	assert_int_equal(offsetof(struct sigcontext, cr2), 22 * 8);
	assert_int_equal(offsetof(struct sigcontext, fpstate), 23 * 8);	/* mcontext fpregs */
	assert_int_equal(offsetof(struct sigcontext, reserved1), 24 * 8);
}

static void test_ucontext_and_frame_layout(void **state)
{
	(void)state;
	assert_int_equal(offsetof(struct ucontext, uc_flags), 0);
	assert_int_equal(offsetof(struct ucontext, uc_link), 8);
	assert_int_equal(offsetof(struct ucontext, uc_stack), 16);
	assert_int_equal(offsetof(struct ucontext, uc_mcontext), 40);
	assert_int_equal(offsetof(struct ucontext, uc_sigmask), 296);
	assert_int_equal(sizeof(struct ucontext), 304);
	assert_int_equal(offsetof(struct rt_sigframe, pretcode), 0);
	assert_int_equal(offsetof(struct rt_sigframe, uc), 8);
	assert_int_equal(offsetof(struct rt_sigframe, info), 312);
	assert_int_equal(sizeof(struct rt_sigframe), 440);
	/* FXSAVE image (SDM Vol. 1 table 10-2). */
	assert_int_equal(sizeof(struct fpstate), 512);
	assert_int_equal(offsetof(struct fpstate, mxcsr), 24);
	assert_int_equal(offsetof(struct fpstate, mxcsr_mask), 28);
	assert_int_equal(offsetof(struct fpstate, st_space), 32);
	assert_int_equal(offsetof(struct fpstate, xmm_space), 160);
	assert_int_equal(offsetof(struct fpstate, sw_reserved), 464);
}

static void test_numbers(void **state)
{
	(void)state;
	assert_int_equal(SIGCHLD, 17);
	assert_int_equal(SIGCONT, 18);
	assert_int_equal(SIGSTOP, 19);
	assert_int_equal(SIGSYS, 31);
	assert_int_equal(SIGRTMIN, 34);
	assert_int_equal(SIGRTMAX, 64);
	assert_int_equal(SA_RESTORER, 0x04000000);
	assert_int_equal(SA_SIGINFO, 4);
	assert_true(SIGSET_BIT(1) == 1);
	assert_true(SIGSET_BIT(64) == 1ULL << 63);
	assert_true(signal_valid(1) && signal_valid(64));
	assert_false(signal_valid(0) || signal_valid(65) || signal_valid(-1));
}

static void test_default_actions(void **state)
{
	static const int term[] = { SIGHUP, SIGINT, SIGKILL, SIGUSR1, SIGUSR2, SIGPIPE,
				    SIGALRM, SIGTERM, SIGSTKFLT, SIGVTALRM, SIGPROF,
				    SIGIO, SIGPWR, 32, SIGRTMIN, SIGRTMAX };
	static const int core[] = { SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE,
				    SIGSEGV, SIGXCPU, SIGXFSZ, SIGSYS };
	static const int stop[] = { SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU };
	static const int ign[] = { SIGCHLD, SIGURG, SIGWINCH };

	(void)state;
	for (size_t i = 0; i < sizeof(term) / sizeof(term[0]); i++)
		assert_int_equal(signal_default_action(term[i]), SIGNAL_DEFAULT_TERM);
	for (size_t i = 0; i < sizeof(core) / sizeof(core[0]); i++)
		assert_int_equal(signal_default_action(core[i]), SIGNAL_DEFAULT_CORE);
	for (size_t i = 0; i < sizeof(stop) / sizeof(stop[0]); i++)
		assert_int_equal(signal_default_action(stop[i]), SIGNAL_DEFAULT_STOP);
	for (size_t i = 0; i < sizeof(ign) / sizeof(ign[0]); i++)
		assert_int_equal(signal_default_action(ign[i]), SIGNAL_DEFAULT_IGN);
	assert_int_equal(signal_default_action(SIGCONT), SIGNAL_DEFAULT_CONT);
}

static void test_action_ignores(void **state)
{
	struct kernel_sigaction dfl = { .sa_handler = SIG_DFL };
	struct kernel_sigaction ign = { .sa_handler = SIG_IGN };
	struct kernel_sigaction handler = { .sa_handler = 0x401000 };

	(void)state;
	assert_true(signal_action_ignores(SIGCHLD, &dfl));
	assert_true(signal_action_ignores(SIGWINCH, &dfl));
	assert_false(signal_action_ignores(SIGCONT, &dfl));	/* still continues */
	assert_false(signal_action_ignores(SIGTERM, &dfl));
	assert_true(signal_action_ignores(SIGTERM, &ign));
	assert_false(signal_action_ignores(SIGCHLD, &handler));
	/* Whatever the table says, SIGKILL and SIGSTOP are never ignored. */
	assert_false(signal_action_ignores(SIGKILL, &ign));
	assert_false(signal_action_ignores(SIGSTOP, &ign));
}

static void test_mask_apply(void **state)
{
	ksigset_t out;

	(void)state;
	assert_int_equal(signal_mask_apply(SIGSET_BIT(SIGINT), SIG_BLOCK, SIGSET_BIT(SIGTERM), &out), 0);
	assert_true(out == (SIGSET_BIT(SIGINT) | SIGSET_BIT(SIGTERM)));
	assert_int_equal(signal_mask_apply(out, SIG_UNBLOCK, SIGSET_BIT(SIGINT), &out), 0);
	assert_true(out == SIGSET_BIT(SIGTERM));
	assert_int_equal(signal_mask_apply(out, SIG_SETMASK, SIGSET_BIT(SIGUSR1), &out), 0);
	assert_true(out == SIGSET_BIT(SIGUSR1));
	/* SIGKILL and SIGSTOP are silently left out (sigprocmask(2)). */
	assert_int_equal(signal_mask_apply(0, SIG_SETMASK, ~0ULL, &out), 0);
	assert_true(out == ~SIGSET_UNBLOCKABLE);
	out = 42;
	assert_int_equal(signal_mask_apply(0, 3, 0, &out), -EINVAL);
	assert_int_equal(signal_mask_apply(0, -1, 0, &out), -EINVAL);
	assert_true(out == 42);
}

static void test_pick(void **state)
{
	(void)state;
	assert_int_equal(signal_pick(0), 0);
	assert_int_equal(signal_pick(SIGSET_BIT(SIGTERM) | SIGSET_BIT(SIGINT)), SIGINT);
	assert_int_equal(signal_pick(SIGSET_BIT(SIGINT) | SIGSET_BIT(SIGSEGV)), SIGSEGV);
	assert_int_equal(signal_pick(SIGSET_BIT(SIGHUP) | SIGSET_BIT(SIGSEGV) |
				     SIGSET_BIT(SIGKILL)), SIGKILL);
	assert_int_equal(signal_pick(SIGSET_BIT(SIGRTMAX)), SIGRTMAX);
	assert_int_equal(signal_pick(SIGSET_BIT(SIGRTMAX) | SIGSET_BIT(SIGRTMIN)), SIGRTMIN);
}

/* signal(7), "Interruption of system calls and library functions". */
static void test_restart_table(void **state)
{
	static const struct {
		long ret;
		bool handler;
		uint64_t flags;
		enum signal_restart want;
	} rows[] = {
		{ -ERESTARTSYS, false, 0, SIGNAL_RESTART_AGAIN },
		{ -ERESTARTSYS, true, 0, SIGNAL_RESTART_EINTR },
		{ -ERESTARTSYS, true, SA_RESTART, SIGNAL_RESTART_AGAIN },
		{ -ERESTARTNOINTR, false, 0, SIGNAL_RESTART_AGAIN },
		{ -ERESTARTNOINTR, true, 0, SIGNAL_RESTART_AGAIN },
		{ -ERESTARTNOINTR, true, SA_RESTART, SIGNAL_RESTART_AGAIN },
		{ -ERESTARTNOHAND, false, 0, SIGNAL_RESTART_AGAIN },
		{ -ERESTARTNOHAND, true, 0, SIGNAL_RESTART_EINTR },
		{ -ERESTARTNOHAND, true, SA_RESTART, SIGNAL_RESTART_EINTR },
		{ -ERESTART_RESTARTBLOCK, false, 0, SIGNAL_RESTART_EINTR },
		{ -ERESTART_RESTARTBLOCK, true, SA_RESTART, SIGNAL_RESTART_EINTR },
		{ -EINTR, true, SA_RESTART, SIGNAL_RESTART_NONE },
		{ -EAGAIN, false, 0, SIGNAL_RESTART_NONE },
		{ 0, true, 0, SIGNAL_RESTART_NONE },
		{ 512, true, 0, SIGNAL_RESTART_NONE },	/* a positive result, not a code */
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		assert_int_equal(signal_restart_decide(rows[i].ret, rows[i].handler, rows[i].flags),
				 rows[i].want);
}

static void test_frame_placement(void **state)
{
	(void)state;
	for (uint64_t sp = 0x7ffffffde000; sp < 0x7ffffffde000 + 64; sp += 8) {
		uint64_t fp, frame = signal_frame_addr(sp, false, 0, 0, &fp);

		/* As after a call: %rsp + 8 is 16-byte aligned (psABI 3.2.2). */
		assert_int_equal((frame + 8) % 16, 0);
		assert_int_equal(fp % 64, 0);
		/* The red zone below the interrupted %rsp is left alone. */
		assert_true(fp + FPSTATE_SIZE <= sp - SIGNAL_REDZONE);
		assert_true(frame + sizeof(struct rt_sigframe) <= fp);
		/* And not much more than needed is taken. */
		assert_true(sp - frame < SIGNAL_REDZONE + FPSTATE_SIZE +
			    sizeof(struct rt_sigframe) + 64 + 16 + 8);
	}
}

static void test_frame_on_altstack(void **state)
{
	const uint64_t ss_sp = 0x600000, ss_size = SIGSTKSZ;
	uint64_t fp, frame;

	(void)state;
	frame = signal_frame_addr(0x7ffffffde000, true, ss_sp, ss_size, &fp);
	assert_true(signal_on_altstack(frame, ss_sp, ss_size));
	assert_true(fp + FPSTATE_SIZE <= ss_sp + ss_size);
	assert_int_equal((frame + 8) % 16, 0);
	/* on_sig_stack: (ss_sp, ss_sp + size], the top counts, the bottom not. */
	assert_true(signal_on_altstack(ss_sp + ss_size, ss_sp, ss_size));
	assert_false(signal_on_altstack(ss_sp, ss_sp, ss_size));
	assert_false(signal_on_altstack(ss_sp + ss_size + 1, ss_sp, ss_size));
	assert_false(signal_on_altstack(ss_sp + 8, 0, 0));
}

static void test_sigreturn_rflags(void **state)
{
	uint64_t cur = RFLAGS_IF | (1ULL << 1);
	uint64_t forged = RFLAGS_IOPL3 | RFLAGS_NT | RFLAGS_VM | RFLAGS_TF |
			  RFLAGS_CF | RFLAGS_ZF | RFLAGS_DF | RFLAGS_AC;
	uint64_t got = signal_sigreturn_rflags(cur, forged);

	(void)state;
	assert_true(got & RFLAGS_IF);		/* a frame cannot mask interrupts */
	assert_false(got & RFLAGS_IOPL3);	/* nor get I/O privilege */
	assert_false(got & (RFLAGS_NT | RFLAGS_VM | RFLAGS_TF));
	assert_true((got & (RFLAGS_CF | RFLAGS_ZF | RFLAGS_DF | RFLAGS_AC)) ==
		    (RFLAGS_CF | RFLAGS_ZF | RFLAGS_DF | RFLAGS_AC));
	assert_int_equal(signal_sigreturn_rflags(cur, 0), cur);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_siginfo_layout),
		cmocka_unit_test(test_sigaction_and_stack_layout),
		cmocka_unit_test(test_sigcontext_layout),
		cmocka_unit_test(test_ucontext_and_frame_layout),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_default_actions),
		cmocka_unit_test(test_action_ignores),
		cmocka_unit_test(test_mask_apply),
		cmocka_unit_test(test_pick),
		cmocka_unit_test(test_restart_table),
		cmocka_unit_test(test_frame_placement),
		cmocka_unit_test(test_frame_on_altstack),
		cmocka_unit_test(test_sigreturn_rflags),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
