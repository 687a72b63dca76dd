/*
 * gen_cpio: writes a cpio "newc" archive from a file list, in the spirit
 * of Linux's usr/gen_init_cpio: every entry's mode and owner come from the
 * list, not from the build tree, so no root is needed, and the output is
 * the same on every run (fixed mtime, inode numbers in list order).
 *
 * The list has one entry a line ('#' starts a comment, blank lines are
 * skipped), fields separated by blanks, as gen_init_cpio's:
 *   dir   NAME MODE UID GID
 *   file  NAME LOCATION MODE UID GID     (LOCATION: a file on the host)
 *   slink NAME TARGET MODE UID GID
 *   nod   NAME MODE UID GID TYPE MAJ MIN  (TYPE: c or b)
 *   pipe  NAME MODE UID GID
 *   sock  NAME MODE UID GID
 * MODE is octal permission bits (with setuid/setgid/sticky); the file
 * type comes from the keyword.
 *
 * The archive format is cpio(5)'s "New ASCII Format" (magic 070701), as
 * Documentation/driver-api/early-userspace/buffer-format.rst describes it
 * for the initramfs: a 110-byte header of 13 eight-digit hex fields, the
 * NUL-terminated name padded so that header + name is a multiple of 4,
 * the data padded to 4, and a last entry named "TRAILER!!!".
 *
 * Usage: gen_cpio [-t MTIME] LIST OUT
 * MTIME defaults to $SOURCE_DATE_EPOCH, else 0.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define CPIO_MAGIC		"070701"
#define CPIO_HEADER_LEN		110	/* 6 magic + 13 fields of 8 hex digits */
#define CPIO_ALIGN		4
#define CPIO_TRAILER		"TRAILER!!!"
#define CPIO_FIELD_MAX		0xffffffffULL	/* 8 hex digits */
#define CPIO_FIRST_INO		1
#define CPIO_PERM_MASK		07777	/* rwx for all, setuid, setgid, sticky */
#define LIST_LINE_MAX		4096
#define LIST_FIELDS_MAX		9	/* nod: keyword + 7, one spare for "too many" */
#define COPY_BUF_LEN		65536

struct cpio_out {
	FILE *f;
	const char *path;
	uint64_t pos;		/* bytes written, for the padding */
	uint32_t next_ino;
	uint32_t mtime;
};

/* The fields of one header (cpio(5), "New ASCII Format"). */
struct cpio_hdr {
	uint32_t mode, uid, gid, nlink, size;
	uint32_t rdev_major, rdev_minor;
};

struct list_ctx {
	const char *list;
	unsigned line;
};

static void gen_die(const struct list_ctx *l, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 2, 3)));

static struct cpio_out *gen_out_for_cleanup;

static void gen_die(const struct list_ctx *l, const char *fmt, ...)
{
	va_list ap;

	if (l)
		fprintf(stderr, "gen_cpio: %s:%u: ", l->list, l->line);
	else
		fprintf(stderr, "gen_cpio: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	/* No half-written archive is left for make to take as done. */
	if (gen_out_for_cleanup) {
		fclose(gen_out_for_cleanup->f);
		remove(gen_out_for_cleanup->path);
	}
	exit(1);
}

static void out_bytes(struct cpio_out *o, const void *p, size_t n)
{
	if (n && fwrite(p, 1, n, o->f) != n)
		gen_die(NULL, "%s: write error: %s", o->path, strerror(errno));
	o->pos += n;
}

static void out_pad(struct cpio_out *o)
{
	static const char zeros[CPIO_ALIGN];
	size_t n = (CPIO_ALIGN - o->pos % CPIO_ALIGN) % CPIO_ALIGN;

	out_bytes(o, zeros, n);
}

/* Header and name of one entry; the caller writes the data. */
static void out_header(struct cpio_out *o, const char *name, const struct cpio_hdr *h)
{
	char buf[CPIO_HEADER_LEN + 1];
	size_t namesize = strlen(name) + 1;
	uint32_t ino = o->next_ino++;

	/* Fields in cpio(5) order; "check" is 0 for 070701. */
	snprintf(buf, sizeof(buf),
		 "%s%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 CPIO_MAGIC, ino, h->mode, h->uid, h->gid, h->nlink, o->mtime,
		 h->size, 0U, 0U, h->rdev_major, h->rdev_minor,
		 (uint32_t)namesize, 0U);
	out_bytes(o, buf, CPIO_HEADER_LEN);
	out_bytes(o, name, namesize);
	out_pad(o);
}

/* Names go into the archive relative, as gen_init_cpio writes them. */
static const char *entry_name(const struct list_ctx *l, const char *name)
{
	while (*name == '/')
		name++;
	if (!*name)
		gen_die(l, "empty name (the root is \".\"?)");
	if (strlen(name) >= PATH_MAX)
		gen_die(l, "name longer than %d bytes", PATH_MAX - 1);
	return name;
}

static uint32_t parse_num(const struct list_ctx *l, const char *s, int base,
			  uint64_t max, const char *what)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(s, &end, base);
	if (*s == '-' || *s == '\0' || *end != '\0' || errno || v > max)
		gen_die(l, "bad %s '%s'", what, s);
	return (uint32_t)v;
}

