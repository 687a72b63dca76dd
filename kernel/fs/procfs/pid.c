/*
 * pid.c: /proc/PID/, in the formats of proc(5): stat, status, cmdline,
 * comm, environ, maps, mountinfo, the symlinks exe, cwd, root, the
 * magic links fd/N, fdinfo/N and task/TID. BusyBox ps and top read stat
 * and cmdline; pidof and killall read comm and exe; bash's process
 * substitution opens /dev/fd/N, that is /proc/self/fd/N.
 */
#include <fs/procfs/procfs.h>
#include <asm/cpu.h>
#include <basalt/format.h>
#include <basalt/string.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <mm/vm.h>
#include <proc/process.h>
#include <time/time.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/mount.h>

#define PROCFS_PRIVATE_MODE	(S_IFREG | 0400)	/* environ: the owner's only */
#define PROCFS_FD_NAME_MAX	12
#define PROCFS_DIR_MODE		(S_IFDIR | 0555)
/* fd/ is dr-x------ on Linux: only the owner (and root) reach the files. */
#define PROCFS_FD_DIR_MODE	(S_IFDIR | 0500)
/* An fd link's permissions: r-x for reading, -wx for writing (Linux's tid_fd_update_inode). */
#define PROCFS_FD_LINK_READ	0500
#define PROCFS_FD_LINK_WRITE	0300
/* What d_path appends to the name of an unlinked file (fs/d_path.c). */
#define PROCFS_DELETED		" (deleted)"
/*
 * maps: Linux's show_map_vma pads the fields to 25 + 6 * sizeof(void *)
 * - 1 columns, then puts a space (fs/proc/task_mmu.c, seq_setwidth and
 * seq_pad): names start at column 73 on x86_64.
 */
#define PROCFS_MAPS_PAD_WIDTH	(25 + 6 * (int)sizeof(void *) - 1)
#define PROCFS_MAPS_PREFIX_MAX	128	/* the fields before the name */
#define PROCFS_NSEC_PER_TICK	(1000000000ULL / TIME_HZ)
#define PROCFS_CMDLINE_MAX	(128 * 1024)		/* what we read of a process's strings */
/* Linux's default scheduling priority reported for nice 0 (20 + nice). */
#define PROCFS_PRIO_BASE	20

/*
 * The state letter of proc(5): R running, S sleeping, T stopped, Z zombie.
 * The process's is its main thread's, as Linux's do_task_stat shows the
 * group leader's (a leader that exited first is a zombie there).
 */
static char procfs_state(struct process *p)
{
	struct task *t;

	if (p->state == PROCESS_ZOMBIE)
		return 'Z';
	if (p->stopped)
		return 'T';
	list_for_each_entry(t, &p->threads, proc_link)
		if (t->tid == p->pid)
			return t->state == TASK_RUNNING || t->state == TASK_RUNNABLE ? 'R' : 'S';
	/* No thread started yet: asleep; other threads only: the leader is a zombie. */
	return list_empty(&p->threads) ? 'S' : 'Z';
}

static const char *procfs_state_name(char state)
{
	switch (state) {
	case 'R': return "R (running)";
	case 'T': return "T (stopped)";
	case 'Z': return "Z (zombie)";
	default: return "S (sleeping)";
	}
}

static uint64_t procfs_rss_pages(struct process *p)
{
	return p->vm ? p->vm->mapped_pages : 0;
}

static int procfs_nice(struct process *p)
{
	struct task *t = process_main_thread(p);

	return t ? t->nice : 0;
}

/* Copies [start, end) of p's memory, page by page through the direct map. */
static void procfs_user_bytes(struct procfs_buf *b, struct process *p, uint64_t start,
			      uint64_t end)
{
	if (!p->vm || end <= start)
		return;
	if (end - start > PROCFS_CMDLINE_MAX)
		end = start + PROCFS_CMDLINE_MAX;
	while (start < end) {
		uint64_t phys, flags;
		size_t off = start & (PAGE_SIZE - 1);
		size_t n = MIN((uint64_t)(PAGE_SIZE - off), end - start);

		/* A page not present (never touched, swapped...) ends the text. */
		if (vm_query(p->vm, start, &phys, &flags))
			return;
		procfs_write(b, (const char *)phys_to_virt(phys & PTE_ADDR_MASK) + off, n);
		start += n;
	}
}

