/*
 * prctl_setid.c: the prctl(2) options programs use at start-up
 * (PR_SET/GET_PDEATHSIG, DUMPABLE, KEEPCAPS, NO_NEW_PRIVS,
 * CHILD_SUBREAPER, CAPBSET_READ) with their argument checks and what
 * fork and exec do to them; then set-uid/set-gid executables (execve(2)):
 * a copy of this program, owned by root and mode 06755, run by nobody
 * gets euid 0, the saved ids, AT_SECURE 1 and is not dumpable; on a
 * nosuid tmpfs, or with no_new_privs, nothing changes. Raw system calls
 * for prctl. Prints TAP; runs on the host, in Basalt and under Linux (the
 * set-id part needs root and, on the host, a mount namespace of its own).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <grp.h>
#include <sys/auxv.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>

#include "abi_tap.h"

#define PLAN			29
#define GUEST_MARK		"/abi/list"
#define BASE			"/tmp/abi-setid"
#define SUID_DIR		BASE "/suid"
#define NOSUID_DIR		BASE "/nosuid"
#define PROG_NAME		"/prog"
#define NOBODY			65534
#define SETID_MODE		06755

#define PR_SET_PDEATHSIG	1
#define PR_GET_PDEATHSIG	2
#define PR_GET_DUMPABLE		3
#define PR_SET_DUMPABLE		4
#define PR_GET_KEEPCAPS		7
#define PR_SET_KEEPCAPS		8
#define PR_CAPBSET_READ		23
#define PR_SET_CHILD_SUBREAPER	36
#define PR_GET_CHILD_SUBREAPER	37
#define PR_SET_NO_NEW_PRIVS	38
#define PR_GET_NO_NEW_PRIVS	39
#define CAP_LAST		40	/* CAP_CHECKPOINT_RESTORE */

static long prctl5(long opt, long a2, long a3, long a4, long a5)
{
	return raw6(SYS_prctl, opt, a2, a3, a4, a5, 0);
}

static long prctl2(long opt, long a2)
{
	return prctl5(opt, a2, 0, 0, 0);
}

static int get_pdeathsig(void)
{
	int sig = -1;

	return prctl2(PR_GET_PDEATHSIG, (long)&sig) == 0 ? sig : -1;
}

/* Child mode: one line of the ids and prctl state this exec gave. */
static int report(void)
{
	uid_t r, e, s;
	gid_t gr, ge, gs;

	getresuid(&r, &e, &s);
	getresgid(&gr, &ge, &gs);
	printf("%u %u %u %u %lu %ld %ld %ld %d\n", (unsigned)e, (unsigned)s, (unsigned)ge,
	       (unsigned)gs, getauxval(AT_SECURE), prctl2(PR_GET_DUMPABLE, 0),
	       prctl2(PR_GET_KEEPCAPS, 0), prctl5(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0),
	       get_pdeathsig());
	return 0;
}

struct report {
	unsigned euid, suid, egid, sgid;
	long secure, dumpable, keepcaps, nnp, pdeathsig;
};

/*
 * Runs prog in report mode in a child that first becomes uid (and gid)
 * if not -1, then optionally sets no_new_privs, keep-caps, not dumpable
 * and a death signal; 0 and *out, or -1.
 */
static int run_report(const char *prog, int uid, int nnp, int setup, struct report *out)
{
	char line[256];
	int fds[2], status;
	ssize_t n;
	pid_t pid;

	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid == 0) {
		char *const av[] = { (char *)prog, "report", NULL };

		dup2(fds[1], 1);
		close(fds[0]);
		if (uid >= 0 && (setgroups(0, NULL) || setgid((gid_t)uid) || setuid((uid_t)uid)))
			_exit(TAP_NOUSER);
		if (nnp && prctl5(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
			_exit(4);
		if (setup && (prctl2(PR_SET_KEEPCAPS, 1) || prctl2(PR_SET_DUMPABLE, 0) ||
			      prctl2(PR_SET_PDEATHSIG, SIGUSR2)))
			_exit(5);
		execv(prog, av);
		_exit(127);
	}
	close(fds[1]);
	n = read(fds[0], line, sizeof(line) - 1);
	line[n > 0 ? n : 0] = '\0';
	close(fds[0]);
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		diag("report child of %s: status %#x", prog, status);
		return -1;
	}
	if (sscanf(line, "%u %u %u %u %ld %ld %ld %ld %ld", &out->euid, &out->suid, &out->egid,
		   &out->sgid, &out->secure, &out->dumpable, &out->keepcaps, &out->nnp,
		   &out->pdeathsig) != 9) {
		diag("report line '%s'", line);
		return -1;
	}
	diag("%s uid %d: euid %u suid %u egid %u sgid %u secure %ld dumpable %ld keepcaps %ld "
	     "nnp %ld pdeathsig %ld", prog, uid, out->euid, out->suid, out->egid, out->sgid,
	     out->secure, out->dumpable, out->keepcaps, out->nnp, out->pdeathsig);
	return 0;
}

