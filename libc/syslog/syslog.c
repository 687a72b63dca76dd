/* syslog.c: syslog(3) over the /dev/log datagram socket, as glibc does:
 * each message is "<PRI>Mmm dd hh:mm:ss IDENT[PID]: TEXT" (RFC 3164's
 * format), sent to whatever syslogd listens there. With no listener the
 * message goes to /dev/console if openlog asked for LOG_CONS, and to
 * standard error with LOG_PERROR; otherwise it is dropped, as with glibc. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#define SYSLOG_PATH		"/dev/log"
#define SYSLOG_CONSOLE		"/dev/console"
/* Longer messages are truncated, as syslogd would (RFC 3164: 1024). */
#define SYSLOG_MESSAGE_MAX	1024
#define SYSLOG_FORMAT_MAX	1024
#define SYSLOG_STAMP_MAX	16

static const char *syslog_ident;
static int syslog_options;
static int syslog_facility = LOG_USER;
static int syslog_mask = 0xff;
static int syslog_fd = -1;

static void syslog_connect(void)
{
	struct sockaddr_un addr;

	if (syslog_fd >= 0)
		return;
	syslog_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (syslog_fd < 0)
		return;
	memset(&addr, 0, sizeof(addr));
	addr.sun_family = AF_UNIX;
	strcpy(addr.sun_path, SYSLOG_PATH);
	if (connect(syslog_fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		close(syslog_fd);
		syslog_fd = -1;
	}
}

void openlog(const char *ident, int option, int facility)
{
	syslog_ident = ident;
	syslog_options = option;
	if (facility != 0)
		syslog_facility = facility & LOG_FACMASK;
	if (option & LOG_NDELAY)
		syslog_connect();
}

void closelog(void)
{
	if (syslog_fd >= 0)
		close(syslog_fd);
	syslog_fd = -1;
	syslog_ident = NULL;
}

int setlogmask(int mask)
{
	int old = syslog_mask;

	/* A zero mask only queries (setlogmask(3)). */
	if (mask != 0)
		syslog_mask = mask;
	return old;
}

/* The format with each %m replaced by strerror(saved errno) (syslog(3)). */
static void syslog_expand_m(char *out, size_t size, const char *format, int err)
{
	size_t n = 0;

	for (; *format != '\0' && n + 1 < size; format++) {
		if (format[0] == '%' && format[1] == 'm') {
			const char *msg = strerror(err);

			/* The message is text, not a format: double its '%'. */
			for (; *msg != '\0' && n + 2 < size; msg++) {
				if (*msg == '%')
					out[n++] = '%';
				out[n++] = *msg;
			}
			format++;
		} else if (format[0] == '%' && format[1] == '%') {
			if (n + 2 >= size)
				break;
			out[n++] = *format++;
			out[n++] = *format;
		} else {
			out[n++] = *format;
		}
	}
	out[n] = '\0';
}

void vsyslog(int priority, const char *format, va_list ap)
{
	int saved_errno = errno;
	char expanded[SYSLOG_FORMAT_MAX];
	char msg[SYSLOG_MESSAGE_MAX];
	char stamp[SYSLOG_STAMP_MAX];
	time_t now = time(NULL);
	struct tm tm;
	int header, len;

	if (!(syslog_mask & LOG_MASK(LOG_PRI(priority))))
		return;
	if ((priority & LOG_FACMASK) == 0)
		priority |= syslog_facility;
	localtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%b %e %T", &tm);
	header = snprintf(msg, sizeof(msg), "<%d>%s ", priority, stamp);
	len = header;
	if (syslog_ident != NULL)
		len += snprintf(msg + len, sizeof(msg) - len, "%s", syslog_ident);
	if (syslog_options & LOG_PID)
		len += snprintf(msg + len, sizeof(msg) - len, "[%d]", (int)getpid());
	if (syslog_ident != NULL || (syslog_options & LOG_PID))
		len += snprintf(msg + len, sizeof(msg) - len, ": ");
	syslog_expand_m(expanded, sizeof(expanded), format, saved_errno);
	if (len < (int)sizeof(msg))
		len += vsnprintf(msg + len, sizeof(msg) - len, expanded, ap);
	if (len >= (int)sizeof(msg))
		len = sizeof(msg) - 1;

	if (syslog_options & LOG_PERROR) {
		dprintf(STDERR_FILENO, "%s\n", msg + header);
	}
	syslog_connect();
	if (syslog_fd >= 0 && send(syslog_fd, msg, len, 0) >= 0) {
		errno = saved_errno;
		return;
	}
	if (syslog_options & LOG_CONS) {
		int fd = open(SYSLOG_CONSOLE, O_WRONLY | O_NOCTTY | O_CLOEXEC);

		if (fd >= 0) {
			dprintf(fd, "%s\r\n", msg + header);
			close(fd);
		}
	}
	errno = saved_errno;
}

void syslog(int priority, const char *format, ...)
{
	va_list ap;

	va_start(ap, format);
	vsyslog(priority, format, ap);
	va_end(ap);
}
