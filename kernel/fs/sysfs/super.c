/*
 * super.c: sysfs as a file system (sysfs.h has the model): the "sysfs"
 * type and its one instance, its inodes and their numbers, the generic
 * directory whose entries come from a sysfs_dir_ops, attribute files
 * read as text made on each read, links, and revalidation of the names
 * in dynamic directories.
 */
#include <fs/sysfs/sysfs.h>
#include <basalt/format.h>
#include <basalt/string.h>
#include <mm/mm.h>
#include <uapi/dirent.h>
#include <uapi/errno.h>
#include <uapi/statfs.h>

#define SYSFS_SUPER_MAGIC	0x62656572	/* statfs(2) f_type of sysfs ("beer") */
#define SYSFS_FIRST_INO		1
/* A listing gathers a directory's entries in an array that grows by this. */
#define SYSFS_LIST_FIRST	16
/*
 * kernfs_name_hash (Linux fs/kernfs/dir.c): the dcache's
 * partial_name_hash per byte, end_name_hash (hash_long to 32 bits, the
 * 64-bit golden ratio multiplier of linux/hash.h), 31 bits, with 0, 1
 * and INT_MAX kept for "." , ".." and the end.
 */
#define SYSFS_HASH_GOLDEN_64	0x61C8864680B583EBULL
#define SYSFS_HASH_BITS		32
#define SYSFS_HASH_MASK		0x7fffffffu
#define SYSFS_HASH_MIN		2u
#define SYSFS_HASH_END		0x7fffffffu
/* Computed inode numbers: bit 62 set, above what next_ino hands out. */
#define SYSFS_INO_FLAG		(1ULL << 62)
#define SYSFS_INO_MASK		(SYSFS_INO_FLAG - 1)
#define SYSFS_FNV_OFFSET	0xcbf29ce484222325ULL	/* FNV-1a, 64 bits */
#define SYSFS_FNV_PRIME		0x100000001b3ULL

/* The one instance (made at the first mount, never freed). */
static struct super_block *sysfs_sb;

void sysfs_printf(struct sysfs_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->overflowed)
		return;
	va_start(ap, fmt);
	n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= b->cap - b->len)
		b->overflowed = true;
	else
		b->len += (size_t)n;
}

void sysfs_write(struct sysfs_buf *b, const void *data, size_t len)
{
	if (b->overflowed || len > b->cap - b->len) {
		b->overflowed = true;
		return;
	}
	memcpy(b->data + b->len, data, len);
	b->len += len;
}

uint32_t sysfs_name_hash(const char *name, size_t len)
{
	uint64_t hash = 0;
	uint32_t h;

	for (size_t i = 0; i < len; i++) {
		uint64_t c = (unsigned char)name[i];

		hash = (hash + (c << 4) + (c >> 4)) * 11;
	}
	h = (uint32_t)((hash * SYSFS_HASH_GOLDEN_64) >> (64 - SYSFS_HASH_BITS));
	h &= SYSFS_HASH_MASK;
	if (h < SYSFS_HASH_MIN)
		h += SYSFS_HASH_MIN;
	if (h >= SYSFS_HASH_END)
		h = SYSFS_HASH_END - 1;
	return h;
}

/* The inode number of name in the directory numbered parent. */
static uint64_t sysfs_child_ino(uint64_t parent, const char *name, size_t len)
{
	uint64_t h = SYSFS_FNV_OFFSET ^ parent;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)name[i];
		h *= SYSFS_FNV_PRIME;
	}
	return SYSFS_INO_FLAG | (h & SYSFS_INO_MASK);
}

void sysfs_entry_dir(struct sysfs_entry *e, const char *name,
		     const struct sysfs_dir_ops *dir, const void *obj, unsigned arg)
{
	strlcpy(e->name, name, sizeof(e->name));
	e->node = (struct sysfs_node){ .kind = SYSFS_DIR, .dir = dir, .obj = obj, .arg = arg };
}

