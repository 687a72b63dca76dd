/*
 * shrinker.h: caches that give memory back when it runs short (Linux's
 * struct shrinker, much reduced). A subsystem that keeps objects only to
 * be faster (the dentry and inode caches) registers one; when a page
 * fault finds no free frame, the OOM path asks every shrinker first and
 * kills a process only if none of them could free anything.
 */
#ifndef MM_SHRINKER_H
#define MM_SHRINKER_H

#include <basalt/list.h>

struct shrinker {
	const char *name;
	/* Frees up to count unused objects; how many went. May sleep. */
	unsigned (*scan)(unsigned count);
	struct list_node link;		/* shrinker_lock */
};

/* Adds s to the list (once, at initialisation). */
void shrinker_register(struct shrinker *s);
/* Asks every shrinker for up to count objects: the total freed. May sleep. */
unsigned shrink_all(unsigned count);

#endif /* MM_SHRINKER_H */
