/*
 * fault_ktest.c: the CPU enforces what paging.c and kstack.c set up.
 * probe_read_u64/probe_write_u64 (<asm/extable.h>) turn the page fault of
 * a forbidden access into -EFAULT, so each rule is tried for real.
 */
#include <basalt/ktest.h>
#include <basalt/vmlayout.h>
#include <asm/extable.h>
#include <uapi/errno.h>
#include <mm/mm.h>

#define KT_PATTERN	0x0123456789abcdefULL

extern char _text_start[], _kernel_phys_start[];
extern char boot_stack_guard[], boot_stack[];

static const uint64_t kt_ro_word = KT_PATTERN;	/* .rodata */
static uint64_t kt_rw_word = KT_PATTERN;	/* .data */

KTEST(fault_boot_stack_guard)
{
	uint64_t v;

	KT_EXPECT_EQ(t, probe_read_u64(boot_stack_guard, &v), -EFAULT);
	KT_EXPECT_EQ(t, probe_read_u64(boot_stack_guard + PAGE_SIZE - sizeof(v), &v), -EFAULT);
	KT_EXPECT_EQ(t, probe_read_u64(boot_stack, &v), 0);
}

KTEST(fault_write_protect)
{
	uint64_t v;

	/* CR0.WP: ring 0 cannot write read-only pages either. */
	KT_EXPECT_EQ(t, probe_read_u64(_text_start, &v), 0);
	KT_EXPECT_EQ(t, probe_write_u64(_text_start, v), -EFAULT);
	KT_EXPECT_EQ(t, probe_write_u64((void *)&kt_ro_word, 0), -EFAULT);
	KT_EXPECT_EQ(t, kt_ro_word, KT_PATTERN);
	KT_EXPECT_EQ(t, probe_write_u64(&kt_rw_word, ~KT_PATTERN), 0);
	KT_EXPECT_EQ(t, kt_rw_word, ~KT_PATTERN);
}

KTEST(fault_identity_map_gone)
{
	uint64_t v;

	KT_EXPECT_EQ(t, probe_read_u64(_kernel_phys_start, &v), -EFAULT);
	KT_EXPECT_EQ(t, probe_read_u64(phys_to_virt((uint64_t)_kernel_phys_start), &v), 0);
}

KTEST(fault_kstack_guard)
{
	unsigned char *s = kstack_alloc();
	uint64_t v;

	KT_ASSERT(t, s != NULL);
	KT_EXPECT_EQ(t, probe_read_u64(s - sizeof(v), &v), -EFAULT);
	KT_EXPECT_EQ(t, probe_write_u64(s - sizeof(v), 0), -EFAULT);
	KT_EXPECT_EQ(t, probe_write_u64(s, KT_PATTERN), 0);
	KT_EXPECT_EQ(t, probe_write_u64(s + KSTACK_SIZE - sizeof(v), KT_PATTERN), 0);
	KT_EXPECT_EQ(t, kstack_free(s), 0);
	KT_EXPECT_EQ(t, probe_read_u64(s, &v), -EFAULT);	/* gone after free */
}
