/*
 * exec.c: load a validated ELF image into a new address space, lay out
 * the initial stack as Linux does, and run the program.
 *
 * The initial stack (System V AMD64 ABI 3.4.1, figure 3.9; Linux's
 * create_elf_tables), from the stack pointer up:
 *
 *	argc
 *	argv[0] .. argv[argc - 1], NULL
 *	envp[0] .. envp[n - 1], NULL
 *	auxv: (type, value) pairs, ending with (AT_NULL, 0)
 *	padding
 *	AT_RANDOM's 16 bytes, the argument and environment strings,
 *	the file name (AT_EXECFN), up to the top of the stack
 *
 * and the stack pointer is 16-byte aligned at entry (ABI 3.4.1: "rsp
 * ... is 16-byte aligned"). Everything is written through vm_write, so
 * the new address space need not be live (execve will build it while
 * the old one still runs).
 *
 * A program with PT_INTERP (a dynamically linked one) is loaded with its
 * interpreter (glibc's ld.so), as Linux's load_elf_binary does: the
 * interpreter's segments go at a base of their own in the mmap area,
 * the thread starts at the interpreter's entry, and auxv tells it where
 * the program is (AT_PHDR, AT_ENTRY) and where it was put (AT_BASE).
 * Every program also gets the vDSO (asm/vdso.h), at AT_SYSINFO_EHDR.
 */
#include <exec/elf.h>
#include <exec/exec.h>
#include <asm/cpu.h>
#include <asm/vdso.h>
#include <basalt/compiler.h>
#include <basalt/log.h>
#include <basalt/random.h>
#include <basalt/string.h>
#include <fs/file.h>
#include <mm/mm.h>
#include <mm/vm.h>
#include <uapi/auxvec.h>
#include <uapi/errno.h>
#include <user/user.h>
#include <proc/process.h>
#include <fs/vfs.h>
#include <signal/signal.h>

#define EXEC_AT_RANDOM_LEN	16		/* ABI: 16 bytes at AT_RANDOM */
#define EXEC_STACK_ALIGN	16		/* SysV ABI 3.4.1 */
#define EXEC_AUXV_MAX		24		/* pairs we may emit, AT_NULL included */
/* AT_PLATFORM: the string Linux's x86_64 ELF_PLATFORM gives. */
#define EXEC_PLATFORM		"x86_64"
#define EXEC_CLK_TCK		100		/* AT_CLKTCK: times(2) ticks per second */
#define CPUID_FEATURES		1		/* SDM Vol. 2A CPUID leaf 01H */

static unsigned exec_prot(uint32_t p_flags)
{
	unsigned prot = 0;

	if (p_flags & PF_W)
		prot |= VM_PROT_WRITE;
	if (p_flags & PF_X)
		prot |= VM_PROT_EXEC;
	return prot;
}

/* The rights the area holding va already has (an earlier segment's). */
static unsigned exec_page_prot(struct vm_space *vm, uint64_t va)
{
	const struct vma *v = vma_lookup(&vm->vmas, va);

	return v ? v->prot : 0;
}

static int exec_read_memory(const struct exec_image *img, uint64_t off, void *buf, size_t len)
{
	if (off > img->size || len > img->size - off)
		return -EIO;
	memcpy(buf, (const uint8_t *)img->bytes + off, len);
	return 0;
}

static int exec_read_file(const struct exec_image *img, uint64_t off, void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		long n = file_read_kernel(img->file, (uint8_t *)buf + done, len - done, off + done);

		if (n < 0)
			return (int)n;
		if (n == 0)
			return -EIO;	/* shorter than when it was checked */
		done += (size_t)n;
	}
	return 0;
}

void exec_image_memory(struct exec_image *img, const void *bytes, size_t size)
{
	memset(img, 0, sizeof(*img));
	img->size = size;
	img->bytes = bytes;
	img->read = exec_read_memory;
}

void exec_image_file(struct exec_image *img, struct file *f, uint64_t size)
{
	memset(img, 0, sizeof(*img));
	img->size = size;
	img->file = f;
	img->read = exec_read_file;
}

