/*
 * child_status.h: how a child's state change is told to its parent: the
 * wait(2) status word and the SIGCHLD siginfo (sigaction(2), "The
 * siginfo_t argument": si_pid, si_uid, si_status, si_utime, si_stime).
 */
#ifndef PROC_CHILD_STATUS_H
#define PROC_CHILD_STATUS_H

#include <stdint.h>
#include <uapi/signal.h>

/* wait(2) status words beyond W_EXITCODE (uapi/signal.h). */
#define W_STOPPED_MARK		0x7f
#define W_STOPCODE(sig)		(((sig) << 8) | W_STOPPED_MARK)
#define W_CONTINUED		0xffff
#define W_COREFLAG		0x80

/* si_code of SIGCHLD (Linux's CLD_*). */
#define CLD_EXITED		1
#define CLD_KILLED		2
#define CLD_DUMPED		3
#define CLD_TRAPPED		4
#define CLD_STOPPED		5
#define CLD_CONTINUED		6

/*
 * The SIGCHLD member of Linux's 128-byte siginfo_t on x86_64: three ints,
 * then the union (8-byte aligned, at offset 16).
 */
#define SIGINFO_SIZE		128
struct siginfo_chld {
	int32_t si_signo;
	int32_t si_errno;
	int32_t si_code;
	int32_t si_pad0;
	int32_t si_pid;
	uint32_t si_uid;
	int32_t si_status;
	int32_t si_pad1;
	int64_t si_utime;
	int64_t si_stime;
	uint8_t si_rest[SIGINFO_SIZE - 48];
};
_Static_assert(sizeof(struct siginfo_chld) == SIGINFO_SIZE, "siginfo_t is 128 bytes");

/* Fills si_code and si_status from a wait(2) status word. */
static inline void siginfo_chld_from_status(struct siginfo_chld *info, int status)
{
	if ((status & 0x7f) == 0) {
		info->si_code = CLD_EXITED;
		info->si_status = (status >> 8) & 0xff;
	} else if ((status & 0xff) == W_STOPPED_MARK) {
		info->si_code = CLD_STOPPED;
		info->si_status = (status >> 8) & 0xff;
	} else if (status == W_CONTINUED) {
		info->si_code = CLD_CONTINUED;
		info->si_status = SIGCONT;
	} else {
		info->si_code = (status & W_COREFLAG) ? CLD_DUMPED : CLD_KILLED;
		info->si_status = status & 0x7f;
	}
}

#endif /* PROC_CHILD_STATUS_H */
