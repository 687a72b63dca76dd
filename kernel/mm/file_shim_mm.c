/*
 * file_shim_mm.c: TEMPORARY stand-ins for the parts of fs/file.h that
 * the mm branch calls (private file mappings) until the VFS branch that
 * implements them is merged. Every definition is weak, so the real one
 * wins at link time without a conflict; delete this file after the merge.
 *
 * They behave as the contract says, for files whose ops the caller made
 * (the ktests): fd_get has no descriptor table to look in, so every
 * descriptor is bad (-EBADF for mmap).
 */
#include <fs/file.h>
#include <asm/cpu.h>
#include <basalt/compiler.h>
#include <mm/mm.h>
#include <uapi/errno.h>

__attribute__((weak)) struct file *fd_get(int fd __unused)
{
	return NULL;
}

__attribute__((weak)) void file_get(struct file *f)
{
	uint64_t flags = cpu_irq_save();

	f->ref++;
	cpu_irq_restore(flags);
}

__attribute__((weak)) void file_put(struct file *f)
{
	uint64_t flags = cpu_irq_save();
	bool last = --f->ref == 0;

	cpu_irq_restore(flags);
	if (!last)
		return;
	if (f->ops && f->ops->release)
		f->ops->release(f);
	kfree(f);
}

__attribute__((weak)) long file_read_kernel(struct file *f, void *buf, size_t len,
					    uint64_t pos)
{
	struct uio u;

	if (!f->ops || !f->ops->read)
		return -EINVAL;
	uio_init_kernel(&u, buf, len);
	return f->ops->read(f, &u, &pos);
}