/*
 * Maps [lo, hi) of one segment (page aligned) as anonymous memory now
 * and copies the segment's file bytes that fall in it, a page at a time
 * through bounce (PAGE_SIZE bytes). A page the previous segment already
 * mapped (they may share one at the boundary) keeps its contents and gets
 * the union of both rights. The rest of each page is zero because
 * vm_map_anon hands out zeroed pages.
 */
static int exec_load_eager(struct vm_space *vm, const struct exec_image *img,
			   const struct elf64_phdr *ph, uint64_t bias, uint64_t lo, uint64_t hi,
			   uint8_t *bounce)
{
	uint64_t seg = ph->p_vaddr + bias;
	uint64_t copy_lo = MAX(lo, seg), copy_hi = MIN(hi, seg + ph->p_filesz);
	unsigned prot = exec_prot(ph->p_flags);
	int err;

	for (uint64_t va = lo; va < hi; va += PAGE_SIZE) {
		err = vm_map_anon(vm, va, PAGE_SIZE, prot);
		if (err == -EEXIST)
			err = vm_protect(vm, va, PAGE_SIZE, prot | exec_page_prot(vm, va));
		if (err)
			return err;
	}
	for (uint64_t va = copy_lo; va < copy_hi;) {
		size_t n = MIN((uint64_t)PAGE_SIZE, copy_hi - va);

		err = img->read(img, ph->p_offset + (va - seg), bounce, n);
		if (!err)
			err = vm_write(vm, va, bounce, n);
		if (err)
			return err;
		va += n;
	}
	return 0;
}

/*
 * Maps one PT_LOAD segment the way Linux's load_elf_binary does, so that
 * exec costs little more than the pages the program touches:
 *
 *   whole pages of file bytes   a private mapping of the file, each page
 *                               read on its first touch (vm_fault) and
 *                               copied on write
 *   the page where the file     file bytes, then zeros, now (Linux maps
 *   bytes end and bss begins    it from the file and clears the tail)
 *   whole pages of bss          anonymous memory, zeroed on first touch
 *
 * elf_check_phdrs made p_vaddr and p_offset agree modulo the page size,
 * so the file pages line up. A first page that the previous segment
 * already mapped is loaded now, with the union of both rights. An image
 * in memory (no file to map) is loaded now, whole.
 */
static int exec_load_segment(struct vm_space *vm, const struct exec_image *img,
			     const struct elf64_phdr *ph, uint64_t bias, uint8_t *bounce)
{
	uint64_t seg = ph->p_vaddr + bias, file_end = seg + ph->p_filesz;
	uint64_t start = ALIGN_DOWN(seg, PAGE_SIZE);
	uint64_t end = ALIGN_UP(seg + ph->p_memsz, PAGE_SIZE);
	uint64_t lo = start, file_hi, bss_lo;
	unsigned prot = exec_prot(ph->p_flags);
	int err;

	if (!img->file)
		return exec_load_eager(vm, img, ph, bias, start, end, bounce);
	if (!vm_range_free(vm, start, PAGE_SIZE)) {
		err = exec_load_eager(vm, img, ph, bias, start, start + PAGE_SIZE, bounce);
		if (err)
			return err;
		lo += PAGE_SIZE;
	}
	file_hi = ph->p_memsz > ph->p_filesz ? ALIGN_DOWN(file_end, PAGE_SIZE) :
					       ALIGN_UP(file_end, PAGE_SIZE);
	if (file_hi > lo) {
		err = vm_mmap(vm, lo, file_hi - lo, prot, 0, img->file,
			      ALIGN_DOWN(ph->p_offset, PAGE_SIZE) + (lo - start));
		if (err)
			return err;
	}
	bss_lo = MAX(lo, file_hi);
	if (bss_lo < end && file_end > bss_lo) {
		err = exec_load_eager(vm, img, ph, bias, bss_lo, bss_lo + PAGE_SIZE, bounce);
		if (err)
			return err;
		bss_lo += PAGE_SIZE;
	}
	return bss_lo < end ? vm_mmap(vm, bss_lo, end - bss_lo, prot, 0, NULL, 0) : 0;
}

