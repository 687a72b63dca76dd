/*
 * fasync.h: signal-driven I/O (fasync.c). A file with O_ASYNC set
 * (fcntl F_SETFL or ioctl FIOASYNC) on an object that supports it joins
 * one of the object's fasync lists; when the object turns readable or
 * writable it calls fasync_notify, which sends SIGIO to the owner each
 * listed file was given with F_SETOWN(_EX): a process, a process group
 * or a thread (fcntl(2), "Managing signals"). A file without an owner
 * stays listed and sends nothing, as on Linux.
 *
 * Locking: fasync_lock (fasync.c) guards every list and the owner
 * fields of files; fasync_notify finds and signals the owners under it
 * and tasklist_lock (proc/process.h). Not from interrupt handlers
 * (tasklist_lock is never taken there): a terminal whose input comes
 * in one defers the notify to the "ttysig" thread (tty.c). It nests
 * inside a pipe's lock and outside tasklist_lock.
 */
#ifndef FS_FASYNC_H
#define FS_FASYNC_H

#include <stdbool.h>
#include <basalt/list.h>

struct file;

struct fasync_list {
	struct list_node entries;	/* struct fasync_entry.link */
};

#define FASYNC_LIST_INIT(name)	{ .entries = { &(name).entries, &(name).entries } }

void fasync_list_init(struct fasync_list *l);
/*
 * Puts f on l (on) or takes it off; an object's file_ops.fasync calls it
 * for each list the file's access mode reads or writes. 0 or -ENOMEM.
 */
int fasync_set(struct fasync_list *l, struct file *f, bool on);
/*
 * A terminal's rule when O_ASYNC goes on (Linux's tty_fasync): its owner
 * becomes the terminal's foreground process group if it has one (pgrp >
 * 0), else the calling process, whatever F_SETOWN said before.
 */
void fasync_own_terminal(struct file *f, int pgrp);
/* F_SETOWN(_EX): sets f's owner (type F_OWNER_*, pid 0 for nobody). */
void fasync_set_owner(struct file *f, int type, int pid);
/* SIGIO to the owner of every file on l. */
void fasync_notify(struct fasync_list *l);

#endif /* FS_FASYNC_H */
