/*
 * mounts.c: mount(2) and umount2(2) as Linux: MS_REMOUNT of a file system
 * (read-only and back, EBUSY while a file is open for writing) and of one
 * mount's flags (MS_BIND | MS_REMOUNT), EROFS from every write path,
 * MS_BIND with and without MS_REC, MS_MOVE (ELOOP into itself, EINVAL for
 * a directory that is no mount's root), MS_NOEXEC (execve EACCES),
 * MS_NODEV (open EACCES), MS_PRIVATE; umount2's EBUSY (open file, cwd,
 * a mount below), EINVAL, MNT_DETACH; EPERM for a user; the lines of
 * /proc/self/mountinfo (proc(5): IDs, parent IDs, major:minor, the bind
 * root, options, "-", type, source, super block options) and /proc/mounts.
 *
 * It needs root. On the host it runs in a mount namespace of its own
 * (unshare(CLONE_NEWNS), then everything private) so that nothing leaks
 * out; without root there it skips. Inside the guests it runs as root.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include "abi_tap.h"

#ifndef CLONE_NEWNS
#define CLONE_NEWNS	0x00020000	/* unshare(2); not in every libc's sched.h */
#endif

#define PLAN		75
#define GUEST_MARK	"/abi/list"
#define BASE		"/tmp/abi-mounts"
#define NOBODY		65534
#define LINE_MAX_LEN	4096
#define FIELDS_MAX	16
#define NULL_MAJOR	1	/* devices.txt: /dev/null is 1:3 */
#define NULL_MINOR	3

/* One parsed line of /proc/self/mountinfo (proc(5)). */
struct minfo {
	int found;
	unsigned id, parent, major, minor;
	char root[256], point[256], opts[256], type[64], source[256], sbopts[256];
};

static void minfo_find(const char *point, struct minfo *mi)
{
	FILE *f = fopen("/proc/self/mountinfo", "r");
	char line[LINE_MAX_LEN];

	memset(mi, 0, sizeof(*mi));
	if (!f)
		return;
	/* The last line for point is the topmost mount there. */
	while (fgets(line, sizeof(line), f)) {
		struct minfo m;
		char *dash = strstr(line, " - ");

		memset(&m, 0, sizeof(m));
		if (!dash)
			continue;
		if (sscanf(line, "%u %u %u:%u %255s %255s %255s", &m.id, &m.parent, &m.major,
			   &m.minor, m.root, m.point, m.opts) != 7)
			continue;
		if (sscanf(dash + 3, "%63s %255s %255s", m.type, m.source, m.sbopts) != 3)
			continue;
		if (strcmp(m.point, point))
			continue;
		m.found = 1;
		*mi = m;
	}
	fclose(f);
}

/* The options field of point's last /proc/mounts line, or "". */
static void mounts_opts(const char *point, char *opts, size_t size)
{
	FILE *f = fopen("/proc/mounts", "r");
	char line[LINE_MAX_LEN], src[256], pt[256], type[64], o[256];

	opts[0] = '\0';
	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%255s %255s %63s %255s", src, pt, type, o) == 4 &&
		    !strcmp(pt, point))
			snprintf(opts, size, "%s", o);
	fclose(f);
}

static int err_of(int r)
{
	return r < 0 ? errno : 0;
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return errno;
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
		close(fd);
		return EIO;
	}
	close(fd);
	return 0;
}

