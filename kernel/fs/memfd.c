/*
 * memfd.c: memfd_create(2), anonymous memory files, and their seals
 * (fcntl(2) "File sealing": F_ADD_SEALS, F_GET_SEALS).
 *
 * A memfd is a regular file of an internal tmpfs instance (Linux's
 * shmem_file_setup): its contents are page-cache frames like any tmpfs
 * file, it can be read, written, truncated and mapped shared. It has no
 * name in any directory: the file is made under a unique name in the
 * instance's root and unlinked at once, so its dentry is dead, and the
 * instance's dname gives "/memfd:NAME", to which /proc/PID/fd adds
 * " (deleted)", what Linux shows.
 *
 * The inode's i_fop and i_op are copies of tmpfs's with the operations
 * seals restrict wrapped (write, fallocate, mmap, setattr), so a file
 * reopened through /proc/PID/fd/N is sealed the same. Seals (memfd_inode,
 * the inode's data, freed by tmpfs's evict) follow Linux 6.1's
 * mm/memfd.c and mm/shmem.c:
 *   F_SEAL_SEAL         no more F_ADD_SEALS (EPERM)
 *   F_SEAL_SHRINK/GROW  truncate(2) smaller/larger, writes and fallocate
 *                       past the end: EPERM
 *   F_SEAL_WRITE        write(2) and shared writable mmap(2): EPERM;
 *                       adding it while a shared writable mapping
 *                       exists: EBUSY
 *   F_SEAL_FUTURE_WRITE write(2) and new shared writable mappings: EPERM
 *
 * Locking: memfd_inode.write_sem (taken for reading around a write's
 * check and copy, for writing by F_ADD_SEALS) and the inode's i_rwsem
 * (held by setattr and fallocate's callers, and by F_ADD_SEALS) both
 * guard seals: a reader holds either, a writer both, in that order
 * (write_sem, then i_rwsem, then an address space's sem for the
 * EBUSY walk, which is the order a write faulting on a mapping already
 * takes). mmap's check reads the seals without a lock (see the doubt at
 * memfd_mmap). memfd_instance_lock guards the instance's creation.
 */
#include <basalt/format.h>
#include <basalt/string.h>
#include <basalt/syscalls.h>
#include <fs/file.h>
#include <fs/memfd.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <mm/vm.h>
#include <mm/vma.h>
#include <proc/process.h>
#include <sched/mutex.h>
#include <sched/rwsem.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/memfd.h>
#include <uapi/statfs.h>
#include <user/user.h>

#define MEMFD_NAME_PREFIX	"memfd:"
/* memfd_create(2): the name is at most 249 bytes, NAME_MAX less the prefix. */
#define MEMFD_NAME_MAX		(NAME_MAX - (sizeof(MEMFD_NAME_PREFIX) - 1))
#define MEMFD_FLAGS		(MFD_CLOEXEC | MFD_ALLOW_SEALING)
/* Linux 6.1's F_ALL_SEALS; F_SEAL_EXEC (6.3) is not known yet: EINVAL. */
#define MEMFD_ALL_SEALS		(F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | \
				 F_SEAL_FUTURE_WRITE)
#define MEMFD_WRITE_SEALS	(F_SEAL_WRITE | F_SEAL_FUTURE_WRITE)
/* shmem_file_setup's inodes: S_IFREG | S_IRWXUGO, owned by the creator. */
#define MEMFD_INODE_MODE	(S_IFREG | 0777)
#define MEMFD_ROOT_MODE		(S_IFDIR | 0700)
/* The unique names the files have for the instant before the unlink. */
#define MEMFD_TMP_NAME_MAX	24

/* A memfd inode's data. */
struct memfd_inode {
	unsigned seals;		/* F_SEAL_*: write_sem or i_rwsem to read, both to change */
	struct rwsem write_sem;	/* guards seals against write(2) (see the top) */
	char name[];		/* what memfd_create was given */
};

/* guards: memfd_mnt, memfd_fops, memfd_iops and the counter, set up once */
static struct mutex memfd_instance_lock = MUTEX_INIT(memfd_instance_lock);
static struct vfs_mount *memfd_mnt;
static uint64_t memfd_next_tmp;
/* tmpfs's operations the wrappers pass on to, and the wrapped copies. */
static const struct file_ops *memfd_tmpfs_fops;
static const struct inode_operations *memfd_tmpfs_iops;
static struct file_ops memfd_fops;
static struct inode_operations memfd_iops;

