/*
 * interp.c: dynamically linked programs (PT_INTERP, execve(2)). Runs
 * hello-dyn, the glibc dynamic build of hello.c beside this program, by
 * path and through the interpreter itself, then copies of it whose
 * PT_INTERP is broken: each execve must fail with Linux's errno
 *   a missing interpreter                  ENOENT
 *   an interpreter shorter than an ELF header  EIO (Linux's elf_read)
 *   an interpreter that is not ELF         ELIBBAD
 *   a directory as interpreter             EACCES
 *   a path without its NUL                 ENOEXEC
 *   a PT_INTERP shorter than 2 bytes       ENOEXEC
 *   a PT_INTERP longer than PATH_MAX       ENOEXEC
 * and a dynamic program as the interpreter (whose own PT_INTERP Linux
 * ignores) starts unrelocated and dies of SIGSEGV, not the kernel.
 * Prints TAP; runs on the host, inside Basalt and under Debian's Linux.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "abi_tap.h"

#define INTERP_PATH	"/lib64/ld-linux-x86-64.so.2"
#define HELLO_OK_LINE	"ok 8 "		/* hello.c's last check */
#define OUT_MAX		4096
#define IMAGE_MAX	(4 << 20)
#define BROKEN_PATH	"/tmp/interp-broken"
#define NOT_ELF_PATH	"/tmp/interp-not-elf"
#define INTERP_TOO_LONG	(PATH_MAX + 1)

static char hello_dyn[PATH_MAX];
static unsigned char *image;
static size_t image_len;

/*
 * Runs path with argv, stdout into out; returns the wait status, or
 * -errno if execve failed (the child sends it back through a pipe).
 */
static int run(const char *path, char *const argv[], char *out, size_t out_len)
{
	int outp[2], errp[2], status, child_errno = 0;
	ssize_t n, total = 0;
	pid_t pid;

	if (pipe(outp) || pipe2(errp, O_CLOEXEC))
		return -EMFILE;
	pid = fork();
	if (pid == 0) {
		dup2(outp[1], 1);
		close(outp[0]);
		close(errp[0]);
		execv(path, argv);
		child_errno = errno;
		if (write(errp[1], &child_errno, sizeof(child_errno)) < 0)
			_exit(126);
		_exit(127);
	}
	close(outp[1]);
	close(errp[1]);
	while ((n = read(outp[0], out + total, out_len - 1 - (size_t)total)) > 0)
		total += n;
	out[total] = '\0';
	close(outp[0]);
	n = read(errp[0], &child_errno, sizeof(child_errno));
	close(errp[0]);
	waitpid(pid, &status, 0);
	return n == sizeof(child_errno) ? -child_errno : status;
}

/* A shell script as the interpreter: shorter or longer than an ELF header (64 bytes). */
#define NOT_ELF_SHORT	"#!/bin/sh\nexit 0\n"
#define NOT_ELF_LONG	"#!/bin/sh\n# a script long enough to hold an ELF header's 64 bytes\nexit 0\n"

static void write_not_elf(const char *text)
{
	int fd = open(NOT_ELF_PATH, O_WRONLY | O_CREAT | O_TRUNC, 0755);

	if (fd < 0)
		return;
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		diag("short write to %s", NOT_ELF_PATH);
	close(fd);
}

static int load_image(void)
{
	int fd = open(hello_dyn, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	image = malloc(IMAGE_MAX);
	n = image ? read(fd, image, IMAGE_MAX) : -1;
	close(fd);
	if (n <= 0)
		return -1;
	image_len = (size_t)n;
	return 0;
}

static Elf64_Phdr *interp_phdr(unsigned char *img)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)img;

	for (unsigned i = 0; i < eh->e_phnum; i++) {
		Elf64_Phdr *ph = (Elf64_Phdr *)(img + eh->e_phoff + i * sizeof(*ph));

		if (ph->p_type == PT_INTERP)
			return ph;
	}
	return NULL;
}

