/*
 * net.c: /proc/net/dev, /proc/net/tcp and /proc/net/udp (proc(5)); the
 * text is the network code's (net_proc.c), in Linux's formats. On Linux
 * /proc/net is a link to the reader's network namespace; Basalt has one.
 */
#include <fs/procfs/procfs.h>
#include <net/net_proc.h>

static const struct procfs_entry procfs_net_entries[] = {
	{ "dev", PROCFS_FILE_MODE, net_proc_show_dev, NULL, false, NULL },
	{ "tcp", PROCFS_FILE_MODE, net_proc_show_tcp, NULL, false, NULL },
	{ "udp", PROCFS_FILE_MODE, net_proc_show_udp, NULL, false, NULL },
};

void procfs_net_init(struct dentry *root)
{
	struct dentry *dir = procfs_add_dir(root, "net");

	if (!dir)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(procfs_net_entries); i++)
		procfs_add_file(dir, &procfs_net_entries[i]);
}
