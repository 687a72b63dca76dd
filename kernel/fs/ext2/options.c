/*
 * options.c: ext2's mount(2) data string, as Linux takes it for an ext2
 * file system (Documentation/filesystems/ext2.rst, "Options"; today's
 * kernels mount ext2 with the ext4 driver, whose parser and /proc/mounts
 * output the tests compare with): errors=continue|remount-ro|panic,
 * grpid/bsdgroups and nogrpid/sysvgroups, resuid=/resgid=, bsddf and
 * minixdf, nouid32, debug, and the options Linux accepts and ignores
 * (nocheck, check=none, oldalloc, orlov, nobh, bh). An unknown option or
 * a bad value is EINVAL with a log line, before anything changes. The
 * generic ones (ro, noatime, sync...) are mount(2) flags, not data.
 */
#include <basalt/format.h>
#include <basalt/log.h>
#include <basalt/panic.h>
#include <basalt/string.h>
#include <uapi/errno.h>
#include "ext2.h"

/* The longest number resuid=/resgid= take: a 32-bit id in decimal. */
#define EXT2_OPT_ID_DIGITS	10

/* Options Linux accepts and ignores for ext2 (no effect there either). */
static const char *const ext2_ignored_opts[] = {
	"nocheck", "check=none", "oldalloc", "orlov", "nobh", "bh",
};

static bool ext2_opt_is(const char *opt, size_t len, const char *name)
{
	return strlen(name) == len && !memcmp(opt, name, len);
}

static int ext2_opt_id(const char *v, size_t len, uint32_t *out)
{
	uint64_t n = 0;

	if (!len || len > EXT2_OPT_ID_DIGITS)
		return -EINVAL;
	for (size_t i = 0; i < len; i++) {
		if (v[i] < '0' || v[i] > '9')
			return -EINVAL;
		n = n * 10 + (uint64_t)(v[i] - '0');
	}
	if (n > UINT32_MAX)
		return -EINVAL;
	*out = (uint32_t)n;
	return 0;
}

/* One option of len bytes into o: 0 or -EINVAL. */
static int ext2_parse_one(const char *opt, size_t len, struct ext2_mount_opts *o)
{
	if (ext2_opt_is(opt, len, "errors=continue"))
		o->errors = EXT2_ERRORS_CONTINUE;
	else if (ext2_opt_is(opt, len, "errors=remount-ro"))
		o->errors = EXT2_ERRORS_RO;
	else if (ext2_opt_is(opt, len, "errors=panic"))
		o->errors = EXT2_ERRORS_PANIC;
	else if (ext2_opt_is(opt, len, "grpid") || ext2_opt_is(opt, len, "bsdgroups"))
		o->grpid = true;
	else if (ext2_opt_is(opt, len, "nogrpid") || ext2_opt_is(opt, len, "sysvgroups"))
		o->grpid = false;
	else if (ext2_opt_is(opt, len, "minixdf"))
		o->minixdf = true;
	else if (ext2_opt_is(opt, len, "bsddf"))
		o->minixdf = false;
	else if (ext2_opt_is(opt, len, "nouid32"))
		o->nouid32 = true;
	else if (ext2_opt_is(opt, len, "debug"))
		o->debug = true;
	else if (len > 7 && !memcmp(opt, "resuid=", 7)) {
		if (ext2_opt_id(opt + 7, len - 7, &o->resuid))
			return -EINVAL;
		o->resuid_set = true;
	} else if (len > 7 && !memcmp(opt, "resgid=", 7)) {
		if (ext2_opt_id(opt + 7, len - 7, &o->resgid))
			return -EINVAL;
		o->resgid_set = true;
	} else {
		for (size_t i = 0; i < ARRAY_SIZE(ext2_ignored_opts); i++)
			if (ext2_opt_is(opt, len, ext2_ignored_opts[i]))
				return 0;
		return -EINVAL;
	}
	return 0;
}

int ext2_parse_options(const char *dev, const char *options, struct ext2_mount_opts *o)
{
	struct ext2_mount_opts n = *o;

	while (options && *options) {
		const char *opt = options;
		size_t len = 0;

		while (opt[len] && opt[len] != ',')
			len++;
		options = opt[len] ? opt + len + 1 : opt + len;
		/* An empty option (",,") is skipped, as Linux's generic parser does. */
		if (len && ext2_parse_one(opt, len, &n)) {
			pr_err(EXT2_LOG_PREFIX "%s: Unrecognized mount option \"%.*s\" or missing value\n",
			       dev, (int)len, opt);
			return -EINVAL;
		}
	}
	*o = n;
	return 0;
}

uint16_t ext2_errors_behaviour(const struct ext2_sb_info *sbi)
{
	uint16_t e = sbi->opts.errors ? sbi->opts.errors : sbi->es.s_errors;

	return e == EXT2_ERRORS_RO || e == EXT2_ERRORS_PANIC ? e : EXT2_ERRORS_CONTINUE;
}

/*
 * /proc/mounts: what differs from the defaults, in the order of Linux's
 * ext4 show_options (its option table, then resuid/resgid, then errors=
 * when it is not the superblock's s_errors).
 */
long ext2_show_options(struct super_block *sb, char *buf, size_t size)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	const struct ext2_mount_opts *o = &sbi->opts;
	size_t n = 0;
	int r;

#define EXT2_SHOW(...)                                                              \
	do {                                                                        \
		r = snprintf(buf + n, size - n, __VA_ARGS__);                       \
		if (r < 0 || (size_t)r >= size - n)                                 \
			return -ENAMETOOLONG;                                       \
		n += (size_t)r;                                                     \
	} while (0)
	if (o->minixdf)
		EXT2_SHOW(",minixdf");
	if (o->grpid)
		EXT2_SHOW(",grpid");
	if (o->nouid32)
		EXT2_SHOW(",nouid32");
	if (o->debug)
		EXT2_SHOW(",debug");
	if (o->resuid_set && o->resuid != sbi->es.s_def_resuid)
		EXT2_SHOW(",resuid=%u", o->resuid);
	if (o->resgid_set && o->resgid != sbi->es.s_def_resgid)
		EXT2_SHOW(",resgid=%u", o->resgid);
	if (o->errors && o->errors != sbi->es.s_errors) {
		if (o->errors == EXT2_ERRORS_RO)
			EXT2_SHOW(",errors=remount-ro");
		else if (o->errors == EXT2_ERRORS_PANIC)
			EXT2_SHOW(",errors=panic");
		else
			EXT2_SHOW(",errors=continue");
	}
#undef EXT2_SHOW
	return (long)n;
}
