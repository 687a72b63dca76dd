/* key.c: thread-specific data (pthread_key_create(3), getspecific, setspecific, key destructors). */
/*
 * A key is a slot in a process-wide table; each thread keeps its values in
 * its TCB. A slot's generation number changes when its key is deleted, so
 * a value stored under an old key reads as NULL under a new one in the
 * same slot (pthread_key_create(3p): a new key's value is NULL in every
 * thread).
 */
#include <errno.h>

#include "pthread_impl.h"

struct pthread_key_slot {
	unsigned int seq;	/* odd: in use */
	void (*destructor)(void *);
};

static struct pthread_key_slot key_slots[PTHREAD_IMPL_KEYS_MAX];
static volatile int key_lock;	/* guards key_slots */

static int key_in_use(unsigned int seq)
{
	return seq & 1;
}

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *))
{
	int result = EAGAIN;	/* pthread_key_create(3p): no free key */

	pthread_word_lock(&key_lock, PTHREAD_FUTEX_PRIVATE);
	for (unsigned int i = 0; i < PTHREAD_IMPL_KEYS_MAX; i++) {
		if (key_in_use(key_slots[i].seq))
			continue;
		key_slots[i].seq++;
		key_slots[i].destructor = destructor;
		*key = i;
		result = 0;
		break;
	}
	pthread_word_unlock(&key_lock, PTHREAD_FUTEX_PRIVATE);
	return result;
}

int pthread_key_delete(pthread_key_t key)
{
	int result = EINVAL;

	pthread_word_lock(&key_lock, PTHREAD_FUTEX_PRIVATE);
	if (key < PTHREAD_IMPL_KEYS_MAX && key_in_use(key_slots[key].seq)) {
		key_slots[key].seq++;
		key_slots[key].destructor = NULL;
		result = 0;
	}
	pthread_word_unlock(&key_lock, PTHREAD_FUTEX_PRIVATE);
	return result;
}

void *pthread_getspecific(pthread_key_t key)
{
	struct pthread_specific *slot;

	if (key >= PTHREAD_IMPL_KEYS_MAX)
		return NULL;
	slot = &pthread_impl_self()->specific[key];
	return slot->seq == key_slots[key].seq ? slot->value : NULL;
}

int pthread_setspecific(pthread_key_t key, const void *value)
{
	struct pthread_specific *slot;

	if (key >= PTHREAD_IMPL_KEYS_MAX || !key_in_use(key_slots[key].seq))
		return EINVAL;
	slot = &pthread_impl_self()->specific[key];
	slot->seq = key_slots[key].seq;
	slot->value = (void *)value;
	return 0;
}

/*
 * pthread_key_create(3p): at thread exit each non-NULL value's destructor
 * runs with the value, which is first set to NULL; repeated while values
 * remain, at most PTHREAD_DESTRUCTOR_ITERATIONS times.
 */
void pthread_impl_run_destructors(struct pthread *self)
{
	for (int round = 0; round < PTHREAD_IMPL_DESTRUCTOR_ROUNDS; round++) {
		int ran = 0;

		for (unsigned int i = 0; i < PTHREAD_IMPL_KEYS_MAX; i++) {
			struct pthread_specific *slot = &self->specific[i];
			void (*destructor)(void *) = key_slots[i].destructor;
			void *value = slot->value;

			if (!value || slot->seq != key_slots[i].seq || !destructor)
				continue;
			slot->value = NULL;
			destructor(value);
			ran = 1;
		}
		if (!ran)
			break;
	}
}
