/*
 * file_map.c: private file mappings (mmap(2) MAP_PRIVATE) behave as
 * Linux's over the page cache, and the program's own image is whole:
 *
 * - a page of the mapping that no one wrote to shows later write(2)s to
 *   the file (Linux maps the cached page itself until a write copies it);
 * - a write to the mapping copies the page: the file, another process and
 *   later write(2)s to that page no longer meet it;
 * - the last page past the end of the file reads as zeros;
 * - exec mapped this program's segments: .data holds its initial values
 *   at both ends, .bss is zero everywhere, also in the page where the
 *   file's bytes end, and both are writable.
 *
 * Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "abi_tap.h"

#define PLAN		12
#define PAGE		4096
#define FILE_PAGES	3
#define TAIL		100	/* bytes of the file in its last page */
#define DATA_LEN	(3 * PAGE + 123)
#define BSS_LEN		(5 * PAGE + 77)

/* Non-zero: in the file (.data); the rest of it zero there too. */
static volatile uint8_t data_area[DATA_LEN] = { [0] = 0x11, [DATA_LEN - 1] = 0x22 };
/* Zero: not in the file (.bss), right after the last bytes of .data. */
static volatile uint8_t bss_area[BSS_LEN];

static int write_file(int fd)
{
	static uint8_t buf[PAGE];

	for (int p = 0; p < FILE_PAGES - 1; p++) {
		memset(buf, 'A' + p, sizeof(buf));
		if (pwrite(fd, buf, PAGE, (off_t)p * PAGE) != PAGE)
			return -1;
	}
	memset(buf, 'A' + FILE_PAGES - 1, TAIL);
	return pwrite(fd, buf, TAIL, (off_t)(FILE_PAGES - 1) * PAGE) == TAIL ? 0 : -1;
}

static int file_byte(int fd, off_t off)
{
	uint8_t c;

	return pread(fd, &c, 1, off) == 1 ? c : -1;
}

static void check_image(void)
{
	size_t nonzero = 0;

	check(data_area[0] == 0x11 && data_area[DATA_LEN - 1] == 0x22,
	      ".data holds its initial values at both ends");
	for (size_t i = 0; i < BSS_LEN; i++)
		nonzero += bss_area[i] != 0;
	check(nonzero == 0, ".bss is zero (%zu non-zero bytes)", nonzero);
	data_area[1] = 0x33;
	bss_area[BSS_LEN - 1] = 0x44;
	check(data_area[1] == 0x33 && bss_area[BSS_LEN - 1] == 0x44, ".data and .bss are writable");
}

int main(void)
{
	char path[] = "/tmp/file_map.XXXXXX";
	int fd = mkstemp(path), status = -1;
	char z = 'Z', q = 'Q';
	volatile uint8_t *m;
	pid_t pid;
	int tail_zero = 1;

	tap_plan(PLAN);
	check_image();
	if (fd < 0 || write_file(fd)) {
		check(0, "a %d-page file in /tmp (%s)", FILE_PAGES, path);
		return tap_done();
	}
	unlink(path);
	m = mmap(NULL, FILE_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	check(m != MAP_FAILED, "mmap MAP_PRIVATE of the file");
	if (m == MAP_FAILED)
		return tap_done();
	check(m[0] == 'A' && m[PAGE] == 'B', "the mapping reads the file");

	/* Page 0 was read, never written: a write(2) to the file shows through. */
	pwrite(fd, &z, 1, 0);
	check(m[0] == 'Z', "write(2) to the file shows in a page only read (%c)", m[0]);

	/* A write to page 1 copies it: the file keeps its byte, later writes stay out. */
	m[PAGE] = 'q';
	check(file_byte(fd, PAGE) == 'B', "a write to the mapping does not reach the file");
	pwrite(fd, &q, 1, PAGE + 1);
	check(m[PAGE + 1] == 'B', "write(2) to the file misses a page the mapping wrote (%c)",
	      m[PAGE + 1]);

	/* A child shares the copies; its own writes stay its own. */
	pid = fork();
	if (pid == 0) {
		int ok = m[PAGE] == 'q' && m[0] == 'Z';

		m[0] = 'c';
		m[PAGE] = 'c';
		_exit(ok ? 0 : 1);
	}
	if (pid > 0)
		waitpid(pid, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "a forked child sees the same bytes");
	check(m[0] == 'Z' && m[PAGE] == 'q' && file_byte(fd, 0) == 'Z',
	      "the child's writes reach neither the parent nor the file");

	for (size_t i = (FILE_PAGES - 1) * PAGE + TAIL; i < FILE_PAGES * PAGE; i++)
		tail_zero &= m[i] == 0;
	check(m[(FILE_PAGES - 1) * PAGE] == 'A' + FILE_PAGES - 1 && tail_zero,
	      "the last page: the file's bytes, then zeros past its end");
	check(munmap((void *)m, FILE_PAGES * PAGE) == 0, "munmap");
	close(fd);
	return tap_done();
}
