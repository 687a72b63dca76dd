/* string_test.c: <string.h> and <stdlib.h> string conversions, against fixed expectations. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

#define BUF_SIZE 64

int main(void)
{
	char buf[BUF_SIZE];
	char tokens[] = "alpha, beta,,gamma";
	char *save, *end, *copy;
	const char *hay = "the quick brown fox";

	tap_plan(24);

	tap_ok(strlen("") == 0 && strlen("basalt") == 6, "strlen");
	tap_ok(strcmp("abc", "abc") == 0 && strcmp("abc", "abd") < 0 &&
	       strcmp("b", "a") > 0, "strcmp orders");
	tap_ok(strncmp("basalt", "basil", 3) == 0 &&
	       strncmp("basalt", "basil", 4) != 0, "strncmp stops at n");
	strcpy(buf, "lava");
	tap_ok(strcmp(buf, "lava") == 0, "strcpy");
	strcat(buf, "flow");
	tap_ok(strcmp(buf, "lavaflow") == 0, "strcat");
	memset(buf, 'x', sizeof(buf));
	strncpy(buf, "ab", 5);
	tap_ok(buf[0] == 'a' && buf[2] == '\0' && buf[4] == '\0' &&
	       buf[5] == 'x', "strncpy pads with NULs to n");
	tap_ok(strchr(hay, 'q') == hay + 4 && strchr(hay, 'z') == NULL,
	       "strchr");
	tap_ok(strrchr(hay, 'o') == hay + 17, "strrchr finds the last");
	tap_ok(strstr(hay, "brown") == hay + 10 && strstr(hay, "cat") == NULL,
	       "strstr");
	tap_ok(strstr(hay, "") == hay, "strstr of the empty needle");

	strcpy(buf, "0123456789");
	memmove(buf + 2, buf, 5);
	tap_ok(memcmp(buf, "0101234789", 10) == 0, "memmove forward overlap");
	strcpy(buf, "0123456789");
	memmove(buf, buf + 2, 5);
	tap_ok(memcmp(buf, "2345656789", 10) == 0, "memmove backward overlap");
	memcpy(buf, "abc", 4);
	tap_ok(strcmp(buf, "abc") == 0, "memcpy");
	memset(buf, 0, sizeof(buf));
	tap_ok(buf[0] == 0 && buf[BUF_SIZE - 1] == 0, "memset");
	tap_ok(memcmp("abc", "abd", 3) < 0 && memcmp("abc", "abd", 2) == 0,
	       "memcmp");

	tap_ok(strtol("-1234", &end, 10) == -1234 && *end == '\0',
	       "strtol decimal");
	tap_ok(strtol("0x1f", NULL, 16) == 31 && strtol("0x1f", NULL, 0) == 31 &&
	       strtol("017", NULL, 0) == 15, "strtol bases");
	errno = 0;
	tap_ok(strtol("99999999999999999999", NULL, 10) == LONG_MAX &&
	       errno == ERANGE, "strtol overflow is ERANGE");
	tap_ok(strtoul("4294967296", NULL, 10) == 4294967296UL,
	       "strtoul beyond 32 bits");
	tap_ok(atoi("  42abc") == 42, "atoi skips spaces, stops at junk");

	copy = strdup(hay);
	tap_ok(copy != NULL && strcmp(copy, hay) == 0 && copy != hay, "strdup");
	free(copy);

	save = NULL;
	tap_ok(strcmp(strtok_r(tokens, ", ", &save), "alpha") == 0 &&
	       strcmp(strtok_r(NULL, ", ", &save), "beta") == 0 &&
	       strcmp(strtok_r(NULL, ", ", &save), "gamma") == 0 &&
	       strtok_r(NULL, ", ", &save) == NULL, "strtok_r");
	tap_ok(strerror(ENOENT) != NULL && strlen(strerror(ENOENT)) > 0,
	       "strerror(ENOENT) has text: %s", strerror(ENOENT));
	tap_ok(strspn("aabbc", "ab") == 4 && strcspn("abc;d", ";") == 3,
	       "strspn and strcspn");

	return tap_done();
}
