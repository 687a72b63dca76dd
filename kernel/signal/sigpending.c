/*
 * sigpending.c: RLIMIT_SIGPENDING, counted per real user as Linux does
 * (the UCOUNT_RLIMIT_SIGPENDING count of the receiving task's real uid,
 * kernel/signal.c's __sigqueue_alloc): every queued siginfo is charged
 * to the receiver's real uid and checked against the receiver's limit.
 * A user past it gets no siginfo: a real-time signal then fails with
 * EAGAIN (unless sent by kill(2), SI_USER), a standard one is still made
 * pending without its information (send.c).
 *
 * The counts live in a small table of the users that have signals
 * queued right now; a user that finds it full is treated as over its
 * limit (with SIGPENDING_USERS users each holding queued signals).
 *
 * Locking: sigpending_lock, a spinlock taken with interrupts off (the
 * tick sends timer signals), inside the receiver's siglock.
 */
#include <signal/internal.h>
#include <basalt/compiler.h>
#include <proc/process.h>
#include <sched/spinlock.h>

#define SIGPENDING_USERS	128	/* users with queued signals at once */

struct sigpending_user {
	uint32_t uid;
	unsigned count;		/* 0: a free slot */
};

/* guards: sigpending_users, every slot */
static struct spinlock sigpending_lock = SPINLOCK_INIT("sigpending_lock");
static struct sigpending_user sigpending_users[SIGPENDING_USERS];

/* The charge itself (sigpending_lock held). */
static bool sigpending_charge_locked(uint32_t uid, uint64_t limit, bool override)
{
	struct sigpending_user *free_slot = NULL, *u = NULL;

	for (size_t i = 0; i < ARRAY_SIZE(sigpending_users); i++) {
		struct sigpending_user *s = &sigpending_users[i];

		if (s->count && s->uid == uid) {
			u = s;
			break;
		}
		if (!s->count && !free_slot)
			free_slot = s;
	}
	if (!u) {
		if (!free_slot)
			return false;
		u = free_slot;
		u->uid = uid;
	}
	/* Linux counts first, then compares: limit entries fit. */
	if (!override && (uint64_t)u->count + 1 > limit)
		return false;
	u->count++;
	return true;
}

bool sigpending_charge(uint32_t uid, uint64_t limit, bool override)
{
	uint64_t flags = spin_lock_irqsave(&sigpending_lock);
	bool ok = sigpending_charge_locked(uid, limit, override);

	spin_unlock_irqrestore(&sigpending_lock, flags);
	return ok;
}

void sigpending_uncharge(uint32_t uid)
{
	uint64_t flags = spin_lock_irqsave(&sigpending_lock);

	for (size_t i = 0; i < ARRAY_SIZE(sigpending_users); i++) {
		struct sigpending_user *s = &sigpending_users[i];

		if (s->count && s->uid == uid) {
			s->count--;
			break;
		}
	}
	spin_unlock_irqrestore(&sigpending_lock, flags);
}