/*
 * A PIE program (ET_DYN, elf_check_phdrs put it at ELF_ET_DYN_BASE) moves
 * up by a random number of pages, as Linux's load_elf_binary adds
 * arch_mmap_rnd() to ELF_ET_DYN_BASE: the same 28 bits of pages as the
 * mmap base (vm_layout.c; 0 without ASLR).
 */
static void exec_randomize_pie(struct elf_info *info)
{
	uint64_t off;

	if (info->type != ET_DYN)
		return;
	off = vm_random_pie_offset();
	info->load_bias += off;
	info->vaddr_lo += off;
	info->vaddr_hi += off;
	info->entry += off;
	if (info->phdr_vaddr)
		info->phdr_vaddr += off;
}

static size_t exec_count(const char *const *v)
{
	size_t n = 0;

	while (v && v[n])
		n++;
	return n;
}

/* The bytes of the strings of v with their NULs. */
static size_t exec_strings_size(const char *const *v)
{
	size_t bytes = 0;

	for (size_t i = 0; v && v[i]; i++)
		bytes += strlen(v[i]) + 1;
	return bytes;
}

/*
 * Words of the initial stack's table: argc, the argv and envp pointers
 * with their NULs, and the auxv pairs.
 */
static size_t exec_table_words(const struct exec_args *args)
{
	return 1 + (exec_count(args->argv) + 1) + (exec_count(args->envp) + 1) +
	       2 * EXEC_AUXV_MAX;
}

/*
 * The initial stack area: the strings and the table, then EXEC_STACK_SIZE
 * to run in (Linux's setup_arg_pages leaves 128 KiB more); it grows down
 * on faults from there.
 */
static uint64_t exec_stack_size(const struct exec_args *args)
{
	uint64_t bytes = exec_strings_size(args->argv) + exec_strings_size(args->envp) +
			 strlen(args->execfn) + 1 + EXEC_AT_RANDOM_LEN + sizeof(EXEC_PLATFORM) +
			 exec_table_words(args) * sizeof(uint64_t) + 2 * EXEC_STACK_ALIGN;

	return ALIGN_UP(bytes, PAGE_SIZE) + EXEC_STACK_SIZE;
}

/*
 * Writes the strings of v in order from addr up, as Linux lays them out
 * (/proc/PID/cmdline reads them as one block); returns the end.
 */
static int exec_put_strings(struct vm_space *vm, uint64_t *addr, const char *const *v)
{
	for (size_t i = 0; v && v[i]; i++) {
		size_t len = strlen(v[i]) + 1;

		if (vm_write(vm, *addr, v[i], len))
			return -EFAULT;
		*addr += len;
	}
	return 0;
}

/*
 * The stack's table goes out through a page of words, so that a program
 * with a hundred thousand arguments needs no table as big in the kernel.
 */
#define EXEC_TABLE_BATCH	(PAGE_SIZE / sizeof(uint64_t))

struct exec_table {
	struct vm_space *vm;
	uint64_t at;		/* where buf[0] goes */
	uint64_t *buf;		/* EXEC_TABLE_BATCH words */
	size_t n;
	int err;
};

static void exec_table_flush(struct exec_table *t)
{
	if (!t->err && t->n && vm_write(t->vm, t->at, t->buf, t->n * sizeof(uint64_t)))
		t->err = -EFAULT;
	t->at += t->n * sizeof(uint64_t);
	t->n = 0;
}

static void exec_table_put(struct exec_table *t, uint64_t word)
{
	t->buf[t->n++] = word;
	if (t->n == EXEC_TABLE_BATCH)
		exec_table_flush(t);
}

/* The address of each string of v, laid out from *addr up, then NULL. */
static void exec_table_put_vector(struct exec_table *t, uint64_t *addr, const char *const *v)
{
	for (size_t i = 0; v && v[i]; i++) {
		exec_table_put(t, *addr);
		*addr += strlen(v[i]) + 1;
	}
	exec_table_put(t, 0);
}

/*
 * The ids auxv reports: those the program runs with (args->cred, after a
 * set-id file changed them: execve.c), else the caller's; root's for a
 * kernel caller. AT_SECURE as Linux's cap_bprm_creds_from_file: execve.c
 * decides it with args->cred, else real and effective ids differ.
 */