static int starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* Every write path on a read-only mount gives EROFS; reads still work. */
static void check_read_only(const char *dir, const char *what)
{
	char p[256], q[256];
	struct timeval tv[2] = { { 1, 0 }, { 2, 0 } };
	struct statvfs sv;
	int fd, errs[13], n = 0, bad = 0;

	snprintf(p, sizeof(p), "%s/file", dir);
	fd = open(p, O_RDONLY);
	check(fd >= 0, "%s: open for reading works", what);
	if (fd >= 0)
		close(fd);
	errs[n++] = err_of(open(p, O_WRONLY));
	snprintf(q, sizeof(q), "%s/new", dir);
	errs[n++] = err_of(open(q, O_WRONLY | O_CREAT, 0644));
	errs[n++] = err_of(mkdir(q, 0755));
	errs[n++] = err_of(mknod(q, S_IFIFO | 0644, 0));
	errs[n++] = err_of(symlink("file", q));
	errs[n++] = err_of(link(p, q));
	errs[n++] = err_of(rename(p, q));
	errs[n++] = err_of(unlink(p));
	errs[n++] = err_of(chmod(p, 0600));
	errs[n++] = err_of(utimes(p, tv));
	errs[n++] = err_of(truncate(p, 0));
	snprintf(q, sizeof(q), "%s/sub", dir);
	errs[n++] = err_of(rmdir(q));
	errs[n++] = err_of(access(p, W_OK));
	for (int i = 0; i < n; i++)
		if (errs[i] != EROFS) {
			diag("%s: write path %d gave errno %d", what, i, errs[i]);
			bad++;
		}
	check(bad == 0, "%s: open for writing, creat, mkdir, mknod, symlink, link, rename, "
	      "unlink, chmod, utimes, truncate, rmdir, access(W_OK): EROFS (%d wrong)",
	      what, bad);
	check(statvfs(dir, &sv) == 0 && (sv.f_flag & ST_RDONLY), "%s: statvfs ST_RDONLY", what);
}

static void test_remount(void)
{
	char opts[256];
	struct minfo mi;
	int fd;

	check(mount("abisrc", BASE "/a", "tmpfs", 0, "size=1m") == 0, "mount tmpfs");
	check(mkdir(BASE "/a/sub", 0755) == 0 && write_file(BASE "/a/file", "data") == 0,
	      "files in the new tmpfs");
	minfo_find(BASE "/a", &mi);
	check(mi.found && !strcmp(mi.root, "/") && !strcmp(mi.type, "tmpfs") &&
	      !strcmp(mi.source, "abisrc") && mi.major == 0 && mi.id != mi.parent,
	      "mountinfo: root /, tmpfs, source, 0:N, parent ID (%u %u %u:%u %s %s %s)",
	      mi.id, mi.parent, mi.major, mi.minor, mi.root, mi.type, mi.source);
	check(!strcmp(mi.opts, "rw,relatime") && starts_with(mi.sbopts, "rw"),
	      "mountinfo options: rw,relatime / rw (%s / %s)", mi.opts, mi.sbopts);
	mounts_opts(BASE "/a", opts, sizeof(opts));
	check(starts_with(opts, "rw,relatime"), "/proc/mounts options rw,relatime (%s)", opts);
	{
		struct stat st;

		check(stat(BASE "/a/file", &st) == 0 && major(st.st_dev) == mi.major &&
		      minor(st.st_dev) == mi.minor, "st_dev is mountinfo's major:minor");
	}

	fd = open(BASE "/a/file", O_WRONLY);
	check(mount(NULL, BASE "/a", NULL, MS_REMOUNT | MS_RDONLY, NULL) < 0 && errno == EBUSY,
	      "remount read-only with a file open for writing: EBUSY");
	if (fd >= 0)
		close(fd);
	fd = open(BASE "/a/file", O_RDONLY);
	check(mount(NULL, BASE "/a", NULL, MS_REMOUNT | MS_RDONLY, NULL) == 0,
	      "remount read-only with a file open for reading");
	if (fd >= 0)
		close(fd);
	check_read_only(BASE "/a", "remounted ro");
	minfo_find(BASE "/a", &mi);
	check(starts_with(mi.opts, "ro") && starts_with(mi.sbopts, "ro"),
	      "mountinfo after remount,ro: ro / ro (%s / %s)", mi.opts, mi.sbopts);
	mounts_opts(BASE "/a", opts, sizeof(opts));
	check(starts_with(opts, "ro,relatime"), "/proc/mounts: ro,relatime (%s)", opts);
	check(mount(NULL, BASE "/a", NULL, MS_REMOUNT, NULL) == 0 &&
	      write_file(BASE "/a/file", "again") == 0, "remount read-write: writes work");
	check(mount(NULL, BASE "/a/sub", NULL, MS_REMOUNT, NULL) < 0 && errno == EINVAL,
	      "remount of a directory that is no mount's root: EINVAL");
	check(mount(NULL, BASE "/a", NULL, MS_REMOUNT | MS_NOEXEC | MS_NOSUID, NULL) == 0,
	      "remount with noexec,nosuid");
	minfo_find(BASE "/a", &mi);
	check(!strcmp(mi.opts, "rw,nosuid,noexec,relatime"),
	      "mountinfo shows rw,nosuid,noexec,relatime (%s)", mi.opts);
	check(mount(NULL, BASE "/a", NULL, MS_REMOUNT | MS_NOATIME, NULL) == 0,
	      "remount noatime (the other flags go)");
	minfo_find(BASE "/a", &mi);
	check(!strcmp(mi.opts, "rw,noatime"), "mountinfo shows rw,noatime (%s)", mi.opts);
	check(mount(NULL, BASE "/a", NULL, MS_REMOUNT, NULL) == 0, "remount keeps noatime");
	minfo_find(BASE "/a", &mi);
	check(!strcmp(mi.opts, "rw,noatime"), "still rw,noatime (%s)", mi.opts);
	check(mount(NULL, BASE "/a", NULL, MS_REMOUNT | MS_RELATIME, NULL) == 0,
	      "remount relatime");
}

