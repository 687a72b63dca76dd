/*
 * dentry.c: the dentry cache (vfs.h). Every name looked up is a dentry,
 * found again by (parent, name) in a hash table; a miss asks the parent
 * inode's lookup, whose answer (an inode, or "no such name") is cached.
 * Unused dentries wait on an LRU list, oldest first, until the shrinker
 * frees them; a memory file system pins its names instead (DENTRY_PINNED:
 * one more reference while the name exists).
 *
 * Locking: dcache_lock (a spinlock) guards the hash chains, each
 * dentry's parent, children, name, flags and LRU place, the counts, and
 * the reference count's moves to and from 0. A reference count above 0
 * moves without the lock (compare-and-swap, as Linux's lockref): a get
 * of a referenced dentry and a put that is not its last take no lock,
 * which is most of a path walk. It is never held across a file system call or an allocation
 * that may sleep: freeing a dentry drops its inode and parent after the
 * lock is released. The children of a directory change only with the
 * directory's i_rwsem held for writing (and dcache_lock): a lookup that
 * misses takes it (dentry_lookup), so two lookups of one name cannot
 * both add it.
 */
#include <basalt/string.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <uapi/errno.h>

/* Cookies 0 and 1 are "." and ".." in readdir (readdir.c). */
#define DENTRY_FIRST_COOKIE	2
/* The hash table's buckets: a power of two (one page of list heads). */
#define DCACHE_HASH_BUCKETS	256

/* guards: the hash, tree links, names, refs, flags, LRU and counts (see the top) */
static struct spinlock dcache_lock = SPINLOCK_INIT("dcache_lock");
static struct list_node dcache_hash[DCACHE_HASH_BUCKETS];
static bool dcache_hash_ready;
static struct list_node dcache_lru = { &dcache_lru, &dcache_lru };
static uint64_t dcache_total;		/* dentries allocated */
static uint64_t dcache_unused;		/* on the LRU */

/* FNV-1a over the parent's address and the name. */
#define DCACHE_FNV_OFFSET	2166136261u
#define DCACHE_FNV_PRIME	16777619u

static uint32_t dcache_hash_of(const struct dentry *parent, const char *name, size_t len)
{
	uint32_t h = DCACHE_FNV_OFFSET;
	uintptr_t p = (uintptr_t)parent;

	for (unsigned i = 0; i < sizeof(p); i++) {
		h ^= (uint8_t)(p >> (i * 8));
		h *= DCACHE_FNV_PRIME;
	}
	for (size_t i = 0; i < len; i++) {
		h ^= (uint8_t)name[i];
		h *= DCACHE_FNV_PRIME;
	}
	return h;
}

/* dcache_lock held. */
static struct list_node *dcache_bucket(uint32_t hash)
{
	if (!dcache_hash_ready) {
		for (unsigned i = 0; i < DCACHE_HASH_BUCKETS; i++)
			list_init(&dcache_hash[i]);
		dcache_hash_ready = true;
	}
	return &dcache_hash[hash % DCACHE_HASH_BUCKETS];
}

static struct dentry *dentry_new(struct super_block *sb, const char *name, size_t len)
{
	struct dentry *d = kzalloc(sizeof(*d));

	if (!d)
		return NULL;
	d->name = kmalloc(len + 1);
	if (!d->name) {
		kfree(d);
		return NULL;
	}
	memcpy(d->name, name, len);
	d->name[len] = '\0';
	d->name_len = len;
	d->ref = 1;
	d->sb = sb;
	d->d_op = sb ? sb->d_op : NULL;
	d->next_cookie = DENTRY_FIRST_COOKIE;
	list_init(&d->children);
	list_init(&d->sibling);
	list_init(&d->hash_link);
	list_init(&d->lru_link);
	spin_lock(&dcache_lock);
	dcache_total++;
	spin_unlock(&dcache_lock);
	return d;
}

struct dentry *dentry_alloc_root(struct super_block *sb, struct inode *ino)
{
	struct dentry *d = dentry_new(sb, "/", 1);

	if (!d)
		return NULL;
	d->parent = d;
	d->inode = ino;
	if (ino->nlink < 2)
		ino->nlink = 2;
	return d;
}

struct dentry *dentry_alloc_anon(struct super_block *sb, struct inode *ino)
{
	struct dentry *d = dentry_new(sb, "/", 1);