static void exec_aux_ids(const struct exec_args *args, uint64_t ids[4], bool *secure)
{
	const struct process *p = process_current();
	const struct cred *c = args->cred ? args->cred : p ? &p->cred : NULL;

	ids[0] = c ? c->uid : 0;
	ids[1] = c ? c->euid : 0;
	ids[2] = c ? c->gid : 0;
	ids[3] = c ? c->egid : 0;
	*secure = args->cred ? args->secure : ids[0] != ids[1] || ids[2] != ids[3];
}

static int exec_build_stack(struct vm_space *vm, const struct elf_info *info,
			    const struct exec_args *args, uint64_t stack_size, uint64_t at_base,
			    uint64_t *sp_out)
{
	size_t argc = exec_count(args->argv);
	size_t strings = exec_strings_size(args->argv) + exec_strings_size(args->envp);
	size_t execfn_len = strlen(args->execfn) + 1;
	uint64_t floor = vm->stack_top - stack_size, execfn, random, platform, sp, at, env_start;
	struct exec_table t = { .vm = vm };
	uint8_t rnd[EXEC_AT_RANDOM_LEN];
	uint64_t ids[4];
	uint32_t a, b, c, d;
	bool secure;
	int err;

	/* From the top: AT_EXECFN's name, the envp and argv strings below it. */
	execfn = vm->stack_top - execfn_len;
	at = execfn - strings;
	if (at < floor)
		return -E2BIG;
	if (args->layout)
		args->layout->arg_start = at;
	err = exec_put_strings(vm, &at, args->argv);
	env_start = at;
	if (!err)
		err = exec_put_strings(vm, &at, args->envp);
	if (!err && vm_write(vm, execfn, args->execfn, execfn_len))
		err = -EFAULT;
	if (err)
		return err;
	if (args->layout) {
		args->layout->arg_end = env_start;
		args->layout->env_start = env_start;
		args->layout->env_end = execfn;
	}
	platform = execfn - strings - sizeof(EXEC_PLATFORM);
	if (vm_write(vm, platform, EXEC_PLATFORM, sizeof(EXEC_PLATFORM)))
		return -EFAULT;
	/* glibc's stack protector and pointer guard come from these. */
	random_get_bytes(rnd, sizeof(rnd));
	random = ALIGN_DOWN(platform - sizeof(rnd), EXEC_STACK_ALIGN);
	if (vm_write(vm, random, rnd, sizeof(rnd)))
		return -EFAULT;
	exec_aux_ids(args, ids, &secure);

	sp = ALIGN_DOWN(random - exec_table_words(args) * sizeof(uint64_t), EXEC_STACK_ALIGN);
	if (sp < floor)
		return -E2BIG;
	t.buf = kmalloc(EXEC_TABLE_BATCH * sizeof(uint64_t));
	if (!t.buf)
		return -ENOMEM;
	t.at = sp;
	exec_table_put(&t, argc);
	at = execfn - strings;
	exec_table_put_vector(&t, &at, args->argv);
	exec_table_put_vector(&t, &at, args->envp);
	cpu_cpuid(CPUID_FEATURES, 0, &a, &b, &c, &d);
#define EXEC_AUX(type, value)	do { exec_table_put(&t, (type)); exec_table_put(&t, (value)); } while (0)
	if (args->layout)
		args->layout->auxv_start = t.at + t.n * sizeof(uint64_t);
	/* First, as Linux's ARCH_DLINFO puts it. */
	if (vm->vdso_base)
		EXEC_AUX(AT_SYSINFO_EHDR, vm->vdso_base);
	EXEC_AUX(AT_PHDR, info->phdr_vaddr);
	EXEC_AUX(AT_PHENT, sizeof(struct elf64_phdr));
	EXEC_AUX(AT_PHNUM, info->phnum);
	EXEC_AUX(AT_PAGESZ, PAGE_SIZE);
	EXEC_AUX(AT_BASE, at_base);	/* the interpreter's, 0 without one */
	EXEC_AUX(AT_FLAGS, 0);
	EXEC_AUX(AT_ENTRY, info->entry);
	EXEC_AUX(AT_UID, ids[0]);
	EXEC_AUX(AT_EUID, ids[1]);
	EXEC_AUX(AT_GID, ids[2]);
	EXEC_AUX(AT_EGID, ids[3]);
	EXEC_AUX(AT_SECURE, secure);
	EXEC_AUX(AT_CLKTCK, EXEC_CLK_TCK);
	EXEC_AUX(AT_HWCAP, d);		/* x86: CPUID 1 EDX, as Linux reports */
	/* x86's ELF_HWCAP2: FSGSBASE and RING3MWAIT, neither enabled here. */
	EXEC_AUX(AT_HWCAP2, 0);
	EXEC_AUX(AT_PLATFORM, platform);
	EXEC_AUX(AT_MINSIGSTKSZ, signal_frame_size_max());
	EXEC_AUX(AT_RANDOM, random);
	EXEC_AUX(AT_EXECFN, execfn);
	EXEC_AUX(AT_NULL, 0);
#undef EXEC_AUX
	if (args->layout)
		args->layout->auxv_end = t.at + t.n * sizeof(uint64_t);
	exec_table_flush(&t);
	kfree(t.buf);
	*sp_out = sp;
	return t.err;
}