static uint32_t parse_mode(const struct list_ctx *l, const char *s)
{
	return parse_num(l, s, 8, CPIO_PERM_MASK, "mode (octal, at most 7777)");
}

static void parse_owner(const struct list_ctx *l, char *const *f, struct cpio_hdr *h)
{
	h->uid = parse_num(l, f[0], 10, CPIO_FIELD_MAX, "uid");
	h->gid = parse_num(l, f[1], 10, CPIO_FIELD_MAX, "gid");
}

static void copy_file(struct cpio_out *o, const struct list_ctx *l, FILE *in,
		      const char *loc, uint32_t size)
{
	static char buf[COPY_BUF_LEN];
	uint32_t left = size;

	while (left) {
		size_t want = left < sizeof(buf) ? left : sizeof(buf);
		size_t got = fread(buf, 1, want, in);

		if (got != want)
			gen_die(l, "%s: short read (did it change?)", loc);
		out_bytes(o, buf, got);
		left -= (uint32_t)got;
	}
}

static void emit_file(struct cpio_out *o, const struct list_ctx *l, char *const *f)
{
	struct cpio_hdr h = { .nlink = 1 };
	const char *name = entry_name(l, f[0]);
	struct stat st;
	FILE *in;

	h.mode = S_IFREG | parse_mode(l, f[2]);
	parse_owner(l, f + 3, &h);
	in = fopen(f[1], "rb");
	if (!in)
		gen_die(l, "%s: %s", f[1], strerror(errno));
	if (fstat(fileno(in), &st))
		gen_die(l, "%s: %s", f[1], strerror(errno));
	if (!S_ISREG(st.st_mode))
		gen_die(l, "%s: not a regular file", f[1]);
	if ((uint64_t)st.st_size > CPIO_FIELD_MAX)
		gen_die(l, "%s: too big for newc (4 GiB - 1)", f[1]);
	h.size = (uint32_t)st.st_size;
	out_header(o, name, &h);
	copy_file(o, l, in, f[1], h.size);
	fclose(in);
	out_pad(o);
}

static void emit_slink(struct cpio_out *o, const struct list_ctx *l, char *const *f)
{
	struct cpio_hdr h = { .nlink = 1 };
	const char *name = entry_name(l, f[0]);
	size_t len = strlen(f[1]);

	if (len >= PATH_MAX)
		gen_die(l, "link target longer than %d bytes", PATH_MAX - 1);
	h.mode = S_IFLNK | parse_mode(l, f[2]);
	parse_owner(l, f + 3, &h);
	/* The data of a symlink is its target, without a NUL (cpio(5)). */
	h.size = (uint32_t)len;
	out_header(o, name, &h);
	out_bytes(o, f[1], len);
	out_pad(o);
}

/* dir, pipe, sock: header only. */
static void emit_plain(struct cpio_out *o, const struct list_ctx *l, char *const *f,
		       uint32_t type)
{
	/* A directory counts "." and its entry in the parent (stat(2)). */
	struct cpio_hdr h = { .nlink = type == S_IFDIR ? 2 : 1 };
	const char *name = f[0];

	if (strcmp(name, ".") && strcmp(name, "/"))
		name = entry_name(l, name);
	else if (type == S_IFDIR)
		name = ".";
	else
		gen_die(l, "the root can only be a dir");
	h.mode = type | parse_mode(l, f[1]);
	parse_owner(l, f + 2, &h);
	out_header(o, name, &h);
}

static void emit_nod(struct cpio_out *o, const struct list_ctx *l, char *const *f)
{
	struct cpio_hdr h = { .nlink = 1 };
	const char *name = entry_name(l, f[0]);

	if (!strcmp(f[4], "c"))
		h.mode = S_IFCHR;
	else if (!strcmp(f[4], "b"))
		h.mode = S_IFBLK;
	else
		gen_die(l, "device type '%s' is neither c nor b", f[4]);
	h.mode |= parse_mode(l, f[1]);
	parse_owner(l, f + 2, &h);
	h.rdev_major = parse_num(l, f[5], 10, CPIO_FIELD_MAX, "major");
	h.rdev_minor = parse_num(l, f[6], 10, CPIO_FIELD_MAX, "minor");
	out_header(o, name, &h);
}

