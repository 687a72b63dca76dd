/*
 * signal_storm.c: the process, signal and /proc locks under load at once
 * (docs/locking.md): a target process takes SIGALRM from an interval
 * timer (sent from the timer tick), SIGUSR1 from another process's
 * kill(2) loop with a SIGSTOP/SIGCONT pair now and then (the parent's
 * stop and continue reports, collected with waitpid), while the parent
 * reads the target's /proc/PID/{stat,status,maps} over and over. On
 * Basalt the kernel runs with the lock checker on: an inverted or
 * recursive lock would panic it, so what must hold is that everyone
 * finishes, the target saw both signal sources, the reports came and
 * the reads worked. Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <sys/time.h>
#include <sys/wait.h>
#include "abi_tap.h"

#define PLAN			7
/* The target's interval timer: as fast as a 100 Hz tick sends. */
#define STORM_ITIMER_US		2000
/* How long the target runs at most, and the signals that end it earlier. */
#define STORM_RUN_MS		3000
#define STORM_ALARMS_WANTED	60
#define STORM_USR1_WANTED	20
/* The killer: a SIGUSR1 every pause, a stop and continue every STOP_EVERY. */
#define STORM_KILL_PAUSE_US	300
#define STORM_STOP_EVERY	3
#define STORM_TEXT_MAX		16384
#define NSEC_PER_MSEC		1000000LL

static volatile sig_atomic_t storm_alarms, storm_usr1;

static void storm_on_alarm(int sig)
{
	(void)sig;
	storm_alarms++;
}

static void storm_on_usr1(int sig)
{
	(void)sig;
	storm_usr1++;
}

static int64_t storm_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / NSEC_PER_MSEC;
}

/* The target: counts both signals until it has enough of both, or time passed. */
static void storm_target(int report_fd)
{
	struct itimerval it = {
		.it_interval = { .tv_sec = 0, .tv_usec = STORM_ITIMER_US },
		.it_value = { .tv_sec = 0, .tv_usec = STORM_ITIMER_US },
	};
	int64_t end = storm_now_ms() + STORM_RUN_MS;
	int counts[2];

	if (setitimer(ITIMER_REAL, &it, NULL))
		_exit(2);
	while ((storm_alarms < STORM_ALARMS_WANTED || storm_usr1 < STORM_USR1_WANTED) &&
	       storm_now_ms() < end) {
		/* Some work between signals: the handlers interrupt it. */
		for (volatile int i = 0; i < 1000; i++)
			;
	}
	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_REAL, &it, NULL);
	counts[0] = storm_alarms;
	counts[1] = storm_usr1;
	_exit(write(report_fd, counts, sizeof(counts)) == sizeof(counts) ? 0 : 3);
}

/* The killer: SIGUSR1 (and now and then SIGSTOP, SIGCONT) until killed. */
static void storm_killer(pid_t target)
{
	for (unsigned n = 1;; n++) {
		if (kill(target, SIGUSR1))
			_exit(0);	/* reaped: nothing left to signal */
		if (n % STORM_STOP_EVERY == 0) {
			kill(target, SIGSTOP);
			usleep(STORM_KILL_PAUSE_US);
			kill(target, SIGCONT);
		}
		usleep(STORM_KILL_PAUSE_US);
	}
}

/* One read of /proc/PID/name: 1 if some text came back. */
static int storm_read(pid_t pid, const char *name, char *buf)
{
	char path[64];
	long n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, name);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	n = read(fd, buf, STORM_TEXT_MAX - 1);
	close(fd);
	return n > 0;
}

int main(void)
{
	static char buf[STORM_TEXT_MAX];
	static const char *const files[] = { "stat", "status", "maps" };
	int pipefd[2], counts[2] = { 0, 0 }, status = -1, kstatus = -1;
	unsigned reads = 0, maps_reads = 0, reports = 0;
	pid_t target, killer, got = 0;
	struct sigaction sa;

	tap_plan(PLAN);
	/* Set before the forks: the target has them before the first kill. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = storm_on_alarm;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	sa.sa_handler = storm_on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	if (pipe(pipefd)) {
		check(0, "pipe: %s", strerror(errno));
		return tap_failures;
	}
	target = fork();
	if (target == 0) {
		close(pipefd[0]);
		storm_target(pipefd[1]);
	}
	close(pipefd[1]);
	killer = fork();
	if (killer == 0)
		storm_killer(target);
	check(target > 0 && killer > 0, "target %d and killer %d started", (int)target,
	      (int)killer);

	/* The /proc reader, until the target has exited. */
	while (got == 0) {
		for (unsigned i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
			if (storm_read(target, files[i], buf)) {
				reads++;
				maps_reads += i == 2;
			}
		}
		storm_read(killer, "stat", buf);
		/* The stops and continues the killer causes, as a shell sees them. */
		got = waitpid(target, &status, WNOHANG | WUNTRACED | WCONTINUED);
		if (got < 0)
			break;
		if (got == target && (WIFSTOPPED(status) || WIFCONTINUED(status))) {
			reports++;
			got = 0;
		}
	}
	if (read(pipefd[0], counts, sizeof(counts)) != sizeof(counts))
		counts[0] = counts[1] = -1;
	kill(killer, SIGKILL);
	waitpid(killer, &kstatus, 0);

	check(got == target && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "the target ran its storm and exited 0 (status %#x)", (unsigned)status);
	check(counts[0] > 0, "the target took SIGALRM from its itimer (%d)", counts[0]);
	check(counts[1] > 0, "the target took SIGUSR1 from the killer (%d)", counts[1]);
	check(reports > 0, "waitpid reported the target's stops and continues (%u)", reports);
	check(reads > 0 && maps_reads > 0, "the /proc reader read the target's files (%u, maps %u)",
	      reads, maps_reads);
	check((WIFSIGNALED(kstatus) && WTERMSIG(kstatus) == SIGKILL) ||
	      (WIFEXITED(kstatus) && WEXITSTATUS(kstatus) == 0),
	      "the killer ended (status %#x)", (unsigned)kstatus);
	return tap_failures;
}
