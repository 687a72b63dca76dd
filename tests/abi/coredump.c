/*
 * coredump.c: core files and WCOREDUMP (core(5), wait(2)). A process
 * killed by a signal whose default action dumps core has WCOREDUMP in
 * its wait status exactly when a core was written: never with
 * RLIMIT_CORE 0 or below a page (binfmt_elf's min_coredump), never for a
 * plain terminating signal. With a file core_pattern and RLIMIT_CORE
 * unlimited, the core is an ELF64 ET_CORE file of mode 0600 whose
 * PT_NOTE holds NT_PRSTATUS (the signal, the pid), NT_PRPSINFO (the
 * command name) and NT_AUXV (AT_PAGESZ), and whose PT_LOAD segments
 * hold the process's writable memory (a marker it wrote).
 *
 * On the host the pattern may pipe cores to a helper (systemd-coredump)
 * and is global: the test only reads it, and skips the file checks
 * unless it is "core". Inside the abi guests (/abi/list exists: Basalt
 * and Debian's Linux under abi-init) it also sets core_pattern to
 * "core.%p.%s" and back, to check the expansion.
 * Prints TAP; runs on the host, inside Basalt and under Linux.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <elf.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "abi_tap.h"

#define PATTERN_PATH	"/proc/sys/kernel/core_pattern"
#define USES_PID_PATH	"/proc/sys/kernel/core_uses_pid"
#define GUEST_MARK	"/abi/list"
#define MARKER		0x5eedc0de12345678ULL
#define MARKER_WORDS	512
#define CORE_MAX	(64 << 20)
#define TEST_PATTERN	"core.%p.%s"

/* The gABI note header and Linux's core note types (newlib's elf.h lacks them). */
struct note_hdr {
	uint32_t namesz, descsz, type;
};
#define CORE_NT_PRSTATUS	1
#define CORE_NT_PRPSINFO	3
#define CORE_NT_AUXV		6
#define CORE_AT_PAGESZ		6

static volatile uint64_t marker[MARKER_WORDS];

/* A child that sets RLIMIT_CORE to limit and dies of sig; its wait status, or -1. */
static int die_of(int sig, rlim_t limit)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		struct rlimit rl = { limit, limit };

		for (int i = 0; i < MARKER_WORDS; i++)
			marker[i] = MARKER + (uint64_t)i;
		if (setrlimit(RLIMIT_CORE, &rl))
			_exit(1);
		signal(sig, SIG_DFL);
		kill(getpid(), sig);
		_exit(2);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static int read_text(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");

	if (!f)
		return -1;
	if (!fgets(buf, (int)size, f))
		buf[0] = '\0';
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

static int write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	int ok;

	if (!f)
		return -1;
	ok = fputs(text, f) >= 0;
	return fclose(f) == 0 && ok ? 0 : -1;
}

/* The whole file, malloc'd, or NULL. */
static unsigned char *slurp(const char *path, size_t *len)
{
	struct stat st;
	unsigned char *buf;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) || st.st_size <= 0 || st.st_size > CORE_MAX ||
	    !(buf = malloc((size_t)st.st_size))) {
		close(fd);
		return NULL;
	}
	*len = 0;
	while (*len < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + *len, (size_t)st.st_size - *len);

		if (n <= 0)
			break;
		*len += (size_t)n;
	}
	close(fd);
	return buf;
}

struct core_facts {
	int elf_ok;		/* ELF64, little endian, ET_CORE, EM_X86_64, sane phdrs */
	int prstatus_sig, prstatus_pid;
	char fname[17];
	int auxv_pagesz;
	int loads, marker_found;
};

/* Walks the notes of one PT_NOTE segment. */
static void core_notes(const unsigned char *n, size_t len, struct core_facts *c)
{
	size_t at = 0;

	while (at + sizeof(struct note_hdr) <= len) {
		const struct note_hdr *h = (const void *)(n + at);
		size_t name = at + sizeof(*h), desc = name + ((h->namesz + 3) & ~3u);

		if (desc + h->descsz > len)
			break;
		if (h->namesz == 5 && !memcmp(n + name, "CORE", 5)) {
			const unsigned char *d = n + desc;

			if (h->type == CORE_NT_PRSTATUS && h->descsz >= 40) {
				c->prstatus_sig = *(const int16_t *)(d + 12);	/* pr_cursig */
				c->prstatus_pid = *(const int32_t *)(d + 32);	/* pr_pid */
			} else if (h->type == CORE_NT_PRPSINFO && h->descsz >= 56) {
				memcpy(c->fname, d + 40, 16);	/* pr_fname */
				c->fname[16] = '\0';
			} else if (h->type == CORE_NT_AUXV) {
				for (size_t i = 0; i + 16 <= h->descsz; i += 16)
					if (*(const uint64_t *)(d + i) == CORE_AT_PAGESZ)
						c->auxv_pagesz = (int)*(const uint64_t *)(d + i + 8);
			}
		}
		at = desc + ((h->descsz + 3) & ~3u);
	}
}