static int procfs_show_stat(struct procfs_buf *b, struct process *p)
{
	char state = procfs_state(p);
	uint64_t user, system;
	uint64_t start_ticks = p->start_ns / PROCFS_NSEC_PER_TICK;
	uint64_t vsize = procfs_rss_pages(p) * PAGE_SIZE;
	int ppid = p->parent ? p->parent->pid : 0;

	process_cpu_times(p, &user, &system);
	/* The 52 fields of proc(5); those Basalt does not track are 0. */
	procfs_printf(b, "%d (%s) %c %d %d %d 0 -1 0 0 0 0 0 %llu %llu %llu %llu %d %d %u 0 %llu %llu %llu ",
		      p->pid, p->comm, state, ppid, p->pgid, p->sid,
		      (unsigned long long)user, (unsigned long long)system,
		      (unsigned long long)p->cutime_ticks, (unsigned long long)p->cstime_ticks,
		      PROCFS_PRIO_BASE + procfs_nice(p), procfs_nice(p), p->nr_threads,
		      (unsigned long long)start_ticks, (unsigned long long)vsize,
		      (unsigned long long)procfs_rss_pages(p));
	procfs_printf(b, "%llu 0 0 0 0 0 0 0 0 0 0 0 0 %d 0 0 0 0 0 0 0 0 0 %llu %llu %llu %llu %d\n",
		      (unsigned long long)p->rlim[RLIMIT_RSS].rlim_cur, p->exit_signal,
		      (unsigned long long)p->arg_start, (unsigned long long)p->arg_end,
		      (unsigned long long)p->env_start, (unsigned long long)p->env_end,
		      p->state == PROCESS_ZOMBIE ? p->exit_status : 0);
	return 0;
}

static int procfs_show_status(struct procfs_buf *b, struct process *p)
{
	const struct cred *c = &p->cred;
	struct task *t = process_main_thread(p);
	uint64_t kib = procfs_rss_pages(p) * (PAGE_SIZE / 1024);

	procfs_printf(b, "Name:\t%s\nUmask:\t%04o\nState:\t%s\nTgid:\t%d\nNgid:\t0\nPid:\t%d\n"
		      "PPid:\t%d\nTracerPid:\t0\nUid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\n",
		      p->comm, p->fs ? p->fs->umask : 0, procfs_state_name(procfs_state(p)),
		      p->pid, p->pid, p->parent ? p->parent->pid : 0,
		      c->uid, c->euid, c->suid, c->fsuid, c->gid, c->egid, c->sgid, c->fsgid);
	procfs_printf(b, "Groups:\t");
	for (unsigned i = 0; i < c->ngroups; i++)
		procfs_printf(b, "%u ", c->groups[i]);
	procfs_printf(b, "\nVmSize:\t%8llu kB\nVmRSS:\t%8llu kB\nThreads:\t%u\n"
		      "SigPnd:\t%016llx\nShdPnd:\t%016llx\nSigBlk:\t%016llx\n",
		      (unsigned long long)kib, (unsigned long long)kib, p->nr_threads,
		      (unsigned long long)(t ? t->sig_pending : 0),
		      (unsigned long long)p->shared_pending,
		      (unsigned long long)(t ? t->sig_blocked : 0));
	return 0;
}

static int procfs_show_cmdline(struct procfs_buf *b, struct process *p)
{
	procfs_user_bytes(b, p, p->arg_start, p->arg_end);
	return 0;
}

static int procfs_show_environ(struct procfs_buf *b, struct process *p)
{
	procfs_user_bytes(b, p, p->env_start, p->env_end);
	return 0;
}

static int procfs_show_comm(struct procfs_buf *b, struct process *p)
{
	procfs_printf(b, "%s\n", p->comm);
	return 0;
}

/*
 * The name of target as the reader sees it, even unlinked (then with
 * " (deleted)" as Linux's d_path) or nameless (pipefs: "pipe:[N]"): its
 * length or an errno. Locked.
 */
