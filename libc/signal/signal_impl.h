/* signal_impl.h: the kernel's struct sigaction and signal-set size, internal to libc/signal. */
/*
 * Linux x86_64's rt_sigaction(2) takes its own struct (arch/x86's
 * include/uapi/asm/signal.h): handler, flags as an unsigned long, the
 * restorer, then the mask; the user-side struct sigaction of <signal.h>
 * orders them differently. rt_sig*(2) calls also take the size of the
 * kernel's signal set, 8 bytes on x86_64, which is our sigset_t.
 */
#ifndef BASALT_LIBC_SIGNAL_IMPL_H
#define BASALT_LIBC_SIGNAL_IMPL_H

#include <signal.h>

#define SIGNAL_SET_SIZE	sizeof(sigset_t)

struct signal_kernel_action {
	void *handler;
	unsigned long flags;
	void (*restorer)(void);
	sigset_t mask;
};

/* The trampoline a handler returns to: rt_sigreturn(2). (restore_rt.S) */
void __restore_rt(void);

/* The bit for a signal in a sigset_t, or 0 if the number is out of range. */
static inline sigset_t signal_set_bit(int sig)
{
	if (sig < 1 || sig >= NSIG)
		return 0;
	return (sigset_t)1 << (sig - 1);
}

#endif /* BASALT_LIBC_SIGNAL_IMPL_H */
