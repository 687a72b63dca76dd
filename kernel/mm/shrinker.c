/*
 * shrinker.c: the list of caches that give memory back (shrinker.h).
 * Locking: shrinker_lock, a mutex, guards the list; a scan may sleep
 * (freeing an inode can), so it is held across the calls: a shrinker
 * must not allocate in a way that waits for itself.
 */
#include <mm/shrinker.h>
#include <sched/mutex.h>

/* guards: shrinker_list */
static struct mutex shrinker_lock = MUTEX_INIT(shrinker_lock);
static struct list_node shrinker_list = { &shrinker_list, &shrinker_list };

void shrinker_register(struct shrinker *s)
{
	mutex_lock(&shrinker_lock);
	list_add_tail(&shrinker_list, &s->link);
	mutex_unlock(&shrinker_lock);
}

unsigned shrink_all(unsigned count)
{
	struct list_node *n;
	unsigned freed = 0;

	mutex_lock(&shrinker_lock);
	list_for_each(n, &shrinker_list)
		freed += list_entry(n, struct shrinker, link)->scan(count);
	mutex_unlock(&shrinker_lock);
	return freed;
}
