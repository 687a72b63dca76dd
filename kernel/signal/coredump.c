/*
 * coredump.c: core files (core(5)), see coredump.h.
 *
 * The file is named by /proc/sys/kernel/core_pattern (default "core",
 * relative to the process's working directory; %p %P %i %I %u %g %s %t
 * %e %c %% expand as core(5) says, others are dropped as Linux's
 * format_corename does; ".PID" is appended when core_uses_pid is set and
 * the pattern has no %p). A pattern starting with '|' asks for a helper
 * program, which Basalt cannot start from here: no core, no WCOREFLAG.
 *
 * As Linux's do_coredump: nothing is written when RLIMIT_CORE is below
 * one page (ELF's min_coredump); an existing file of that name is
 * unlinked and the core created O_EXCL | O_NOFOLLOW, mode 0600; a write
 * that would pass RLIMIT_CORE ends the dump, which then does not count
 * as written (dump_emit), so the status has no WCOREFLAG.
 *
 * The file is an ELF64 ET_CORE (gABI, and the System V x86-64 psABI's
 * note formats as Linux's binfmt_elf writes them): one PT_NOTE with
 * NT_PRSTATUS (the dumping thread's registers), NT_PRPSINFO, NT_SIGINFO
 * and NT_AUXV, then one PT_LOAD per area. Anonymous areas and writable
 * file areas carry their bytes (pages never touched read as zeros);
 * read-only file areas have p_filesz 0, like Linux's default
 * coredump_filter for file pages never written.
 *
 * Limits against Linux: only the dumping thread gets an NT_PRSTATUS,
 * and the other threads are not stopped first (Linux's zap_threads),
 * so memory they change meanwhile may be seen half changed; no
 * NT_PRFPREG / NT_X86_XSTATE / NT_FILE notes.
 *
 * Locking: coredump_pattern_lock guards the pattern. Pages are copied
 * under the address space's sem (read) into a page buffer, and written
 * after it is dropped (the VFS comes before vm_space.sem).
 */
#include <signal/coredump.h>
#include <arch/x86_64/syscall/syscall.h>
#include <asm/trap.h>
#include <basalt/compiler.h>
#include <basalt/format.h>
#include <basalt/string.h>
#include <basalt/vmlayout.h>
#include <exec/elf.h>
#include <fs/file.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <mm/vm.h>
#include <mm/vma.h>
#include <proc/process.h>
#include <proc/task.h>
#include <sched/spinlock.h>
#include <time/sys_time.h>
#include <time/time.h>
#include <user/user.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/resource.h>
#include <uapi/signal.h>
#include <uapi/stat.h>

#define ET_CORE			4	/* gABI e_type: a core file */
#define NT_PRSTATUS		1	/* struct elf_prstatus */
#define NT_PRPSINFO		3	/* struct elf_prpsinfo */
#define NT_AUXV			6	/* the auxv pairs */
#define NT_SIGINFO		0x53494749	/* "SIGI": the siginfo_t */
#define COREDUMP_NOTE_NAME	"CORE"
#define COREDUMP_NOTE_ALIGN	4	/* gABI: note fields are 4-byte aligned */
#define COREDUMP_MODE		0600	/* Linux's filp_open(corename, ..., 0600) */
#define COREDUMP_FLAGS		(O_CREAT | O_WRONLY | O_NOFOLLOW | O_LARGEFILE | O_EXCL)
#define COREDUMP_PSARGS_LEN	80	/* ELF_PRARGSZ */
#define COREDUMP_FNAME_LEN	16
#define COREDUMP_NGREG		27	/* user_regs_struct's words */
#define COREDUMP_AUXV_MAX	(64 * 2 * sizeof(uint64_t))	/* far above exec's pairs */
#define COREDUMP_PHNUM_MAX	(PN_XNUM - 1)	/* beyond needs the sh_info escape */
#define COREDUMP_NO_SYSCALL	((uint64_t)-1)	/* orig_rax outside a system call */

