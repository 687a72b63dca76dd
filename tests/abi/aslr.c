/*
 * aslr.c: address space layout randomization as Linux's: two runs of the
 * same program put the stack, the mmap area, the heap (brk), a PIE
 * program, the interpreter (AT_BASE) and the vDSO at different places;
 * with personality(ADDR_NO_RANDOMIZE) (setarch -R) two runs are equal;
 * /proc/sys/kernel/randomize_va_space reads 0-2, and root may set it (1:
 * the heap of a fixed-address program stays; 0: nothing random; 3 is
 * taken, as Linux's proc_dointvec takes any int). The sysctl is only
 * written in a test VM (our parent is PID 1, the ABI init), never on the
 * host, whose other programs would feel it. The program re-executes
 * itself in "report" mode to print its layout. Prints TAP; runs on the
 * host, in Basalt and under Linux.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "abi_tap.h"

#define ADDR_NO_RANDOMIZE	0x0040000
#define PERSONALITY_QUERY	0xffffffffUL
#define VA_SPACE_PATH		"/proc/sys/kernel/randomize_va_space"
#define LINE_MAX_LEN		256
#define ELF_TYPE_OFFSET		16	/* e_type in the ELF header */
#define ELF_ET_DYN		3
#ifndef AT_SYSINFO_EHDR
#define AT_SYSINFO_EHDR		33
#endif

/* One run's layout. */
struct layout {
	unsigned long stack, map, brk, code, base, vdso;
};

static int report(void)
{
	int local = 0;
	void *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	printf("%lx %lx %lx %lx %lx %lx\n", (unsigned long)&local, (unsigned long)m,
	       (unsigned long)raw(SYS_brk, 0, 0, 0), (unsigned long)(uintptr_t)&report,
	       getauxval(AT_BASE), getauxval(AT_SYSINFO_EHDR));
	return 0;
}

/* Runs argv0 in report mode (without ASLR if norand); 0 and *l, or -1. */
static int run(const char *argv0, int norand, struct layout *l)
{
	char line[LINE_MAX_LEN];
	int fds[2], status;
	ssize_t n;
	pid_t pid;

	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid == 0) {
		char *const av[] = { (char *)argv0, "report", NULL };

		if (norand && raw(SYS_personality, ADDR_NO_RANDOMIZE, 0, 0) < 0)
			_exit(126);
		dup2(fds[1], 1);
		close(fds[0]);
		execv(argv0, av);
		_exit(127);
	}
	close(fds[1]);
	n = read(fds[0], line, sizeof(line) - 1);
	line[n > 0 ? n : 0] = '\0';
	close(fds[0]);
	waitpid(pid, &status, 0);
	if (status || sscanf(line, "%lx %lx %lx %lx %lx %lx", &l->stack, &l->map, &l->brk,
			     &l->code, &l->base, &l->vdso) != 6) {
		diag("report run failed: status %#x, \"%s\"", status, line);
		return -1;
	}
	return 0;
}

/* The sysctl's value, or -1. */
static int va_space_get(void)
{
	char buf[16] = "";
	int fd = open(VA_SPACE_PATH, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

	if (fd >= 0)
		close(fd);
	if (n <= 0 || buf[n - 1] != '\n')
		return -1;
	return atoi(buf);
}

/* Writes text to the sysctl: 0 or -errno. */
static int va_space_set(const char *text)
{
	int fd = open(VA_SPACE_PATH, O_WRONLY);
	int err = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, text, strlen(text)) < 0)
		err = -errno;
	close(fd);
	return err;
}

static int same(const struct layout *a, const struct layout *b)
{
	return !memcmp(a, b, sizeof(*a));
}

/* Whether the file path is a PIE (ET_DYN) program. */
static int is_pie(const char *path)
{
	uint16_t type = 0;
	int fd = open(path, O_RDONLY);

	if (fd >= 0 && pread(fd, &type, sizeof(type), ELF_TYPE_OFFSET) != sizeof(type))
		type = 0;
	if (fd >= 0)
		close(fd);
	return type == ELF_ET_DYN;
}

/* In a test VM as root: levels 3, 1 and 0 of randomize_va_space, then the old value. */
static void check_levels(const char *argv0, int old)
{
	struct layout a, b;
	char text[8];

	if (geteuid() != 0 || getppid() != 1) {
		for (int i = 0; i < 4; i++)
			skip("not in a test VM as root: randomize_va_space stays as it is");
		return;
	}
	check(va_space_set("3\n") == 0 && va_space_get() == 3,
	      "randomize_va_space takes 3 (any int, as proc_dointvec)");
	check(va_space_set("1\n") == 0 && va_space_get() == 1 && !run(argv0, 0, &a) &&
	      !run(argv0, 0, &b) && a.stack != b.stack && (is_pie(argv0) || a.brk == b.brk),
	      "randomize_va_space 1: the stack moves, a fixed program's heap does not");
	check(va_space_set("0\n") == 0 && va_space_get() == 0 && !run(argv0, 0, &a) &&
	      !run(argv0, 0, &b) && same(&a, &b), "randomize_va_space 0: two runs are equal");
	snprintf(text, sizeof(text), "%d\n", old);
	check(va_space_set(text) == 0 && va_space_get() == old,
	      "randomize_va_space is set back to %d", old);
}

int main(int argc, char **argv)
{
	struct layout a, b;
	int level;

	if (argc > 1 && !strcmp(argv[1], "report"))
		return report();
	tap_plan(12);
	level = va_space_get();
	check(level >= 0 && level <= 2, "%s reads 0, 1 or 2 (%d)", VA_SPACE_PATH, level);
	if (level != 2) {
		diag("randomize_va_space is %d: the checks want 2", level);
		return tap_done();
	}
	if (run(argv[0], 0, &a) || run(argv[0], 0, &b))
		return tap_done();
	check(a.stack != b.stack, "the stack moves between runs (%lx, %lx)", a.stack, b.stack);
	check(a.map != b.map, "mmap's area moves between runs (%lx, %lx)", a.map, b.map);
	check(a.brk != b.brk, "the heap moves between runs (%lx, %lx)", a.brk, b.brk);
	if (is_pie(argv[0]))
		check(a.code != b.code, "a PIE program moves between runs (%lx, %lx)", a.code,
		      b.code);
	else
		skip("a fixed-address build");
	if (a.base)
		check(a.base != b.base, "the interpreter moves (AT_BASE %lx, %lx)", a.base, b.base);
	else
		skip("no interpreter");
	if (a.vdso)
		check(a.vdso != b.vdso, "the vDSO moves (%lx, %lx)", a.vdso, b.vdso);
	else
		skip("no vDSO");
	check(!run(argv[0], 1, &a) && !run(argv[0], 1, &b) && same(&a, &b),
	      "with ADDR_NO_RANDOMIZE two runs are equal");
	check_levels(argv[0], level);
	return tap_done();
}
