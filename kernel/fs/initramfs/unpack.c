/*
 * unpack.c: the boot archive into the root tmpfs, as Linux's
 * init/initramfs.c does (Documentation/driver-api/early-userspace/
 * buffer-format.rst): one or more cpio "newc" archives, each gzip'd or
 * not, separated by zero padding. Entries are created in archive order
 * with their mode, owner and mtime; hard links (same dev and ino, nlink
 * > 1) are linked to the first name; a name that exists is replaced
 * unless both are directories.
 *
 * A malformed archive (cpio.c's checks, a corrupt gzip stream) stops the
 * unpacking with a log message naming the offset and the reason; entries
 * unpacked before stay. An entry that cannot be created (a missing parent
 * directory, say) is logged and skipped, and its error returned at the
 * end. Runs as root from kmain.
 */
#include <basalt/inflate.h>
#include <basalt/log.h>
#include <basalt/string.h>
#include <fs/initramfs/cpio.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <uapi/errno.h>

#define GZIP_MAGIC0		0x1f	/* RFC 1952 2.3.1: ID1, ID2 */
#define GZIP_MAGIC1		0x8b
/* Output buffers grow up to this before the archive counts as too big. */
#define UNPACK_OUT_MAX		(1ULL << 30)
#define UNPACK_OUT_MIN		(64 * 1024)
/* newc magics "070701" and "070702" share this prefix. */
#define CPIO_MAGIC_PREFIX	"0707"
#define CPIO_MAGIC_LEN		4

struct unpack_link {
	struct unpack_link *next;
	uint32_t dev_major, dev_minor, ino;
	char *name;
};

struct unpack_state {
	struct path root;
	struct unpack_link *links;
	int first_err;
	unsigned entries;
};

static int unpack_find_link(struct unpack_state *s, const struct cpio_entry *e,
			    const char **first)
{
	struct unpack_link *l;
	size_t len;

	for (l = s->links; l; l = l->next) {
		if (l->ino == e->ino && l->dev_major == e->dev_major &&
		    l->dev_minor == e->dev_minor) {
			*first = l->name;
			return 1;
		}
	}
	l = kzalloc(sizeof(*l));
	len = strlen(e->name);
	if (!l || !(l->name = kmalloc(len + 1))) {
		kfree(l);
		return -ENOMEM;
	}
	memcpy(l->name, e->name, len + 1);
	l->ino = e->ino;
	l->dev_major = e->dev_major;
	l->dev_minor = e->dev_minor;
	l->next = s->links;
	s->links = l;
	return 0;
}

static void unpack_attrs(struct inode *ino, const struct cpio_entry *e)
{
	ino->mode = (ino->mode & S_IFMT) | (e->mode & S_IALLUGO);
	ino->uid = e->uid;
	ino->gid = e->gid;
	ino->mtime.sec = e->mtime;
	ino->mtime.nsec = 0;
}

static int unpack_write(struct inode *ino, const struct cpio_entry *e)
{
	struct uio u;
	long n;

	uio_init_kernel(&u, (void *)e->data, e->size);
	n = ino->sb->ops->truncate(ino, 0);
	if (n)
		return (int)n;
	n = e->size ? ino->sb->ops->write(ino, &u, 0) : 0;
	if (n < 0)
		return (int)n;
	return (size_t)n == e->size ? 0 : -ENOSPC;
}

/* One archive member (locked). */
static int unpack_entry(struct unpack_state *s, const struct cpio_entry *e)
{
	unsigned type = e->mode & S_IFMT;
	struct nameidata nd;
	struct dentry *d;
	const char *first;
	char *target;
	int err;

	if (!strcmp(e->name, ".")) {
		if (type == S_IFDIR)
			unpack_attrs(s->root.dentry->inode, e);
		return 0;
	}
	err = vfs_lookup(&nd, &s->root, e->name, LOOKUP_PARENT);
	if (err)
		goto out;
	d = dentry_find(nd.path.dentry, nd.last, nd.last_len);
	if (d && !(type == S_IFDIR && S_ISDIR(d->inode->mode))) {
		err = vfs_unlink(&nd.path, nd.last, nd.last_len,
				 S_ISDIR(d->inode->mode));
		if (err)
			goto out;
		d = NULL;
	}
	if (type == S_IFREG && e->nlink > 1) {
		err = unpack_find_link(s, e, &first);
		if (err < 0)
			goto out;
		if (err == 1) {
			struct nameidata od;

			err = vfs_lookup(&od, &s->root, first, 0);
			if (!err)
				err = vfs_link(&od.path, &nd.path, nd.last, nd.last_len);
			if (!err)
				d = dentry_find(nd.path.dentry, nd.last, nd.last_len);
			vfs_lookup_done(&od);
			if (err)
				goto out;
		}
	}
	switch (type) {
	case S_IFDIR:
		if (!d)
			err = vfs_create(&nd.path, nd.last, nd.last_len, e->mode, 0, &d);
		break;
	case S_IFREG:
		if (!d)
			err = vfs_create(&nd.path, nd.last, nd.last_len, e->mode, 0, &d);
		if (!err)
			err = unpack_write(d->inode, e);
		break;
	case S_IFLNK:
		if (e->size == 0 || e->size >= PATH_MAX) {
			err = -EINVAL;
			break;
		}
		target = kmalloc(e->size + 1);
		if (!target) {
			err = -ENOMEM;
			break;
		}
		memcpy(target, e->data, e->size);
		target[e->size] = '\0';
		err = vfs_symlink(&nd.path, nd.last, nd.last_len, target);
		kfree(target);
		if (!err)
			d = dentry_find(nd.path.dentry, nd.last, nd.last_len);
		break;
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		err = vfs_create(&nd.path, nd.last, nd.last_len, e->mode,
				 DEV_MAKE(e->rdev_major, e->rdev_minor), &d);
		break;
	default:
		err = -EINVAL;
	}
	if (!err && d && type != S_IFLNK)
		unpack_attrs(d->inode, e);
	if (!err && d && type == S_IFLNK) {
		d->inode->uid = e->uid;
		d->inode->gid = e->gid;
	}
out:
	vfs_lookup_done(&nd);
	return err;
}