/* Linux's struct elf_prstatus on x86_64 (336 bytes). */
struct coredump_prstatus {
	int32_t si_signo, si_code, si_errno;	/* struct elf_siginfo */
	int16_t cursig;
	uint16_t pad0;
	uint64_t sigpend, sighold;
	int32_t pid, ppid, pgrp, sid;
	int64_t utime[2], stime[2], cutime[2], cstime[2];	/* struct timeval */
	uint64_t reg[COREDUMP_NGREG];		/* user_regs_struct order */
	int32_t fpvalid;
	int32_t pad1;
};
_Static_assert(sizeof(struct coredump_prstatus) == 336, "elf_prstatus is 336 bytes");

/* Linux's struct elf_prpsinfo on x86_64 (136 bytes). */
struct coredump_prpsinfo {
	char state, sname, zomb, nice;
	uint32_t pad0;
	uint64_t flag;
	uint32_t uid, gid;
	int32_t pid, ppid, pgrp, sid;
	char fname[COREDUMP_FNAME_LEN];
	char psargs[COREDUMP_PSARGS_LEN];
};
_Static_assert(sizeof(struct coredump_prpsinfo) == 136, "elf_prpsinfo is 136 bytes");

struct coredump_nhdr {
	uint32_t namesz, descsz, type;
	char name[8];		/* "CORE" and its NUL, padded to 4 */
};

/* One area as the dump sees it. */
struct coredump_area {
	uint64_t start, end;
	unsigned prot;
	bool dump;		/* its bytes go into the file */
};

/* The file being written: RLIMIT_CORE caps what goes out. */
struct coredump_out {
	struct file *file;
	uint64_t written;
	uint64_t limit;
	bool failed;
};

/* guards: coredump_pattern, coredump_core_uses_pid. */
static struct spinlock coredump_pattern_lock = SPINLOCK_INIT("coredump_pattern");
static char coredump_pattern[COREDUMP_PATTERN_MAX] = "core";
static bool coredump_core_uses_pid;

void coredump_pattern_get(char *out, size_t size)
{
	spin_lock(&coredump_pattern_lock);
	strlcpy(out, coredump_pattern, size);
	spin_unlock(&coredump_pattern_lock);
}

/* Linux's proc_dostring: up to the first newline, cut at the buffer's size. */
int coredump_pattern_set(const char *text)
{
	char buf[COREDUMP_PATTERN_MAX];
	size_t n = 0;

	while (text[n] && text[n] != '\n' && n < sizeof(buf) - 1) {
		buf[n] = text[n];
		n++;
	}
	buf[n] = '\0';
	spin_lock(&coredump_pattern_lock);
	memcpy(coredump_pattern, buf, n + 1);
	spin_unlock(&coredump_pattern_lock);
	return 0;
}

bool coredump_uses_pid(void)
{
	return __atomic_load_n(&coredump_core_uses_pid, __ATOMIC_RELAXED);
}

void coredump_set_uses_pid(bool on)
{
	__atomic_store_n(&coredump_core_uses_pid, on, __ATOMIC_RELAXED);
}

/* Appends s to out (size bytes, NUL kept): false when it does not fit. */
static bool coredump_append(char *out, size_t size, size_t *len, const char *s)
{
	size_t n = strlen(s);

	if (*len + n >= size)
		return false;
	memcpy(out + *len, s, n + 1);
	*len += n;
	return true;
}

