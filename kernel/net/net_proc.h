/*
 * net_proc.h: the text of /proc/net/dev, tcp and udp (proc(5)), for
 * kernel/fs/procfs/net.c. net_proc.c has dev, inet/inet_proc.c the rest.
 */
#ifndef NET_NET_PROC_H
#define NET_NET_PROC_H

struct procfs_buf;
struct process;
struct dentry;

int net_proc_show_dev(struct procfs_buf *b, struct process *p);
int net_proc_show_tcp(struct procfs_buf *b, struct process *p);
int net_proc_show_udp(struct procfs_buf *b, struct process *p);
/* procfs's mount: makes /proc/net and its files. */
void procfs_net_init(struct dentry *root);

#endif /* NET_NET_PROC_H */
