/* ucontext_test.c: <ucontext.h> gives ucontext_t with the kernel's signal frame layout: a SA_SIGINFO handler on an alternate stack finds the interrupted stack pointer in uc_mcontext.gregs[REG_RSP] and its own stack in uc_stack, as gnulib's c-stack (grep, diff, m4...) reads them. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

#include "tap.h"

#define UCONTEXT_ALTSTACK_SIZE	(64 * 1024)

static volatile uintptr_t ucontext_seen_rsp;
static volatile uintptr_t ucontext_seen_ss_sp;
static volatile size_t ucontext_seen_ss_size;
static volatile uintptr_t ucontext_handler_local;

static void ucontext_handler(int sig, siginfo_t *info, void *arg)
{
	ucontext_t *uc = arg;
	char here;

	(void)sig;
	(void)info;
	ucontext_seen_rsp = (uintptr_t)uc->uc_mcontext.gregs[REG_RSP];
	ucontext_seen_ss_sp = (uintptr_t)uc->uc_stack.ss_sp;
	ucontext_seen_ss_size = uc->uc_stack.ss_size;
	ucontext_handler_local = (uintptr_t)&here;
}

int main(void)
{
	struct sigaction sa;
	stack_t ss;
	char *alt = malloc(UCONTEXT_ALTSTACK_SIZE);
	char mine;
	uintptr_t main_local = (uintptr_t)&mine;

	tap_plan(4);
	memset(&ss, 0, sizeof(ss));
	ss.ss_sp = alt;
	ss.ss_size = UCONTEXT_ALTSTACK_SIZE;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = ucontext_handler;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	if (!alt || sigaltstack(&ss, NULL) != 0 || sigaction(SIGUSR1, &sa, NULL) != 0)
		tap_diag("setup failed");
	raise(SIGUSR1);
	tap_ok(ucontext_handler_local >= (uintptr_t)alt &&
			ucontext_handler_local < (uintptr_t)alt + UCONTEXT_ALTSTACK_SIZE,
		"the handler ran on the alternate stack");
	/* The interrupted RSP is main's stack, near main's locals (raise's frames in between). */
	tap_ok(ucontext_seen_rsp < main_local && main_local - ucontext_seen_rsp < 64 * 1024,
		"uc_mcontext.gregs[REG_RSP] is the interrupted stack pointer (%#lx, main at %#lx)",
		(unsigned long)ucontext_seen_rsp, (unsigned long)main_local);
	tap_ok(ucontext_seen_ss_sp == (uintptr_t)alt, "uc_stack.ss_sp is the alternate stack");
	tap_ok(ucontext_seen_ss_size == UCONTEXT_ALTSTACK_SIZE, "uc_stack.ss_size is its size");
	return tap_done();
}