/*
 * The ELF header and program header table of img, checked (elf.h):
 * *table is kmalloc'd for the caller to free.
 */
static int exec_read_headers(const struct exec_image *img, struct elf_info *info,
			     struct elf64_phdr **table)
{
	struct elf64_ehdr eh;
	size_t table_len;
	int err;

	*table = NULL;
	if (img->size < sizeof(eh))
		return -ENOEXEC;
	err = img->read(img, 0, &eh, sizeof(eh));
	if (!err)
		err = elf_check_ehdr(&eh, img->size);
	if (err)
		return err;
	table_len = (size_t)eh.e_phnum * sizeof(**table);	/* at most ELF_PHNUM_MAX */
	*table = kmalloc(table_len);
	if (!*table)
		return -ENOMEM;
	err = img->read(img, eh.e_phoff, *table, table_len);
	return err ? err : elf_check_phdrs(&eh, *table, img->size, info);
}

/* The interpreter a program names (PT_INTERP), opened and checked. */
struct exec_interp {
	struct file *file;		/* file_open_exec's */
	struct exec_image img;
	struct elf_info info;
	struct elf64_phdr *table;
};

/*
 * Opens the interpreter named in img (info->interp_*) as execve(2) says:
 * its path must end at the segment's last byte (else -ENOEXEC); the file
 * must exist and be executable (open_exec's errors: -ENOENT, -EACCES...);
 * hold at least an ELF header (Linux's elf_read: a short read is -EIO);
 * and be an ELF image for this machine (else -ELIBBAD: "An ELF
 * interpreter was not in a recognized format"). Linux ignores a PT_INTERP
 * of the interpreter itself, and so does this.
 */
static int exec_open_interp(const struct exec_image *img, const struct elf_info *info,
			    struct exec_interp *in)
{
	char *path = kmalloc(info->interp_len);
	uint64_t size;
	unsigned mode;
	int err;

	memset(in, 0, sizeof(*in));
	if (!path)
		return -ENOMEM;
	err = img->read(img, info->interp_off, path, info->interp_len);
	if (!err && path[info->interp_len - 1] != '\0')
		err = -ENOEXEC;
	if (!err)
		err = file_open_exec(path, &in->file);
	kfree(path);
	if (err)
		return err;
	err = file_getattr_kernel(in->file, &size, &mode);
	if (err)
		return err;
	if (size < sizeof(struct elf64_ehdr))
		return -EIO;
	exec_image_file(&in->img, in->file, size);
	err = exec_read_headers(&in->img, &in->info, &in->table);
	return err == -ENOEXEC ? -ELIBBAD : err;
}

static void exec_close_interp(struct exec_interp *in)
{
	kfree(in->table);
	if (in->file) {
		file_allow_write(in->file);	/* its mappings keep their own reference */
		file_put(in->file);
	}
}

