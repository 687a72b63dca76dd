/*
 * child_status.h: how a child's state change is told to its parent: the
 * wait(2) status word (W_EXITCODE, W_STOPCODE, W_CONTINUED in
 * uapi/signal.h) and the SIGCHLD siginfo (sigaction(2), "The siginfo_t
 * argument": si_pid, si_uid, si_status, si_utime, si_stime).
 */
#ifndef PROC_CHILD_STATUS_H
#define PROC_CHILD_STATUS_H

#include <stdint.h>
#include <uapi/signal.h>

/* The low byte of a stopped child's status word (W_STOPCODE). */
#define W_STOPPED_MARK		0x7f

/* Fills si_code and si_status of a SIGCHLD siginfo from a wait(2) status word. */
static inline void siginfo_chld_from_status(struct siginfo *info, int status)
{
	if ((status & 0x7f) == 0) {
		info->si_code = CLD_EXITED;
		info->f.chld.status = (status >> 8) & 0xff;
	} else if ((status & 0xff) == W_STOPPED_MARK) {
		info->si_code = CLD_STOPPED;
		info->f.chld.status = (status >> 8) & 0xff;
	} else if (status == W_CONTINUED) {
		info->si_code = CLD_CONTINUED;
		info->f.chld.status = SIGCONT;
	} else {
		info->si_code = (status & WCOREFLAG) ? CLD_DUMPED : CLD_KILLED;
		info->f.chld.status = status & 0x7f;
	}
}

#endif /* PROC_CHILD_STATUS_H */
