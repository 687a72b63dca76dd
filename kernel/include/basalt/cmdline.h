/*
 * Kernel command line (kernel/core/cmdline.c), parsed like Linux
 * (Documentation/admin-guide/kernel-parameters): space-separated words,
 * "name=value" pairs, double quotes to keep spaces in a value, and "--"
 * ending the kernel's part: what follows goes to init untouched.
 * Words the kernel does not know go to init as Linux does: "name=value"
 * into its environment, plain words into its argument list.
 */
#ifndef BASALT_CMDLINE_H
#define BASALT_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>

#define CMDLINE_MAX		1024
#define CMDLINE_CONSOLES_MAX	4
#define CMDLINE_CONSOLE_NAME_MAX 16
#define CMDLINE_INIT_ARGS_MAX	32
#define CMDLINE_INVALID_MAX	8
#define CMDLINE_LOGLEVEL_UNSET	(-1)
#define CMDLINE_MAXCPUS_UNSET	(-1)

struct cmdline_console {
	char name[CMDLINE_CONSOLE_NAME_MAX];	/* "ttyS0", "tty0" */
	const char *options;			/* "115200n8" or "" */
};

struct cmdline {
	char buf[CMDLINE_MAX];		/* tokenized copy; strings point here */
	bool truncated;			/* the input was longer than CMDLINE_MAX-1 */

	struct cmdline_console consoles[CMDLINE_CONSOLES_MAX];
	unsigned nconsoles;
	const char *init;		/* init=, NULL if absent */
	const char *rdinit;		/* rdinit=, default "/init" */
	const char *root;		/* root=, NULL if absent */
	const char *rootfstype;		/* rootfstype=: types to try, comma-separated */
	const char *rootflags;		/* rootflags=: the root's mount options */
	bool rootwait;			/* rootwait: wait for the root device forever */
	long rootdelay;			/* rootdelay=N: seconds before mounting it */
	bool root_rw;			/* rw (default ro, as Linux's root_mountflags) */
	bool quiet;
	int loglevel;			/* CMDLINE_LOGLEVEL_UNSET or 0..15 */
	long panic_timeout;		/* panic=N: <0 reboot now, 0 halt, >0 secs */
	bool norandmaps;
	bool profile;			/* profile: core/profile.c samples ticks */
	bool lockcheck;			/* lockcheck: sched/lockcheck.c checks locking */
	bool ktest;			/* ktest or ktest=FILTER */
	const char *ktest_filter;	/* NULL: run all */
	const char *crashtest;		/* crashtest=NAME: see core/crashtest.c */
	bool pci_nomsi;			/* pci=nomsi: INTx only (drivers/pci) */
	bool nosmp;			/* nosmp: the boot CPU only (arch/x86_64/smp) */
	long maxcpus;			/* maxcpus=N, or CMDLINE_MAXCPUS_UNSET */

	const char *init_argv[CMDLINE_INIT_ARGS_MAX];
	unsigned init_argc;
	const char *init_envp[CMDLINE_INIT_ARGS_MAX];
	unsigned init_envc;

	/* Parameters the kernel knows but whose value it refused. */
	const char *invalid[CMDLINE_INVALID_MAX];
	unsigned ninvalid;
};

#define CMDLINE_DEFAULT_RDINIT	"/init"

/* Parses text (may be NULL) into out. Never fails; see out->invalid. */
void cmdline_parse(const char *text, struct cmdline *out);

/* The command line the kernel booted with (set once in kmain). */
extern struct cmdline boot_cmdline;

#endif /* BASALT_CMDLINE_H */