/* The core file's name from the pattern (core(5)); -ENAMETOOLONG, -EOPNOTSUPP (a pipe). */
static int coredump_name(struct process *p, struct task *t, int sig, char *out, size_t size)
{
	char pattern[COREDUMP_PATTERN_MAX], num[24];
	bool pid_seen = false;
	size_t len = 0;

	coredump_pattern_get(pattern, sizeof(pattern));
	if (pattern[0] == '|')
		return -EOPNOTSUPP;
	out[0] = '\0';
	for (const char *c = pattern; *c; c++) {
		const char *s = num;

		if (*c != '%') {
			char one[2] = { *c, '\0' };

			if (!coredump_append(out, size, &len, one))
				return -ENAMETOOLONG;
			continue;
		}
		switch (*++c) {
		case '%':
			s = "%";
			break;
		case 'p':
		case 'P':
			pid_seen = true;
			snprintf(num, sizeof(num), "%d", p->pid);
			break;
		case 'i':
		case 'I':
			snprintf(num, sizeof(num), "%d", t->tid);
			break;
		case 'u':
			snprintf(num, sizeof(num), "%u", p->cred.uid);
			break;
		case 'g':
			snprintf(num, sizeof(num), "%u", p->cred.gid);
			break;
		case 's':
			snprintf(num, sizeof(num), "%d", sig);
			break;
		case 't':
			snprintf(num, sizeof(num), "%lld",
				 (long long)(time_realtime_ns() / (int64_t)NSEC_PER_SEC));
			break;
		case 'c':
			snprintf(num, sizeof(num), "%llu",
				 (unsigned long long)p->rlim[RLIMIT_CORE].rlim_cur);
			break;
		case 'e':
			s = p->comm;
			break;
		case '\0':
			c--;	/* a trailing '%': the loop ends */
			/* fallthrough */
		default:
			continue;	/* unknown: dropped, as format_corename */
		}
		if (!coredump_append(out, size, &len, s))
			return -ENAMETOOLONG;
	}
	if (!pid_seen && coredump_uses_pid()) {
		snprintf(num, sizeof(num), ".%d", p->pid);
		if (!coredump_append(out, size, &len, num))
			return -ENAMETOOLONG;
	}
	return len ? 0 : -ENOENT;
}

/* Linux's dump_emit: all of buf or nothing, within the limit. */
static void coredump_emit(struct coredump_out *o, const void *buf, size_t len)
{
	struct uio u;

	if (o->failed)
		return;
	if (o->written + len > o->limit) {
		o->failed = true;
		return;
	}
	uio_init_kernel(&u, (void *)buf, len);
	if (file_write(o->file, &u) != (long)len) {
		o->failed = true;
		return;
	}
	o->written += len;
}

static void coredump_note(struct coredump_out *o, uint32_t type, const void *desc, size_t len)
{
	static const uint8_t zeros[COREDUMP_NOTE_ALIGN];
	struct coredump_nhdr h = { .namesz = sizeof(COREDUMP_NOTE_NAME), .descsz = (uint32_t)len,
				   .type = type, .name = COREDUMP_NOTE_NAME };

	coredump_emit(o, &h, sizeof(h));
	coredump_emit(o, desc, len);
	coredump_emit(o, zeros, ALIGN_UP(len, COREDUMP_NOTE_ALIGN) - len);
}

static size_t coredump_note_size(size_t len)
{
	return sizeof(struct coredump_nhdr) + ALIGN_UP(len, COREDUMP_NOTE_ALIGN);
}

static void coredump_fill_prstatus(struct coredump_prstatus *s, const struct trap_frame *f,
				   struct process *p, struct task *t, const struct siginfo *info)
{
	uint64_t *r = s->reg;

	memset(s, 0, sizeof(*s));
	s->si_signo = info->si_signo;
	s->si_code = info->si_code;
	s->si_errno = info->si_errno;
	s->cursig = (int16_t)info->si_signo;
	s->sigpend = t->sig_pending | p->shared_pending;
	s->sighold = t->sig_blocked;
	s->pid = t->tid;
	s->ppid = p->parent ? p->parent->pid : 0;
	s->pgrp = p->pgid;
	s->sid = p->sid;
	/* user_regs_struct (sys/user.h): r15 ... rdi, orig_rax, rip ... gs. */
	*r++ = f->r15; *r++ = f->r14; *r++ = f->r13; *r++ = f->r12;
	*r++ = f->rbp; *r++ = f->rbx; *r++ = f->r11; *r++ = f->r10;
	*r++ = f->r9; *r++ = f->r8; *r++ = f->rax; *r++ = f->rcx;
	*r++ = f->rdx; *r++ = f->rsi; *r++ = f->rdi;
	*r++ = f->vector == TRAP_SYSCALL ? f->error_code : COREDUMP_NO_SYSCALL;
	*r++ = f->rip; *r++ = f->cs; *r++ = f->rflags; *r++ = f->rsp; *r++ = f->ss;
	*r++ = t->fs_base; *r++ = t->gs_base;
	/* ds, es, fs, gs: 0 in 64-bit user mode here. */
}

