/*
 * vfs_fuzz_ktest.c: random path names (from ".", "..", a few names,
 * symlinks that loop or climb, empty components, over-long names) thrown
 * at every name operation with a fixed seed. The only expectations:
 * nothing crashes, every result is 0 or a negative errno, and the tree
 * can be torn down afterwards. It runs chrooted into /kt-fuzz, so ".."
 * and the climbing link cannot reach the rest of the file system.
 */
#include <basalt/format.h>
#include <basalt/ktest.h>
#include <basalt/string.h>
#include <uapi/dirent.h>
#include <uapi/errno.h>
#include "vfs_ktest_util.h"

#define FUZZ_ROUNDS		3000
#define FUZZ_SEED		0x5eed1234u
#define FUZZ_PATH_MAX		256
#define FUZZ_ERRNO_MAX		133	/* EHWPOISON, the largest Linux errno */

static uint32_t fuzz_state;

static uint32_t fuzz_rand(void)
{
	fuzz_state ^= fuzz_state << 13;
	fuzz_state ^= fuzz_state >> 17;
	fuzz_state ^= fuzz_state << 5;
	return fuzz_state;
}

static const char *const fuzz_parts[] = {
	".", "..", "a", "b", "c", "l1", "l2", "up", "f", "", "d",
	"nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn",
};

static void fuzz_path(char *buf, size_t size)
{
	size_t n = 0;
	unsigned parts = 1 + fuzz_rand() % 5;

	buf[0] = '\0';
	n = 0;
	for (unsigned i = 0; i < parts && n + 80 < size; i++) {
		buf[n++] = '/';
		n += strlcpy(buf + n, fuzz_parts[fuzz_rand() % ARRAY_SIZE(fuzz_parts)],
			     size - n);
	}
	if (fuzz_rand() % 8 == 0 && n + 1 < size) {
		buf[n++] = '/';
		buf[n] = '\0';
	}
}

static bool fuzz_ok(long r)
{
	return r == 0 || (r < 0 && r >= -FUZZ_ERRNO_MAX);
}

/* Removes everything under dir, depth first, by reading it (as root). */
static void fuzz_clean(struct ktest_ctx *t, const char *dir, int depth)
{
	uint8_t *buf = kmalloc(4096);
	char *path = kmalloc(PATH_MAX);
	struct file *f;
	bool again = true;

	if (!buf || !path || depth > 64)
		goto out;
	while (again) {
		struct uio u;
		long n;

		again = false;
		if (vfs_openat(AT_FDCWD, dir, O_RDONLY | O_DIRECTORY, 0, &f))
			goto out;
		uio_init_kernel(&u, buf, 4096);
		n = vfs_readdir(f, &u);
		file_put(f);
		for (long off = 0; off < n;) {
			const struct linux_dirent64 *d = (const void *)(buf + off);

			off += d->d_reclen;
			if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
				continue;
			snprintf(path, PATH_MAX, "%s/%s", dir, d->d_name);
			if (d->d_type == DT_DIR)
				fuzz_clean(t, path, depth + 1);
			KT_EXPECT(t, vfs_unlinkat(AT_FDCWD, path,
						  d->d_type == DT_DIR ? AT_REMOVEDIR : 0) == 0);
			again = true;
		}
	}
out:
	kfree(path);
	kfree(buf);
}

KTEST(vfs_fuzz_random_paths)
{
	char *a = kmalloc(FUZZ_PATH_MAX), *b = kmalloc(FUZZ_PATH_MAX);
	struct stat st;
	struct file *f;
	struct kt_proc k;
	unsigned bad = 0, succeeded = 0;

	KT_ASSERT(t, vfs_init() == 0 && a && b);
	KT_ASSERT(t, vfs_mkdirat(AT_FDCWD, "/kt-fuzz", 0755) == 0);
	KT_ASSERT(t, vfs_symlinkat("l2", AT_FDCWD, "/kt-fuzz/l1") == 0);
	KT_ASSERT(t, vfs_symlinkat("l1/a", AT_FDCWD, "/kt-fuzz/l2") == 0);
	KT_ASSERT(t, vfs_symlinkat("../..", AT_FDCWD, "/kt-fuzz/up") == 0);
	KT_ASSERT(t, kt_proc_enter(&k, 0, 0));
	KT_ASSERT(t, vfs_chroot("/kt-fuzz") == 0);
	fuzz_state = FUZZ_SEED;
	for (unsigned i = 0; i < FUZZ_ROUNDS; i++) {
		long r = 0;

		fuzz_path(a, FUZZ_PATH_MAX);
		fuzz_path(b, FUZZ_PATH_MAX);
		switch (fuzz_rand() % 9) {
		case 0:
			r = vfs_mkdirat(AT_FDCWD, a, 0755);
			break;
		case 1:
			r = vfs_openat(AT_FDCWD, a, O_RDWR | O_CREAT, 0644, &f);
			if (!r) {
				kt_write(f, "x", 1);
				file_put(f);
			}
			break;
		case 2:
			r = vfs_statat(AT_FDCWD, a, fuzz_rand() % 2 ? AT_SYMLINK_NOFOLLOW : 0,
				       &st, NULL);
			break;
		case 3:
			r = vfs_unlinkat(AT_FDCWD, a, fuzz_rand() % 2 ? AT_REMOVEDIR : 0);
			break;
		case 4:
			r = vfs_renameat2(AT_FDCWD, a, AT_FDCWD, b, fuzz_rand() % 2);
			break;
		case 5:
			r = vfs_linkat(AT_FDCWD, a, AT_FDCWD, b, 0);
			break;
		case 6:
			r = vfs_symlinkat(b, AT_FDCWD, a);
			break;
		case 7:
			r = vfs_openat(AT_FDCWD, a, O_RDONLY | O_DIRECTORY, 0, &f);
			if (!r) {
				uint8_t buf[128];
				struct uio u;

				uio_init_kernel(&u, buf, sizeof(buf));
				r = vfs_readdir(f, &u);
				r = r > 0 ? 0 : r;
				file_put(f);
			}
			break;
		default: {
			char out[16];

			r = vfs_readlinkat(AT_FDCWD, a, out, sizeof(out));
			r = r > 0 ? 0 : r;
		}
		}
		if (!fuzz_ok(r))
			bad++;
		succeeded += r == 0;
	}
	kt_proc_leave(&k);
	KT_EXPECT_EQ(t, bad, 0);
	KT_EXPECT(t, succeeded > FUZZ_ROUNDS / 20);	/* the paths do reach files */
	/* Whatever the rounds built, the links of a/b/c... may point anywhere. */
	fuzz_clean(t, "/kt-fuzz", 0);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-fuzz", AT_REMOVEDIR), 0);
	kfree(a);
	kfree(b);
}
