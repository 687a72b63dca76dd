/*
 * unpack_attrs_ktest.c: initramfs_unpack keeps what a file list says
 * about each entry (initramfs/gen_cpio.c writes it, with no root needed
 * on the build host): the owner and group, the permission bits with
 * setuid and sticky, and the device numbers of character and block
 * nodes and FIFOs. The archive is built here, in cpio(5)'s newc format.
 */
#include <basalt/format.h>
#include <basalt/ktest.h>
#include <basalt/string.h>
#include <fs/file.h>
#include <mm/mm.h>
#include <uapi/errno.h>
#include "vfs_ktest_util.h"

#define UA_BUF_LEN		2048
#define UA_HEADER_LEN		110	/* "070701" + 13 fields of 8 hex digits */
#define UA_ALIGN		4
#define UA_UID			1000
#define UA_GID			100
#define UA_TTY_GID		5
#define UA_MEM_MAJOR		1	/* /dev/null is (1, 3) on Linux */
#define UA_NULL_MINOR		3
#define UA_DISK_MAJOR		8	/* /dev/sda is (8, 0) */

struct ua_archive {
	char *buf;
	size_t len;
	unsigned ino;
};

static void ua_pad(struct ua_archive *a)
{
	while (a->len % UA_ALIGN)
		a->buf[a->len++] = '\0';
}

static void ua_entry(struct ua_archive *a, const char *name, unsigned mode,
		     unsigned uid, unsigned gid, unsigned rmaj, unsigned rmin,
		     const char *data)
{
	size_t size = data ? strlen(data) : 0;
	size_t namesize = strlen(name) + 1;

	snprintf(a->buf + a->len, UA_HEADER_LEN + 1,
		 "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 ++a->ino, mode, uid, gid, 1U, 0U, (unsigned)size, 0U, 0U,
		 rmaj, rmin, (unsigned)namesize, 0U);
	a->len += UA_HEADER_LEN;
	memcpy(a->buf + a->len, name, namesize);
	a->len += namesize;
	ua_pad(a);
	if (size)
		memcpy(a->buf + a->len, data, size);
	a->len += size;
	ua_pad(a);
}

static void ua_expect(struct ktest_ctx *t, const char *path, unsigned mode,
		      unsigned uid, unsigned gid, uint64_t rdev)
{
	struct stat st;

	KT_ASSERT(t, vfs_statat(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, &st, NULL) == 0);
	KT_EXPECT_EQ(t, st.st_mode, mode);
	KT_EXPECT_EQ(t, st.st_uid, uid);
	KT_EXPECT_EQ(t, st.st_gid, gid);
	KT_EXPECT_EQ(t, st.st_rdev, rdev);
}

KTEST(initramfs_unpack_owner_mode_nodes)
{
	struct ua_archive a = { .buf = kzalloc(UA_BUF_LEN) };

	KT_ASSERT(t, a.buf != NULL);
	KT_ASSERT(t, vfs_init() == 0);
	ua_entry(&a, "ua", S_IFDIR | 01750, UA_UID, UA_GID, 0, 0, NULL);
	ua_entry(&a, "ua/suid", S_IFREG | 04710, UA_UID, UA_GID, 0, 0, "x");
	ua_entry(&a, "ua/null", S_IFCHR | 0620, 0, UA_TTY_GID,
		 UA_MEM_MAJOR, UA_NULL_MINOR, NULL);
	ua_entry(&a, "ua/sda", S_IFBLK | 0660, 0, UA_GID, UA_DISK_MAJOR, 0, NULL);
	ua_entry(&a, "ua/fifo", S_IFIFO | 0600, UA_UID, 0, 0, 0, NULL);
	ua_entry(&a, "ua/link", S_IFLNK | 0777, UA_UID, UA_GID, 0, 0, "suid");
	ua_entry(&a, "TRAILER!!!", 0, 0, 0, 0, 0, NULL);
	KT_ASSERT(t, a.len <= UA_BUF_LEN);

	KT_EXPECT_EQ(t, initramfs_unpack(a.buf, a.len), 0);
	ua_expect(t, "/ua", S_IFDIR | 01750, UA_UID, UA_GID, 0);
	ua_expect(t, "/ua/suid", S_IFREG | 04710, UA_UID, UA_GID, 0);
	ua_expect(t, "/ua/null", S_IFCHR | 0620, 0, UA_TTY_GID,
		  DEV_MAKE(UA_MEM_MAJOR, UA_NULL_MINOR));
	ua_expect(t, "/ua/sda", S_IFBLK | 0660, 0, UA_GID, DEV_MAKE(UA_DISK_MAJOR, 0));
	ua_expect(t, "/ua/fifo", S_IFIFO | 0600, UA_UID, 0, 0);
	ua_expect(t, "/ua/link", S_IFLNK | 0777, UA_UID, UA_GID, 0);

	vfs_unlinkat(AT_FDCWD, "/ua/link", 0);
	vfs_unlinkat(AT_FDCWD, "/ua/fifo", 0);
	vfs_unlinkat(AT_FDCWD, "/ua/sda", 0);
	vfs_unlinkat(AT_FDCWD, "/ua/null", 0);
	vfs_unlinkat(AT_FDCWD, "/ua/suid", 0);
	vfs_unlinkat(AT_FDCWD, "/ua", AT_REMOVEDIR);
	kfree(a.buf);
}