static long procfs_path_any_of(const struct path *target, char *buf, size_t size)
{
	struct path root, cwd;
	unsigned umask;
	long r;

	if (size <= sizeof(PROCFS_DELETED))
		return -ERANGE;
	fs_context_current(&root, &cwd, &umask);
	r = path_name_any(target, &root, buf, size - (sizeof(PROCFS_DELETED) - 1));
	path_put(&root);
	path_put(&cwd);
	if (r >= 0 && target->dentry->dead) {
		memcpy(buf + r, PROCFS_DELETED, sizeof(PROCFS_DELETED));
		r += (long)sizeof(PROCFS_DELETED) - 1;
	}
	return r;
}

/*
 * Whether the caller may follow p's magic links and read its maps and
 * fdinfo: root, or a caller whose fsuid and fsgid are all of p's ids, as
 * Linux's ptrace_may_access in PTRACE_MODE_READ_FSCREDS mode
 * (proc_fd_access_allowed, mm_access). Interrupts off.
 */
static bool procfs_may_access(const struct process *p)
{
	const struct cred *c = vfs_cred(), *t = &p->cred;

	if (c->fsuid == 0)
		return true;
	return c->fsuid == t->uid && c->fsuid == t->euid && c->fsuid == t->suid &&
	       c->fsgid == t->gid && c->fsgid == t->egid && c->fsgid == t->sgid;
}

/* The file open at fd in p, or NULL (interrupts off: p's table stays). */
struct procfs_fd_find {
	int fd;
	struct file *file;
};

static int procfs_fd_find_fn(int fd, struct file *f, void *arg)
{
	struct procfs_fd_find *w = arg;

	if (fd != w->fd)
		return 0;
	w->file = f;
	return 1;
}

static struct file *procfs_fd_file(struct process *p, int fd)
{
	struct procfs_fd_find w = { .fd = fd };

	if (p->files && fd >= 0)
		fd_table_for_each_atomic(p->files, procfs_fd_find_fn, &w);
	return w.file;
}

/* fdinfo/N, proc(5): "pos:\t%lld\nflags:\t0%o\nmnt_id:\t%d\nino:\t%lu\n" (Linux's seq_show). */
static int procfs_show_fdinfo(struct procfs_buf *b, struct process *p, int fd)
{
	struct file *f = procfs_fd_file(p, fd);
	unsigned flags;

	if (!procfs_may_access(p))
		return -EACCES;
	if (!f)
		return -ENOENT;
	/* The descriptor's close-on-exec shows as O_CLOEXEC, as Linux's seq_show. */
	flags = f->flags;
	if (fd_table_fd_flags_atomic(p->files, fd) == FD_CLOEXEC_FLAG)
		flags |= O_CLOEXEC;
	procfs_printf(b, "pos:\t%lld\nflags:\t0%o\nmnt_id:\t%llu\nino:\t%llu\n",
		      (long long)f->pos, flags,
		      (unsigned long long)(f->mnt ? f->mnt->id : 0),
		      (unsigned long long)(f->inode ? f->inode->ino : 0));
	return 0;
}

static const struct procfs_entry procfs_fdinfo_entry = {
	.name = "fdinfo",
	.mode = PROCFS_FILE_MODE,
	.show_fd = procfs_show_fdinfo,
};

/* The name maps gives an area: its file's, [heap], [stack], or none. */
static const char *procfs_vma_name(struct process *p, const struct vma *v, char *buf)
{
	if (v->file && v->file->dentry && v->file->mnt) {
		struct path fp = { .mnt = v->file->mnt, .dentry = v->file->dentry };

		return procfs_path_any_of(&fp, buf, PATH_MAX) >= 0 ? buf : NULL;
	}
	if (v->file)
		return NULL;
	/* Linux's show_map_vma: the area that holds the break is the heap. */
	if (v->start <= p->vm->brk && v->end >= p->vm->start_brk)
		return "[heap]";
	if (v->flags & VMA_GROWSDOWN)
		return "[stack]";
	return NULL;
}

