/*
 * auxv.c: the initial process state a Linux program starts with (System
 * V AMD64 ABI 3.4; Linux's create_elf_tables): argv and envp on the
 * stack, and an auxiliary vector whose entries match the program.
 * Run on the host and on Basalt; prints TAP, exits with the failure count.
 */
#define _GNU_SOURCE
#include <cpuid.h>
#include <elf.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#define PLAN	18
/* x86's AT_HWCAP2 bits (asm/hwcap2.h): RING3MWAIT, FSGSBASE. */
#define AUXV_HWCAP2_RING3MWAIT	(1UL << 0)
#define AUXV_HWCAP2_FSGSBASE	(1UL << 1)
/* CPUID.(EAX=7,ECX=0):EBX bit 0, the CPU has RDFSBASE and friends. */
#define AUXV_CPUID7_FSGSBASE	(1U << 0)
/* USER_HZ: times(2) ticks per second on x86_64. */
#define AUXV_CLK_TCK		100UL
#define AUXV_MAPS_LINE		256
/* Linux's x86_64 ELF_PLATFORM. */
#define AUXV_PLATFORM	"x86_64"
/* A signal frame's bounds: FXSAVE's 512 bytes and more; Linux's AVX-512 frame is ~3.6 KiB. */
#define AUXV_SIGFRAME_MIN	1024UL
#define AUXV_SIGFRAME_MAX	16384UL

extern const ElfW(Ehdr) __ehdr_start;	/* the linker's: our own ELF header */
extern char _start[];
extern char **environ;

static int failures, test_no;

/* An entry of the auxiliary vector as the kernel wrote it (after envp's NULL), or 0. */
static unsigned long raw_aux(char **envp, unsigned long type)
{
	const unsigned long *v;

	while (*envp)
		envp++;
	for (v = (const unsigned long *)(envp + 1); v[0] != AT_NULL; v += 2)
		if (v[0] == type)
			return v[1];
	return 0;
}

/* The permissions of the [stack] line of /proc/self/maps ("rw-p"), or "". */
static void stack_perms(char perms[5])
{
	char line[AUXV_MAPS_LINE];
	FILE *f = fopen("/proc/self/maps", "r");

	perms[0] = 0;
	while (f && fgets(line, sizeof(line), f))
		if (strstr(line, "[stack]") && sscanf(line, "%*x-%*x %4s", perms) != 1)
			perms[0] = 0;
	if (f)
		fclose(f);
}

static void check(int ok, const char *what)
{
	printf("%sok %d - %s\n", ok ? "" : "not ", ++test_no, what);
	if (!ok)
		failures++;
}

int main(int argc, char **argv, char **envp)
{
	const ElfW(Phdr) *phdr = (const void *)getauxval(AT_PHDR);
	const unsigned char *random = (const void *)getauxval(AT_RANDOM);
	const char *execfn = (const char *)getauxval(AT_EXECFN);
	/* Linux puts envp right after argv's NULL; glibc's environ starts there. */
	char **after_argv = argv + argc + 1;

	printf("1..%d\n", PLAN);
	check(argc >= 1 && argv[argc] == NULL && strlen(argv[0]) > 0, "argc and argv");
	check(envp == after_argv && environ == envp, "envp follows argv's NULL");
	check(envp[0] && strchr(envp[0], '=') && getenv(strndupa(envp[0],
	      (size_t)(strchr(envp[0], '=') - envp[0]))) != NULL,
	      "the environment reached getenv");
	check(phdr == (const void *)((const char *)&__ehdr_start + __ehdr_start.e_phoff),
	      "AT_PHDR is our program header table");
	check(getauxval(AT_PHNUM) == __ehdr_start.e_phnum &&
	      getauxval(AT_PHENT) == sizeof(ElfW(Phdr)), "AT_PHNUM and AT_PHENT");
	check(getauxval(AT_ENTRY) == (uintptr_t)_start, "AT_ENTRY is _start");
	check(random != NULL && (random[0] | random[1] | random[2] | random[3] |
				 random[12] | random[13] | random[14] | random[15]) != 0,
	      "AT_RANDOM: 16 bytes, not all zero");
	check(execfn != NULL && strlen(execfn) > 0, "AT_EXECFN names the program");
	check(getauxval(AT_PAGESZ) == 4096 && getauxval(AT_SECURE) == 0,
	      "AT_PAGESZ 4096, AT_SECURE 0");
	check(((uintptr_t)argv & 7) == 0 && (uintptr_t)argv > (uintptr_t)&argc,
	      "argv lies on the stack above main's frame");
	check(getauxval(AT_UID) == getuid() && getauxval(AT_EUID) == geteuid() &&
	      getauxval(AT_GID) == getgid() && getauxval(AT_EGID) == getegid(),
	      "AT_UID, AT_EUID, AT_GID, AT_EGID are our ids");
	check(getauxval(AT_PLATFORM) &&
	      !strcmp((const char *)getauxval(AT_PLATFORM), AUXV_PLATFORM),
	      "AT_PLATFORM is \"" AUXV_PLATFORM "\"");
	check(getauxval(AT_MINSIGSTKSZ) >= AUXV_SIGFRAME_MIN &&
	      getauxval(AT_MINSIGSTKSZ) <= AUXV_SIGFRAME_MAX,
	      "AT_MINSIGSTKSZ is a signal frame's size");
	{
		unsigned a, b, c, d, b7 = 0;
		unsigned long hwcap2 = getauxval(AT_HWCAP2);
		char perms[5];

		__cpuid(1, a, b, c, d);
		/*
		 * Linux 6.1 reports all of CPUID 1 EDX; some later hosts less.
		 * The vector itself: glibc's getauxval(AT_HWCAP) is its own
		 * HWCAP_X86_64, not the kernel's.
		 */
		check(raw_aux(envp, AT_HWCAP) && !(raw_aux(envp, AT_HWCAP) & ~(unsigned long)d),
		      "AT_HWCAP: bits of CPUID 1 EDX");
		if (__get_cpuid_max(0, NULL) >= 7)
			__cpuid_count(7, 0, a, b7, c, d);
		check(!(hwcap2 & ~(AUXV_HWCAP2_RING3MWAIT | AUXV_HWCAP2_FSGSBASE)) &&
		      (!(hwcap2 & AUXV_HWCAP2_FSGSBASE) || (b7 & AUXV_CPUID7_FSGSBASE)),
		      "AT_HWCAP2 has only x86's bits, FSGSBASE only on a CPU with it");
		check(getauxval(AT_CLKTCK) == AUXV_CLK_TCK &&
		      sysconf(_SC_CLK_TCK) == (long)AUXV_CLK_TCK, "AT_CLKTCK is USER_HZ, 100");
		/* PT_GNU_STACK without PF_X (every toolchain's default): no exec. */
		stack_perms(perms);
		check(!strcmp(perms, "rw-p"), "PT_GNU_STACK: the stack is rw-p, not executable");
	}
#ifdef ABI_DYNAMIC
	{
		const ElfW(Ehdr) *ld = (const void *)getauxval(AT_BASE);

		check(ld && !memcmp(ld->e_ident, ELFMAG, SELFMAG) && ld->e_type == ET_DYN,
		      "AT_BASE is where the interpreter (an ET_DYN image) was loaded");
	}
#else
	check(getauxval(AT_BASE) == 0, "AT_BASE is 0 without an interpreter");
#endif
	printf("# %d failed\n", failures);
	return failures;
}
