/*
 * pid.c: the text of /proc/PID's files, in the formats of proc(5):
 * stat, status, cmdline, comm, environ, maps, mountinfo, fdinfo/N.
 * BusyBox ps and top read stat and cmdline; pidof and killall read comm.
 * The directories are pid_dir.c's, the links fd.c's.
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

long procfs_path_text(const struct path *target, char *buf, size_t size)
{
	struct path root, cwd;
	unsigned umask;
	long r;

	if (size <= sizeof(PROCFS_DELETED))
		return -ENAMETOOLONG;
	fs_context_current(&root, &cwd, &umask);
	r = path_name_any(target, &root, buf, size - (sizeof(PROCFS_DELETED) - 1));
	path_put(&root);
	path_put(&cwd);
	/* Too long to name: Linux's d_path gives ENAMETOOLONG. */
	if (r == -ERANGE)
		r = -ENAMETOOLONG;
	if (r >= 0 && dentry_is_dead(target->dentry)) {
		memcpy(buf + r, PROCFS_DELETED, sizeof(PROCFS_DELETED));
		r += (long)sizeof(PROCFS_DELETED) - 1;
	}
	return r;
}

/*
 * Root, or a caller whose fsuid and fsgid are all of p's ids, as Linux's
 * ptrace_may_access in PTRACE_MODE_READ_FSCREDS mode
 * (proc_fd_access_allowed, mm_access).
 */
bool procfs_may_access(const struct process *p)
{
	const struct cred *c = vfs_cred(), *t = &p->cred;

	if (c->fsuid == 0)
		return true;
	return c->fsuid == t->uid && c->fsuid == t->euid && c->fsuid == t->suid &&
	       c->fsgid == t->gid && c->fsgid == t->egid && c->fsgid == t->sgid;
}

/* fdinfo/N, proc(5): "pos:\t%lld\nflags:\t0%o\nmnt_id:\t%d\nino:\t%lu\n" (Linux's seq_show). */
int procfs_show_fdinfo(struct procfs_buf *b, const struct procfs_node *node)
{
	struct process *p;
	struct file *f = NULL;
	int err = 0, fd_flags = 0;
	unsigned oflags;

	spin_lock(&tasklist_lock);
	p = procfs_find(node);
	if (!p)
		err = -ESRCH;
	else if (!procfs_may_access(p))
		err = -EACCES;
	else if (p->files) {
		f = fd_table_get_atomic(p->files, node->fd);
		fd_flags = fd_table_fd_flags_atomic(p->files, node->fd);
	}
	spin_unlock(&tasklist_lock);
	if (err)
		return err;
	if (!f)
		return -ENOENT;
	/* The descriptor's close-on-exec shows as O_CLOEXEC, as Linux's seq_show. */
	oflags = f->flags;
	if (fd_flags == FD_CLOEXEC_FLAG)
		oflags |= O_CLOEXEC;
	procfs_printf(b, "pos:\t%lld\nflags:\t0%o\nmnt_id:\t%llu\nino:\t%llu\n",
		      (long long)f->pos, oflags,
		      (unsigned long long)(f->mnt ? f->mnt->id : 0),
		      (unsigned long long)(f->inode ? f->inode->ino : 0));
	file_put(f);
	return 0;
}

/* The name maps gives an area: its file's, [heap], [stack], [vvar], [vdso] or none. */
static const char *procfs_vma_name(struct vm_space *vm, const struct vma *v, char *buf)
{
	if ((v->flags & VMA_SPECIAL) && v->start == vm->vdso_base)
		return "[vdso]";
	if ((v->flags & VMA_SPECIAL) && v->start == vm->vvar_base)
		return "[vvar]";
	if (v->file && v->file->dentry && v->file->mnt) {
		struct path fp = { .mnt = v->file->mnt, .dentry = v->file->dentry };

		return procfs_path_text(&fp, buf, PATH_MAX) >= 0 ? buf : NULL;
	}
	if (v->file)
		return NULL;
	/* Linux's show_map_vma: the area that holds the break is the heap. */
	if (v->start <= vm->brk && v->end >= vm->start_brk)
		return "[heap]";
	if (v->flags & VMA_GROWSDOWN)
		return "[stack]";
	return NULL;
}

/*
 * maps, proc(5) and Linux's show_map_vma: "start-end perms offset
 * major:minor inode", padded, then the name. Runs
 * on a reference to the space, without tasklist_lock (a show_vm entry,
 * procfs_generate_pid), under the space's sem for reading: the names
 * take the VFS's spinlocks, which must not nest in tasklist_lock's
 * section, and the areas only change under the sem.
 */
static int procfs_show_maps(struct procfs_buf *b, struct vm_space *vm)
{
	char *buf = kmalloc(PATH_MAX);

	if (!buf)
		return -ENOMEM;
	down_read(&vm->sem);
	for (const struct vma *v = vm->vmas.head; v; v = v->next) {
		char prefix[PROCFS_MAPS_PREFIX_MAX];
		struct inode *ino = v->file ? v->file->inode : NULL;
		dev_t dev = ino ? ino->sb->dev : 0;
		const char *name = procfs_vma_name(vm, v, buf);
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
	up_read(&vm->sem);
	kfree(buf);
	return 0;
}

const struct procfs_entry procfs_pid_entries[] = {
	{ "stat", PROCFS_FILE_MODE, procfs_show_stat, NULL, false, NULL },
	{ "status", PROCFS_FILE_MODE, procfs_show_status, NULL, false, NULL },
	{ "cmdline", PROCFS_FILE_MODE, procfs_show_cmdline, NULL, false, NULL },
	{ "comm", PROCFS_FILE_MODE, procfs_show_comm, NULL, false, NULL },
	{ "environ", PROCFS_PRIVATE_MODE, procfs_show_environ, NULL, false, NULL },
	{ "maps", PROCFS_FILE_MODE, NULL, NULL, false, procfs_show_maps },
	{ "mountinfo", PROCFS_FILE_MODE, procfs_show_mountinfo, NULL, true, NULL },
	{ "mounts", PROCFS_FILE_MODE, procfs_show_mounts, NULL, true, NULL },
};
const size_t procfs_pid_entry_count = ARRAY_SIZE(procfs_pid_entries);