static void test_options(void)
{
	int sig = -1;

	check(prctl2(PR_GET_DUMPABLE, 0) == 1, "PR_GET_DUMPABLE: 1");
	check(prctl2(PR_SET_DUMPABLE, 0) == 0 && prctl2(PR_GET_DUMPABLE, 0) == 0,
	      "PR_SET_DUMPABLE 0");
	check(prctl2(PR_SET_DUMPABLE, 2) == -EINVAL && prctl2(PR_SET_DUMPABLE, 1) == 0 &&
	      prctl2(PR_GET_DUMPABLE, 0) == 1, "PR_SET_DUMPABLE 2: EINVAL; 1 back");
	check(prctl2(PR_GET_KEEPCAPS, 0) == 0 && prctl2(PR_SET_KEEPCAPS, 1) == 0 &&
	      prctl2(PR_GET_KEEPCAPS, 0) == 1, "PR_SET_KEEPCAPS 1");
	check(prctl2(PR_SET_KEEPCAPS, 2) == -EINVAL && prctl2(PR_SET_KEEPCAPS, 0) == 0 &&
	      prctl2(PR_GET_KEEPCAPS, 0) == 0, "PR_SET_KEEPCAPS 2: EINVAL; 0 back");
	check(prctl2(PR_CAPBSET_READ, 0) == 1 && prctl2(PR_CAPBSET_READ, CAP_LAST) == 1,
	      "PR_CAPBSET_READ: capabilities 0 and %d in the bounding set", CAP_LAST);
	check(prctl2(PR_CAPBSET_READ, CAP_LAST + 1) == -EINVAL &&
	      prctl2(PR_CAPBSET_READ, -1) == -EINVAL, "PR_CAPBSET_READ past the last: EINVAL");
	check(prctl5(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 0 &&
	      prctl5(PR_GET_NO_NEW_PRIVS, 1, 0, 0, 0) == -EINVAL,
	      "PR_GET_NO_NEW_PRIVS: 0; an argument: EINVAL");
	check(prctl5(PR_SET_NO_NEW_PRIVS, 0, 0, 0, 0) == -EINVAL &&
	      prctl5(PR_SET_NO_NEW_PRIVS, 1, 1, 0, 0) == -EINVAL &&
	      prctl5(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 1) == -EINVAL,
	      "PR_SET_NO_NEW_PRIVS: 0 or extra arguments: EINVAL");
	check(prctl2(PR_SET_PDEATHSIG, 65) == -EINVAL && get_pdeathsig() == 0,
	      "PR_SET_PDEATHSIG 65: EINVAL; none set");
	check(prctl2(PR_SET_PDEATHSIG, SIGUSR1) == 0 && get_pdeathsig() == SIGUSR1 &&
	      prctl2(PR_GET_PDEATHSIG, 8) == -EFAULT, "PR_SET_PDEATHSIG SIGUSR1; bad pointer: EFAULT");
	prctl2(PR_SET_PDEATHSIG, 0);
	sig = -1;
	check(prctl2(PR_GET_CHILD_SUBREAPER, (long)&sig) == 0 && sig == 0,
	      "PR_GET_CHILD_SUBREAPER: 0");
}

/*
 * fork keeps dumpable, keep-caps and no_new_privs and clears the death
 * signal; a plain exec resets dumpable to 1 and clears keep-caps, keeps
 * no_new_privs and the death signal.
 */
static void test_fork_exec(const char *self)
{
	struct report r;
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		pid_t g;

		if (prctl5(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || prctl2(PR_SET_DUMPABLE, 0) ||
		    prctl2(PR_SET_KEEPCAPS, 1) || prctl2(PR_SET_PDEATHSIG, SIGUSR2))
			_exit(10);
		if (prctl5(PR_SET_NO_NEW_PRIVS, 0, 0, 0, 0) != -EINVAL ||
		    prctl5(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1)
			_exit(11);	/* one way */
		g = fork();
		if (g == 0)
			_exit((prctl2(PR_GET_DUMPABLE, 0) == 0 ? 0 : 1) |
			      (prctl2(PR_GET_KEEPCAPS, 0) == 1 ? 0 : 2) |
			      (prctl5(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1 ? 0 : 4) |
			      (get_pdeathsig() == 0 ? 0 : 8));
		waitpid(g, &status, 0);
		_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 12);
	}
	waitpid(pid, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "fork: dumpable, keepcaps, no_new_privs inherited, death signal cleared (%#x)",
	      status);
	if (run_report(self, -1, 1, 1, &r) == 0)
		check(r.dumpable == 1 && r.keepcaps == 0 && r.nnp == 1 && r.pdeathsig == SIGUSR2 &&
		      r.secure == 0, "exec: dumpable 1, keepcaps 0, no_new_privs and death signal kept");
	else
		check(0, "exec: report");
}

static volatile sig_atomic_t got_pdeath;

static void on_pdeath(int sig)
{
	(void)sig;
	got_pdeath = 1;
}

/*
 * S marks itself a subreaper, forks C, which forks G; G asks for SIGUSR1
 * at its parent's death. C exits: G gets SIGUSR1, and S (not PID 1)
 * adopts it and can wait for it. Returns S's view as bits (0: all well).
 */
static int subreaper_tree(void)
{
	int fds[2], status, sr = 0;
	pid_t c, g = 0, me = getpid();

	if (prctl2(PR_SET_CHILD_SUBREAPER, 1) ||
	    prctl2(PR_GET_CHILD_SUBREAPER, (long)&sr) || sr != 1)
		return 1;
	if (pipe(fds))
		return 2;
	c = fork();
	if (c == 0) {
		g = fork();
		if (g == 0) {
			struct timespec ts = { 0, 10 * 1000 * 1000 };
			int bits = 0;

			close(fds[0]);
			signal(SIGUSR1, on_pdeath);
			prctl2(PR_SET_PDEATHSIG, SIGUSR1);
			if (write(fds[1], "x", 1) != 1)
				_exit(99);
			close(fds[1]);
			for (int i = 0; i < 500 && !got_pdeath; i++)
				nanosleep(&ts, NULL);
			for (int i = 0; i < 500 && getppid() != me; i++)
				nanosleep(&ts, NULL);
			bits |= got_pdeath ? 0 : 1;
			bits |= getppid() == me ? 0 : 2;
			_exit(40 + bits);
		}
		close(fds[1]);
		/* G wrote its pid-death request before this read returns. */
		if (read(fds[0], &sr, 1) != 1)
			_exit(98);
		_exit(0);
	}
	close(fds[1]);
	if (waitpid(c, &status, 0) != c || !WIFEXITED(status) || WEXITSTATUS(status)) {
		diag("middle child: status %#x", status);
		return 4;
	}
	g = waitpid(-1, &status, 0);
	close(fds[0]);
	if (g <= 0) {
		diag("wait for the orphan: errno %d", errno);
		return 8;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) < 40)
		return 16;
	return (WEXITSTATUS(status) - 40) << 5;
}

static void test_subreaper(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(subreaper_tree());
	waitpid(pid, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "subreaper adopts the orphan and waits for it; the orphan got its death signal "
	      "(bits %#x)", WIFEXITED(status) ? WEXITSTATUS(status) : status);
}

/* A copy of src at dst, owned by root, with mode. 0 or -1. */
static int copy_file(const char *src, const char *dst, mode_t mode)
{
	char buf[65536];
	int in = open(src, O_RDONLY), out;
	ssize_t n;
	int err = 0;

	if (in < 0)
		return -1;
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0700);
	if (out < 0) {
		close(in);
		return -1;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			err = -1;
	if (n < 0)
		err = -1;
	close(in);
	if (close(out) || fchownat(AT_FDCWD, dst, 0, 0, 0) || chmod(dst, mode))
		err = -1;
	return err;
}

static void test_setid(const char *self)
{
	const char *suid = SUID_DIR PROG_NAME, *nosuid = NOSUID_DIR PROG_NAME;
	int guest = access(GUEST_MARK, F_OK) == 0, status;
	struct report r;
	pid_t pid;

	if (getuid() != 0) {
		while (tap_no < PLAN)
			skip("set-id exec needs root");
		return;
	}
	/* On the host: a namespace of our own, nothing propagated out. */
	if (!guest && (syscall(SYS_unshare, CLONE_NEWNS) != 0 ||
		       mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)) {
		while (tap_no < PLAN)
			skip("no mount namespace of our own (errno %d)", errno);
		return;
	}
	mkdir(BASE, 0755);
	mkdir(SUID_DIR, 0755);
	mkdir(NOSUID_DIR, 0755);
	check(mount("abisuid", SUID_DIR, "tmpfs", 0, "mode=755") == 0 &&
	      mount("abinosuid", NOSUID_DIR, "tmpfs", MS_NOSUID, "mode=755") == 0,
	      "mount a tmpfs and a nosuid tmpfs");
	check(copy_file(self, suid, SETID_MODE) == 0 && copy_file(self, nosuid, SETID_MODE) == 0,
	      "copies of the program, root's, mode 06755");

	pid = fork();
	if (pid == 0)
		_exit(setuid(NOBODY) == 0 && prctl2(PR_GET_DUMPABLE, 0) == 0 ? 0 : 1);
	waitpid(pid, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "setuid(nobody) from root: not dumpable");

	if (run_report(suid, NOBODY, 0, 1, &r) == 0) {
		check(r.euid == 0 && r.suid == 0, "set-uid: euid and saved uid 0");
		check(r.egid == 0 && r.sgid == 0, "set-gid: egid and saved gid 0");
		check(r.secure == 1, "set-uid: AT_SECURE 1");
		check(r.dumpable == 0, "set-uid: not dumpable");
		check(r.pdeathsig == 0 && r.keepcaps == 0, "set-uid: death signal and keepcaps cleared");
	} else {
		for (int i = 0; i < 5; i++)
			check(0, "set-uid report");
	}
	if (run_report(nosuid, NOBODY, 0, 1, &r) == 0) {
		check(r.euid == NOBODY && r.suid == NOBODY && r.egid == NOBODY,
		      "nosuid mount: ids unchanged");
		check(r.secure == 0 && r.dumpable == 1, "nosuid mount: AT_SECURE 0, dumpable");
		check(r.pdeathsig == SIGUSR2, "nosuid mount: death signal kept");
	} else {
		for (int i = 0; i < 3; i++)
			check(0, "nosuid report");
	}
	if (run_report(suid, NOBODY, 1, 0, &r) == 0)
		check(r.euid == NOBODY && r.egid == NOBODY && r.secure == 0 && r.nnp == 1,
		      "no_new_privs: set-uid ignored");
	else
		check(0, "no_new_privs report");
	if (run_report(suid, -1, 0, 0, &r) == 0)
		check(r.euid == 0 && r.secure == 0 && r.dumpable == 1,
		      "root runs a set-uid root program: AT_SECURE 0, dumpable");
	else
		check(0, "root report");
	unlink(suid);
	unlink(nosuid);
	check(umount(SUID_DIR) == 0 && umount(NOSUID_DIR) == 0, "umount both");
	rmdir(SUID_DIR);
	rmdir(NOSUID_DIR);
	rmdir(BASE);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "report"))
		return report();
	tap_plan(PLAN);
	test_options();
	test_fork_exec(argv[0]);
	test_subreaper();
	test_setid(argv[0]);
	if (tap_no != PLAN)
		diag("plan %d, ran %d", PLAN, tap_no);
	return tap_done();
}
