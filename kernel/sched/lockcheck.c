/*
 * lockcheck.c: the lock checker (what it checks: lockcheck.h).
 *
 * Classes are numbered from 1 in the order they are first taken; a
 * bit matrix says which edges "class A held while class B taken" exist,
 * and an edge list keeps, for each, the call trace that first took that
 * order. Taking a lock adds an edge from the class of every lock the
 * task holds; when an edge is new, a depth-first search from the new
 * class looks for a path back to the held one: that path and the new
 * edge form a cycle, a lock-order inversion.
 *
 * The checker runs inside the lock operations, so it must not take a
 * tracked lock itself: its tables are guarded by lockcheck_lock, a raw
 * spinlock taken with interrupts off (an interrupt handler taking a
 * lock on this CPU would otherwise spin on it forever). Reports print
 * through klog, which takes its own lock: lockcheck_busy makes the
 * checker ignore lock operations of the task that is reporting.
 */
#include <asm/cpu.h>
#include <basalt/log.h>
#include <basalt/panic.h>
#include <basalt/string.h>
#include <proc/task.h>
#include <sched/lockcheck.h>
#include <sched/spinlock.h>

#define LOCKCHECK_CLASSES_MAX	128
#define LOCKCHECK_EDGES_MAX	1024
#define LOCKCHECK_TRACE_MAX	8
#define LOCKCHECK_MATRIX_WORD	64	/* bits per matrix word */
#define LOCKCHECK_MATRIX_WORDS	(LOCKCHECK_CLASSES_MAX / LOCKCHECK_MATRIX_WORD)

struct lockcheck_edge {
	unsigned from, to;
	unsigned ntrace;
	uint64_t trace[LOCKCHECK_TRACE_MAX];
	char task[TASK_NAME_MAX];	/* the task that first took the order */
};

static bool lockcheck_on;
static bool lockcheck_expecting;
static bool lockcheck_full;		/* a table ran out: checking stopped */
static unsigned lockcheck_reports;
static const struct task *lockcheck_busy;	/* reporting: not checked */
static struct raw_spinlock lockcheck_lock = RAW_SPINLOCK_INIT;

/* lockcheck_lock guards everything below. Class 0 is "not resolved". */
static const char *lockcheck_class_name[LOCKCHECK_CLASSES_MAX];
static unsigned lockcheck_nclasses = 1;
static uint64_t lockcheck_matrix[LOCKCHECK_CLASSES_MAX][LOCKCHECK_MATRIX_WORDS];
static struct lockcheck_edge lockcheck_edges[LOCKCHECK_EDGES_MAX];
static unsigned lockcheck_nedges;
/* Depth-first search state: the class each visited class came from. */
static unsigned lockcheck_came_from[LOCKCHECK_CLASSES_MAX];
static bool lockcheck_visited[LOCKCHECK_CLASSES_MAX];

void lockcheck_enable(void)
{
	lockcheck_on = true;
	pr_info("lockcheck: checking sleeps under spinlocks, recursion, lock order\n");
}

bool lockcheck_enabled(void)
{
	return lockcheck_on;
}

unsigned lockcheck_report_count(void)
{
	return __atomic_load_n(&lockcheck_reports, __ATOMIC_RELAXED);
}

void lockcheck_expect(bool on)
{
	lockcheck_expecting = on;
}

/*
 * The lock checker's own exclusion: interrupts off, then the raw lock
 * (see the top of the file for why interrupts must be off here).
 */
static uint64_t lockcheck_table_lock(void)
{
	uint64_t flags = cpu_irq_save();

	raw_spin_lock(&lockcheck_lock);
	return flags;
}

static void lockcheck_table_unlock(uint64_t flags)
{
	raw_spin_unlock(&lockcheck_lock);
	cpu_irq_restore(flags);
}

static bool lockcheck_edge_exists(unsigned from, unsigned to)
{
	return lockcheck_matrix[from][to / LOCKCHECK_MATRIX_WORD] &
	       (1ULL << (to % LOCKCHECK_MATRIX_WORD));
}

/* Table lock held. 0 when the table is full. */
static unsigned lockcheck_class_of(struct lockcheck_map *map)
{
	unsigned id = __atomic_load_n(&map->class_id, __ATOMIC_RELAXED);

	if (id)
		return id;
	for (id = 1; id < lockcheck_nclasses; id++)
		if (lockcheck_class_name[id] == map->name ||
		    !strcmp(lockcheck_class_name[id], map->name))
			break;
	if (id == lockcheck_nclasses) {
		if (id == LOCKCHECK_CLASSES_MAX)
			return 0;
		lockcheck_class_name[lockcheck_nclasses++] = map->name;
	}
	__atomic_store_n(&map->class_id, id, __ATOMIC_RELAXED);
	return id;
}

