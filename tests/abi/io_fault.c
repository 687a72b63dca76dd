/*
 * io_fault.c: read(2) and write(2) on a tmpfs file whose user buffer is
 * a page of the program's own image not touched yet: a write from its
 * .rodata and a read into its .data, both private file mappings that
 * fault in during the copy. The kernel must take the fault in the middle
 * of the file operation (Basalt once panicked: the fault path wanted the
 * lock the read or write held). Prints TAP; host, Basalt and Linux.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "abi_tap.h"

#define IO_PAGE		4096
/* Three pages each: the middle one is in no other page's way. */
#define IO_PAGES	3

static const char io_rodata[IO_PAGES * IO_PAGE] __attribute__((aligned(IO_PAGE))) = {
	[IO_PAGE] = 'r', [IO_PAGE + 1] = 'o', [2 * IO_PAGE - 1] = '!',
};
static char io_data[IO_PAGES * IO_PAGE] __attribute__((aligned(IO_PAGE))) = { 'd' };

/* A tmpfs-backed scratch file: /tmp under Basalt and the test initramfs. */
static int io_open(char *path, size_t len)
{
	snprintf(path, len, "/tmp/io_fault.%d", (int)getpid());
	return open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
}

int main(void)
{
	char path[64];
	int fd = io_open(path, sizeof(path));

	tap_plan(4);
	if (fd < 0) {
		diag("cannot create %s", path);
		return tap_done();
	}
	check(write(fd, io_rodata + IO_PAGE, IO_PAGE) == IO_PAGE,
	      "write(2) from an untouched page of .rodata");
	check(pread(fd, io_data + IO_PAGE, IO_PAGE, 0) == IO_PAGE,
	      "read(2) into an untouched page of .data");
	check(io_data[IO_PAGE] == 'r' && io_data[IO_PAGE + 1] == 'o' &&
	      io_data[2 * IO_PAGE - 1] == '!', "the bytes arrived");
	check(io_data[0] == 'd' && io_rodata[0] == 0, "the pages around them kept theirs");
	close(fd);
	unlink(path);
	return tap_done();
}