static void test_bind(void)
{
	struct minfo a, b;
	char buf[16] = "";
	int fd;

	check(mount(BASE "/a/sub", BASE "/b", NULL, MS_BIND, NULL) == 0, "bind a/sub on b");
	check(write_file(BASE "/a/sub/file", "bound") == 0, "a file in a/sub");
	fd = open(BASE "/b/file", O_RDONLY);
	check(fd >= 0 && read(fd, buf, sizeof(buf) - 1) == 5 && !strcmp(buf, "bound"),
	      "b shows a/sub's file");
	if (fd >= 0)
		close(fd);
	minfo_find(BASE "/a", &a);
	minfo_find(BASE "/b", &b);
	check(b.found && !strcmp(b.root, "/sub") && b.major == a.major && b.minor == a.minor &&
	      !strcmp(b.source, "abisrc") && b.id != a.id,
	      "mountinfo of the bind: root /sub, same device and source, own ID (%s %u:%u %s)",
	      b.root, b.major, b.minor, b.source);

	/* One mount's flags: the other mount of the file system stays writable. */
	fd = open(BASE "/b/file", O_WRONLY);
	check(mount(NULL, BASE "/b", NULL, MS_BIND | MS_REMOUNT | MS_RDONLY, NULL) < 0 &&
	      errno == EBUSY, "bind remount ro with a file open for writing there: EBUSY");
	if (fd >= 0)
		close(fd);
	check(mkdir(BASE "/a/sub/sub", 0755) == 0 && write_file(BASE "/a/sub/x", "") == 0,
	      "more files");
	check(mount(NULL, BASE "/b", NULL, MS_BIND | MS_REMOUNT | MS_RDONLY, NULL) == 0,
	      "bind remount ro");
	check_read_only(BASE "/b", "bind remounted ro");
	check(write_file(BASE "/a/sub/file", "still") == 0, "the same file via a: writable");
	minfo_find(BASE "/b", &b);
	check(starts_with(b.opts, "ro") && starts_with(b.sbopts, "rw"),
	      "mountinfo: the mount ro, the file system rw (%s / %s)", b.opts, b.sbopts);
	check(umount(BASE "/b") == 0, "umount the bind");

	/* MS_REC takes the mounts below along. */
	check(mount("inner", BASE "/a/sub/sub", "tmpfs", 0, NULL) == 0 &&
	      write_file(BASE "/a/sub/sub/deep", "") == 0, "a mount below a/sub");
	check(mount(BASE "/a/sub", BASE "/b", NULL, MS_BIND, NULL) == 0 &&
	      access(BASE "/b/sub/deep", F_OK) < 0 && errno == ENOENT,
	      "bind without MS_REC: the mount below is not there");
	check(umount(BASE "/b") == 0, "umount it");
	check(mount(BASE "/a/sub", BASE "/b", NULL, MS_BIND | MS_REC, NULL) == 0 &&
	      access(BASE "/b/sub/deep", F_OK) == 0, "bind with MS_REC: it is");
	minfo_find(BASE "/b/sub", &b);
	check(b.found && !strcmp(b.source, "inner"), "mountinfo lists the copy below");
	check(umount(BASE "/b") < 0 && errno == EBUSY, "umount with a mount below: EBUSY");
	check(umount2(BASE "/b", MNT_DETACH) == 0 && access(BASE "/b/sub", F_OK) < 0,
	      "MNT_DETACH takes both");
	minfo_find(BASE "/b/sub", &b);
	check(!b.found, "mountinfo no longer lists the one below");
	check(umount(BASE "/a/sub/sub") == 0, "umount the inner tmpfs");
	check(mount(BASE "/a/file", BASE "/a/sub", NULL, MS_BIND, NULL) < 0 && errno == ENOTDIR,
	      "bind a file on a directory: ENOTDIR");
	check(mount(BASE "/nonexistent", BASE "/b", NULL, MS_BIND, NULL) < 0 && errno == ENOENT,
	      "bind of a missing source: ENOENT");
}