/* Maps every PT_LOAD of an image's table with bias added. */
static int exec_load_segments(struct vm_space *vm, const struct exec_image *img,
			      const struct elf_info *info, const struct elf64_phdr *table,
			      uint64_t bias, uint8_t *bounce)
{
	int err = 0;

	for (unsigned i = 0; !err && i < info->phnum; i++) {
		if (table[i].p_type == PT_LOAD && table[i].p_memsz)
			err = exec_load_segment(vm, img, &table[i], bias, bounce);
	}
	return err;
}

/*
 * Loads the interpreter: an ET_DYN one (ld.so) at the highest free range
 * below the mmap base, as Linux's load_elf_interp maps it with mmap; an
 * ET_EXEC one where it was linked. Sets *entry and *base (AT_BASE).
 */
static int exec_load_interp(struct vm_space *vm, struct exec_interp *in, uint8_t *bounce,
			    uint64_t *entry, uint64_t *base)
{
	/* elf_check_phdrs biased an ET_DYN image for ELF_ET_DYN_BASE: undo it. */
	uint64_t lo = in->info.vaddr_lo - in->info.load_bias;
	uint64_t span = in->info.vaddr_hi - in->info.vaddr_lo, bias = 0;
	int err;

	if (in->info.type == ET_DYN) {
		uint64_t at = vm_find_free(vm, span);

		if (!at)
			return -ENOMEM;
		bias = at - lo;
	} else if (!vm_range_free(vm, in->info.vaddr_lo, span)) {
		return -EINVAL;		/* load_elf_interp: it overlaps the program */
	}
	err = exec_load_segments(vm, &in->img, &in->info, in->table, bias, bounce);
	if (err)
		return err;
	*entry = in->info.entry - in->info.load_bias + bias;
	*base = lo + bias;
	return 0;
}

int exec_load(struct vm_space *vm, const struct exec_image *img,
	      const struct exec_args *args, uint64_t *entry, uint64_t *sp)
{
	struct elf64_phdr *table;
	struct elf_info info;
	struct exec_interp interp = { 0 };
	uint64_t stack_size = exec_stack_size(args), start, at_base = 0;
	uint8_t *bounce = NULL;
	int err = exec_read_headers(img, &info, &table);

	if (!err)
		exec_randomize_pie(&info);
	/* Everything that can refuse the image is checked before mapping. */
	if (!err && info.interp_len)
		err = exec_open_interp(img, &info, &interp);
	if (!err) {
		bounce = kmalloc(PAGE_SIZE);
		if (!bounce)
			err = -ENOMEM;
	}
	if (!err)
		err = exec_load_segments(vm, img, &info, table, info.load_bias, bounce);
	if (!err) {
		/* Randomized unless norandmaps (mm/vm_layout.c); the stack grows on faults. */
		vm_setup_brk(vm, info.vaddr_hi);
		err = vm_setup_stack(vm, stack_size, info.stack_exec);
	}
	/* The interpreter goes below the mmap base the stack's placement set. */
	start = info.entry;
	if (!err && interp.file)
		err = exec_load_interp(vm, &interp, bounce, &start, &at_base);
	/* The vDSO and its vvar page, below the interpreter (AT_SYSINFO_EHDR). */
	if (!err)
		err = vdso_map(vm);
	exec_close_interp(&interp);
	kfree(bounce);
	kfree(table);
	if (!err)
		err = exec_build_stack(vm, &info, args, stack_size, at_base, sp);
	if (err)
		return err;
	*entry = start;
	return 0;
}

int exec_run_image(const void *image, size_t size, const struct exec_args *args,
		   struct user_capture *capture, int *status)
{
	struct vm_space *vm = vm_create();
	struct exec_image img;
	struct process *p;
	uint64_t entry, sp;
	int err;

	if (!vm)
		return -ENOMEM;
	exec_image_memory(&img, image, size);
	err = exec_load(vm, &img, args, &entry, &sp);
	if (err) {
		vm_destroy(vm);
		return err;
	}
	p = process_create_kernel(vm, args->execfn);
	if (!p) {
		vm_destroy(vm);
		return -ENOMEM;
	}
	pr_info("exec: %s: pid %d, entry %#llx, stack %#llx\n", args->execfn, p->pid,
		(unsigned long long)entry, (unsigned long long)sp);
	*status = user_run(p, entry, sp, capture);
	process_release(p);
	return 0;
}
