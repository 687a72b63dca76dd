/*
 * lock_ktest.c: advisory locks (kernel/fs/lock.c) without processes:
 * POSIX ranges split and merged for one owner, conflicts between owners
 * (read/read shares, write excludes, the first conflict reported), the
 * release of an owner's locks by a close, and flock(2) locks owned by an
 * open file description (conversion, LOCK_NB, release on last put,
 * independence from POSIX locks).
 */
#include <basalt/ktest.h>
#include <fs/lock.h>
#include <fs/vfs.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

/* Fake keys and owners: only their addresses matter to lock.c. */
static const char kt_key, kt_other_key, kt_owner_a, kt_owner_b;
#define KT_PID_A	100
#define KT_PID_B	200
#define KT_MAX		FILE_LOCK_OFFSET_MAX

static int kt_set(const void *owner, short type, int64_t start, int64_t end)
{
	int pid = owner == &kt_owner_a ? KT_PID_A : KT_PID_B;

	return file_lock_posix_set(&kt_key, owner, pid, type, start, end, false);
}

/* Whether another owner's lock of type over [start, end] would conflict. */
static int kt_test(const void *asker, short type, int64_t start, int64_t end,
		   struct file_lock_info *info)
{
	return file_lock_posix_test(&kt_key, asker, type, start, end, info);
}

KTEST(lock_posix_split_merge)
{
	struct file_lock_info info;

	/* One write lock over 0..99, a read lock punched in its middle: three ranges. */
	KT_EXPECT_EQ(t, kt_set(&kt_owner_a, F_WRLCK, 0, 99), 0);
	KT_EXPECT_EQ(t, kt_set(&kt_owner_a, F_RDLCK, 40, 59), 0);
	KT_EXPECT_EQ(t, file_lock_posix_count(&kt_key, &kt_owner_a), 3);
	/* The middle now admits readers, the ends do not. */
	KT_EXPECT_EQ(t, kt_test(&kt_owner_b, F_RDLCK, 40, 59, &info), 0);
	KT_EXPECT_EQ(t, kt_test(&kt_owner_b, F_RDLCK, 50, 70, &info), 1);
	KT_EXPECT(t, info.type == F_WRLCK && info.start == 60 && info.end == 99 &&
		  info.pid == KT_PID_A);
	/* Writing the middle again merges all three back into one. */
	KT_EXPECT_EQ(t, kt_set(&kt_owner_a, F_WRLCK, 40, 59), 0);
	KT_EXPECT_EQ(t, file_lock_posix_count(&kt_key, &kt_owner_a), 1);
	/* Adjacent same-type ranges merge; an unlock in the middle splits. */
	KT_EXPECT_EQ(t, kt_set(&kt_owner_a, F_WRLCK, 100, 149), 0);
	KT_EXPECT_EQ(t, file_lock_posix_count(&kt_key, &kt_owner_a), 1);
	KT_EXPECT_EQ(t, kt_set(&kt_owner_a, F_UNLCK, 10, 19), 0);
	KT_EXPECT_EQ(t, file_lock_posix_count(&kt_key, &kt_owner_a), 2);
	KT_EXPECT_EQ(t, kt_test(&kt_owner_b, F_WRLCK, 10, 19, &info), 0);
	KT_EXPECT_EQ(t, kt_test(&kt_owner_b, F_WRLCK, 5, 25, &info), 1);
	KT_EXPECT(t, info.start == 0 && info.end == 9);
	/* Unlocking what is not locked is fine; to "EOF" clears the rest. */
	KT_EXPECT_EQ(t, kt_set(&kt_owner_a, F_UNLCK, 5, KT_MAX), 0);
	KT_EXPECT_EQ(t, file_lock_posix_count(&kt_key, &kt_owner_a), 1);
	KT_EXPECT_EQ(t, kt_set(&kt_owner_a, F_UNLCK, 0, KT_MAX), 0);
	KT_EXPECT_EQ(t, file_lock_posix_count(&kt_key, &kt_owner_a), 0);
	/* A lock to the end of the file merges with one that starts after it. */
	KT_EXPECT_EQ(t, kt_set(&kt_owner_a, F_RDLCK, 10, KT_MAX), 0);
	KT_EXPECT_EQ(t, kt_set(&kt_owner_a, F_RDLCK, 0, 9), 0);
	KT_EXPECT_EQ(t, file_lock_posix_count(&kt_key, &kt_owner_a), 1);
	file_lock_posix_release_owner(&kt_owner_a);
	KT_EXPECT_EQ(t, file_lock_posix_count(&kt_key, &kt_owner_a), 0);
}

