/*
 * rwsem.c: reader-writer semaphores (rwsem.h). Waiting writers have
 * precedence over new readers; when the last reader or the writer
 * leaves, one waiting writer is woken if there is one, else every
 * waiting reader. A woken task takes the semaphore only if it still can
 * (no hand-off), as mutex.c does.
 */
#include <basalt/panic.h>
#include <sched/rwsem.h>
#include <sched/sched.h>

#define RWSEM_IP	((uint64_t)__builtin_return_address(0))

void rwsem_init_named(struct rwsem *sem, const char *name)
{
	spin_lock_init(&sem->wait_lock, "rwsem.wait_lock");
	sem->readers = 0;
	sem->writer = NULL;
	sem->writers_waiting = 0;
	sem->readers_waiting = 0;
	wait_queue_init(&sem->read_wait);
	wait_queue_init(&sem->write_wait);
	sem->map.name = name;
	sem->map.class_id = 0;
}

/* wait_lock held: readers may enter. */
static bool rwsem_read_ok(const struct rwsem *sem)
{
	return !sem->writer && !sem->writers_waiting;
}

/* wait_lock held: the semaphore is free, let the next ones in. */
static void rwsem_wake(struct rwsem *sem)
{
	/* A wake-up takes sched_lock: only when someone sleeps (counted under wait_lock). */
	if (sem->writers_waiting)
		wake_up(&sem->write_wait);
	else if (sem->readers_waiting)
		wake_up_all(&sem->read_wait);
}

void down_read(struct rwsem *sem)
{
	lockcheck_might_sleep(NULL, "down_read");
	lockcheck_acquire(&sem->map, &sem->map, LOCKCHECK_READ, RWSEM_IP);
	spin_lock(&sem->wait_lock);
	if (sem->writer == task_current())
		panic("rwsem %s: down_read by its writer", sem->map.name);
	if (!rwsem_read_ok(sem)) {
		sem->readers_waiting++;
		wait_event_lock(&sem->read_wait, rwsem_read_ok(sem), &sem->wait_lock);
		sem->readers_waiting--;
	}
	sem->readers++;
	spin_unlock(&sem->wait_lock);
}

bool down_read_trylock(struct rwsem *sem)
{
	bool taken;

	spin_lock(&sem->wait_lock);
	taken = rwsem_read_ok(sem);
	if (taken)
		sem->readers++;
	spin_unlock(&sem->wait_lock);
	if (taken)
		lockcheck_acquire_try(&sem->map, &sem->map, LOCKCHECK_READ, RWSEM_IP);
	return taken;
}

void up_read(struct rwsem *sem)
{
	spin_lock(&sem->wait_lock);
	if (!sem->readers)
		panic("rwsem %s: up_read without readers", sem->map.name);
	if (--sem->readers == 0)
		rwsem_wake(sem);
	spin_unlock(&sem->wait_lock);
	lockcheck_release(&sem->map);
}

void down_write(struct rwsem *sem)
{
	struct task *me = task_current();

	lockcheck_might_sleep(NULL, "down_write");
	lockcheck_acquire(&sem->map, &sem->map, LOCKCHECK_WRITE, RWSEM_IP);
	spin_lock(&sem->wait_lock);
	if (sem->writer == me)
		panic("rwsem %s: task %d (%s) takes it twice for writing",
		      sem->map.name, me->tid, me->name);
	sem->writers_waiting++;
	wait_event_lock(&sem->write_wait, !sem->writer && !sem->readers,
			&sem->wait_lock);
	sem->writers_waiting--;
	sem->writer = me;
	spin_unlock(&sem->wait_lock);
}

bool down_write_trylock(struct rwsem *sem)
{
	bool taken;

	spin_lock(&sem->wait_lock);
	taken = !sem->writer && !sem->readers;
	if (taken)
		sem->writer = task_current();
	spin_unlock(&sem->wait_lock);
	if (taken)
		lockcheck_acquire_try(&sem->map, &sem->map, LOCKCHECK_WRITE, RWSEM_IP);
	return taken;
}

void up_write(struct rwsem *sem)
{
	spin_lock(&sem->wait_lock);
	if (sem->writer != task_current())
		panic("rwsem %s: up_write by a task that does not hold it",
		      sem->map.name);
	sem->writer = NULL;
	rwsem_wake(sem);
	spin_unlock(&sem->wait_lock);
	lockcheck_release(&sem->map);
}

bool rwsem_is_write_locked_by_me(const struct rwsem *sem)
{
	return __atomic_load_n(&sem->writer, __ATOMIC_RELAXED) == task_current();
}
