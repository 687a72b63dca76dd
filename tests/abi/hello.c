/*
 * hello.c: the first Linux program Basalt runs. Built with the host's
 * gcc -static (glibc), it runs unmodified on the host Linux (make test,
 * proving the checks) and inside Basalt (a ktest runs it from a boot
 * module). It checks what glibc's startup and a hello world rely on and
 * prints TAP; the exit status is the number of failures.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include <unistd.h>

#define LARGE_ALLOC	(1 << 20)	/* above glibc's mmap threshold (128 KiB) */

static int failures;
static int test_no;

static void check(int ok, const char *what)
{
	printf("%sok %d - %s\n", ok ? "" : "not ", ++test_no, what);
	if (!ok)
		failures++;
}

int main(int argc, char **argv)
{
	struct utsname u;
	char *small, *large, *anon;
	unsigned long random;

	printf("1..8\n");
	printf("# hello from a glibc static binary\n");
	check(argc >= 1 && argv[0] != NULL && argv[argc] == NULL, "argv is NULL-terminated");
	check(getauxval(AT_PAGESZ) == 4096, "AT_PAGESZ is 4096");
	random = getauxval(AT_RANDOM);
	check(random != 0, "AT_RANDOM points at 16 bytes");
	small = malloc(100);
	if (small)
		strcpy(small, "heap");
	check(small && !strcmp(small, "heap"), "small malloc (brk heap)");
	large = malloc(LARGE_ALLOC);
	if (large)
		memset(large, 0x5a, LARGE_ALLOC);
	check(large && large[LARGE_ALLOC - 1] == 0x5a, "large malloc (mmap)");
	free(large);
	free(small);
	anon = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(anon != MAP_FAILED && anon[0] == 0 && anon[3 * 4096 - 1] == 0 &&
	      munmap(anon, 3 * 4096) == 0, "anonymous mmap is zeroed, munmap");
	check(uname(&u) == 0 && !strcmp(u.machine, "x86_64"), "uname machine x86_64");
	check(getpid() > 0, "getpid");
	printf("# %d failed\n", failures);
	return failures;
}
