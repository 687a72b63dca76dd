/*
 * pid.c: /proc/PID/, in the formats of proc(5): stat, status, cmdline,
 * comm, environ, and the symlinks exe, cwd, root and fd/N. BusyBox ps
 * and top read stat and cmdline; pidof and killall read comm and exe.
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

#define PROCFS_FILE_MODE	(S_IFREG | 0444)
#define PROCFS_PRIVATE_MODE	(S_IFREG | 0400)	/* environ: the owner's only */
#define PROCFS_FD_NAME_MAX	12
#define PROCFS_NSEC_PER_TICK	(1000000000ULL / TIME_HZ)
#define PROCFS_CMDLINE_MAX	(128 * 1024)		/* what we read of a process's strings */
/* Linux's default scheduling priority reported for nice 0 (20 + nice). */
#define PROCFS_PRIO_BASE	20

/* The state letter of proc(5): R running, S sleeping, T stopped, Z zombie. */
static char procfs_state(struct process *p)
{
	struct task *t;

	if (p->state == PROCESS_ZOMBIE)
		return 'Z';
	if (p->stopped)
		return 'T';
	list_for_each_entry(t, &p->threads, proc_link)
		if (t->state == TASK_RUNNING || t->state == TASK_RUNNABLE)
			return 'R';
	return 'S';
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

const struct procfs_entry procfs_pid_entries[] = {
	{ "stat", PROCFS_FILE_MODE, procfs_show_stat, NULL },
	{ "status", PROCFS_FILE_MODE, procfs_show_status, NULL },
	{ "cmdline", PROCFS_FILE_MODE, procfs_show_cmdline, NULL },
	{ "comm", PROCFS_FILE_MODE, procfs_show_comm, NULL },
	{ "environ", PROCFS_PRIVATE_MODE, procfs_show_environ, NULL },
};
const size_t procfs_pid_entry_count = ARRAY_SIZE(procfs_pid_entries);

/* The path of p for the reader (the caller's root), or "" if unknown. */
/* The path of target as the reader sees it into buf: its length or an errno. */
static long procfs_path_of(const struct path *target, char *buf, size_t size)
{
	struct path root, cwd;
	unsigned umask;
	long r;

	fs_context_current(&root, &cwd, &umask);
	r = path_name(target, &root, buf, size);
	path_put(&root);
	path_put(&cwd);
	return r;
}

/*
 * Points the link name at target's path; a path too long to name makes a
 * link without text, whose readlink gives ENAMETOOLONG as Linux's d_path.
 */
static void procfs_set_path_link(struct dentry *dir, const char *name,
				 const struct path *target, char *buf)
{
	long r = procfs_path_of(target, buf, PATH_MAX);

	if (r >= 0 && buf[0])
		procfs_set_link(dir, name, buf);
	else if (r == -ERANGE || r == -ENAMETOOLONG)
		procfs_set_link(dir, name, NULL);
}

void procfs_refresh_pid_dir(struct dentry *dir, int pid)
{
	char *buf = kmalloc(PATH_MAX);
	struct process *p;
	uint64_t flags;

	if (!buf)
		return;
	/* Interrupts off: p and its parts stay until we are done (procfs.h). */
	flags = cpu_irq_save();
	p = process_find(pid);
	if (!p)
		goto out;
	for (size_t i = 0; i < procfs_pid_entry_count; i++)
		procfs_add_file(dir, &procfs_pid_entries[i], pid, p->cred.euid, p->cred.egid);
	procfs_add_dir(dir, "fd", pid, p->cred.euid, p->cred.egid);
	if (p->exe_path)
		procfs_set_link(dir, "exe", p->exe_path);
	if (p->fs) {
		procfs_set_path_link(dir, "cwd", &p->fs->cwd, buf);
		procfs_set_path_link(dir, "root", &p->fs->root, buf);
	}
out:
	cpu_irq_restore(flags);
	kfree(buf);
}

/*
 * Refreshing fd/ keeps the links of descriptors still open (only their
 * targets are updated) and prunes the others: a dentry's readdir cookie
 * must outlive the refresh each getdents call makes, or a listing never
 * ends (every call would find the whole directory new again).
 */
struct procfs_fd_walk {
	struct dentry *dir;
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

/* A descriptor's name in fd/: its number, or -1 for anything else. */
static int procfs_fd_name_value(const char *name, size_t len)
{
	int fd = 0;

	if (len == 0 || len >= PROCFS_FD_NAME_MAX)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		fd = fd * 10 + (name[i] - '0');
	}
	return fd;
}

static int procfs_fd_link_fn(int fd, struct file *f, void *arg)
{
	struct procfs_fd_walk *w = arg;
	char name[PROCFS_FD_NAME_MAX];

	if (!procfs_fd_mark(w, (unsigned)fd))
		return -ENOMEM;
	snprintf(name, sizeof(name), "%d", fd);
	if (f->dentry && f->mnt) {
		struct path p = { .mnt = f->mnt, .dentry = f->dentry };

		procfs_path_of(&p, w->buf, PATH_MAX);
	} else if (f->ops && f->ops->anon_name) {
		snprintf(w->buf, PATH_MAX, "anon_inode:%s", f->ops->anon_name);
	} else {
		/* Pipes and other files without a name, as Linux shows them. */
		snprintf(w->buf, PATH_MAX, "anon_inode:[%p]", (void *)f);
	}
	procfs_set_link(w->dir, name, w->buf[0] ? w->buf : "anon_inode:[unknown]");
	return 0;
}

void procfs_refresh_fd_dir(struct dentry *dir, int pid)
{
	struct procfs_fd_walk w = { .dir = dir };
	struct list_node *n, *next;
	struct process *p;
	uint64_t flags;
	int err = 0;

	w.buf = kmalloc(PATH_MAX);
	if (!w.buf)
		return;
	/* Interrupts off: p and its table stay until the walk is done (procfs.h). */
	flags = cpu_irq_save();
	p = process_find(pid);
	if (p && p->files)
		err = fd_table_for_each_atomic(p->files, procfs_fd_link_fn, &w);
	cpu_irq_restore(flags);
	/* Out of memory half way: keep what is there rather than drop live links. */
	for (n = dir->children.next; !err && n != &dir->children; n = next) {
		struct dentry *d = list_entry(n, struct dentry, sibling);
		int fd = procfs_fd_name_value(d->name, d->name_len);

		next = n->next;
		if (fd < 0 || !procfs_fd_marked(&w, (unsigned)fd))
			procfs_prune(d);
	}
	kfree(w.open);
	kfree(w.buf);
}