static void test_move(void)
{
	struct minfo mi;

	check(mount("mv", BASE "/c", "tmpfs", 0, NULL) == 0 && mkdir(BASE "/c/in", 0755) == 0 &&
	      write_file(BASE "/c/x", "") == 0, "tmpfs on c");
	check(mount(BASE "/c", BASE "/c/in", NULL, MS_MOVE, NULL) < 0 && errno == ELOOP,
	      "MS_MOVE below itself: ELOOP");
	check(mount(BASE "/c/in", BASE "/d", NULL, MS_MOVE, NULL) < 0 && errno == EINVAL,
	      "MS_MOVE of a directory that is no mount's root: EINVAL");
	check(mount(BASE "/c", BASE "/d", NULL, MS_MOVE, NULL) == 0, "MS_MOVE c to d");
	check(access(BASE "/d/x", F_OK) == 0 && access(BASE "/c/x", F_OK) < 0,
	      "the file system is at d now, not at c");
	minfo_find(BASE "/d", &mi);
	check(mi.found && !strcmp(mi.source, "mv"), "mountinfo lists it at d");
	minfo_find(BASE "/c", &mi);
	check(!mi.found, "and not at c");
	check(mount(NULL, BASE "/d", NULL, MS_PRIVATE, NULL) == 0, "MS_PRIVATE on a mount");
	check(mount(NULL, BASE "/d/in", NULL, MS_PRIVATE, NULL) < 0 && errno == EINVAL,
	      "MS_PRIVATE on a directory that is no mount's root: EINVAL");
}

