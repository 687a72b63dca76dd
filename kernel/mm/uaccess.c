/*
 * uaccess.c: the only way the kernel touches user memory.
 *
 * Each helper checks that the whole range lies in the user half (so a
 * kernel-half or wrapping pointer never reaches the MMU) and then does
 * the access with an instruction listed in the exception table
 * (<asm/extable.h>): a page fault on a NULL, unmapped or protected user
 * page resumes at the fixup and the helper returns -EFAULT, never a
 * panic. With SMAP on, supervisor accesses to user pages fault unless
 * RFLAGS.AC is set, so the accesses are bracketed by stac/clac (Intel SDM
 * Vol. 3A 4.6.1); those instructions are #UD without SMAP, hence the flag.
 */
#include <user/user.h>
#include <asm/cpu.h>
#include <asm/extable.h>
#include <basalt/log.h>
#include <basalt/vmlayout.h>
#include <uapi/errno.h>

#define CPUID_EXT_FEATURES_LEAF	7	/* SDM Vol. 2A CPUID, leaf 07H */
#define CPUID_7_EBX_SMEP	(1u << 7)
#define CPUID_7_EBX_SMAP	(1u << 20)
#define CPUID_MAX_LEAF		0
#define CR4_SMEP		(1ULL << 20)	/* SDM Vol. 3A 2.5 */
#define CR4_SMAP		(1ULL << 21)

/* Written once by uaccess_init, before any user program runs. */
static bool uaccess_smap;
static bool uaccess_smep;

void uaccess_init(void)
{
	uint32_t max, b, c, d, ebx;

	cpu_cpuid(CPUID_MAX_LEAF, 0, &max, &b, &c, &d);
	if (max < CPUID_EXT_FEATURES_LEAF) {
		pr_info("uaccess: no CPUID leaf 7: no SMEP/SMAP\n");
		return;
	}
	cpu_cpuid(CPUID_EXT_FEATURES_LEAF, 0, &max, &ebx, &c, &d);
	if (ebx & CPUID_7_EBX_SMEP) {
		cpu_write_cr4(cpu_read_cr4() | CR4_SMEP);
		uaccess_smep = true;
	}
	if (ebx & CPUID_7_EBX_SMAP) {
		cpu_write_cr4(cpu_read_cr4() | CR4_SMAP);
		uaccess_smap = true;
	}
	pr_info("uaccess: SMEP %s, SMAP %s\n", uaccess_smep ? "on" : "absent",
		uaccess_smap ? "on" : "absent");
}

bool uaccess_smap_enabled(void)
{
	return uaccess_smap;
}

bool uaccess_smep_enabled(void)
{
	return uaccess_smep;
}

static inline void uaccess_begin(void)
{
	if (uaccess_smap)
		__asm__ volatile("stac" ::: "memory");
}

static inline void uaccess_end(void)
{
	if (uaccess_smap)
		__asm__ volatile("clac" ::: "memory");
}

bool uaccess_range_ok(uint64_t addr, size_t len)
{
	return addr <= USER_SPACE_END && len <= USER_SPACE_END - addr;
}

/*
 * rep movsq then rep movsb for the tail, as memcpy (lib/string.c). Both
 * are restartable: when one faults, %rcx holds the units not yet copied
 * (SDM Vol. 2B MOVS, "REP prefix"), and the fixups turn that into bytes
 * (qwords left times 8 plus the tail, or the tail bytes left) and resume
 * at the end. Returns the bytes left, 0 on success.
 */
/*
 * Copies len bytes between user and kernel memory; returns how many were
 * not copied (0, or the count from the first byte that faulted on).
 *
 * 64-byte blocks of plain loads and stores, then 8-byte words, then
 * bytes: what Linux does on CPUs without fast string instructions
 * (copy_user_generic_unrolled). A rep movsq costs one trip through an
 * emulator's dispatch loop per 8 bytes (QEMU's TCG runs each iteration
 * of a rep string instruction as a pass of its own), so a 4 KiB copy
 * took 512 of them; the block loop takes 64 passes of straight-line code.
 *
 * A fault anywhere in the block or word loops resumes at the byte loop:
 * the pointers and the count move only after a whole block or word is
 * stored, so the byte loop starts again at its first byte (rewriting what
 * was already stored with the same data) and stops exactly at the byte
 * that faults, as copy_to_user(9) reports it.
 */
#define UACCESS_FIXUP(insn)	EXTABLE_ENTRY(insn, 40b, EXTABLE_QUIET)