KTEST(lock_posix_conflicts)
{
	struct file_lock_info info;

	KT_EXPECT_EQ(t, kt_set(&kt_owner_a, F_RDLCK, 0, 9), 0);
	KT_EXPECT_EQ(t, kt_set(&kt_owner_b, F_RDLCK, 5, 14), 0);	/* readers share */
	KT_EXPECT_EQ(t, kt_set(&kt_owner_b, F_WRLCK, 5, 14), -EAGAIN);
	KT_EXPECT_EQ(t, kt_set(&kt_owner_b, F_WRLCK, 10, 14), 0);	/* upgrade past a's */
	KT_EXPECT_EQ(t, kt_test(&kt_owner_a, F_RDLCK, 12, 12, &info), 1);
	KT_EXPECT(t, info.type == F_WRLCK && info.pid == KT_PID_B && info.start == 10);
	/* Another file's locks are another matter. */
	KT_EXPECT_EQ(t, file_lock_posix_set(&kt_other_key, &kt_owner_a, KT_PID_A, F_WRLCK,
					    0, KT_MAX, false), 0);
	/* A close of the file by b drops b's locks on it and no others. */
	file_lock_posix_release(&kt_key, &kt_owner_b);
	KT_EXPECT_EQ(t, kt_set(&kt_owner_a, F_WRLCK, 0, KT_MAX), 0);
	KT_EXPECT_EQ(t, file_lock_posix_count(&kt_other_key, &kt_owner_a), 1);
	file_lock_posix_release_owner(&kt_owner_a);
	KT_EXPECT_EQ(t, file_lock_posix_count(&kt_other_key, &kt_owner_a), 0);
}

static const struct file_ops kt_lock_ops;

KTEST(lock_flock_descriptions)
{
	static char shared;	/* both files are "the same file": same priv */
	struct file *a = file_alloc_anon(&kt_lock_ops, &shared, O_RDONLY);
	struct file *b = file_alloc_anon(&kt_lock_ops, &shared, O_RDONLY);

	KT_ASSERT(t, a && b);
	KT_EXPECT_EQ(t, file_lock_flock(a, LOCK_SH), 0);
	KT_EXPECT_EQ(t, file_lock_flock(b, LOCK_SH | LOCK_NB), 0);
	KT_EXPECT_EQ(t, file_lock_flock(b, LOCK_EX | LOCK_NB), -EAGAIN);
	/* The failed conversion lost b's shared lock (flock(2)), so a may convert. */
	KT_EXPECT_EQ(t, file_lock_flock(a, LOCK_EX | LOCK_NB), 0);
	KT_EXPECT_EQ(t, file_lock_flock(a, LOCK_EX), 0);		/* already held */
	/* POSIX locks on the same file do not meet flock locks. */
	KT_EXPECT_EQ(t, file_lock_posix_set(file_lock_key(b), &kt_owner_b, KT_PID_B, F_WRLCK,
					    0, KT_MAX, false), 0);
	file_lock_posix_release_owner(&kt_owner_b);
	KT_EXPECT_EQ(t, file_lock_flock(b, 3 | LOCK_NB), -EINVAL);
	KT_EXPECT_EQ(t, file_lock_flock(b, LOCK_NB), -EINVAL);
	/* A dup'd reference holds the lock until the last put. */
	file_get(a);
	file_put(a);
	KT_EXPECT_EQ(t, file_lock_flock(b, LOCK_SH | LOCK_NB), -EAGAIN);
	file_put(a);
	KT_EXPECT_EQ(t, file_lock_flock(b, LOCK_EX | LOCK_NB), 0);
	KT_EXPECT_EQ(t, file_lock_flock(b, LOCK_UN), 0);
	KT_EXPECT_EQ(t, file_lock_flock(b, LOCK_UN), 0);		/* nothing held: fine */
	file_put(b);
}