void sysfs_entry_attr(struct sysfs_entry *e, enum sysfs_kind kind,
		      const struct sysfs_attr *attr, const void *obj, unsigned arg)
{
	strlcpy(e->name, attr->name, sizeof(e->name));
	e->node = (struct sysfs_node){ .kind = kind, .attr = attr, .obj = obj, .arg = arg };
}

int sysfs_child_attrs(const struct sysfs_attr *attrs, size_t count, enum sysfs_kind kind,
		      const struct sysfs_node *dir, unsigned i, struct sysfs_entry *e,
		      unsigned *rest)
{
	if (i < count) {
		sysfs_entry_attr(e, kind, &attrs[i], dir->obj, dir->arg);
		return 0;
	}
	*rest = i - (unsigned)count;
	return -ENOENT;
}

/* ---- inodes -------------------------------------------------------------- */

static const struct inode_operations sysfs_dir_iops;
static const struct file_ops sysfs_dir_fops;
static const struct file_ops sysfs_file_fops;
static const struct inode_operations sysfs_link_iops;
/* No operations: no chmod, chown or truncate (EPERM). */
static const struct inode_operations sysfs_file_iops = { 0 };

static struct inode *sysfs_new_inode(const struct sysfs_node *node, uint64_t ino_nr)
{
	unsigned mode = node->kind == SYSFS_DIR ? SYSFS_DIR_MODE :
			node->kind == SYSFS_FILE ? SYSFS_FILE_MODE : SYSFS_LINK_MODE;
	struct inode *ino = inode_alloc(sysfs_sb, mode, 0, 0);

	if (!ino)
		return NULL;
	*sysfs_node(ino) = *node;
	ino->data = sysfs_node(ino);
	if (ino_nr)
		ino->ino = ino_nr;
	switch (node->kind) {
	case SYSFS_DIR:
		ino->nlink = 2;
		ino->i_op = &sysfs_dir_iops;
		ino->i_fop = &sysfs_dir_fops;
		break;
	case SYSFS_FILE:
		ino->size = node->attr->size ? node->attr->size(node) : SYSFS_ATTR_SIZE;
		ino->i_op = &sysfs_file_iops;
		ino->i_fop = &sysfs_file_fops;
		break;
	case SYSFS_LINK:
		ino->i_op = &sysfs_link_iops;
		break;
	}
	return ino;
}

static struct inode *sysfs_alloc_inode(struct super_block *sb __unused)
{
	struct sysfs_inode *si = kzalloc(sizeof(*si));

	return si ? &si->vfs : NULL;
}

static void sysfs_free_inode(struct inode *ino)
{
	kfree(container_of(ino, struct sysfs_inode, vfs));
}

/* ---- directories --------------------------------------------------------- */

/* The entry of dir named name (len bytes): 0, or -ENOENT. */
static int sysfs_find(const struct sysfs_node *dir, const char *name, size_t len,
		      struct sysfs_entry *e)
{
	for (unsigned i = 0; dir->dir->child(dir, i, e) == 0; i++)
		if (strlen(e->name) == len && !memcmp(e->name, name, len))
			return 0;
	return -ENOENT;
}

static int sysfs_lookup(struct inode *dir, struct dentry *d)
{
	const struct sysfs_node *dnode = sysfs_node(dir);
	struct sysfs_entry *e = kmalloc(sizeof(*e));
	struct inode *ino;
	int err;

	if (!e)
		return -ENOMEM;
	err = sysfs_find(dnode, d->name, d->name_len, e);
	if (err) {
		kfree(e);
		/* A dynamic directory's name may appear later: not cached negative. */
		return dnode->dir->dynamic ? -ENOENT : 0;
	}
	ino = sysfs_new_inode(&e->node, sysfs_child_ino(dir->ino, d->name, d->name_len));
	kfree(e);
	if (!ino)
		return -ENOMEM;
	dentry_instantiate(d, ino);
	return 0;
}

static const struct inode_operations sysfs_dir_iops = {
	.lookup = sysfs_lookup,
};

static long sysfs_dir_read(struct file *f __unused, struct uio *u __unused,
			   uint64_t *pos __unused)
{
	return -EISDIR;
}

struct sysfs_listed {
	struct sysfs_entry e;
	uint32_t hash;
};