/*
 * Writes hello-dyn to BROKEN_PATH with its PT_INTERP changed: the path
 * replaced by interp (NUL-padded) unless interp is NULL, the length set
 * to filesz unless it is 0, and the NUL removed if no_nul. Then runs it.
 */
static int run_broken(const char *interp, uint64_t filesz, int no_nul)
{
	unsigned char *copy = malloc(image_len);
	Elf64_Phdr *ph;
	char out[OUT_MAX];
	char *const argv[] = { BROKEN_PATH, NULL };
	int fd, ret;

	if (!copy)
		return -ENOMEM;
	memcpy(copy, image, image_len);
	ph = interp_phdr(copy);
	if (!ph)
		return -EINVAL;
	if (interp && strlen(interp) >= ph->p_filesz) {
		free(copy);
		return -E2BIG;		/* the new path must fit where the old one was */
	}
	if (interp) {
		memset(copy + ph->p_offset, 0, ph->p_filesz);
		memcpy(copy + ph->p_offset, interp, strlen(interp));
	}
	if (no_nul)
		memset(copy + ph->p_offset, 'a', ph->p_filesz);
	if (filesz)
		ph->p_filesz = filesz;
	unlink(BROKEN_PATH);
	fd = open(BROKEN_PATH, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (fd < 0 || write(fd, copy, image_len) != (ssize_t)image_len) {
		free(copy);
		return -EIO;
	}
	close(fd);
	free(copy);
	ret = run(BROKEN_PATH, argv, out, sizeof(out));
	unlink(BROKEN_PATH);
	return ret;
}

int main(int argc, char **argv)
{
	char out[OUT_MAX];
	char dir[PATH_MAX];
	int status;

	(void)argc;
	tap_plan(12);
	snprintf(dir, sizeof(dir), "%s", argv[0]);
	snprintf(hello_dyn, sizeof(hello_dyn), "%s/hello-dyn", dirname(dir));

	{
		char *const av[] = { hello_dyn, NULL };

		status = run(hello_dyn, av, out, sizeof(out));
		check(status == 0 && strstr(out, HELLO_OK_LINE) != NULL,
		      "a dynamically linked program runs (status %#x)", status);
	}
	{
		char *const av[] = { INTERP_PATH, hello_dyn, NULL };

		status = run(INTERP_PATH, av, out, sizeof(out));
		check(status == 0 && strstr(out, HELLO_OK_LINE) != NULL,
		      "the interpreter run directly loads the program (status %#x)", status);
	}
	if (load_image() || !interp_phdr(image)) {
		diag("cannot read %s", hello_dyn);
		return tap_done();
	}
	check(run_broken(NULL, 0, 0) == 0, "an unchanged copy runs");
	check(run_broken("/no/such/interp", 0, 0) == -ENOENT, "a missing interpreter: ENOENT");

	write_not_elf(NOT_ELF_SHORT);
	check(run_broken(NOT_ELF_PATH, 0, 0) == -EIO,
	      "an interpreter shorter than an ELF header: EIO");
	write_not_elf(NOT_ELF_LONG);
	check(run_broken(NOT_ELF_PATH, 0, 0) == -ELIBBAD, "an interpreter that is not ELF: ELIBBAD");
	unlink(NOT_ELF_PATH);
	check(run_broken("/tmp", 0, 0) == -EACCES, "a directory as interpreter: EACCES");
	check(run_broken(NULL, 0, 1) == -ENOEXEC, "an interpreter path without its NUL: ENOEXEC");
	check(run_broken(NULL, 1, 0) == -ENOEXEC, "a 1-byte PT_INTERP: ENOEXEC");
	check(run_broken(NULL, INTERP_TOO_LONG, 0) == -ENOEXEC,
	      "a PT_INTERP longer than PATH_MAX: ENOEXEC");

	status = run_broken(hello_dyn, 0, 0);
	check(status > 0 && WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	      "a dynamic program as interpreter starts unrelocated: SIGSEGV (status %#x)", status);
	check(run_broken(NULL, 0, 0) == 0, "and programs still run afterwards");
	free(image);
	return tap_done();
}