/*
 * maps, proc(5) and Linux's show_map_vma: "start-end perms offset
 * major:minor inode", padded, then the name. Basalt has no vDSO.
 */
static int procfs_show_maps(struct procfs_buf *b, struct process *p)
{
	char *buf;

	/* Another user's addresses are not for everyone to read (ASLR). */
	if (!procfs_may_access(p))
		return -EACCES;
	if (!p->vm)
		return 0;
	buf = kmalloc(PATH_MAX);
	if (!buf)
		return -ENOMEM;
	for (const struct vma *v = p->vm->vmas.head; v; v = v->next) {
		char prefix[PROCFS_MAPS_PREFIX_MAX];
		struct inode *ino = v->file ? v->file->inode : NULL;
		dev_t dev = ino ? ino->sb->dev : 0;
		const char *name = procfs_vma_name(p, v, buf);
		bool none = v->prot & VM_PROT_NONE;
		int n;

		n = snprintf(prefix, sizeof(prefix), "%08llx-%08llx %c%c%c%c %08llx %02x:%02x %llu ",
			     (unsigned long long)v->start, (unsigned long long)v->end,
			     none ? '-' : 'r',
			     !none && (v->prot & VM_PROT_WRITE) ? 'w' : '-',
			     !none && (v->prot & VM_PROT_EXEC) ? 'x' : '-',
			     (v->flags & VMA_SHARED) ? 's' : 'p',
			     (unsigned long long)(v->file ? v->off : 0),
			     DEV_MAJOR(dev), DEV_MINOR(dev),
			     (unsigned long long)(ino ? ino->ino : 0));
		if (n < 0 || (size_t)n >= sizeof(prefix))
			continue;
		procfs_write(b, prefix, (size_t)n);
		if (name) {
			for (; n < PROCFS_MAPS_PAD_WIDTH; n++)
				procfs_write(b, " ", 1);
			procfs_printf(b, " %s", name);
		}
		procfs_write(b, "\n", 1);
	}
	kfree(buf);
	return 0;
}

struct procfs_mountinfo_walk {
	struct procfs_buf *b;
	struct path root;
	char *buf;
};

/*
 * One line of mountinfo (proc(5)): mount ID, parent ID (its own for the
 * root), major:minor, the root within the file system, the mount point,
 * the mount options, no optional fields, "-", the type, the source (the
 * type: no mount records one) and the super block options.
 */
static int procfs_mountinfo_line(const struct vfs_mount *m, void *arg)
{
	struct procfs_mountinfo_walk *w = arg;
	struct path at = { .mnt = (struct vfs_mount *)m, .dentry = m->root };
	const char *type = m->sb->type->name;
	const char *rw = (m->flags & MS_RDONLY) ? "ro" : "rw";

	/* Mounts outside the reader's root (chroot) are not shown, as on Linux. */
	if (path_name(&at, &w->root, w->buf, PATH_MAX) < 0)
		return 0;
	procfs_printf(w->b, "%llu %llu %u:%u / %s %s%s%s%s - %s %s %s\n",
		      (unsigned long long)m->id,
		      (unsigned long long)(m->parent ? m->parent->id : m->id),
		      DEV_MAJOR(m->sb->dev), DEV_MINOR(m->sb->dev), w->buf, rw,
		      (m->flags & MS_NOSUID) ? ",nosuid" : "",
		      (m->flags & MS_NODEV) ? ",nodev" : "",
		      (m->flags & MS_NOEXEC) ? ",noexec" : "", type, type, rw);
	return 0;
}

/* mountinfo: the mounts as the reader sees them (Basalt has one namespace). */
static int procfs_show_mountinfo(struct procfs_buf *b, struct process *p __unused)
{
	struct procfs_mountinfo_walk w = { .b = b };
	struct path cwd;
	unsigned umask;

	w.buf = kmalloc(PATH_MAX);
	if (!w.buf)
		return -ENOMEM;
	fs_context_current(&w.root, &cwd, &umask);
	vfs_for_each_mount(procfs_mountinfo_line, &w);
	path_put(&w.root);
	path_put(&cwd);
	kfree(w.buf);
	return 0;
}