static void coredump_fill_prpsinfo(struct coredump_prpsinfo *s, struct process *p, struct task *t)
{
	size_t n;

	memset(s, 0, sizeof(*s));
	s->sname = 'R';		/* it is running: it is dumping */
	s->nice = (char)t->nice;
	s->uid = p->cred.uid;
	s->gid = p->cred.gid;
	s->pid = p->pid;
	s->ppid = p->parent ? p->parent->pid : 0;
	s->pgrp = p->pgid;
	s->sid = p->sid;
	strlcpy(s->fname, p->comm, sizeof(s->fname));
	/* The command line, NULs as spaces, as Linux's fill_psinfo. */
	n = MIN(p->arg_end - p->arg_start, (uint64_t)sizeof(s->psargs) - 1);
	if (p->arg_end <= p->arg_start ||
	    copy_from_user(s->psargs, (const void __user *)p->arg_start, n))
		n = 0;
	s->psargs[n] = '\0';
	for (size_t i = 0; n && i < n - 1; i++)
		if (!s->psargs[i])
			s->psargs[i] = ' ';
}

/* Snapshot of the areas; NULL (and *count 0) when there are none or no memory. */
static struct coredump_area *coredump_areas(struct vm_space *vm, size_t *count)
{
	struct coredump_area *a;
	struct vma *v;
	size_t n = 0;

	down_read(&vm->sem);
	*count = vm->vmas.count;
	if (!*count || *count > COREDUMP_PHNUM_MAX ||
	    !(a = kmalloc(*count * sizeof(*a)))) {
		up_read(&vm->sem);
		*count = 0;
		return NULL;
	}
	for (v = vm->vmas.head; v && n < *count; v = v->next, n++) {
		a[n].start = v->start;
		a[n].end = v->end;
		a[n].prot = v->prot;
		a[n].dump = !v->file || (v->prot & VM_PROT_WRITE);
	}
	*count = n;
	up_read(&vm->sem);
	return a;
}

/* One page of the address space into buf: zeros where no frame is. */
static void coredump_copy_page(struct vm_space *vm, uint64_t va, void *buf)
{
	uint64_t phys;

	down_read(&vm->sem);
	if (vma_lookup(&vm->vmas, va) && !vm_query(vm, va, &phys, NULL))
		memcpy(buf, phys_to_virt(ALIGN_DOWN(phys, PAGE_SIZE)), PAGE_SIZE);
	else
		memset(buf, 0, PAGE_SIZE);
	up_read(&vm->sem);
}

static uint32_t coredump_pflags(unsigned prot)
{
	if (prot & VM_PROT_NONE)
		return 0;
	return PF_R | ((prot & VM_PROT_WRITE) ? PF_W : 0) | ((prot & VM_PROT_EXEC) ? PF_X : 0);
}

/* The ELF image: headers, notes, then the areas' pages. */
static void coredump_elf(struct coredump_out *o, const struct trap_frame *f, struct process *p,
			 struct task *t, const struct siginfo *info)
{
	struct coredump_prstatus prstatus;
	struct coredump_prpsinfo prpsinfo;
	struct elf64_ehdr eh;
	struct elf64_phdr ph;
	struct coredump_area *areas;
	uint8_t *page = kmalloc(PAGE_SIZE), *auxv = NULL;
	size_t count = 0, auxv_len = 0, notes_size;
	uint64_t notes_off, data_off, off;

	if (!page) {
		o->failed = true;
		return;
	}
	areas = coredump_areas(p->vm, &count);
	if (p->auxv_end > p->auxv_start && p->auxv_end - p->auxv_start <= COREDUMP_AUXV_MAX &&
	    (auxv = kmalloc(p->auxv_end - p->auxv_start))) {
		auxv_len = p->auxv_end - p->auxv_start;
		if (copy_from_user(auxv, (const void __user *)p->auxv_start, auxv_len))
			auxv_len = 0;
	}
	coredump_fill_prstatus(&prstatus, f, p, t, info);
	coredump_fill_prpsinfo(&prpsinfo, p, t);

