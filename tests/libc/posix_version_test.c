/* posix_version_test.c: <unistd.h> defines POSIX.1-2008's _POSIX_VERSION, _POSIX2_VERSION, _POSIX_JOB_CONTROL, _POSIX_SAVED_IDS and _POSIX_VDISABLE, and sysconf/pathconf agree with them at run time. */
#include <unistd.h>

#include "tap.h"

int main(void)
{
	tap_plan(6);
#ifdef _POSIX_VERSION
	tap_ok(_POSIX_VERSION == 200809L && sysconf(_SC_VERSION) == _POSIX_VERSION,
		"_POSIX_VERSION is 200809L, as sysconf(_SC_VERSION)");
#else
	tap_ok(0, "_POSIX_VERSION is defined");
#endif
#ifdef _POSIX2_VERSION
	tap_ok(_POSIX2_VERSION == 200809L, "_POSIX2_VERSION is 200809L");
#else
	tap_ok(0, "_POSIX2_VERSION is defined");
#endif
#ifdef _POSIX_JOB_CONTROL
	tap_ok(_POSIX_JOB_CONTROL > 0 && sysconf(_SC_JOB_CONTROL) > 0,
		"_POSIX_JOB_CONTROL, as sysconf(_SC_JOB_CONTROL)");
#else
	tap_ok(0, "_POSIX_JOB_CONTROL is defined");
#endif
#ifdef _POSIX_SAVED_IDS
	tap_ok(_POSIX_SAVED_IDS > 0 && sysconf(_SC_SAVED_IDS) > 0,
		"_POSIX_SAVED_IDS, as sysconf(_SC_SAVED_IDS)");
#else
	tap_ok(0, "_POSIX_SAVED_IDS is defined");
#endif
#ifdef _POSIX_VDISABLE
	tap_ok(_POSIX_VDISABLE == '\0', "_POSIX_VDISABLE is '\\0'");
	tap_ok(fpathconf(STDIN_FILENO, _PC_VDISABLE) == _POSIX_VDISABLE ||
			fpathconf(STDIN_FILENO, _PC_VDISABLE) == -1,
		"fpathconf(_PC_VDISABLE) agrees (or stdin is no terminal)");
#else
	tap_ok(0, "_POSIX_VDISABLE is defined");
	tap_ok(0, "fpathconf(_PC_VDISABLE) agrees");
#endif
	return tap_done();
}
