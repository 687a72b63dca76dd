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
#include <uapi/fcntl.h>

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

/* The archive's owner, mode and mtime on d (symlinks: owner only). */
static int unpack_attrs(struct dentry *d, const struct cpio_entry *e)
{
	struct vfs_iattr attr = { .valid = ATTR_UID | ATTR_GID };

	attr.uid = e->uid;
	attr.gid = e->gid;
	if (!S_ISLNK(d->inode->mode)) {
		attr.valid |= ATTR_MODE | ATTR_MTIME;
		attr.mode = e->mode & S_IALLUGO;
		attr.mtime.sec = e->mtime;
		attr.mtime.nsec = 0;
	}
	return vfs_setattr(d, &attr);
}

/* The member's contents into the regular file at p (truncated first). */
static int unpack_write(const struct path *p, const struct cpio_entry *e)
{
	struct file *f;
	struct uio u;
	long n;
	int err = vfs_open_path(p, O_WRONLY | O_TRUNC, &f);

	if (err)
		return err;
	uio_init_kernel(&u, (void *)e->data, e->size);
	n = e->size ? file_pwrite(f, &u, 0) : 0;
	file_put(f);
	if (n < 0)
		return (int)n;
	return (size_t)n == e->size ? 0 : -ENOSPC;
}

/* The symlink target of a member, NUL-terminated (kmalloc'd), or NULL. */
static char *unpack_link_target(const struct cpio_entry *e, int *err)
{
	char *target;

	if (e->size == 0 || e->size >= PATH_MAX) {
		*err = -EINVAL;
		return NULL;
	}
	target = kmalloc(e->size + 1);
	if (!target) {
		*err = -ENOMEM;
		return NULL;
	}
	memcpy(target, e->data, e->size);
	target[e->size] = '\0';
	return target;
}

/* Makes the node of a member that is not a hard link of an earlier one. */
static int unpack_make(struct unpack_state *s __unused, const struct path *dir,
		       const char *name, size_t len, const struct cpio_entry *e)
{
	unsigned type = e->mode & S_IFMT;
	char *target;
	int err = 0;

	switch (type) {
	case S_IFDIR:
	case S_IFREG:
		return vfs_create(dir, name, len, e->mode, 0, NULL);
	case S_IFLNK:
		target = unpack_link_target(e, &err);
		if (!target)
			return err;
		err = vfs_symlink(dir, name, len, target);
		kfree(target);
		return err;
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		return vfs_create(dir, name, len, e->mode,
				  DEV_MAKE(e->rdev_major, e->rdev_minor), NULL);
	default:
		return -EINVAL;
	}
}

/* One archive member. */
static int unpack_entry(struct unpack_state *s, const struct cpio_entry *e)
{
	unsigned type = e->mode & S_IFMT;
	struct nameidata nd;
	struct dentry *d = NULL;
	const char *first;
	struct path p;
	int err;

	if (!strcmp(e->name, ".")) {
		if (type == S_IFDIR)
			return unpack_attrs(s->root.dentry, e);
		return 0;
	}
	err = vfs_lookup(&nd, &s->root, e->name, LOOKUP_PARENT);
	if (!err && nd.last_type != LAST_NORM)
		err = -EINVAL;
	if (!err)
		err = vfs_lookup_child(&nd.path, nd.last, nd.last_len, &d);
	if (err)
		goto out;
	/* A name archived twice: the later member wins, as Linux's do_name. */
	if (!(d->inode && type == S_IFDIR && S_ISDIR(d->inode->mode))) {
		bool linked = false;

		if (d->inode) {
			err = vfs_unlink(&nd.path, nd.last, nd.last_len, S_ISDIR(d->inode->mode));
			if (err)
				goto out;
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
				vfs_lookup_done(&od);
				if (err)
					goto out;
				linked = true;
			}
		}
		if (!linked) {
			err = unpack_make(s, &nd.path, nd.last, nd.last_len, e);
			if (err)
				goto out;
		}
		dentry_put(d);
		d = NULL;
		err = vfs_lookup_child(&nd.path, nd.last, nd.last_len, &d);
		if (!err && !d->inode)
			err = -ENOENT;
		if (err)
			goto out;
	}
	if (type == S_IFREG) {
		p.mnt = nd.path.mnt;
		p.dentry = d;
		err = unpack_write(&p, e);
	}
	if (!err)
		err = unpack_attrs(d, e);
out:
	if (d)
		dentry_put(d);
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

			err = unpack_entry(s, &e);
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
	vfs_root(&s.root);
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
	path_put(&s.root);
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