	notes_off = sizeof(eh) + (1 + count) * sizeof(ph);
	notes_size = coredump_note_size(sizeof(prstatus)) + coredump_note_size(sizeof(prpsinfo)) +
		     coredump_note_size(sizeof(*info)) + coredump_note_size(auxv_len);
	data_off = ALIGN_UP(notes_off + notes_size, PAGE_SIZE);

	memset(&eh, 0, sizeof(eh));
	memcpy(eh.e_ident, ELFMAG, ELFMAG_LEN);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_type = ET_CORE;
	eh.e_machine = EM_X86_64;
	eh.e_version = EV_CURRENT;
	eh.e_phoff = sizeof(eh);
	eh.e_ehsize = sizeof(eh);
	eh.e_phentsize = sizeof(ph);
	eh.e_phnum = (uint16_t)(1 + count);
	coredump_emit(o, &eh, sizeof(eh));

	memset(&ph, 0, sizeof(ph));
	ph.p_type = PT_NOTE;
	ph.p_offset = notes_off;
	ph.p_filesz = notes_size;
	ph.p_align = COREDUMP_NOTE_ALIGN;
	coredump_emit(o, &ph, sizeof(ph));
	off = data_off;
	for (size_t i = 0; i < count; i++) {
		memset(&ph, 0, sizeof(ph));
		ph.p_type = PT_LOAD;
		ph.p_offset = off;
		ph.p_vaddr = areas[i].start;
		ph.p_memsz = areas[i].end - areas[i].start;
		ph.p_filesz = areas[i].dump ? ph.p_memsz : 0;
		ph.p_flags = coredump_pflags(areas[i].prot);
		ph.p_align = PAGE_SIZE;
		off += ph.p_filesz;
		coredump_emit(o, &ph, sizeof(ph));
	}

	coredump_note(o, NT_PRSTATUS, &prstatus, sizeof(prstatus));
	coredump_note(o, NT_PRPSINFO, &prpsinfo, sizeof(prpsinfo));
	coredump_note(o, NT_SIGINFO, info, sizeof(*info));
	coredump_note(o, NT_AUXV, auxv, auxv_len);
	memset(page, 0, PAGE_SIZE);
	coredump_emit(o, page, data_off - (notes_off + notes_size));

	for (size_t i = 0; i < count && !o->failed; i++) {
		if (!areas[i].dump)
			continue;
		for (uint64_t va = areas[i].start; va < areas[i].end && !o->failed; va += PAGE_SIZE) {
			coredump_copy_page(p->vm, va, page);
			coredump_emit(o, page, PAGE_SIZE);
		}
	}
	kfree(auxv);
	kfree(areas);
	kfree(page);
}

bool coredump_write(const struct trap_frame *f, const struct siginfo *info)
{
	struct process *p = process_current();
	struct task *t = task_current();
	struct coredump_out o = { 0 };
	char name[COREDUMP_PATTERN_MAX];
	uint64_t size;
	unsigned mode;

	if (!p || !p->vm)
		return false;
	/* Not dumpable (prctl(2) PR_SET_DUMPABLE, a set-id exec): no core (core(5)). */
	if (p->dumpable == PROCESS_DUMP_DISABLE)
		return false;
	o.limit = p->rlim[RLIMIT_CORE].rlim_cur;
	if (o.limit < PAGE_SIZE)	/* binfmt_elf's min_coredump */
		return false;
	if (coredump_name(p, t, info->si_signo, name, sizeof(name)))
		return false;
	/* Linux unlinks what is there, then creates the file exclusively. */
	vfs_unlinkat(AT_FDCWD, name, 0);
	if (file_open_kernel(name, COREDUMP_FLAGS, COREDUMP_MODE, &o.file))
		return false;
	if (file_getattr_kernel(o.file, &size, &mode) || !S_ISREG(mode)) {
		file_put(o.file);
		return false;
	}
	coredump_elf(&o, f, p, t, info);
	file_put(o.file);
	return !o.failed;
}
