/*
 * robust.c: robust futexes (set_robust_list(2), get_robust_list(2);
 * Linux's Documentation/locking/robust-futex-ABI.rst). A child registers
 * a list of "locks" (futex words holding its tid) in memory it shares
 * with the parent, then exits or execs while holding them: each word
 * that still names the child becomes FUTEX_OWNER_DIED (keeping
 * FUTEX_WAITERS), the pending one too, and a word naming someone else is
 * left alone. Raw system calls, so both libcs make the same ones.
 * Prints TAP; runs on the host, inside Basalt and under Linux.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "abi_tap.h"

#define OTHER_TID	12345		/* a word owned by someone else */
#define TRUE_PATH	"/bin/true"

struct robust_head {
	uint64_t list_next;
	int64_t futex_offset;
	uint64_t list_op_pending;
};

struct lock {
	uint64_t next;			/* the robust list's link */
	uint32_t word;			/* the futex word */
};

struct shared {
	struct robust_head head;
	struct lock held[2];		/* in the list */
	struct lock foreign;		/* in the list, owned by another tid */
	struct lock pending;		/* only in list_op_pending */
};

/* Links held[0] -> held[1] -> foreign -> head, words naming tid. */
static void build(struct shared *s, uint32_t tid, uint32_t extra_bits)
{
	s->head.list_next = (uint64_t)&s->held[0];
	s->head.futex_offset = offsetof(struct lock, word);
	s->head.list_op_pending = (uint64_t)&s->pending;
	s->held[0].next = (uint64_t)&s->held[1];
	s->held[1].next = (uint64_t)&s->foreign;
	s->foreign.next = (uint64_t)&s->head;
	s->held[0].word = tid;
	s->held[1].word = tid | extra_bits;
	s->foreign.word = OTHER_TID;
	s->pending.word = tid;
}

/* Forks a child that registers the list and exits (or execs /bin/true). */
static int run_child(struct shared *s, int do_exec)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		uint32_t tid = (uint32_t)raw(SYS_gettid, 0, 0, 0);

		build(s, tid, FUTEX_WAITERS);
		if (raw(SYS_set_robust_list, &s->head, sizeof(s->head), 0))
			_exit(2);
		if (do_exec) {
			char *const argv[] = { TRUE_PATH, NULL };

			execv(TRUE_PATH, argv);
			_exit(3);
		}
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static void check_marks(struct shared *s, const char *how)
{
	check(s->held[0].word == FUTEX_OWNER_DIED && s->held[1].word == (FUTEX_OWNER_DIED | FUTEX_WAITERS),
	      "%s: the locks it held are FUTEX_OWNER_DIED, WAITERS kept (%#x %#x)", how,
	      s->held[0].word, s->held[1].word);
	check(s->pending.word == FUTEX_OWNER_DIED, "%s: the pending lock too (%#x)", how,
	      s->pending.word);
	check(s->foreign.word == OTHER_TID, "%s: another owner's lock is untouched", how);
}

int main(void)
{
	struct robust_head mine = { 0 };
	struct shared *s = mmap(NULL, sizeof(*s), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
				-1, 0);
	uint64_t head = 0;
	size_t len = 0;

	tap_plan(12);
	if (s == MAP_FAILED) {
		diag("mmap failed");
		return tap_done();
	}
	mine.list_next = (uint64_t)&mine;
	check(raw(SYS_set_robust_list, &mine, sizeof(mine) + 1, 0) == -EINVAL,
	      "set_robust_list with a wrong length: EINVAL");
	check(raw(SYS_set_robust_list, &mine, sizeof(mine), 0) == 0 &&
	      raw(SYS_get_robust_list, 0, &head, &len) == 0 && head == (uint64_t)&mine &&
	      len == sizeof(mine), "get_robust_list(0) gives back the head and its length");
	check(raw(SYS_get_robust_list, 0, (void *)16, &len) == -EFAULT, "a bad pointer: EFAULT");
	check(raw(SYS_get_robust_list, 0x3ffffff0, &head, &len) == -ESRCH, "no such thread: ESRCH");

	check(run_child(s, 0) == 0, "a child exits holding robust locks");
	check_marks(s, "exit");
	check(run_child(s, 1) == 0, "a child execs holding robust locks");
	check_marks(s, "exec");
	munmap(s, sizeof(*s));
	return tap_done();
}
