/* herror.c: h_errno, hstrerror(3), herror(3) (the gethostbyname errors),
 * with glibc's wording. */
#include <netdb.h>
#include <stdio.h>

int h_errno;

const char *hstrerror(int err)
{
	switch (err) {
	case 0: return "Resolver Error 0 (no error)";
	case HOST_NOT_FOUND: return "Unknown host";
	case TRY_AGAIN: return "Host name lookup failure";
	case NO_RECOVERY: return "Unknown server error";
	case NO_DATA: return "No address associated with name";
	default: return "Unknown resolver error";
	}
}

void herror(const char *s)
{
	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, hstrerror(h_errno));
	else
		fprintf(stderr, "%s\n", hstrerror(h_errno));
}