static void core_examine(const unsigned char *b, size_t len, struct core_facts *c)
{
	const Elf64_Ehdr *eh = (const void *)b;
	uint64_t want = (uint64_t)(uintptr_t)&marker[0];

	memset(c, 0, sizeof(*c));
	if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh->e_type != ET_CORE || eh->e_machine != EM_X86_64 ||
	    eh->e_phentsize != sizeof(Elf64_Phdr) ||
	    eh->e_phoff + (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr) > len)
		return;
	c->elf_ok = 1;
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		const Elf64_Phdr *ph = (const void *)(b + eh->e_phoff + i * sizeof(Elf64_Phdr));

		if (ph->p_offset + ph->p_filesz > len)
			continue;
		if (ph->p_type == PT_NOTE)
			core_notes(b + ph->p_offset, ph->p_filesz, c);
		c->loads += ph->p_type == PT_LOAD;
	}
	/* Each word of the marker in whichever segment holds it (.data/.bss may be two). */
	c->marker_found = 1;
	for (int k = 0; k < MARKER_WORDS && c->marker_found; k++) {
		uint64_t at = want + (uint64_t)k * sizeof(uint64_t);
		int seen = 0;

		for (unsigned i = 0; i < eh->e_phnum && !seen; i++) {
			const Elf64_Phdr *ph = (const void *)(b + eh->e_phoff + i * sizeof(Elf64_Phdr));

			if (ph->p_type != PT_LOAD || ph->p_offset + ph->p_filesz > len ||
			    at < ph->p_vaddr || at + sizeof(uint64_t) > ph->p_vaddr + ph->p_filesz)
				continue;
			seen = *(const uint64_t *)(b + ph->p_offset + (at - ph->p_vaddr)) ==
			       MARKER + (uint64_t)k;
		}
		c->marker_found = seen;
	}
}

/* The core-writing checks, in a fresh directory: 7 checks. */
static void core_file_checks(int guest)
{
	char dir[] = "/tmp/coredump.XXXXXX", path[128], pattern[256];
	struct core_facts c;
	struct stat st;
	unsigned char *buf;
	size_t len = 0;
	int status, pid = 0;

	if (!mkdtemp(dir) || chdir(dir)) {
		check(0, "a scratch directory");
		return;
	}
	if (guest && write_text(PATTERN_PATH, TEST_PATTERN "\n") == 0 &&
	    read_text(PATTERN_PATH, pattern, sizeof(pattern)) == 0)
		check(!strcmp(pattern, TEST_PATTERN), "core_pattern reads back without the newline (%s)",
		      pattern);
	else if (guest)
		check(0, "core_pattern is writable by root");
	else
		skip("core_pattern left alone on the host");

	status = die_of(SIGQUIT, RLIM_INFINITY);
	check(status >= 0 && WIFSIGNALED(status) && WTERMSIG(status) == SIGQUIT && WCOREDUMP(status),
	      "SIGQUIT with RLIMIT_CORE unlimited: WCOREDUMP (status %#x)", status);
	/* The child's pid: the only file here, named "core" or by the pattern. */
	if (guest) {
		DIR *d = opendir(".");
		struct dirent *e;

		while (d && (e = readdir(d)))
			if (sscanf(e->d_name, "core.%d.3", &pid) == 1)
				break;
		if (d)
			closedir(d);
		snprintf(path, sizeof(path), "core.%d.3", pid);
	} else {
		snprintf(path, sizeof(path), "core");
	}
	buf = slurp(path, &len);
	check(buf != NULL && (!guest || pid > 0), "the core file %s/%s exists (%zu bytes)", dir, path,
	      len);
	check(stat(path, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 07777) == 0600,
	      "it is a regular file of mode 0600 (%o)", (unsigned)st.st_mode);
	if (buf)
		core_examine(buf, len, &c);
	else
		memset(&c, 0, sizeof(c));
	check(c.elf_ok && c.loads > 0, "ELF64 ET_CORE for x86-64 with PT_LOAD segments (%d)", c.loads);
	check(c.prstatus_sig == SIGQUIT && (!guest || c.prstatus_pid == pid) &&
	      !strncmp(c.fname, "coredump", 8) && c.auxv_pagesz == 4096,
	      "notes: NT_PRSTATUS (signal %d, pid %d), NT_PRPSINFO (%s), NT_AUXV (AT_PAGESZ %d)",
	      c.prstatus_sig, c.prstatus_pid, c.fname, c.auxv_pagesz);
	check(c.marker_found, "the memory the process wrote is in its PT_LOAD segment");
	free(buf);
	unlink(path);
	if (guest)
		write_text(PATTERN_PATH, "core\n");
	if (chdir("/") == 0)
		rmdir(dir);
}

int main(void)
{
	char pattern[256] = "";
	int guest = access(GUEST_MARK, F_OK) == 0, status;
	int readable = read_text(PATTERN_PATH, pattern, sizeof(pattern)) == 0;
	int piped = pattern[0] == '|';

	tap_plan(12);
	check(readable && pattern[0], "%s reads (%s)", PATTERN_PATH, pattern);
	if (guest)
		check(!strcmp(pattern, "core") && tap_proc_number(USES_PID_PATH) == 0,
		      "the defaults: core_pattern \"core\", core_uses_pid 0");
	else
		skip("the host's core_pattern is its own");

	status = die_of(SIGTERM, RLIM_INFINITY);
	check(status >= 0 && WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM && !WCOREDUMP(status),
	      "SIGTERM: killed, no WCOREDUMP (status %#x)", status);
	if (piped) {
		skip("core_pattern pipes to a helper: RLIMIT_CORE does not stop it");
		skip("core_pattern pipes to a helper");
	} else {
		status = die_of(SIGQUIT, 0);
		check(status >= 0 && WIFSIGNALED(status) && WTERMSIG(status) == SIGQUIT &&
		      !WCOREDUMP(status), "SIGQUIT with RLIMIT_CORE 0: no WCOREDUMP (status %#x)",
		      status);
		status = die_of(SIGSEGV, 1);
		check(status >= 0 && WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV &&
		      !WCOREDUMP(status),
		      "SIGSEGV with RLIMIT_CORE of 1 byte (under a page): no WCOREDUMP (status %#x)",
		      status);
	}
	if (guest || !strcmp(pattern, "core")) {
		core_file_checks(guest);
	} else {
		for (int i = 0; i < 7; i++)
			skip("core_pattern is %s here, not \"core\"", pattern);
	}
	return tap_failures;
}