/* kernfs's order: by hash, then by name. */
static bool sysfs_listed_before(const struct sysfs_listed *a, const struct sysfs_listed *b)
{
	if (a->hash != b->hash)
		return a->hash < b->hash;
	return strcmp(a->e.name, b->e.name) < 0;
}

/* Gathers dir's entries, sorted: the count, or a negative errno. */
static long sysfs_gather(const struct sysfs_node *dir, struct sysfs_listed **out)
{
	struct sysfs_listed *list = NULL, *bigger;
	size_t n = 0, cap = 0;

	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : SYSFS_LIST_FIRST;
			bigger = kmalloc(cap * sizeof(*list));
			if (!bigger) {
				kfree(list);
				return -ENOMEM;
			}
			if (list)
				memcpy(bigger, list, n * sizeof(*list));
			kfree(list);
			list = bigger;
		}
		if (dir->dir->child(dir, (unsigned)n, &list[n].e))
			break;
		list[n].hash = sysfs_name_hash(list[n].e.name, strlen(list[n].e.name));
		/* Insertion sort: directories hold tens of entries. */
		for (size_t j = n; j > 0 && sysfs_listed_before(&list[j], &list[j - 1]); j--) {
			struct sysfs_listed t = list[j];

			list[j] = list[j - 1];
			list[j - 1] = t;
		}
		n++;
	}
	*out = list;
	return (long)n;
}

static unsigned sysfs_dtype(enum sysfs_kind kind)
{
	return kind == SYSFS_DIR ? DT_DIR : kind == SYSFS_FILE ? DT_REG : DT_LNK;
}

/*
 * Positions are kernfs hashes (2..INT_MAX-1): an entry at hash h is
 * emitted when pos <= h, and the next position is h + 1. Two names of
 * one directory with the same hash are listed together unless the
 * reader's buffer fills between them (then the second is skipped, a
 * 1 in 2^31 chance per pair).
 */
static int sysfs_dir_iterate(struct file *f, struct dir_context *ctx)
{
	const struct sysfs_node *dnode = sysfs_node(f->inode);
	struct sysfs_listed *list;
	long n;

	if (!dir_emit_dots(f, ctx))
		return 0;
	if (ctx->pos >= SYSFS_HASH_END)
		return 0;
	n = sysfs_gather(dnode, &list);
	if (n < 0)
		return (int)n;
	for (long i = 0; i < n; i++) {
		const char *name = list[i].e.name;
		size_t len = strlen(name);

		if (list[i].hash < ctx->pos)
			continue;
		if (!dir_emit(ctx, name, len, sysfs_child_ino(f->inode->ino, name, len),
			      sysfs_dtype(list[i].e.node.kind), (uint64_t)list[i].hash + 1))
			break;
	}
	/* All emitted: the end, so that a later call lists nothing new. */
	if (n == 0 || ctx->pos > list[n - 1].hash)
		ctx->pos = SYSFS_HASH_END;
	kfree(list);
	return 0;
}

static const struct file_ops sysfs_dir_fops = {
	.read = sysfs_dir_read,
	.iterate = sysfs_dir_iterate,
	.lseek = simple_dir_lseek,
};

/* ---- files and links ----------------------------------------------------- */

/* The text of node (a file's or a link's): 0 with b filled, or an errno. */
static int sysfs_generate(const struct sysfs_node *node, struct sysfs_buf *b)
{
	int err;

	b->data = kmalloc(SYSFS_ATTR_SIZE);
	if (!b->data)
		return -ENOMEM;
	b->cap = SYSFS_ATTR_SIZE;
	b->len = 0;
	b->overflowed = false;
	err = node->attr->show(node, b);
	/* Linux's sysfs cuts an attribute at PAGE_SIZE; ours are shorter. */
	if (!err && b->overflowed)
		err = -EFBIG;
	if (err) {
		kfree(b->data);
		b->data = NULL;
	}
	return err;
}

