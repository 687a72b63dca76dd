/*
 * copy_edge.c: copies between the kernel and a user buffer that runs into
 * an inaccessible page (PROT_NONE) after k good bytes. read(2) and
 * write(2) on a file move exactly the k bytes before the bad page and
 * return k, as Linux's partial-copy rule says (a short count, EFAULT only
 * when nothing moved); pread into a buffer starting on the bad page is
 * EFAULT. The values of k sit on both sides of the copy loop's 64-byte
 * block and 8-byte word boundaries (kernel/mm/uaccess.c), where a fault
 * resumes in another loop. Prints TAP; host, Basalt and Linux.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "abi_tap.h"

#define EDGE_PAGE	4096
#define EDGE_LEN	256		/* bytes asked for in each call */

static const size_t edge_good[] = { 1, 7, 8, 9, 63, 64, 65, 127, 128, 200, 255 };
#define EDGE_CASES	(sizeof(edge_good) / sizeof(edge_good[0]))
#define PLAN		(2 * (int)EDGE_CASES + 2)

static unsigned char edge_byte(size_t i)
{
	return (unsigned char)(i * 7 + 3);
}

int main(void)
{
	char path[64];
	unsigned char src[EDGE_LEN];
	unsigned char *area, *bad;
	int fd;

	tap_plan(PLAN);
	for (size_t i = 0; i < EDGE_LEN; i++)
		src[i] = edge_byte(i);
	snprintf(path, sizeof(path), "/tmp/copy_edge.%d", (int)getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	area = mmap(NULL, 2 * EDGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (fd < 0 || area == MAP_FAILED || write(fd, src, EDGE_LEN) != EDGE_LEN) {
		perror("copy_edge: setup");
		return 1;
	}
	bad = area + EDGE_PAGE;
	if (mprotect(bad, EDGE_PAGE, PROT_NONE)) {
		perror("copy_edge: mprotect");
		return 1;
	}

	for (size_t c = 0; c < EDGE_CASES; c++) {
		size_t k = edge_good[c];
		unsigned char *buf = bad - k;
		ssize_t n;
		int same;

		memset(area, 0, EDGE_PAGE);
		n = pread(fd, buf, EDGE_LEN, 0);
		same = n == (ssize_t)k && !memcmp(buf, src, k);
		check(same, "pread of %d bytes into %zu good bytes: %zd, the bytes before the bad page",
		      EDGE_LEN, k, n);

		memcpy(buf, src + 1, k);
		n = pwrite(fd, buf, EDGE_LEN, 0);
		same = n == (ssize_t)k;
		if (same) {
			unsigned char back[EDGE_LEN];

			same = pread(fd, back, EDGE_LEN, 0) == EDGE_LEN && !memcmp(back, src + 1, k) &&
			       !memcmp(back + k, src + k, EDGE_LEN - k);
		}
		check(same, "pwrite of %d bytes from %zu good bytes: %zd, the file changed there only",
		      EDGE_LEN, k, n);
		if (pwrite(fd, src, EDGE_LEN, 0) != EDGE_LEN)
			perror("copy_edge: restore");
	}

	errno = 0;
	check(pread(fd, bad, EDGE_LEN, 0) == -1 && errno == EFAULT,
	      "pread into the bad page itself: EFAULT");
	errno = 0;
	check(pwrite(fd, bad, EDGE_LEN, 0) == -1 && errno == EFAULT,
	      "pwrite from the bad page itself: EFAULT");

	close(fd);
	unlink(path);
	return tap_failures;
}