/* Table lock held: is there a path from -> ... -> to? Fills came_from. */
static bool lockcheck_reaches(unsigned from, unsigned to)
{
	unsigned stack[LOCKCHECK_CLASSES_MAX], depth = 0;

	memset(lockcheck_visited, 0, sizeof(lockcheck_visited));
	lockcheck_visited[from] = true;
	stack[depth++] = from;
	while (depth) {
		unsigned c = stack[--depth];

		if (c == to)
			return true;
		for (unsigned n = 1; n < lockcheck_nclasses; n++) {
			if (lockcheck_visited[n] || !lockcheck_edge_exists(c, n))
				continue;
			lockcheck_visited[n] = true;
			lockcheck_came_from[n] = c;
			stack[depth++] = n;
		}
	}
	return false;
}

static const struct lockcheck_edge *lockcheck_find_edge(unsigned from, unsigned to)
{
	for (unsigned i = 0; i < lockcheck_nedges; i++)
		if (lockcheck_edges[i].from == from && lockcheck_edges[i].to == to)
			return &lockcheck_edges[i];
	return NULL;
}

static const char *lockcheck_kind_name(enum lockcheck_kind kind)
{
	switch (kind) {
	case LOCKCHECK_SPIN:	return "spinlock";
	case LOCKCHECK_MUTEX:	return "mutex";
	case LOCKCHECK_READ:	return "rwsem read";
	case LOCKCHECK_WRITE:	return "rwsem write";
	}
	return "?";
}

static const char *lockcheck_prefix(void)
{
	return lockcheck_expecting ? "lockcheck (expected)" : "lockcheck";
}

static void lockcheck_print_held(const struct task *t)
{
	klog(LOG_ERR, "%s: task %d (%s) holds %u lock(s):\n", lockcheck_prefix(),
	     t->tid, t->name, t->lock_nheld);
	for (unsigned i = 0; i < t->lock_nheld; i++) {
		const struct lockcheck_held *h = &t->lock_held[i];
		uint64_t off;
		const char *fn = ksym_lookup(h->ip, &off, NULL);

		klog(LOG_ERR, "  #%u %s (%s) taken at %s+0x%llx\n", i,
		     h->map->name, lockcheck_kind_name(h->kind), fn ? fn : "?",
		     (unsigned long long)(fn ? off : h->ip));
	}
}

/* Starts a report; false if this task is already reporting. */
static bool lockcheck_report_begin(void)
{
	if (lockcheck_busy == task_current())
		return false;
	lockcheck_busy = task_current();
	__atomic_add_fetch(&lockcheck_reports, 1, __ATOMIC_RELAXED);
	return true;
}

static void lockcheck_report_end(void)
{
	uint64_t trace[LOCKCHECK_TRACE_MAX];
	unsigned n = backtrace_save(trace, LOCKCHECK_TRACE_MAX);

	klog(LOG_ERR, "%s: current call trace:\n", lockcheck_prefix());
	backtrace_print_saved(LOG_ERR, trace, n);
	lockcheck_busy = NULL;
	if (!lockcheck_expecting)
		panic("lockcheck: locking rule broken (report above)");
}

/* Table lock held; the cycle to -> ... -> from, closed by from -> to. */
static void lockcheck_report_cycle(struct task *me, unsigned from, unsigned to)
{
	unsigned c;

	if (!lockcheck_report_begin())
		return;
	klog(LOG_ERR, "%s: possible deadlock: lock order inversion\n",
	     lockcheck_prefix());
	klog(LOG_ERR, "%s: task %d (%s) takes %s while holding %s,\n",
	     lockcheck_prefix(), me->tid, me->name, lockcheck_class_name[to],
	     lockcheck_class_name[from]);
	klog(LOG_ERR, "%s: but %s was taken before %s elsewhere:\n",
	     lockcheck_prefix(), lockcheck_class_name[to],
	     lockcheck_class_name[from]);
	/* came_from leads back from `from` to `to`: print each edge. */
	for (c = from; c != to; c = lockcheck_came_from[c]) {
		unsigned prev = lockcheck_came_from[c];
		const struct lockcheck_edge *e = lockcheck_find_edge(prev, c);

		klog(LOG_ERR, "%s: %s -> %s first taken by %s at:\n",
		     lockcheck_prefix(), lockcheck_class_name[prev],
		     lockcheck_class_name[c], e ? e->task : "?");
		if (e)
			backtrace_print_saved(LOG_ERR, e->trace, e->ntrace);
	}
	lockcheck_print_held(me);
	lockcheck_report_end();
}

/* Table lock held: records from -> to (new), reports a cycle it closes. */
static void lockcheck_add_edge(struct task *me, unsigned from, unsigned to)
{
	struct lockcheck_edge *e;

	if (lockcheck_edge_exists(from, to))
		return;
	if (lockcheck_nedges == LOCKCHECK_EDGES_MAX) {
		lockcheck_full = true;
		return;
	}
	lockcheck_matrix[from][to / LOCKCHECK_MATRIX_WORD] |=
		1ULL << (to % LOCKCHECK_MATRIX_WORD);
	e = &lockcheck_edges[lockcheck_nedges++];
	e->from = from;
	e->to = to;
	strlcpy(e->task, me->name, sizeof(e->task));
	e->ntrace = backtrace_save(e->trace, LOCKCHECK_TRACE_MAX);
	if (lockcheck_reaches(to, from))
		lockcheck_report_cycle(me, from, to);
}

