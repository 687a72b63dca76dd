/*
 * init_devices.h: what a test PID 1 (abi-init, bench-init) sets up when
 * it boots under Debian's Linux rather than Basalt. Linux starts PID 1 on
 * /dev/console only if the initramfs holds that node (ours are packed
 * without root, so they do not) and mounts neither devtmpfs nor devpts
 * there; Basalt's kernel provides all three. Header-only: each init is
 * one static program.
 */
#ifndef TESTS_QEMU_INIT_DEVICES_H
#define TESTS_QEMU_INIT_DEVICES_H

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

static inline void init_devices(void)
{
	int fd;

	if (access("/dev/null", F_OK) == 0)
		return;
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	mkdir("/dev/pts", 0755);
	mount("devpts", "/dev/pts", "devpts", 0, "ptmxmode=0666");
	if (fcntl(1, F_GETFD) != -1)
		return;
	fd = open("/dev/console", O_RDWR);
	if (fd < 0)
		return;
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
}

#endif /* TESTS_QEMU_INIT_DEVICES_H */
