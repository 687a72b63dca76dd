/*
 * top_page.c: the last page below the non-canonical boundary
 * (0x7ffffffff000) is never user memory, as on Linux (TASK_SIZE_MAX):
 * mmap there with MAP_FIXED gives ENOMEM, a hint there is moved, and a
 * program whose PT_LOAD holds it does not run. Were it mappable, a
 * SYSCALL in its last two bytes would make the kernel return to the
 * non-canonical 0x800000000000 (SYSRET faults in ring 0 on Intel).
 * Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include "abi_tap.h"

#define PLAN		5
#define PAGE		4096UL
#define TOP_PAGE	0x7ffffffff000UL
#define CODE_OFF	PAGE		/* the segment's file offset, page aligned */
#define EXIT_STATUS	7		/* what the program would exit with */

/* mov $60, %eax; mov $EXIT_STATUS, %edi; syscall (exit) */
static const uint8_t top_code[] = {
	0xb8, 60, 0, 0, 0, 0xbf, EXIT_STATUS, 0, 0, 0, 0x0f, 0x05,
};

/* Writes a static ELF whose one PT_LOAD is the top page; 0 or -1. */
static int write_top_elf(const char *path)
{
	static uint8_t image[CODE_OFF + sizeof(top_code)];
	Elf64_Ehdr *eh = (Elf64_Ehdr *)image;
	Elf64_Phdr *ph = (Elf64_Phdr *)(image + sizeof(*eh));
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	int ok;

	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_EXEC;
	eh->e_machine = EM_X86_64;
	eh->e_version = EV_CURRENT;
	eh->e_entry = TOP_PAGE;
	eh->e_phoff = sizeof(*eh);
	eh->e_ehsize = sizeof(*eh);
	eh->e_phentsize = sizeof(*ph);
	eh->e_phnum = 1;
	ph->p_type = PT_LOAD;
	ph->p_flags = PF_R | PF_X;
	ph->p_offset = CODE_OFF;
	ph->p_vaddr = TOP_PAGE;
	ph->p_paddr = TOP_PAGE;
	ph->p_filesz = sizeof(top_code);
	ph->p_memsz = sizeof(top_code);
	ph->p_align = PAGE;
	memcpy(image + CODE_OFF, top_code, sizeof(top_code));
	if (fd < 0)
		return -1;
	ok = write(fd, image, sizeof(image)) == (ssize_t)sizeof(image);
	return close(fd) == 0 && ok ? 0 : -1;
}

int main(void)
{
	char path[] = "/tmp/top_page.XXXXXX";
	void *p;
	int fd, status = 0, err;
	pid_t pid;

	tap_plan(PLAN);
	p = mmap((void *)TOP_PAGE, PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	err = p == MAP_FAILED ? errno : 0;
	check(err == ENOMEM, "mmap MAP_FIXED of the top page: ENOMEM (errno %d)", err);
	p = mmap((void *)(TOP_PAGE - PAGE), 2 * PAGE, PROT_READ,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	err = p == MAP_FAILED ? errno : 0;
	check(err == ENOMEM, "mmap MAP_FIXED reaching into it: ENOMEM (errno %d)", err);
	p = mmap((void *)TOP_PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(p != MAP_FAILED && (uintptr_t)p + PAGE <= TOP_PAGE,
	      "a hint there is moved below it (%p)", p);
	if (p != MAP_FAILED)
		munmap(p, PAGE);

	fd = mkstemp(path);
	if (fd < 0 || close(fd) || write_top_elf(path) || chmod(path, 0755)) {
		check(0, "an ELF file in /tmp (%s)", strerror(errno));
		check(0, "(not run)");
		return tap_done();
	}
	check(1, "an ELF file whose PT_LOAD is the top page");
	pid = fork();
	if (pid == 0) {
		char *const argv[] = { path, NULL };

		execv(path, argv);
		_exit(0);	/* refused before the point of no return (Basalt) */
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		status = -1;
	/* Linux refuses after the point of no return: the child is killed. */
	check(!(WIFEXITED(status) && WEXITSTATUS(status) == EXIT_STATUS),
	      "it does not run (wait status %#x)", status);
	unlink(path);
	return tap_done();
}