/*
 * Unpacks the cpio archives at buf (several may follow one another with
 * zero padding) up to something that is not one (a gzip member, say),
 * whose offset goes to *used if not NULL. 0, or the errno of a malformed
 * archive.
 */
static int unpack_cpio(struct unpack_state *s, const uint8_t *buf, size_t len,
		       size_t *used)
{
	struct cpio_iter *it = kmalloc(sizeof(*it));
	struct cpio_entry e;
	size_t off = 0;
	int r = 0;

	if (!it)
		return -ENOMEM;
	for (;;) {
		while (off < len && buf[off] == 0)
			off++;
		if (off >= len)
			break;
		if (used && off > 0 && (len - off < CPIO_MAGIC_LEN ||
					memcmp(buf + off, CPIO_MAGIC_PREFIX, CPIO_MAGIC_LEN)))
			break;
		cpio_iter_init(it, buf + off, len - off);
		while ((r = cpio_next(it, &e)) == 1) {
			int err;

			mutex_lock(&vfs_lock);
			err = unpack_entry(s, &e);
			mutex_unlock(&vfs_lock);
			s->entries++;
			if (err) {
				pr_warn("initramfs: cannot unpack %s: error %d\n",
					e.name, err);
				if (!s->first_err)
					s->first_err = err;
				if (err == -ENOMEM || err == -ENOSPC) {
					r = err;
					break;
				}
			}
		}
		if (r < 0) {
			if (r != -ENOMEM && r != -ENOSPC)
				pr_warn("initramfs: corrupt cpio archive (entry at offset %llu): %s\n",
					(unsigned long long)(off + it->pos),
					it->why ? it->why : "error");
			break;
		}
		off += cpio_end(it);
	}
	kfree(it);
	if (used)
		*used = off;
	return r;
}

/* Inflates the gzip members at in; *consumed as gzip_decompress. */
static int unpack_gzip(struct unpack_state *s, const uint8_t *in, size_t len,
		       size_t *consumed)
{
	struct inflate_ctx *ctx = kmalloc(sizeof(*ctx));
	uint64_t cap = UNPACK_OUT_MIN;
	const char *why = NULL;
	uint8_t *out = NULL;
	uint32_t isize;
	long n = -ENOMEM;
	int err;

	if (!ctx)
		return -ENOMEM;
	if (!gzip_isize(in, len, &isize) && isize > cap)
		cap = isize;
	for (;;) {
		if (cap > UNPACK_OUT_MAX) {
			n = -EFBIG;
			why = "uncompressed archive too big";
			break;
		}
		out = kmalloc((size_t)cap);
		if (!out) {
			n = -ENOMEM;
			why = "out of memory";
			break;
		}
		n = gzip_decompress(ctx, in, len, consumed, out, (size_t)cap, &why);
		if (n != -ENOSPC)
			break;
		kfree(out);
		out = NULL;
		cap *= 2;
	}
	kfree(ctx);
	if (n < 0) {
		pr_warn("initramfs: corrupt gzip data: %s\n", why ? why : "error");
		kfree(out);
		return (int)n;
	}
	err = unpack_cpio(s, out, (size_t)n, NULL);
	kfree(out);
	return err;
}

int initramfs_unpack(const void *data, size_t size)
{
	const uint8_t *buf = data;
	struct unpack_state s;
	size_t pos = 0;
	int err = 0;

	if (!vfs_ready())
		return -ENODEV;
	memset(&s, 0, sizeof(s));
	mutex_lock(&vfs_lock);
	vfs_root(&s.root);
	mutex_unlock(&vfs_lock);
	while (pos < size && !err) {
		size_t used = size - pos;

		while (pos < size && buf[pos] == 0)
			pos++;
		if (pos >= size)
			break;
		if (size - pos >= 2 && buf[pos] == GZIP_MAGIC0 && buf[pos + 1] == GZIP_MAGIC1) {
			err = unpack_gzip(&s, buf + pos, size - pos, &used);
		} else {
			err = unpack_cpio(&s, buf + pos, size - pos, &used);
		}
		pos += used;
	}
	mutex_lock(&vfs_lock);
	path_put(&s.root);
	mutex_unlock(&vfs_lock);
	while (s.links) {
		struct unpack_link *l = s.links;

		s.links = l->next;
		kfree(l->name);
		kfree(l);
	}
	if (!err)
		err = s.first_err;
	pr_info("initramfs: %u entries unpacked%s\n", s.entries, err ? " with errors" : "");
	return err;
}
