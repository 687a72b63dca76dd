/*
 * basalt.c: /proc/basalt, what Basalt tells about itself that Linux has
 * no file for.
 *
 *   enosys   every system call that ran without a handler (ENOSYS) since
 *            boot, one per line: "<number> <name> <calls>", by number,
 *            and "- out-of-range <calls>" for numbers past the table, so
 *            a user can see what a failing program needed.
 */
#include <basalt/compiler.h>
#include <basalt/syscalls.h>
#include <fs/procfs/procfs.h>

static int procfs_show_enosys(struct procfs_buf *b, struct process *p __unused)
{
	uint64_t beyond = syscall_enosys_out_of_range();

	for (unsigned nr = 0; nr < syscall_nr_count(); nr++) {
		const char *name = NULL;
		uint64_t calls = syscall_enosys_calls(nr, &name);

		if (calls)
			procfs_printf(b, "%u %s %llu\n", nr, name ? name : "unassigned",
				      (unsigned long long)calls);
	}
	if (beyond)
		procfs_printf(b, "- out-of-range %llu\n", (unsigned long long)beyond);
	return 0;
}

static const struct procfs_entry procfs_basalt_entries[] = {
	{ "enosys", PROCFS_FILE_MODE, procfs_show_enosys, NULL, false, NULL },
};

void procfs_basalt_init(struct dentry *root)
{
	struct dentry *dir = procfs_add_dir(root, "basalt");

	for (size_t i = 0; dir && i < ARRAY_SIZE(procfs_basalt_entries); i++)
		procfs_add_file(dir, &procfs_basalt_entries[i]);
}
