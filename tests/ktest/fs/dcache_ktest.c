/*
 * dcache_ktest.c: the dentry and inode caches (vfs.h) over a small file
 * system made for the test, "ktfs", whose root directory holds the
 * files "a" to "z" (inode numbers 1 to 26, read in with inode_iget as a
 * disk file system would) and counts every lookup and eviction:
 *   - a name is asked of the file system once, then found in the cache;
 *   - a name that does not exist is cached as a negative dentry;
 *   - inode_iget finds a cached inode again;
 *   - unused dentries and inodes wait on their LRUs and the shrinker
 *     frees them, after which the file system is asked again;
 *   - revalidate can make the cache forget a stale name;
 *   - tmpfs's pinned dentries survive the shrinker (its files stay).
 */
#include <basalt/ktest.h>
#include <basalt/string.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#define KTFS_MAGIC	0x6b746673	/* "ktfs" */
#define KTFS_ROOT_INO	100
#define KTFS_FILE_MODE	(S_IFREG | 0644)

static unsigned ktfs_lookups, ktfs_evictions, ktfs_revalidates;
static bool ktfs_stale_b;		/* revalidate says "b" is stale */

static const struct inode_operations ktfs_file_iops;

static int ktfs_lookup(struct inode *dir, struct dentry *d)
{
	struct inode *ino;

	ktfs_lookups++;
	if (d->name_len != 1 || d->name[0] < 'a' || d->name[0] > 'z')
		return 0;			/* negative */
	ino = inode_iget(dir->sb, (uint64_t)(d->name[0] - 'a' + 1));
	if (!ino)
		return -ENOMEM;
	if (ino->state & INODE_NEW) {
		ino->mode = KTFS_FILE_MODE;
		ino->nlink = 1;
		ino->i_op = &ktfs_file_iops;
		inode_new_done(ino);
	}
	dentry_instantiate(d, ino);
	return 0;
}

static int ktfs_revalidate(struct dentry *d)
{
	ktfs_revalidates++;
	return !(ktfs_stale_b && d->name_len == 1 && d->name[0] == 'b');
}

static void ktfs_evict(struct inode *ino __unused)
{
	ktfs_evictions++;
}

static const struct inode_operations ktfs_dir_iops = { .lookup = ktfs_lookup };
static const struct inode_operations ktfs_file_iops;
static const struct super_operations ktfs_sops = { .evict_inode = ktfs_evict };
static const struct dentry_operations ktfs_dops = { .revalidate = ktfs_revalidate };
static const struct fs_type ktfs_type = { .name = "ktfs" };

static struct super_block *ktfs_make(void)
{
	struct super_block *sb = kzalloc(sizeof(*sb));
	struct inode *root;

	if (!sb)
		return NULL;
	sb->next_ino = KTFS_ROOT_INO;
	vfs_sb_init(sb, &ktfs_type, &ktfs_sops, KTFS_MAGIC);
	sb->d_op = &ktfs_dops;
	root = inode_alloc(sb, S_IFDIR | 0755, 0, 0);
	if (!root) {
		vfs_sb_kill_unused(sb);
		return NULL;
	}
	root->i_op = &ktfs_dir_iops;
	sb->root = dentry_alloc_root(sb, root);
	if (!sb->root) {
		inode_put(root);
		vfs_sb_kill_unused(sb);
		return NULL;
	}
	ktfs_lookups = ktfs_evictions = ktfs_revalidates = 0;
	ktfs_stale_b = false;
	return sb;
}

/* Looks name up in ktfs's root: 1 positive, 0 negative, or an errno. */
static int ktfs_find(struct super_block *sb, const char *name)
{
	struct dentry *d;
	int err = dentry_lookup(sb->root, name, strlen(name), &d);

	if (err)
		return err;
	err = d->inode ? 1 : 0;
	dentry_put(d);
	return err;
}

KTEST(dcache_lookup_on_miss_then_cached)
{
	struct super_block *sb = ktfs_make();

	KT_ASSERT(t, sb);
	KT_EXPECT_EQ(t, ktfs_find(sb, "a"), 1);
	KT_EXPECT_EQ(t, ktfs_lookups, 1);
	KT_EXPECT_EQ(t, ktfs_find(sb, "a"), 1);
	KT_EXPECT_EQ(t, ktfs_lookups, 1);	/* the cache answered */
	KT_EXPECT_EQ(t, ktfs_find(sb, "nosuch"), 0);
	KT_EXPECT_EQ(t, ktfs_lookups, 2);
	KT_EXPECT_EQ(t, ktfs_find(sb, "nosuch"), 0);
	KT_EXPECT_EQ(t, ktfs_lookups, 2);	/* negative dentry */
	vfs_sb_kill(sb);
}