	if (!d)
		return NULL;
	d->parent = d;
	d->inode = ino;
	return d;
}

/* The hashed child of dir called name (dcache_lock held), unreferenced. */
static struct dentry *dcache_find(struct dentry *dir, const char *name, size_t len)
{
	uint32_t hash = dcache_hash_of(dir, name, len);
	struct list_node *bucket = dcache_bucket(hash), *n;

	list_for_each(n, bucket) {
		struct dentry *c = list_entry(n, struct dentry, hash_link);

		if (c->hash == hash && c->parent == dir && c->name_len == len &&
		    !memcmp(c->name, name, len))
			return c;
	}
	return NULL;
}

/* Takes a reference (dcache_lock held): off the LRU if it was there. */
static void dentry_get_locked(struct dentry *d)
{
	if (__atomic_fetch_add(&d->ref, 1, __ATOMIC_ACQUIRE) == 0 &&
	    (d->flags & DENTRY_ON_LRU)) {
		list_del(&d->lru_link);
		list_init(&d->lru_link);
		d->flags &= ~DENTRY_ON_LRU;
		dcache_unused--;
	}
}

/* A reference without the lock, if d has one already (never from 0). */
static bool dentry_get_fast(struct dentry *d)
{
	unsigned r = __atomic_load_n(&d->ref, __ATOMIC_RELAXED);

	while (r > 0)
		if (__atomic_compare_exchange_n(&d->ref, &r, r + 1, true, __ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			return true;
	return false;
}

/* Drops a reference without the lock, unless it is the last one. */
static bool dentry_put_fast(struct dentry *d)
{
	unsigned r = __atomic_load_n(&d->ref, __ATOMIC_RELAXED);

	while (r > 1)
		if (__atomic_compare_exchange_n(&d->ref, &r, r - 1, true, __ATOMIC_RELEASE,
						__ATOMIC_RELAXED))
			return true;
	return false;
}

struct dentry *dentry_get(struct dentry *d)
{
	if (dentry_get_fast(d))
		return d;
	spin_lock(&dcache_lock);
	dentry_get_locked(d);
	spin_unlock(&dcache_lock);
	return d;
}

/* Takes d out of the hash and its parent's children (dcache_lock held). */
static void dentry_unhash_locked(struct dentry *d)
{
	if (d->flags & DENTRY_HASHED) {
		list_del(&d->hash_link);
		list_init(&d->hash_link);
		d->flags &= ~DENTRY_HASHED;
	}
}

/*
 * Frees d, whose last reference went, unhashed (dcache_lock dropped):
 * then its inode and its reference on the parent, which may be the
 * parent's last.
 */
static struct dentry *dentry_free(struct dentry *d)
{
	struct dentry *parent = d->parent != d ? d->parent : NULL;
	struct inode *ino = d->inode;

	inode_put(ino);
	kfree(d->name);
	kfree(d);
	return parent;
}

/*
 * Drops a reference with dcache_lock held: returns d if it must be
 * freed now (unlinked from everything, lock still held by the caller),
 * NULL otherwise.
 */
static struct dentry *dentry_put_locked(struct dentry *d)
{
	if (__atomic_sub_fetch(&d->ref, 1, __ATOMIC_ACQ_REL))
		return NULL;
	if ((d->flags & DENTRY_HASHED) && !(d->flags & DENTRY_DEAD) &&
	    !(d->d_op && d->d_op->delete && d->d_op->delete(d))) {
		list_add_tail(&dcache_lru, &d->lru_link);
		d->flags |= DENTRY_ON_LRU;
		dcache_unused++;
		return NULL;
	}
	dentry_unhash_locked(d);
	list_del(&d->sibling);
	list_init(&d->sibling);
	dcache_total--;
	return d;
}

void dentry_put(struct dentry *d)
{
	while (d) {
		struct dentry *dead;

		if (dentry_put_fast(d))
			return;
		spin_lock(&dcache_lock);
		dead = dentry_put_locked(d);
		spin_unlock(&dcache_lock);
		d = dead ? dentry_free(dead) : NULL;
	}
}

struct dentry *dentry_alloc_child(struct dentry *dir, const char *name, size_t len)
{
	struct dentry *d = dentry_new(dir->sb, name, len);

	if (!d)
		return NULL;
	spin_lock(&dcache_lock);
	d->parent = dir;
	dentry_get_locked(dir);
	d->hash = dcache_hash_of(dir, name, len);
	list_add_tail(dcache_bucket(d->hash), &d->hash_link);
	d->flags |= DENTRY_HASHED;
	d->cookie = dir->next_cookie++;
	list_add_tail(&dir->children, &d->sibling);
	spin_unlock(&dcache_lock);
	return d;
}

/* Asks d's revalidate (no lock held); a stale dentry is dropped: false. */
static bool dentry_still_valid(struct dentry *d)
{
	if (!d->d_op || !d->d_op->revalidate)
		return true;
	if (d->d_op->revalidate(d) > 0)
		return true;
	dentry_drop(d);
	return false;
}

struct dentry *dentry_lookup_cached(struct dentry *dir, const char *name, size_t len)
{
	struct dentry *d;

	spin_lock(&dcache_lock);
	d = dcache_find(dir, name, len);
	if (d)
		dentry_get_locked(d);
	spin_unlock(&dcache_lock);
	if (d && !dentry_still_valid(d)) {
		dentry_put(d);
		return NULL;
	}
	return d;
}

int dentry_lookup_locked(struct dentry *dir, const char *name, size_t len,
			 struct dentry **out)
{
	struct inode *dino = dir->inode;
	struct dentry *d;
	int err;

	if (dentry_is_dead(dir))
		return -ENOENT;		/* a removed directory has no names */
	d = dentry_lookup_cached(dir, name, len);
	if (d) {
		*out = d;
		return 0;
	}
	if (!dino->i_op || !dino->i_op->lookup)
		return -ENOTDIR;
	d = dentry_alloc_child(dir, name, len);
	if (!d)
		return -ENOMEM;
	err = dino->i_op->lookup(dino, d);
	if (err) {
		dentry_drop(d);
		dentry_put(d);
		return err;
	}
	*out = d;
	return 0;
}

int dentry_lookup(struct dentry *dir, const char *name, size_t len, struct dentry **out)
{
	struct dentry *d = dentry_lookup_cached(dir, name, len);
	int err;

	if (d) {
		*out = d;
		return 0;
	}
	inode_lock(dir->inode);
	err = dentry_lookup_locked(dir, name, len, out);
	inode_unlock(dir->inode);
	return err;
}

void dentry_instantiate(struct dentry *d, struct inode *ino)
{
	spin_lock(&dcache_lock);
	d->inode = ino;
	spin_unlock(&dcache_lock);
}

void dentry_pin(struct dentry *d)
{
	spin_lock(&dcache_lock);
	if (!(d->flags & DENTRY_PINNED)) {
		d->flags |= DENTRY_PINNED;
		dentry_get_locked(d);
	}
	spin_unlock(&dcache_lock);
}

void dentry_drop(struct dentry *d)
{
	spin_lock(&dcache_lock);
	dentry_unhash_locked(d);
	spin_unlock(&dcache_lock);
}

void dentry_delete(struct dentry *d)
{
	bool pinned;

	spin_lock(&dcache_lock);
	dentry_unhash_locked(d);
	d->flags |= DENTRY_DEAD;
	pinned = d->flags & DENTRY_PINNED;
	d->flags &= ~DENTRY_PINNED;
	spin_unlock(&dcache_lock);
	if (pinned)
		dentry_put(d);
}

/* Sets d's name (the old one is freed by the caller) and parent; locked. */
static void dentry_rename_locked(struct dentry *d, struct dentry *parent, char *name,
				 size_t len)
{
	dentry_unhash_locked(d);
	list_del(&d->sibling);
	d->name = name;
	d->name_len = len;
	d->parent = parent;
	d->hash = dcache_hash_of(parent, name, len);
	list_add_tail(dcache_bucket(d->hash), &d->hash_link);
	d->flags |= DENTRY_HASHED;
	d->cookie = parent->next_cookie++;
	list_add_tail(&parent->children, &d->sibling);
}

static char *dentry_name_copy(const char *name, size_t len)
{
	char *copy = kmalloc(len + 1);

	if (copy) {
		memcpy(copy, name, len);
		copy[len] = '\0';
	}
	return copy;
}

int dentry_move(struct dentry *d, struct dentry *new)
{
	char *name = dentry_name_copy(new->name, new->name_len), *old_name;
	struct dentry *oparent;

	if (!name)
		return -ENOMEM;
	if (new->inode)
		dentry_delete(new);
	else
		dentry_drop(new);
	spin_lock(&dcache_lock);
	oparent = d->parent;
	old_name = d->name;
	if (oparent != new->parent)
		dentry_get_locked(new->parent);
	dentry_rename_locked(d, new->parent, name, new->name_len);
	spin_unlock(&dcache_lock);
	kfree(old_name);
	if (oparent != d->parent)
		dentry_put(oparent);
	return 0;
}

void dentry_exchange(struct dentry *a, struct dentry *b)
{
	struct dentry *pa, *pb;
	char *na, *nb;
	size_t la, lb;

	spin_lock(&dcache_lock);
	pa = a->parent;
	pb = b->parent;
	na = a->name;
	la = a->name_len;
	nb = b->name;
	lb = b->name_len;
	dentry_rename_locked(a, pb, nb, lb);
	dentry_rename_locked(b, pa, na, la);
	spin_unlock(&dcache_lock);
}

bool dentry_has_positive_children(struct dentry *d)
{
	struct list_node *n;
	bool found = false;

	spin_lock(&dcache_lock);
	list_for_each(n, &d->children) {
		struct dentry *c = list_entry(n, struct dentry, sibling);

		if (c->inode && (c->flags & DENTRY_HASHED)) {
			found = true;
			break;
		}
	}
	spin_unlock(&dcache_lock);
	return found;
}

bool dentry_is_below(struct dentry *d, struct dentry *anc)
{
	bool below = false;

	spin_lock(&dcache_lock);
	for (;;) {
		if (d == anc) {
			below = true;
			break;
		}
		if (d->parent == d)
			break;
		d = d->parent;
	}
	spin_unlock(&dcache_lock);
	return below;
}

/*
 * Takes the oldest unused dentry off the LRU to be freed (dcache_lock
 * held): unhashed and out of its parent; NULL if none.
 */
static struct dentry *dcache_lru_take(void)
{
	struct dentry *d;

	if (list_empty(&dcache_lru))
		return NULL;
	d = list_entry(dcache_lru.next, struct dentry, lru_link);
	list_del(&d->lru_link);
	list_init(&d->lru_link);
	d->flags &= ~DENTRY_ON_LRU;
	dcache_unused--;
	dentry_unhash_locked(d);
	list_del(&d->sibling);
	list_init(&d->sibling);
	dcache_total--;
	return d;
}

unsigned dentry_shrink(unsigned count)
{
	unsigned freed = 0;

	while (freed < count) {
		struct dentry *d, *parent;

		spin_lock(&dcache_lock);
		d = dcache_lru_take();
		spin_unlock(&dcache_lock);
		if (!d)
			break;
		parent = dentry_free(d);
		freed++;
		dentry_put(parent);	/* may put the parent on the LRU in turn */
	}
	return freed;
}

void dentry_cache_counts(uint64_t *total, uint64_t *unused)
{
	spin_lock(&dcache_lock);
	*total = dcache_total;
	*unused = dcache_unused;
	spin_unlock(&dcache_lock);
}

/* Whether a child can be freed by a prune now (dcache_lock held). */
static bool dcache_prunable(const struct dentry *c, bool unpin)
{
	unsigned ref = __atomic_load_n(&c->ref, __ATOMIC_RELAXED);

	return list_empty(&c->children) &&
	       (ref == 0 || (unpin && (c->flags & DENTRY_PINNED) && ref == 1));
}

/*
 * Takes c out of everything to be freed (dcache_lock held): false if a
 * reference came meanwhile (a lockless get of a pinned one).
 */
static bool dcache_detach_locked(struct dentry *c)
{
	unsigned ref = __atomic_load_n(&c->ref, __ATOMIC_RELAXED);

	if (ref > 1 || !__atomic_compare_exchange_n(&c->ref, &ref, 0, false, __ATOMIC_ACQ_REL,
						    __ATOMIC_RELAXED))
		return false;
	if (c->flags & DENTRY_ON_LRU) {
		list_del(&c->lru_link);
		list_init(&c->lru_link);
		dcache_unused--;
	}
	c->flags &= ~(DENTRY_ON_LRU | DENTRY_PINNED);
	c->flags |= DENTRY_DEAD;
	dentry_unhash_locked(c);
	list_del(&c->sibling);
	list_init(&c->sibling);
	dcache_total--;
	return true;
}

/* guards: dcache_prune_gen, and so one prune at a time */
static struct mutex dcache_prune_mutex = MUTEX_INIT(dcache_prune_mutex);
static uint32_t dcache_prune_gen;

void dentry_prune_tree(struct dentry *top, bool unpin)
{
	struct dentry *d = top, *parent;
	uint32_t gen;

	/*
	 * Depth first without recursion (a tree may be deeper than the
	 * kernel stack allows): descend into a child that has children,
	 * free the leaves nobody holds, and climb back when none is left.
	 * A walk holds a reference on each directory it is in. What someone
	 * still holds stays (with its chain of parents), marked with this
	 * prune's generation so the walk does not visit it again.
	 */
	mutex_lock(&dcache_prune_mutex);
	gen = ++dcache_prune_gen;
	dentry_get(top);
	for (;;) {
		struct dentry *victim = NULL, *descend = NULL;
		struct list_node *n;

		spin_lock(&dcache_lock);
		list_for_each(n, &d->children) {
			struct dentry *c = list_entry(n, struct dentry, sibling);

			if (c->prune_gen == gen)
				continue;
			if (!list_empty(&c->children)) {
				descend = c;
				break;
			}
			if (dcache_prunable(c, unpin)) {
				victim = c;
				break;
			}
			c->prune_gen = gen;	/* a leaf someone holds */
		}
		if (descend) {
			dentry_get_locked(descend);
			spin_unlock(&dcache_lock);
			d = descend;
			continue;
		}
		if (victim) {
			if (!dcache_detach_locked(victim)) {
				victim->prune_gen = gen;	/* taken meanwhile: it stays */
				spin_unlock(&dcache_lock);
				continue;
			}
			spin_unlock(&dcache_lock);
			dentry_put(dentry_free(victim));
			continue;
		}
		if (!list_empty(&d->children))
			d->prune_gen = gen;	/* held below: not visited again */
		spin_unlock(&dcache_lock);
		if (d == top)
			break;
		parent = d->parent;
		dentry_put(d);			/* the walk's; the parent keeps ours */
		d = parent;
	}
	dentry_put(top);
	mutex_unlock(&dcache_prune_mutex);
}

bool path_equal(const struct path *a, const struct path *b)
{
	return a->mnt == b->mnt && a->dentry == b->dentry;
}

void path_get(const struct path *p)
{
	vfs_mount_get(p->mnt);
	dentry_get(p->dentry);
}

void path_put(const struct path *p)
{
	dentry_put(p->dentry);
	vfs_mount_put(p->mnt);
}

long dentry_name_walk(long (*walk)(const struct path *p, const struct path *root,
				   char *buf, size_t size),
		      const struct path *p, const struct path *root, char *buf, size_t size)
{
	long r;

	spin_lock(&dcache_lock);
	r = walk(p, root, buf, size);
	spin_unlock(&dcache_lock);
	return r;
}

void dentry_tree_locked(void (*fn)(void *arg), void *arg)
{
	spin_lock(&dcache_lock);
	fn(arg);
	spin_unlock(&dcache_lock);
}

struct dentry *dentry_next_child(struct dentry *dir, struct dentry *prev, uint64_t pos,
				 bool pinned_only)
{
	struct list_node *n;
	struct dentry *found = NULL;

	spin_lock(&dcache_lock);
	/* prev is referenced, so still on the list (a put never unlinks a held one). */
	n = prev && !list_empty(&prev->sibling) ? prev->sibling.next : dir->children.next;
	for (; n != &dir->children; n = n->next) {
		struct dentry *c = list_entry(n, struct dentry, sibling);

		if (c->cookie < pos || !c->inode || !(c->flags & DENTRY_HASHED))
			continue;
		if (pinned_only && !(c->flags & DENTRY_PINNED))
			continue;
		dentry_get_locked(c);
		found = c;
		break;
	}
	spin_unlock(&dcache_lock);
	return found;
}