const struct procfs_entry procfs_pid_entries[] = {
	{ "stat", PROCFS_FILE_MODE, procfs_show_stat, NULL, NULL },
	{ "status", PROCFS_FILE_MODE, procfs_show_status, NULL, NULL },
	{ "cmdline", PROCFS_FILE_MODE, procfs_show_cmdline, NULL, NULL },
	{ "comm", PROCFS_FILE_MODE, procfs_show_comm, NULL, NULL },
	{ "environ", PROCFS_PRIVATE_MODE, procfs_show_environ, NULL, NULL },
	{ "maps", PROCFS_FILE_MODE, procfs_show_maps, NULL, NULL },
	{ "mountinfo", PROCFS_FILE_MODE, procfs_show_mountinfo, NULL, NULL },
};
const size_t procfs_pid_entry_count = ARRAY_SIZE(procfs_pid_entries);

/*
 * Points the link name at target's path (" (deleted)" once removed); a
 * path too long to name makes a link without text, whose readlink gives
 * ENAMETOOLONG as Linux's d_path.
 */
static void procfs_set_path_link(struct dentry *dir, const char *name,
				 const struct path *target, char *buf)
{
	long r = procfs_path_any_of(target, buf, PATH_MAX);

	if (r >= 0 && buf[0])
		procfs_set_link(dir, name, buf);
	else if (r == -ERANGE || r == -ENAMETOOLONG)
		procfs_set_link(dir, name, NULL);
}

void procfs_refresh_pid_dir(struct dentry *dir, int pid, bool tid_dir)
{
	char *buf = kmalloc(PATH_MAX);
	struct process *p;
	uint64_t flags;
	uint32_t uid, gid;

	if (!buf)
		return;
	/* process_lock held: p and its parts stay until we are done (procfs.h). */
	flags = rspin_lock_irqsave(&process_lock);
	p = process_find(pid);
	if (!p)
		goto out;
	uid = p->cred.euid;
	gid = p->cred.egid;
	for (size_t i = 0; i < procfs_pid_entry_count; i++)
		procfs_add_file(dir, &procfs_pid_entries[i], pid, uid, gid);
	procfs_add_kind_dir(dir, "fd", PROCFS_DIR_FD, PROCFS_FD_DIR_MODE, pid, uid, gid);
	procfs_add_kind_dir(dir, "fdinfo", PROCFS_DIR_FDINFO, PROCFS_DIR_MODE, pid, uid, gid);
	if (!tid_dir)
		procfs_add_kind_dir(dir, "task", PROCFS_DIR_TASK, PROCFS_DIR_MODE, pid, uid, gid);
	if (p->exe_path)
		procfs_set_link(dir, "exe", p->exe_path);
	if (p->fs) {
		procfs_set_path_link(dir, "cwd", &p->fs->cwd, buf);
		procfs_set_path_link(dir, "root", &p->fs->root, buf);
	}
out:
	rspin_unlock_irqrestore(&process_lock, flags);
	kfree(buf);
}

/* A decimal name (a pid, tid or descriptor): its value, or -1. */
static int procfs_name_value(const char *name, size_t len)
{
	int v = 0;

	if (len == 0 || len >= PROCFS_FD_NAME_MAX)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		v = v * 10 + (name[i] - '0');
	}
	return v;
}

/* Whether the thread tid belongs to p (interrupts off). */
static bool procfs_has_thread(struct process *p, int tid)
{
	struct task *t;

	list_for_each_entry(t, &p->threads, proc_link)
		if (t->tid == tid)
			return true;
	return false;
}