static struct memfd_inode *memfd_of_inode(const struct inode *ino)
{
	return ino && ino->i_fop == &memfd_fops ? ino->data : NULL;
}

/* "/memfd:NAME": a dentry of the instance has no path (Linux's d_path of it). */
static long memfd_dname(struct dentry *d, char *buf, size_t size)
{
	struct memfd_inode *mi = memfd_of_inode(d->inode);
	int n = snprintf(buf, size, "/" MEMFD_NAME_PREFIX "%s", mi ? mi->name : "");

	if (n < 0 || (size_t)n >= size)
		return -ENAMETOOLONG;
	return n;
}

static const struct dentry_operations memfd_dentry_ops = {
	.dname = memfd_dname,
};

/*
 * The byte count a write of len at pos may make under F_SEAL_GROW: Linux
 * checks each page-sized piece (shmem_write_begin), so the pieces that
 * end inside the file are written and the first one past it fails.
 */
static long memfd_grow_room(uint64_t pos, size_t len, uint64_t size)
{
	uint64_t boundary = size / PAGE_SIZE * PAGE_SIZE;

	if (pos + len <= size)
		return (long)len;
	if (boundary > pos)
		return (long)(boundary - pos);
	return -EPERM;
}

static long memfd_write(struct file *f, struct uio *u, uint64_t *pos)
{
	struct memfd_inode *mi = f->inode->data;
	long r = 0;

	down_read(&mi->write_sem);
	if (mi->seals & MEMFD_WRITE_SEALS) {
		r = -EPERM;
	} else if ((mi->seals & F_SEAL_GROW) && u->resid) {
		uint64_t size = __atomic_load_n(&f->inode->size, __ATOMIC_RELAXED);
		uint64_t at = (f->flags & O_APPEND) ? size : *pos;

		r = memfd_grow_room(at, u->resid, size);
		if (r > 0) {
			u->resid = (size_t)r;
			r = 0;
		}
	}
	if (!r)
		r = memfd_tmpfs_fops->write(f, u, pos);
	up_read(&mi->write_sem);
	return r;
}

/* fallocate(2): i_rwsem is held (vfs_fallocate). */
static int memfd_fallocate(struct file *f, int mode, uint64_t off, uint64_t len)
{
	struct memfd_inode *mi = f->inode->data;

	if ((mi->seals & F_SEAL_GROW) && off + len > f->inode->size)
		return -EPERM;
	return memfd_tmpfs_fops->fallocate(f, mode, off, len);
}

/*
 * mmap(2): a shared mapping of a descriptor open for writing may write
 * (Linux's VM_SHARED with VM_MAYWRITE) and is refused under the write
 * seals, as Linux 6.1's mapping_map_writable and
 * seal_check_future_write. Doubt: file_ops.mmap is not told the
 * protection, so a PROT_READ shared mapping of such a descriptor is
 * refused under F_SEAL_FUTURE_WRITE too (Linux maps it without
 * VM_MAYWRITE); and a mapping made between F_ADD_SEALS's walk and its
 * store is not seen (Linux counts writable mappings in the inode).
 */
static int memfd_mmap(struct file *f, bool shared)
{
	struct memfd_inode *mi = f->inode->data;
	unsigned seals = __atomic_load_n(&mi->seals, __ATOMIC_ACQUIRE);

	if (shared && (f->flags & O_ACCMODE) == O_RDWR && (seals & MEMFD_WRITE_SEALS))
		return -EPERM;
	return memfd_tmpfs_fops->mmap(f, shared);
}

/* truncate(2): i_rwsem is held (vfs_setattr). */
static int memfd_setattr(struct dentry *d, const struct vfs_iattr *attr)
{
	struct memfd_inode *mi = d->inode->data;

	if (attr->valid & ATTR_SIZE) {
		uint64_t old = d->inode->size;

		if ((attr->size < old && (mi->seals & F_SEAL_SHRINK)) ||
		    (attr->size > old && (mi->seals & F_SEAL_GROW)))
			return -EPERM;
	}
	return memfd_tmpfs_iops->setattr(d, attr);
}

/* Makes the internal tmpfs instance and the wrapped operations once. */
static int memfd_instance(void)
{
	struct super_block *sb;
	int err = 0;

	mutex_lock(&memfd_instance_lock);
	if (memfd_mnt)
		goto out;
	err = tmpfs_fill_super(&tmpfs_type, NULL, MEMFD_ROOT_MODE, &sb);
	if (err)
		goto out;
	sb->d_op = &memfd_dentry_ops;	/* the root keeps its name "/" */
	memfd_mnt = vfs_kern_mount(sb);
	if (!memfd_mnt)
		err = -ENOMEM;	/* the instance stays for the next try */
out:
	mutex_unlock(&memfd_instance_lock);
	return err;
}