KTEST(dcache_inode_iget_finds_cached)
{
	struct super_block *sb = ktfs_make();
	struct inode *a, *b;

	KT_ASSERT(t, sb);
	a = inode_iget(sb, 7);
	KT_ASSERT(t, a && (a->state & INODE_NEW));
	a->mode = KTFS_FILE_MODE;
	a->nlink = 1;
	inode_new_done(a);
	b = inode_iget(sb, 7);
	KT_EXPECT(t, b == a);
	KT_EXPECT(t, b && !(b->state & INODE_NEW));
	inode_put(b);
	inode_put(a);
	KT_EXPECT_EQ(t, ktfs_evictions, 0);	/* cached on the inode LRU */
	b = inode_iget(sb, 7);
	KT_EXPECT(t, b == a);			/* found again, not read again */
	inode_put(b);
	vfs_sb_kill(sb);
	KT_EXPECT(t, ktfs_evictions >= 1);
}

KTEST(dcache_shrinker_forgets_unused_names_and_inodes)
{
	struct super_block *sb = ktfs_make();
	uint64_t total, unused;
	struct dentry *held;

	KT_ASSERT(t, sb);
	KT_ASSERT(t, dentry_lookup(sb->root, "h", 1, &held) == 0 && held->inode);
	KT_EXPECT_EQ(t, ktfs_find(sb, "c"), 1);
	KT_EXPECT_EQ(t, ktfs_find(sb, "zz"), 0);
	KT_EXPECT_EQ(t, ktfs_lookups, 3);
	dentry_cache_counts(&total, &unused);
	KT_EXPECT(t, unused >= 2);		/* "c" and "zz" */
	vfs_shrink_caches(UINT32_MAX);
	KT_EXPECT_EQ(t, ktfs_evictions, 1);	/* "c"'s inode; "h" is held */
	KT_EXPECT_EQ(t, ktfs_find(sb, "c"), 1);
	KT_EXPECT_EQ(t, ktfs_find(sb, "zz"), 0);
	KT_EXPECT_EQ(t, ktfs_lookups, 5);	/* both asked again */
	KT_EXPECT_EQ(t, ktfs_find(sb, "h"), 1);
	KT_EXPECT_EQ(t, ktfs_lookups, 5);	/* the held one stayed */
	dentry_put(held);
	vfs_sb_kill(sb);
}

KTEST(dcache_revalidate_drops_stale_names)
{
	struct super_block *sb = ktfs_make();

	KT_ASSERT(t, sb);
	KT_EXPECT_EQ(t, ktfs_find(sb, "b"), 1);
	KT_EXPECT_EQ(t, ktfs_find(sb, "b"), 1);
	KT_EXPECT_EQ(t, ktfs_lookups, 1);
	KT_EXPECT(t, ktfs_revalidates >= 1);
	ktfs_stale_b = true;
	KT_EXPECT_EQ(t, ktfs_find(sb, "b"), 1);
	KT_EXPECT_EQ(t, ktfs_lookups, 2);	/* dropped, looked up again */
	vfs_sb_kill(sb);
}

KTEST(dcache_tmpfs_names_survive_shrinker)
{
	struct path p;
	struct file *f;

	KT_ASSERT(t, vfs_init() == 0);
	KT_ASSERT(t, vfs_mkdirat(AT_FDCWD, "/kt-dcache", 0755) == 0);
	KT_ASSERT(t, vfs_openat(AT_FDCWD, "/kt-dcache/file", O_CREAT | O_WRONLY, 0644, &f) == 0);
	file_put(f);
	/* A lookup that misses leaves a negative dentry in tmpfs too. */
	KT_EXPECT_EQ(t, vfs_lookup_path("/kt-dcache/none", 0, &p), -ENOENT);
	vfs_shrink_caches(UINT32_MAX);
	KT_ASSERT(t, vfs_lookup_path("/kt-dcache/file", 0, &p) == 0);
	KT_EXPECT(t, S_ISREG(p.dentry->inode->mode));
	path_put(&p);
	KT_EXPECT_EQ(t, vfs_lookup_path("/kt-dcache/none", 0, &p), -ENOENT);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-dcache/file", 0), 0);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-dcache", AT_REMOVEDIR), 0);
}