/* Splits line into at most LIST_FIELDS_MAX blank-separated words. */
static int split(char *line, char **f)
{
	int n = 0;
	char *save = NULL;

	for (char *w = strtok_r(line, " \t\r\n", &save); w;
	     w = strtok_r(NULL, " \t\r\n", &save)) {
		if (n == LIST_FIELDS_MAX)
			break;
		f[n++] = w;
	}
	return n;
}

struct list_kind {
	const char *word;
	int nargs;		/* fields after the keyword */
	const char *usage;
};

static const struct list_kind list_kinds[] = {
	{ "dir", 4, "dir NAME MODE UID GID" },
	{ "file", 5, "file NAME LOCATION MODE UID GID" },
	{ "slink", 5, "slink NAME TARGET MODE UID GID" },
	{ "nod", 7, "nod NAME MODE UID GID c|b MAJ MIN" },
	{ "pipe", 4, "pipe NAME MODE UID GID" },
	{ "sock", 4, "sock NAME MODE UID GID" },
};

static void emit_line(struct cpio_out *o, const struct list_ctx *l, char *line)
{
	char *f[LIST_FIELDS_MAX];
	char *hash = strchr(line, '#');
	const struct list_kind *k = NULL;
	int n;

	if (hash)
		*hash = '\0';
	n = split(line, f);
	if (n == 0)
		return;
	for (size_t i = 0; i < sizeof(list_kinds) / sizeof(list_kinds[0]); i++)
		if (!strcmp(f[0], list_kinds[i].word))
			k = &list_kinds[i];
	if (!k)
		gen_die(l, "unknown entry type '%s'", f[0]);
	if (n - 1 != k->nargs)
		gen_die(l, "expected '%s'", k->usage);
	if (!strcmp(k->word, "dir"))
		emit_plain(o, l, f + 1, S_IFDIR);
	else if (!strcmp(k->word, "pipe"))
		emit_plain(o, l, f + 1, S_IFIFO);
	else if (!strcmp(k->word, "sock"))
		emit_plain(o, l, f + 1, S_IFSOCK);
	else if (!strcmp(k->word, "file"))
		emit_file(o, l, f + 1);
	else if (!strcmp(k->word, "slink"))
		emit_slink(o, l, f + 1);
	else
		emit_nod(o, l, f + 1);
}

static void emit_trailer(struct cpio_out *o)
{
	struct cpio_hdr h = { .nlink = 1 };

	o->next_ino = 0;
	out_header(o, CPIO_TRAILER, &h);
}

int main(int argc, char **argv)
{
	struct cpio_out o = { .next_ino = CPIO_FIRST_INO };
	struct list_ctx l = { 0 };
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	char line[LIST_LINE_MAX];
	FILE *list;
	int a = 1;

	if (epoch && *epoch)
		o.mtime = parse_num(NULL, epoch, 10, CPIO_FIELD_MAX, "SOURCE_DATE_EPOCH");
	if (argc > a + 1 && !strcmp(argv[a], "-t")) {
		o.mtime = parse_num(NULL, argv[a + 1], 10, CPIO_FIELD_MAX, "-t MTIME");
		a += 2;
	}
	if (argc - a != 2) {
		fprintf(stderr, "usage: gen_cpio [-t MTIME] LIST OUT\n");
		return 2;
	}
	l.list = argv[a];
	o.path = argv[a + 1];
	list = fopen(l.list, "r");
	if (!list)
		gen_die(NULL, "%s: %s", l.list, strerror(errno));
	o.f = fopen(o.path, "wb");
	if (!o.f)
		gen_die(NULL, "%s: %s", o.path, strerror(errno));
	gen_out_for_cleanup = &o;
	while (fgets(line, sizeof(line), list)) {
		l.line++;
		if (!strchr(line, '\n') && !feof(list))
			gen_die(&l, "line longer than %d bytes", LIST_LINE_MAX - 2);
		emit_line(&o, &l, line);
	}
	if (ferror(list))
		gen_die(NULL, "%s: read error", l.list);
	fclose(list);
	emit_trailer(&o);
	if (fclose(o.f)) {
		gen_out_for_cleanup = NULL;
		remove(o.path);
		gen_die(NULL, "%s: write error: %s", o.path, strerror(errno));
	}
	return 0;
}