/*
 * The wrapped copies of the operations tmpfs gave ino (its first
 * regular file), made once under memfd_instance_lock.
 */
static void memfd_wrap_ops(const struct inode *ino)
{
	if (memfd_tmpfs_fops)
		return;
	memfd_tmpfs_fops = ino->i_fop;
	memfd_tmpfs_iops = ino->i_op;
	memfd_fops = *ino->i_fop;
	memfd_fops.write = memfd_write;
	memfd_fops.fallocate = memfd_fallocate;
	memfd_fops.mmap = memfd_mmap;
	memfd_iops = *ino->i_op;
	memfd_iops.setattr = memfd_setattr;
}

/*
 * A new memfd inode's dentry (dead: made and unlinked in the instance's
 * root), referenced, with mi as its data.
 */
static int memfd_new_dentry(struct memfd_inode *mi, struct dentry **out)
{
	const struct cred *c = vfs_cred();
	struct dentry *root = memfd_mnt->root, *d;
	char tmp[MEMFD_TMP_NAME_MAX];
	size_t len;
	int err;

	mutex_lock(&memfd_instance_lock);
	len = (size_t)snprintf(tmp, sizeof(tmp), "%llu", (unsigned long long)memfd_next_tmp++);
	err = tmpfs_make_node(root, tmp, len, MEMFD_INODE_MODE, 0, NULL, &d);
	if (!err) {
		struct inode *ino = d->inode;

		memfd_wrap_ops(ino);
		inode_lock(ino);
		ino->uid = c->fsuid;
		ino->gid = c->fsgid;
		ino->data = mi;
		ino->i_fop = &memfd_fops;
		ino->i_op = &memfd_iops;
		inode_unlock(ino);
		/* Unlinked: no links left, as Linux's __shmem_file_setup clear_nlink. */
		err = tmpfs_remove_node(root, tmp, len);
		if (err)
			dentry_put(d);
	}
	mutex_unlock(&memfd_instance_lock);
	if (!err)
		*out = d;
	return err;
}

SYSCALL_DEFINE2(memfd_create, const char __user *, uname, unsigned int, flags)
{
	struct memfd_inode *mi;
	struct dentry *d;
	struct file *f;
	long len;
	int err, fd;

	/* Linux's order: the flags, the name's length, then the descriptor. */
	if (flags & ~MEMFD_FLAGS)
		return -EINVAL;
	len = strnlen_user(uname, MEMFD_NAME_MAX + 1);
	if (len < 0)
		return -EFAULT;
	if ((size_t)len > MEMFD_NAME_MAX)
		return -EINVAL;
	mi = kzalloc(sizeof(*mi) + (size_t)len + 1);
	if (!mi)
		return -ENOMEM;
	if (strncpy_from_user(mi->name, uname, (size_t)len + 1) != len) {
		kfree(mi);
		return -EFAULT;
	}
	rwsem_init_named(&mi->write_sem, "memfd.write_sem");
	mi->seals = (flags & MFD_ALLOW_SEALING) ? 0 : F_SEAL_SEAL;
	err = memfd_instance();
	if (err) {
		kfree(mi);
		return err;
	}
	err = memfd_new_dentry(mi, &d);
	if (err) {
		kfree(mi);
		return err;
	}
	/* From here the inode owns mi (tmpfs's evict frees it). */
	{
		struct path p = { .mnt = memfd_mnt, .dentry = d };

		err = vfs_open_path(&p, O_RDWR | O_LARGEFILE, &f);
	}
	dentry_put(d);
	if (err)
		return err;
	fd = fd_install(f, (flags & MFD_CLOEXEC) ? FD_CLOEXEC_FLAG : 0);
	if (fd < 0)
		file_put(f);
	return fd;
}

/* ---- F_SEAL_WRITE's EBUSY: is the file mapped shared and writable? ---------- */

struct memfd_vm_walk {
	struct vm_space **vms;	/* referenced (vm_get) */
	unsigned n, max;
};

static int memfd_collect_vm(struct process *p, void *arg)
{
	struct memfd_vm_walk *w = arg;

	if (p->vm && w->n < w->max) {
		vm_get(p->vm);
		w->vms[w->n++] = p->vm;
	}
	return 0;
}