static void test_umount(void)
{
	char buf[8] = "";
	int fd, cwd = open(".", O_RDONLY | O_DIRECTORY);

	fd = open(BASE "/d/x", O_RDONLY);
	check(umount(BASE "/d") < 0 && errno == EBUSY, "umount with a file open: EBUSY");
	close(fd);
	check(chdir(BASE "/d/in") == 0 && umount(BASE "/d") < 0 && errno == EBUSY,
	      "umount with the cwd inside: EBUSY");
	check(fchdir(cwd) == 0, "back to the old cwd");
	check(umount(BASE "/d/in") < 0 && errno == EINVAL,
	      "umount of a directory that is no mount point: EINVAL");
	check(umount2(BASE "/d", 0x100) < 0 && errno == EINVAL, "umount2 unknown flag: EINVAL");
	check(write_file(BASE "/d/x", "lazy") == 0, "a file to keep open");
	fd = open(BASE "/d/x", O_RDONLY);
	check(umount2(BASE "/d", MNT_DETACH) == 0, "MNT_DETACH with a file open");
	check(access(BASE "/d/x", F_OK) < 0 && errno == ENOENT, "gone from the tree at once");
	check(fd >= 0 && read(fd, buf, sizeof(buf) - 1) == 4 && !strcmp(buf, "lazy"),
	      "the open file still reads");
	close(fd);
	check(umount(BASE "/d") < 0 && errno == EINVAL, "d is no mount point any more: EINVAL");
	close(cwd);
}

static void test_exec_and_dev(void)
{
	static char *const argv[] = { "prog", NULL };
	int fd;

	check(mount("ne", BASE "/c", "tmpfs", MS_NOEXEC | MS_NODEV, NULL) == 0,
	      "tmpfs noexec,nodev");
	check(write_file(BASE "/c/prog", "#!/bin/sh\nexit 0\n") == 0 &&
	      chmod(BASE "/c/prog", 0755) == 0, "a script there");
	check(execve(BASE "/c/prog", argv, NULL) < 0 && errno == EACCES,
	      "execve on a noexec mount: EACCES");
	check(mknod(BASE "/c/null", S_IFCHR | 0666, makedev(NULL_MAJOR, NULL_MINOR)) == 0,
	      "mknod a /dev/null there");
	fd = open(BASE "/c/null", O_RDWR);
	check(fd < 0 && errno == EACCES, "open a device on a nodev mount: EACCES");
	if (fd >= 0)
		close(fd);
	check(mount(NULL, BASE "/c", NULL, MS_REMOUNT, NULL) == 0, "remount without them");
	fd = open(BASE "/c/null", O_RDWR);
	check(fd >= 0, "the device opens now");
	if (fd >= 0)
		close(fd);
	check(umount(BASE "/c") == 0, "umount");
}

static void test_as_user(void)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		int bad = 0;

		if (setgid(NOBODY) || setuid(NOBODY))
			_exit(100);
		if (mount("x", BASE "/c", "tmpfs", 0, NULL) == 0 || errno != EPERM)
			bad |= 1;
		if (umount(BASE "/a") == 0 || errno != EPERM)
			bad |= 2;
		if (mount(NULL, BASE "/a", NULL, MS_REMOUNT | MS_RDONLY, NULL) == 0 ||
		    errno != EPERM)
			bad |= 4;
		_exit(bad);
	}
	waitpid(pid, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "as nobody: mount, umount, remount EPERM (status %#x)", status);
}

int main(void)
{
	int guest = access(GUEST_MARK, F_OK) == 0;
	static const char *const dirs[] = { BASE, BASE "/a", BASE "/b", BASE "/c", BASE "/d" };

	tap_plan(PLAN);
	if (getuid() != 0) {
		while (tap_no < PLAN)
			skip("mount(2) needs root");
		return 0;
	}
	/* On the host: a namespace of our own, nothing propagated out. */
	if (!guest && (syscall(SYS_unshare, CLONE_NEWNS) != 0 ||
		       mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)) {
		while (tap_no < PLAN)
			skip("no mount namespace of our own (errno %d)", errno);
		return 0;
	}
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		mkdir(dirs[i], 0755);
	test_remount();
	test_bind();
	test_move();
	test_umount();
	test_exec_and_dev();
	test_as_user();
	check(umount(BASE "/a") == 0, "umount a");
	for (size_t i = sizeof(dirs) / sizeof(dirs[0]); i-- > 0;)
		rmdir(dirs[i]);
	if (tap_no != PLAN)
		diag("plan %d, ran %d", PLAN, tap_no);
	return tap_done();
}
