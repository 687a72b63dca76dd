/*
 * init_devices.h: what a test PID 1 (abi-init, bench-init) sets up when
 * it boots under Debian's Linux rather than Basalt. Linux starts PID 1 on
 * /dev/console only if the initramfs holds that node (ours are packed
 * without root, so they do not) and mounts neither devtmpfs nor devpts
 * there, nor the /dev/fd and /dev/std* links udev makes; Basalt's
 * kernel provides all of them. Header-only: each init is
 * one static program.
 */
#ifndef TESTS_QEMU_INIT_DEVICES_H
#define TESTS_QEMU_INIT_DEVICES_H

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * /dev/shm, POSIX shared memory's tmpfs (shm_open(3)): a distribution's
 * init mounts it (systemd, or Basalt's rcS from /etc/fstab), neither
 * kernel does; a test PID 1 on either kernel does it here.
 */
static inline void init_shm(void)
{
	mkdir("/dev/shm", 01777);
	mount("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777");
}

static inline void init_devices(void)
{
	int fd;

	if (access("/dev/null", F_OK) == 0) {
		init_shm();
		return;
	}
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	/* udev's static links, which Basalt's devtmpfs makes itself. */
	symlink("/proc/self/fd", "/dev/fd");
	symlink("/proc/self/fd/0", "/dev/stdin");
	symlink("/proc/self/fd/1", "/dev/stdout");
	symlink("/proc/self/fd/2", "/dev/stderr");
	/*
	 * Linux caps the initramfs's rootfs at half the memory, which the
	 * archive nearly fills: /tmp gets a tmpfs (and half the memory) of
	 * its own, as on a Debian system with tmpfs /tmp.
	 */
	mount("tmpfs", "/tmp", "tmpfs", 0, "mode=1777");
	mkdir("/dev/pts", 0755);
	mount("devpts", "/dev/pts", "devpts", 0, "ptmxmode=0666");
	init_shm();
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
