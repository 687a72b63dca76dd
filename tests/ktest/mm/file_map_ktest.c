/*
 * file_map_ktest.c: private mappings of a tmpfs file map the file's own
 * frames (tmpfs get_page) until a write copies them, so two address
 * spaces running one program share its text, a write(2) to the file shows
 * through pages not yet written (as Linux's MAP_PRIVATE over the page
 * cache), and a write to the mapping never reaches the file.
 */
#include <basalt/ktest.h>
#include <basalt/string.h>
#include <fs/file.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <mm/vm.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#define KT_MAP_VA	0x20000000ULL	/* well clear of everything */
#define KT_MAP_PATH	"/kt-file-map"
#define KT_MAP_PF_U	(1ULL << 2)	/* SDM 3A 4.7 error code bits */
#define KT_MAP_PF_W	(1ULL << 1)

static uint64_t kt_map_frame(struct vm_space *vm, uint64_t va)
{
	uint64_t phys = 0;

	vm_query(vm, va, &phys, NULL);
	return phys & PTE_ADDR_MASK;
}

static int kt_map_peek(struct vm_space *vm, uint64_t va)
{
	uint64_t phys;

	if (vm_query(vm, va, &phys, NULL))
		return -1;
	return *(uint8_t *)phys_to_virt(phys);
}

static long kt_map_pwrite(struct file *f, const void *buf, size_t len, uint64_t pos)
{
	struct uio u;

	uio_init_kernel(&u, (void *)buf, len);
	return file_pwrite(f, &u, pos);
}

static int kt_map_file_byte(struct file *f, uint64_t pos)
{
	uint8_t c;

	return file_read_kernel(f, &c, 1, pos) == 1 ? c : -1;
}

KTEST(vm_file_private_maps_tmpfs_frames)
{
	static uint8_t page[PAGE_SIZE];
	struct vm_space *a = vm_create(), *b = vm_create();
	struct file *w = NULL, *r = NULL;
	uint64_t cached, frame;
	uint8_t z = 'Z', q = 'Q';

	KT_ASSERT(t, a && b);
	KT_ASSERT(t, vfs_openat(AT_FDCWD, KT_MAP_PATH, O_RDWR | O_CREAT | O_TRUNC, 0644, &w) == 0);
	memset(page, 'A', sizeof(page));
	KT_ASSERT(t, kt_map_pwrite(w, page, sizeof(page), 0) == PAGE_SIZE);
	memset(page, 'B', sizeof(page));
	KT_ASSERT(t, kt_map_pwrite(w, page, sizeof(page), PAGE_SIZE) == PAGE_SIZE);
	KT_ASSERT(t, vfs_openat(AT_FDCWD, KT_MAP_PATH, O_RDONLY, 0, &r) == 0);

	cached = file_get_page(r, 0);
	KT_ASSERT(t, cached != 0);
	KT_EXPECT_EQ(t, vm_frame_refs(cached), 2);	/* the file's and ours */
	vm_frame_put(cached);
	KT_EXPECT_EQ(t, file_get_page(r, 2), 0);	/* past the end */

	/* Two address spaces reading page 0 map the file's frame itself, read-only. */
	KT_ASSERT(t, vm_mmap(a, KT_MAP_VA, 2 * PAGE_SIZE, VM_PROT_WRITE, 0, r, 0) == 0);
	KT_ASSERT(t, vm_mmap(b, KT_MAP_VA, 2 * PAGE_SIZE, VM_PROT_WRITE, 0, r, 0) == 0);
	KT_EXPECT_EQ(t, vm_fault(a, KT_MAP_VA, KT_MAP_PF_U), 0);
	KT_EXPECT_EQ(t, vm_fault(b, KT_MAP_VA, KT_MAP_PF_U), 0);
	KT_EXPECT_EQ(t, kt_map_frame(a, KT_MAP_VA), cached);
	KT_EXPECT_EQ(t, kt_map_frame(b, KT_MAP_VA), cached);
	KT_EXPECT_EQ(t, vm_frame_refs(cached), 3);
	KT_EXPECT_EQ(t, kt_map_peek(a, KT_MAP_VA), 'A');

	/* write(2) to the file shows through a page no one wrote to. */
	KT_ASSERT(t, kt_map_pwrite(w, &z, 1, 0) == 1);
	KT_EXPECT_EQ(t, kt_map_peek(a, KT_MAP_VA), 'Z');

	/* A write fault copies: the file and the other space keep theirs. */
	KT_EXPECT_EQ(t, vm_fault(a, KT_MAP_VA, KT_MAP_PF_U | KT_MAP_PF_W), 0);
	frame = kt_map_frame(a, KT_MAP_VA);
	KT_EXPECT(t, frame != 0 && frame != cached);
	KT_EXPECT_EQ(t, vm_frame_refs(cached), 2);
	KT_ASSERT(t, vm_write(a, KT_MAP_VA, &q, 1) == 0);
	KT_EXPECT_EQ(t, kt_map_peek(a, KT_MAP_VA), 'Q');
	KT_EXPECT_EQ(t, kt_map_peek(b, KT_MAP_VA), 'Z');
	KT_EXPECT_EQ(t, kt_map_file_byte(r, 0), 'Z');

	/* A first touch that writes (vm_write) gets a private copy at once. */
	KT_ASSERT(t, vm_write(b, KT_MAP_VA + PAGE_SIZE, &q, 1) == 0);
	KT_EXPECT_EQ(t, kt_map_peek(b, KT_MAP_VA + PAGE_SIZE), 'Q');
	KT_EXPECT_EQ(t, kt_map_peek(b, KT_MAP_VA + PAGE_SIZE + 1), 'B');
	KT_EXPECT_EQ(t, kt_map_file_byte(r, PAGE_SIZE), 'B');

	vm_destroy(a);
	vm_destroy(b);
	KT_EXPECT_EQ(t, vm_frame_refs(cached), 1);	/* the file's alone */
	file_put(r);
	file_put(w);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, KT_MAP_PATH, 0), 0);
}