static long sysfs_file_read(struct file *f, struct uio *u, uint64_t *pos)
{
	struct sysfs_buf b;
	long r;
	int err = sysfs_generate(sysfs_node(f->inode), &b);

	if (err)
		return err;
	r = *pos >= b.len ? 0 : uio_copy_out(u, b.data + *pos, b.len - (size_t)*pos);
	kfree(b.data);
	if (r > 0)
		*pos += (uint64_t)r;
	return r;
}

static const struct file_ops sysfs_file_fops = {
	.read = sysfs_file_read,
};



static int sysfs_get_link(struct dentry *d, struct vfs_link *out)
{
	struct sysfs_buf b;
	int err = sysfs_generate(sysfs_node(d->inode), &b);

	if (err)
		return err;
	sysfs_write(&b, "", 1);		/* the NUL */
	if (b.overflowed) {
		kfree(b.data);
		return -ENAMETOOLONG;
	}
	out->text = b.data;
	out->text_owned = true;
	return 0;
}

static const struct inode_operations sysfs_link_iops = {
	.get_link = sysfs_get_link,
};

/* ---- staleness ----------------------------------------------------------- */

/*
 * A name in a dynamic directory (a disk's partitions) is true while the
 * directory still gives the same entry under it; 0: stale, the VFS drops
 * it and asks lookup again.
 */
static int sysfs_revalidate(struct dentry *d)
{
	struct inode *ino = __atomic_load_n(&d->inode, __ATOMIC_ACQUIRE);
	struct inode *dir = d->parent != d ? d->parent->inode : NULL;
	const struct sysfs_node *dnode, *node;
	struct sysfs_entry *e;
	int alive;

	if (!ino || !dir)
		return 1;
	dnode = sysfs_node(dir);
	if (dnode->kind != SYSFS_DIR || !dnode->dir->dynamic)
		return 1;
	node = sysfs_node(ino);
	e = kmalloc(sizeof(*e));
	if (!e)
		return 0;
	alive = !sysfs_find(dnode, d->name, d->name_len, e) && e->node.kind == node->kind &&
		e->node.dir == node->dir && e->node.attr == node->attr &&
		e->node.obj == node->obj && e->node.arg == node->arg;
	kfree(e);
	return alive;
}

static const struct dentry_operations sysfs_dentry_ops = {
	.revalidate = sysfs_revalidate,
};

/* ---- the file system ----------------------------------------------------- */

static void sysfs_statfs(struct super_block *sb __unused, struct statfs *st)
{
	st->f_type = SYSFS_SUPER_MAGIC;
	st->f_bsize = PAGE_SIZE;
	st->f_namelen = NAME_MAX;
}

static const struct super_operations sysfs_super_ops = {
	.alloc_inode = sysfs_alloc_inode,
	.free_inode = sysfs_free_inode,
	.statfs = sysfs_statfs,
};

/* Every mount of "sysfs" shows the one instance, made at the first. */
static int sysfs_mount(const struct fs_type *type, const char *source __unused,
		       unsigned long flags __unused, const char *options __unused,
		       struct super_block **out)
{
	static const struct sysfs_node root_node = { .kind = SYSFS_DIR, .dir = &sysfs_root_dir };
	struct super_block *sb;
	struct inode *root;

	if (sysfs_sb) {
		*out = sysfs_sb;
		return 0;
	}
	sb = kzalloc(sizeof(*sb));
	if (!sb)
		return -ENOMEM;
	vfs_sb_init(sb, type, &sysfs_super_ops, SYSFS_SUPER_MAGIC);
	sb->d_op = &sysfs_dentry_ops;
	sb->next_ino = SYSFS_FIRST_INO;
	sysfs_sb = sb;
	root = sysfs_new_inode(&root_node, 0);
	if (!root || !(sb->root = dentry_alloc_root(sb, root))) {
		if (root)
			inode_put(root);
		sysfs_sb = NULL;
		kfree(sb);
		return -ENOMEM;
	}
	*out = sb;
	return 0;
}

/* The instance stays for later mounts: nothing to free. */
static void sysfs_kill(struct super_block *sb __unused)
{
}

const struct fs_type sysfs_type = {
	.name = "sysfs",
	.mount = sysfs_mount,
	.kill = sysfs_kill,
};