void lockcheck_forget_edge(struct lockcheck_map *from, struct lockcheck_map *to)
{
	uint64_t flags = lockcheck_table_lock();
	unsigned f = lockcheck_class_of(from), t = lockcheck_class_of(to);

	if (f && t && lockcheck_edge_exists(f, t)) {
		lockcheck_matrix[f][t / LOCKCHECK_MATRIX_WORD] &=
			~(1ULL << (t % LOCKCHECK_MATRIX_WORD));
		for (unsigned i = 0; i < lockcheck_nedges; i++) {
			if (lockcheck_edges[i].from == f && lockcheck_edges[i].to == t) {
				lockcheck_edges[i] = lockcheck_edges[--lockcheck_nedges];
				break;
			}
		}
	}
	lockcheck_table_unlock(flags);
}

static bool lockcheck_active(void)
{
	return lockcheck_on && !lockcheck_full &&
	       lockcheck_busy != task_current();
}

/* Table lock held: puts lock on the task's held stack. */
static void lockcheck_push(struct task *me, struct lockcheck_map *map,
			   const void *lock, enum lockcheck_kind kind,
			   unsigned cls, uint64_t ip)
{
	struct lockcheck_held *h = &me->lock_held[me->lock_nheld++];

	h->lock = lock;
	h->map = map;
	h->class_id = cls;
	h->kind = kind;
	h->ip = ip;
}

void lockcheck_acquire_try(struct lockcheck_map *map, const void *lock,
			   enum lockcheck_kind kind, uint64_t ip)
{
	struct task *me;
	uint64_t flags;
	unsigned cls;

	if (!lockcheck_active())
		return;
	me = task_current();
	flags = lockcheck_table_lock();
	cls = lockcheck_class_of(map);
	if (cls && me->lock_nheld < LOCKCHECK_HELD_MAX)
		lockcheck_push(me, map, lock, kind, cls, ip);
	else
		lockcheck_full = true;
	lockcheck_table_unlock(flags);
}

void lockcheck_acquire(struct lockcheck_map *map, const void *lock,
		       enum lockcheck_kind kind, uint64_t ip)
{
	struct task *me;
	uint64_t flags;
	unsigned cls;

	if (!lockcheck_active())
		return;
	me = task_current();
	flags = lockcheck_table_lock();
	for (unsigned i = 0; i < me->lock_nheld; i++) {
		if (me->lock_held[i].lock != lock)
			continue;
		if (lockcheck_report_begin()) {
			klog(LOG_ERR, "%s: recursive locking: task %d (%s) takes %s (%s) again\n",
			     lockcheck_prefix(), me->tid, me->name, map->name,
			     lockcheck_kind_name(kind));
			lockcheck_print_held(me);
			lockcheck_report_end();
		}
		lockcheck_table_unlock(flags);
		return;		/* not pushed: the release finds the first */
	}
	cls = lockcheck_class_of(map);
	if (!cls || me->lock_nheld == LOCKCHECK_HELD_MAX) {
		lockcheck_full = true;
		lockcheck_table_unlock(flags);
		pr_warn("lockcheck: out of %s, checking stops\n",
			cls ? "held-lock slots" : "classes");
		return;
	}
	for (unsigned i = 0; i < me->lock_nheld; i++)
		if (me->lock_held[i].class_id != cls)
			lockcheck_add_edge(me, me->lock_held[i].class_id, cls);
	if (lockcheck_full) {
		lockcheck_table_unlock(flags);
		pr_warn("lockcheck: out of edges, checking stops\n");
		return;
	}
	lockcheck_push(me, map, lock, kind, cls, ip);
	lockcheck_table_unlock(flags);
}

void lockcheck_release(const void *lock)
{
	struct task *me;
	uint64_t flags;

	if (!lockcheck_on || lockcheck_busy == task_current())
		return;
	me = task_current();
	/*
	 * Only this task and the interrupt handlers running on its stack
	 * touch its held-lock stack: interrupts off keep a handler's push
	 * out of the middle of this removal.
	 */
	flags = cpu_irq_save();
	for (unsigned i = me->lock_nheld; i-- > 0;) {
		if (me->lock_held[i].lock != lock)
			continue;
		/* Locks may be released out of order (wait_block_lock). */
		memmove(&me->lock_held[i], &me->lock_held[i + 1],
			(me->lock_nheld - i - 1) * sizeof(me->lock_held[0]));
		me->lock_nheld--;
		break;
	}
	cpu_irq_restore(flags);
}

void lockcheck_might_sleep(const void *allow, const char *what)
{
	struct task *me;

	if (!lockcheck_active())
		return;
	me = task_current();
	for (unsigned i = 0; i < me->lock_nheld; i++) {
		const struct lockcheck_held *h = &me->lock_held[i];

		if (h->kind != LOCKCHECK_SPIN || h->lock == allow)
			continue;
		if (lockcheck_report_begin()) {
			klog(LOG_ERR, "%s: sleeping while holding a spinlock: task %d (%s) in %s holds %s\n",
			     lockcheck_prefix(), me->tid, me->name, what,
			     h->map->name);
			lockcheck_print_held(me);
			lockcheck_report_end();
		}
		return;
	}
}