/*
 * Whether some address space maps ino shared from a descriptor open for
 * writing (VMA_MAYWRITE), Linux's i_mmap_writable > 0. The spaces are
 * taken under tasklist_lock and looked at after it, each under its sem.
 */
static int memfd_mapped_writable(const struct inode *ino, bool *mapped)
{
	struct memfd_vm_walk w = { .max = PROCESS_MAX };

	*mapped = false;
	w.vms = kmalloc(sizeof(*w.vms) * w.max);
	if (!w.vms)
		return -ENOMEM;
	process_for_each(memfd_collect_vm, &w);
	for (unsigned i = 0; i < w.n; i++) {
		struct vm_space *vm = w.vms[i];

		down_read(&vm->sem);
		for (const struct vma *v = vm->vmas.head; v && !*mapped; v = v->next)
			*mapped = v->file && v->file->inode == ino &&
				  (v->flags & (VMA_SHARED | VMA_MAYWRITE)) ==
				  (VMA_SHARED | VMA_MAYWRITE);
		up_read(&vm->sem);
		vm_put(vm);
	}
	kfree(w.vms);
	return 0;
}

/* memfd_add_seals (mm/memfd.c): the checks in Linux's order. */
static long memfd_add_seals(struct file *f, unsigned seals)
{
	struct inode *ino = f->inode;
	struct memfd_inode *mi = memfd_of_inode(ino);
	long err = 0;

	if ((f->flags & O_ACCMODE) == O_RDONLY || (f->flags & O_PATH))
		return -EPERM;
	if (seals & ~MEMFD_ALL_SEALS)
		return -EINVAL;
	if (!mi) {
		/* Other tmpfs files are sealed with F_SEAL_SEAL from birth (shmem). */
		return ino && ino->sb->magic == TMPFS_MAGIC && S_ISREG(ino->mode) ? -EPERM :
		       -EINVAL;
	}
	down_write(&mi->write_sem);
	inode_lock(ino);
	if (mi->seals & F_SEAL_SEAL) {
		err = -EPERM;
	} else if ((seals & F_SEAL_WRITE) && !(mi->seals & F_SEAL_WRITE)) {
		bool mapped;

		err = memfd_mapped_writable(ino, &mapped);
		if (!err && mapped)
			err = -EBUSY;
	}
	if (!err)
		__atomic_store_n(&mi->seals, mi->seals | seals, __ATOMIC_RELEASE);
	inode_unlock(ino);
	up_write(&mi->write_sem);
	return err;
}

long memfd_fcntl(struct file *f, unsigned cmd, unsigned long arg)
{
	struct memfd_inode *mi = memfd_of_inode(f->inode);

	if (cmd == F_ADD_SEALS) {
		/* Linux 6.1's memfd_fcntl refuses the upper half (later kernels ignore it). */
		if (arg > UINT32_MAX)
			return -EINVAL;
		return memfd_add_seals(f, (unsigned)arg);
	}
	if (cmd != F_GET_SEALS)
		return -EINVAL;
	if (mi)
		return __atomic_load_n(&mi->seals, __ATOMIC_ACQUIRE);
	if (f->inode && f->inode->sb->magic == TMPFS_MAGIC && S_ISREG(f->inode->mode))
		return F_SEAL_SEAL;
	return -EINVAL;
}

/*
 * A kernel user's memfd (System V shared memory, Linux's
 * shmem_kernel_file_setup): an unlinked file of the instance, open
 * read-write, sealed against F_ADD_SEALS, named "memfd:NAME".
 */
int memfd_file_kernel(const char *name, struct file **out)
{
	size_t len = strlen(name);
	struct memfd_inode *mi;
	struct dentry *d;
	int err;

	if (len > MEMFD_NAME_MAX)
		return -EINVAL;
	mi = kzalloc(sizeof(*mi) + len + 1);
	if (!mi)
		return -ENOMEM;
	memcpy(mi->name, name, len + 1);
	rwsem_init_named(&mi->write_sem, "memfd.write_sem");
	mi->seals = F_SEAL_SEAL;
	err = memfd_instance();
	if (!err)
		err = memfd_new_dentry(mi, &d);
	if (err) {
		kfree(mi);
		return err;
	}
	{
		struct path p = { .mnt = memfd_mnt, .dentry = d };

		err = vfs_open_path(&p, O_RDWR | O_LARGEFILE, out);
	}
	dentry_put(d);
	return err;
}