static size_t uaccess_copy(void *dst, const void *src, size_t len)
{
	uaccess_begin();
	__asm__ volatile("	cmpq $64, %%rcx\n"
			 "	jb 30f\n"
			 "10:	movq 0(%%rsi), %%r8\n"
			 "11:	movq 8(%%rsi), %%r9\n"
			 "12:	movq 16(%%rsi), %%r10\n"
			 "13:	movq 24(%%rsi), %%r11\n"
			 "14:	movq %%r8, 0(%%rdi)\n"
			 "15:	movq %%r9, 8(%%rdi)\n"
			 "16:	movq %%r10, 16(%%rdi)\n"
			 "17:	movq %%r11, 24(%%rdi)\n"
			 "18:	movq 32(%%rsi), %%r8\n"
			 "19:	movq 40(%%rsi), %%r9\n"
			 "20:	movq 48(%%rsi), %%r10\n"
			 "21:	movq 56(%%rsi), %%r11\n"
			 "22:	movq %%r8, 32(%%rdi)\n"
			 "23:	movq %%r9, 40(%%rdi)\n"
			 "24:	movq %%r10, 48(%%rdi)\n"
			 "25:	movq %%r11, 56(%%rdi)\n"
			 "	addq $64, %%rsi\n"
			 "	addq $64, %%rdi\n"
			 "	subq $64, %%rcx\n"
			 "	cmpq $64, %%rcx\n"
			 "	jae 10b\n"
			 "30:	cmpq $8, %%rcx\n"
			 "	jb 40f\n"
			 "31:	movq (%%rsi), %%r8\n"
			 "32:	movq %%r8, (%%rdi)\n"
			 "	addq $8, %%rsi\n"
			 "	addq $8, %%rdi\n"
			 "	subq $8, %%rcx\n"
			 "	jmp 30b\n"
			 "40:	rep movsb\n"
			 "41:\n"
			 UACCESS_FIXUP(10b) UACCESS_FIXUP(11b) UACCESS_FIXUP(12b)
			 UACCESS_FIXUP(13b) UACCESS_FIXUP(14b) UACCESS_FIXUP(15b)
			 UACCESS_FIXUP(16b) UACCESS_FIXUP(17b) UACCESS_FIXUP(18b)
			 UACCESS_FIXUP(19b) UACCESS_FIXUP(20b) UACCESS_FIXUP(21b)
			 UACCESS_FIXUP(22b) UACCESS_FIXUP(23b) UACCESS_FIXUP(24b)
			 UACCESS_FIXUP(25b) UACCESS_FIXUP(31b) UACCESS_FIXUP(32b)
			 EXTABLE_ENTRY(40b, 41b, EXTABLE_QUIET)
			 : "+D"(dst), "+S"(src), "+c"(len)
			 :
			 : "r8", "r9", "r10", "r11", "cc", "memory");
	uaccess_end();
	return len;
}

size_t copy_from_user_upto(void *dst, const void __user *src, size_t len)
{
	if (!uaccess_range_ok((uint64_t)src, len))
		return 0;
	return len - uaccess_copy(dst, src, len);
}

size_t copy_to_user_upto(void __user *dst, const void *src, size_t len)
{
	if (!uaccess_range_ok((uint64_t)dst, len))
		return 0;
	return len - uaccess_copy(dst, src, len);
}

int copy_from_user(void *dst, const void __user *src, size_t len)
{
	if (!uaccess_range_ok((uint64_t)src, len))
		return -EFAULT;
	return uaccess_copy(dst, src, len) ? -EFAULT : 0;
}

int copy_to_user(void __user *dst, const void *src, size_t len)
{
	if (!uaccess_range_ok((uint64_t)dst, len))
		return -EFAULT;
	return uaccess_copy(dst, src, len) ? -EFAULT : 0;
}

/* One aligned 8-byte word through the exception table: 0, or -EFAULT. */
static int uaccess_get_word(uint64_t addr, uint64_t *out)
{
	int err = -EFAULT;
	uint64_t w;

	uaccess_begin();
	__asm__ volatile("1:	movq (%[p]), %[w]\n"
			 "	xorl %k[err], %k[err]\n"
			 "2:\n"
			 EXTABLE_ENTRY(1b, 2b, EXTABLE_QUIET)
			 : [w] "=r"(w), [err] "+r"(err)
			 : [p] "r"(addr)
			 : "memory");
	uaccess_end();
	if (!err)
		*out = w;
	return err;
}

#define UACCESS_WORD		sizeof(uint64_t)
#define UACCESS_BYTE_BITS	8

/*
 * The string work of strncpy_from_user and strnlen_user: reads src a
 * word at a time, each word aligned (so never across a page boundary:
 * its first wanted byte's page holds it whole), and stops at the NUL or
 * after count bytes. dst (may be NULL) gets the bytes. The length, count,
 * or -EFAULT.
 */
static long uaccess_string(char *dst, uint64_t src, size_t count)
{
	size_t n = 0;

	while (n < count) {
		uint64_t at = src + n, base = at & ~(uint64_t)(UACCESS_WORD - 1), word;

		if (!uaccess_range_ok(base, UACCESS_WORD) || uaccess_get_word(base, &word))
			return -EFAULT;
		for (unsigned off = (unsigned)(at - base); off < UACCESS_WORD && n < count; off++) {
			char c = (char)(word >> (off * UACCESS_BYTE_BITS));

			if (dst)
				dst[n] = c;
			if (c == '\0')
				return (long)n;
			n++;
		}
	}
	return (long)count;
}

long strncpy_from_user(char *dst, const char __user *src, size_t count)
{
	return uaccess_string(dst, (uint64_t)src, count);
}

long strnlen_user(const char __user *src, size_t count)
{
	return uaccess_string(NULL, (uint64_t)src, count);
}
