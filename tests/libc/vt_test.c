/* vt_test.c: <sys/vt.h> gives the virtual console ioctls with Linux's
 * numbers and struct vt_stat (console_ioctl(2)), as glibc's does, and
 * VT_GETSTATE on something that is no console fails with ENOTTY (nano's
 * "is this a virtual console?" test). */
#include <errno.h>
#include <sys/ioctl.h>
#include <sys/vt.h>
#include <unistd.h>

#include "tap.h"

/* Linux's uapi linux/vt.h values. */
#define VT_TEST_GETSTATE 0x5603
#define VT_TEST_ACTIVATE 0x5606
#define VT_TEST_WAITACTIVE 0x5607

int main(void)
{
	struct vt_stat st;
	int fds[2];

	tap_plan(4);
	tap_ok(VT_GETSTATE == VT_TEST_GETSTATE, "VT_GETSTATE is 0x5603");
	tap_ok(VT_ACTIVATE == VT_TEST_ACTIVATE && VT_WAITACTIVE == VT_TEST_WAITACTIVE,
		"VT_ACTIVATE and VT_WAITACTIVE are 0x5606 and 0x5607");
	tap_ok(sizeof(st) == 3 * sizeof(unsigned short), "struct vt_stat is three shorts");
	if (pipe(fds) != 0) {
		tap_ok(0, "pipe");
		return tap_done();
	}
	errno = 0;
	tap_ok(ioctl(fds[1], VT_GETSTATE, &st) == -1 && errno == ENOTTY,
		"VT_GETSTATE on a pipe: ENOTTY");
	close(fds[0]);
	close(fds[1]);
	return tap_done();
}
