/* stdio_test.c: printf formats, sprintf, sscanf, and file I/O on a temporary file. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"

#define BUF_SIZE 128
#define PATH_SIZE 64
#define RECORD_COUNT 100

/* Formats with snprintf and compares with the expected text. */
__attribute__((format(printf, 2, 3)))
static void check_format(const char *want, const char *fmt, ...)
{
	char got[BUF_SIZE];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(got, sizeof(got), fmt, ap);
	va_end(ap);
	if (!tap_ok(n == (int)strlen(want) && strcmp(got, want) == 0,
		    "printf \"%s\"", fmt))
		tap_diag("got \"%s\" (%d), want \"%s\"", got, n, want);
}

static void test_formats(void)
{
	char small[4];
	int n;

	check_format("42 -7 +3", "%d %i %+d", 42, -7, 3);
	check_format("[   42][42   ][00042]", "[%5d][%-5d][%05d]", 42, 42, 42);
	check_format("ff FF 0xff 377", "%x %X %#x %o", 255u, 255u, 255u, 255u);
	check_format("18446744073709551615", "%llu", (unsigned long long)UINT64_MAX);
	check_format("-9223372036854775808", "%lld", (long long)INT64_MIN);
	check_format("123 -5 7", "%zu %td %jd", (size_t)123, (ptrdiff_t)-5,
		     (intmax_t)7);
	check_format("65 255", "%hhu %hu", 321, 255);
	check_format("3.14 3.141593 2.50e+00", "%.2f %f %.2e", 3.14159,
		     3.1415926, 2.5);
	check_format("0.0001 1e+10 100", "%g %g %g", 0.0001, 1e10, 100.0);
	check_format("[hi   ][   hi][bas]", "[%-5s][%5s][%.3s]", "hi", "hi",
		     "basalt");
	check_format("c % done", "%c %% %s", 'c', "done");
	check_format("[  -1.5]", "[%*.*f]", 6, 1, -1.5);

	/* Truncation is what this checks; GCC would warn about it. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-truncation"
	n = snprintf(small, sizeof(small), "%s", "basalt");
#pragma GCC diagnostic pop
	tap_ok(n == 6 && strcmp(small, "bas") == 0,
	       "snprintf truncates and returns the full length");
	n = sprintf(small, "%d", 123);
	tap_ok(n == 3 && strcmp(small, "123") == 0, "sprintf");
}

static void test_scanf(void)
{
	char word[BUF_SIZE];
	double value;
	int number, count;
	unsigned int hex;

	count = sscanf("17 lava 0x1f 2.5", "%d %127s %x %lf", &number, word,
		       &hex, &value);
	tap_ok(count == 4 && number == 17 && strcmp(word, "lava") == 0 &&
	       hex == 31 && value == 2.5, "sscanf %%d %%s %%x %%lf");
}

static void test_file_io(void)
{
	char path[PATH_SIZE], line[BUF_SIZE];
	int records[RECORD_COUNT], readback[RECORD_COUNT];
	size_t count;
	FILE *file;
	int i, ok;

	snprintf(path, sizeof(path), "/tmp/basalt-stdio-test.%d", (int)getpid());
	for (i = 0; i < RECORD_COUNT; i++)
		records[i] = i * i - 50;

	file = fopen(path, "w");
	tap_ok(file != NULL, "fopen for writing");
	if (!file)
		return;
	count = fwrite(records, sizeof(records[0]), RECORD_COUNT, file);
	tap_ok(count == RECORD_COUNT, "fwrite %d records", RECORD_COUNT);
	tap_ok(fprintf(file, "\nline two %d\n", 2) == 12, "fprintf returns its length");
	tap_ok(fclose(file) == 0, "fclose after writing");

	file = fopen(path, "r");
	tap_ok(file != NULL, "fopen for reading");
	if (!file)
		return;
	count = fread(readback, sizeof(readback[0]), RECORD_COUNT, file);
	tap_ok(count == RECORD_COUNT &&
	       memcmp(records, readback, sizeof(records)) == 0,
	       "fread gives back what fwrite wrote");
	ok = fgetc(file) == '\n' && fgets(line, sizeof(line), file) != NULL &&
	     strcmp(line, "line two 2\n") == 0;
	tap_ok(ok, "fgets reads the printed line");
	tap_ok(fgetc(file) == EOF && feof(file), "EOF at the end");
	tap_ok(fseek(file, sizeof(records[0]) * 3, SEEK_SET) == 0 &&
	       ftell(file) == (long)sizeof(records[0]) * 3 &&
	       fread(readback, sizeof(readback[0]), 1, file) == 1 &&
	       readback[0] == records[3], "fseek, ftell, fread in the middle");
	tap_ok(fclose(file) == 0, "fclose after reading");

	file = fopen(path, "a");
	tap_ok(file != NULL && fputs("more\n", file) >= 0 && fclose(file) == 0,
	       "fopen for appending, fputs");
	file = fopen(path, "r");
	ok = file != NULL && fseek(file, -5, SEEK_END) == 0 &&
	     fgets(line, sizeof(line), file) != NULL && strcmp(line, "more\n") == 0;
	tap_ok(ok, "appended text is at the end");
	if (file)
		fclose(file);
	tap_ok(remove(path) == 0, "remove the temporary file");
}

int main(void)
{
	tap_plan(28);
	test_formats();
	test_scanf();
	test_file_io();
	return tap_done();
}