/* task/: a TID directory per thread, each like /proc/PID (proc(5)). */
void procfs_refresh_task_dir(struct dentry *dir, int pid)
{
	struct list_node *n, *next;
	struct process *p;
	struct task *t;
	uint64_t flags;

	/* process_lock held: p and its threads stay until we are done (procfs.h). */
	flags = rspin_lock_irqsave(&process_lock);
	p = process_find(pid);
	for (n = dir->children.next; n != &dir->children; n = next) {
		struct dentry *d = list_entry(n, struct dentry, sibling);
		int tid = procfs_name_value(d->name, d->name_len);

		next = n->next;
		if (!p || tid < 0 || !procfs_has_thread(p, tid))
			procfs_prune(d);
	}
	if (p) {
		list_for_each_entry(t, &p->threads, proc_link) {
			char name[PROCFS_FD_NAME_MAX];

			snprintf(name, sizeof(name), "%d", t->tid);
			procfs_add_kind_dir(dir, name, PROCFS_DIR_TID, PROCFS_DIR_MODE, pid,
					    p->cred.euid, p->cred.egid);
		}
	}
	rspin_unlock_irqrestore(&process_lock, flags);
}

/*
 * Refreshing fd/ keeps the links of descriptors still open (only their
 * targets are updated) and prunes the others: a dentry's readdir cookie
 * must outlive the refresh each getdents call makes, or a listing never
 * ends (every call would find the whole directory new again).
 */
struct procfs_fd_walk {
	struct dentry *dir;
	int pid;
	bool info;		/* fdinfo/: files, not links */
	uint32_t uid, gid;
	char *buf;
	uint64_t *open;		/* bitmap of the descriptors seen */
	unsigned open_words;
};

#define PROCFS_FD_BITS		64	/* bits in one word of the bitmap */

/* Marks fd open in w's bitmap, growing it; false if out of memory. */
static bool procfs_fd_mark(struct procfs_fd_walk *w, unsigned fd)
{
	unsigned word = fd / PROCFS_FD_BITS;

	if (word >= w->open_words) {
		unsigned words = w->open_words ? w->open_words : 1;
		uint64_t *grown;

		while (words <= word)
			words *= 2;
		grown = kzalloc(words * sizeof(*grown));
		if (!grown)
			return false;
		if (w->open)
			memcpy(grown, w->open, w->open_words * sizeof(*grown));
		kfree(w->open);
		w->open = grown;
		w->open_words = words;
	}
	w->open[word] |= 1ULL << (fd % PROCFS_FD_BITS);
	return true;
}

static bool procfs_fd_marked(const struct procfs_fd_walk *w, unsigned fd)
{
	unsigned word = fd / PROCFS_FD_BITS;

	return word < w->open_words && (w->open[word] >> (fd % PROCFS_FD_BITS) & 1);
}

/*
 * An fd link belongs to the process's owner, with r-x for a readable
 * file and -wx for a writable one, as Linux's tid_fd_update_inode, so
 * ls -l shows how each descriptor was opened.
 */
static void procfs_fd_link_owner(const struct procfs_fd_walk *w, struct dentry *d,
				 const struct file *f)
{
	unsigned acc = f->flags & O_ACCMODE, mode = S_IFLNK;

	if (!d)
		return;
	if (!(f->flags & O_PATH) && (acc == O_RDONLY || acc == O_RDWR))
		mode |= PROCFS_FD_LINK_READ;
	if (!(f->flags & O_PATH) && (acc == O_WRONLY || acc == O_RDWR))
		mode |= PROCFS_FD_LINK_WRITE;
	d->inode->mode = mode;
	d->inode->uid = w->uid;
	d->inode->gid = w->gid;
}

static int procfs_fd_link_fn(int fd, struct file *f, void *arg)
{
	struct procfs_fd_walk *w = arg;
	char name[PROCFS_FD_NAME_MAX];

	if (!procfs_fd_mark(w, (unsigned)fd))
		return -ENOMEM;
	snprintf(name, sizeof(name), "%d", fd);
	if (w->info) {
		procfs_add_fd_file(w->dir, name, &procfs_fdinfo_entry, w->pid, fd, w->uid, w->gid);
		return 0;
	}
	w->buf[0] = '\0';
	if (f->dentry && f->mnt) {
		struct path p = { .mnt = f->mnt, .dentry = f->dentry };

		/* A path too long to name: a link without text (ENAMETOOLONG). */
		if (procfs_path_any_of(&p, w->buf, PATH_MAX) < 0) {
			procfs_set_link(w->dir, name, NULL);
			procfs_fd_link_owner(w, dentry_find_cached(w->dir, name, strlen(name)), f);
			return 0;
		}
	} else if (f->ops && f->ops->anon_name) {
		/* Event files: Linux's anon_inode names ([eventfd], [eventpoll]...). */
		snprintf(w->buf, PATH_MAX, "anon_inode:%s", f->ops->anon_name);
	}
	/* Every open file has a path (pipes pipefs's): this is only a fallback. */
	procfs_set_link(w->dir, name, w->buf[0] ? w->buf : "anon_inode:[unknown]");
	procfs_fd_link_owner(w, dentry_find_cached(w->dir, name, strlen(name)), f);
	return 0;
}

