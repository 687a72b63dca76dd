/*
 * mounts.c: /proc/mounts (and /proc/PID/mounts) and /proc/PID/mountinfo,
 * in the formats of proc(5) and Linux's fs/proc_namespace.c: the
 * reader's mounts (those below its root, as a chroot sees them), oldest
 * first. Both walk the mount table under mount_lock (vfs_for_each_mount)
 * and name paths under dcache_lock inside it (the order of mount.c).
 */
#include <basalt/string.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <uapi/errno.h>
#include "procfs.h"

/* Room for one path, and for a file system's options or the bind root (the other buffer). */
#define PROCFS_MOUNT_PATH_BUF	PATH_MAX
#define PROCFS_MOUNT_OPTS_BUF	PATH_MAX
/* The characters Linux's seq_escape turns into octal ("\040" for a space). */
#define PROCFS_MOUNT_ESCAPED	" \t\n\\"

struct procfs_mounts_walk {
	struct procfs_buf *b;
	struct path root;
	char *buf;			/* PROCFS_MOUNT_PATH_BUF */
	char *opts;			/* PROCFS_MOUNT_OPTS_BUF */
	bool info;			/* mountinfo, else mounts */
};

/* A space-separated field, escaped as Linux's mangle(). */
static void procfs_mount_field(struct procfs_buf *b, const char *s)
{
	for (; *s; s++) {
		if (strchr(PROCFS_MOUNT_ESCAPED, *s))
			procfs_printf(b, "\\%03o", (unsigned)(unsigned char)*s);
		else
			procfs_write(b, s, 1);
	}
}

/* Linux's show_mnt_opts: the per-mount flags after "ro"/"rw". */
static void procfs_mount_flags(struct procfs_buf *b, unsigned flags)
{
	static const struct {
		unsigned flag;
		const char *name;
	} names[] = {
		{ MS_NOSUID, ",nosuid" }, { MS_NODEV, ",nodev" }, { MS_NOEXEC, ",noexec" },
		{ MS_NOATIME, ",noatime" }, { MS_NODIRATIME, ",nodiratime" },
		{ MS_RELATIME, ",relatime" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (flags & names[i].flag)
			procfs_printf(b, "%s", names[i].name);
}

/* The file system's own options (",size=..."), when it shows any. */
static void procfs_mount_sb_options(struct procfs_mounts_walk *w, struct super_block *sb)
{
	long n;

	if (!sb->s_op || !sb->s_op->show_options)
		return;
	n = sb->s_op->show_options(sb, w->opts, PROCFS_MOUNT_OPTS_BUF);
	if (n > 0)
		procfs_write(w->b, w->opts, (size_t)n);
}

/*
 * The directory a mount shows, within its file system ("/" unless it is
 * a bind mount of a directory): a walk up to the file system's root
 * through a mount whose root that is.
 */
static long procfs_mount_root_name(const struct vfs_mount *m, char *buf, size_t size)
{
	struct vfs_mount whole = { .sb = m->sb, .root = m->sb->root };
	struct path p = { .mnt = &whole, .dentry = m->root };
	struct path top = { .mnt = &whole, .dentry = m->sb->root };

	return path_name_any(&p, &top, buf, size);
}

static int procfs_mount_line(const struct vfs_mount *m, void *arg)
{
	struct procfs_mounts_walk *w = arg;
	struct path at = { .mnt = (struct vfs_mount *)m, .dentry = m->root };
	struct super_block *sb = m->sb;
	const char *type = sb->type->name;
	/* A mount without a source (the kernel's own) shows its type. */
	const char *source = m->source ? m->source : type;
	bool sb_ro = sb->s_flags & SB_RDONLY;
	long n;

	/* Mounts outside the reader's root (chroot) are not shown, as on Linux. */
	if (path_name(&at, &w->root, w->buf, PROCFS_MOUNT_PATH_BUF) < 0)
		return 0;
	if (!w->info) {
		/* mounts: source, mount point, type, options, "0 0" (fstab(5)). */
		procfs_mount_field(w->b, source);
		procfs_write(w->b, " ", 1);
		procfs_mount_field(w->b, w->buf);
		procfs_printf(w->b, " %s %s", type, vfs_mount_readonly(m) ? "ro" : "rw");
		procfs_mount_flags(w->b, m->flags);
		procfs_mount_sb_options(w, sb);
		procfs_write(w->b, " 0 0\n", 5);
		return 0;
	}
	/*
	 * mountinfo (proc(5)): mount ID, parent ID (its own for the root),
	 * major:minor of st_dev, the root within the file system, the mount
	 * point, the mount's options, no optional fields (every mount is
	 * private), "-", the type, the source, the super block's options.
	 */
	procfs_printf(w->b, "%llu %llu %u:%u ", (unsigned long long)m->id,
		      (unsigned long long)(m->parent ? m->parent->id : m->id),
		      DEV_MAJOR(sb->dev), DEV_MINOR(sb->dev));
	n = procfs_mount_root_name(m, w->opts, PROCFS_MOUNT_OPTS_BUF);
	procfs_mount_field(w->b, n < 0 ? "/" : w->opts);
	procfs_write(w->b, " ", 1);
	procfs_mount_field(w->b, w->buf);
	procfs_printf(w->b, " %s", (m->flags & MS_RDONLY) ? "ro" : "rw");
	procfs_mount_flags(w->b, m->flags);
	procfs_printf(w->b, " - %s ", type);
	procfs_mount_field(w->b, source);
	procfs_printf(w->b, " %s", sb_ro ? "ro" : "rw");
	procfs_mount_sb_options(w, sb);
	procfs_write(w->b, "\n", 1);
	return 0;
}

static int procfs_mounts_show(struct procfs_buf *b, bool info)
{
	struct procfs_mounts_walk w = { .b = b, .info = info };
	struct path cwd;
	unsigned umask;

	w.buf = kmalloc(PROCFS_MOUNT_PATH_BUF);
	w.opts = kmalloc(PROCFS_MOUNT_OPTS_BUF);
	if (!w.buf || !w.opts) {
		kfree(w.buf);
		kfree(w.opts);
		return -ENOMEM;
	}
	fs_context_current(&w.root, &cwd, &umask);
	vfs_for_each_mount(procfs_mount_line, &w);
	path_put(&w.root);
	path_put(&cwd);
	kfree(w.buf);
	kfree(w.opts);
	return 0;
}

int procfs_show_mounts(struct procfs_buf *b, struct process *p __unused)
{
	return procfs_mounts_show(b, false);
}

int procfs_show_mountinfo(struct procfs_buf *b, struct process *p __unused)
{
	return procfs_mounts_show(b, true);
}