/*
 * The path the magic link name of p's PID or TID directory leads to: 0,
 * -ENOENT (nothing there: a zombie's cwd), or 1 for another name.
 */
static int procfs_pid_link_path(struct process *p, const char *name, struct path *out)
{
	struct file *exe = p->vm ? p->vm->exe_file : NULL;

	if (!strcmp(name, "cwd") && p->fs) {
		*out = p->fs->cwd;
	} else if (!strcmp(name, "root") && p->fs) {
		*out = p->fs->root;
	} else if (!strcmp(name, "exe") && exe && exe->dentry && exe->mnt) {
		out->mnt = exe->mnt;
		out->dentry = exe->dentry;
	} else if (!strcmp(name, "cwd") || !strcmp(name, "root") || !strcmp(name, "exe")) {
		return -ENOENT;
	} else {
		return 1;
	}
	return 0;
}

int procfs_get_link(struct dentry *link, struct path *out)
{
	struct procfs_node *dir = link->parent->inode->data;
	struct process *p;
	struct file *f;
	uint64_t flags;
	int err = -ENOENT;

	/* fd/N, and exe, cwd, root of a PID or TID directory; "self" is text. */
	if (!dir || dir->entry || !dir->pid ||
	    (dir->kind != PROCFS_DIR_FD && dir->kind != PROCFS_DIR_PID &&
	     dir->kind != PROCFS_DIR_TID))
		return 1;
	/*
	 * process_lock held while we look at p (procfs.h). The path stays
	 * valid after: whoever holds it (an open file, a cwd) puts it under
	 * vfs_lock, which we hold.
	 */
	flags = rspin_lock_irqsave(&process_lock);
	p = process_find(dir->pid);
	if (p && !procfs_may_access(p)) {
		err = -EACCES;
	} else if (p && dir->kind == PROCFS_DIR_FD) {
		f = procfs_fd_file(p, procfs_name_value(link->name, link->name_len));
		if (f && f->dentry && f->mnt) {
			out->mnt = f->mnt;
			out->dentry = f->dentry;
			err = 0;
		}
	} else if (p) {
		err = procfs_pid_link_path(p, link->name, out);
	}
	rspin_unlock_irqrestore(&process_lock, flags);
	return err;
}

void procfs_refresh_fd_dir(struct dentry *dir, int pid, bool info)
{
	struct procfs_fd_walk w = { .dir = dir, .pid = pid, .info = info };
	struct list_node *n, *next;
	struct process *p;
	uint64_t flags;
	int err = 0;

	w.buf = kmalloc(PATH_MAX);
	if (!w.buf)
		return;
	/* process_lock held: p and its table stay until the walk is done (procfs.h). */
	flags = rspin_lock_irqsave(&process_lock);
	p = process_find(pid);
	if (p) {
		w.uid = p->cred.euid;
		w.gid = p->cred.egid;
	}
	if (p && p->files)
		err = fd_table_for_each_atomic(p->files, procfs_fd_link_fn, &w);
	rspin_unlock_irqrestore(&process_lock, flags);
	/* Out of memory half way: keep what is there rather than drop live links. */
	for (n = dir->children.next; !err && n != &dir->children; n = next) {
		struct dentry *d = list_entry(n, struct dentry, sibling);
		int fd = procfs_name_value(d->name, d->name_len);

		next = n->next;
		if (fd < 0 || !procfs_fd_marked(&w, (unsigned)fd))
			procfs_prune(d);
	}
	kfree(w.open);
	kfree(w.buf);
}
