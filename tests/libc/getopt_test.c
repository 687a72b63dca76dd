/* getopt_test.c: getopt, getopt_long, getopt_long_only with GNU semantics: permutation, modes, optional arguments, abbreviations, errors. */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"

#define MAX_ARGS 16
#define TRACE_SIZE 256

static const struct option long_options[] = {
	{ "verbose", no_argument, NULL, 'v' },
	{ "output", required_argument, NULL, 'o' },
	{ "level", optional_argument, NULL, 'l' },
	{ "color", no_argument, NULL, 'c' },
	{ "colour", no_argument, NULL, 'C' },
	{ NULL, 0, NULL, 0 },
};

/*
 * Runs a parse from scratch over the words of line and records every
 * result as "c" or "c=arg", then "|" and the remaining operands.
 */
static const char *parse(const char *line, const char *optstring, int mode)
{
	static char trace[TRACE_SIZE];
	static char words[TRACE_SIZE];
	char *argv[MAX_ARGS], *word;
	int argc = 0, c, i;

	snprintf(words, sizeof(words), "%s", line);
	for (word = strtok(words, " "); word && argc < MAX_ARGS - 1; word = strtok(NULL, " "))
		argv[argc++] = word;
	argv[argc] = NULL;
	trace[0] = '\0';
	optind = 0;
	opterr = 0;
	for (;;) {
		if (mode == 0)
			c = getopt(argc, argv, optstring);
		else if (mode == 1)
			c = getopt_long(argc, argv, optstring, long_options, NULL);
		else
			c = getopt_long_only(argc, argv, optstring, long_options, NULL);
		if (c == -1)
			break;
		snprintf(trace + strlen(trace), sizeof(trace) - strlen(trace), "%c%s%s ",
			 c == 1 ? '1' : c, optarg ? "=" : "", optarg ? optarg : "");
	}
	snprintf(trace + strlen(trace), sizeof(trace) - strlen(trace), "|");
	for (i = optind; i < argc; i++)
		snprintf(trace + strlen(trace), sizeof(trace) - strlen(trace), " %s", argv[i]);
	return trace;
}

static void expect(const char *line, const char *optstring, int mode, const char *want)
{
	const char *got = parse(line, optstring, mode);

	if (!tap_ok(strcmp(got, want) == 0, "%s [%s]", line, optstring))
		tap_diag("got \"%s\", want \"%s\"", got, want);
}

/*
 * BSD's optreset, which newlib's <unistd.h> declares (glibc has none):
 * set with optind = 1, it restarts scanning, dropping the position inside
 * an unfinished cluster of options ("-ab" after -a).
 */
static void test_optreset(void)
{
#ifdef __GLIBC__
	tap_ok(1, "optreset # SKIP glibc has no optreset");
#else
	char first0[] = "p", first1[] = "-ab", second0[] = "q", second1[] = "-c";
	char *first[] = { first0, first1, NULL }, *second[] = { second0, second1, NULL };
	int a, c;

	optind = 0;
	opterr = 0;
	a = getopt(2, first, "abc");
	optind = 1;
	optreset = 1;
	c = getopt(2, second, "abc");
	tap_ok(a == 'a' && c == 'c' && getopt(2, second, "abc") == -1 && optreset == 0,
	       "optreset = 1 restarts in the middle of a cluster");
#endif
}

int main(void)
{
	tap_plan(21);
	test_optreset();
	expect("p -a -b x", "ab:", 0, "a b=x |");
	expect("p -ab x", "ab:", 0, "a b=x |");
	expect("p -abx", "ab:", 0, "a b=x |");
	expect("p file -a other -b x last", "ab:", 0, "a b=x | file other last");
	expect("p file -ab x last", "ab:", 0, "a b=x | file last");
	expect("p -a -- -b", "ab", 0, "a | -b");
	expect("p file -a", "+a", 0, "| file -a");
	expect("p file -a", "-a", 0, "1=file a |");
	expect("p -z", "a", 0, "? |");
	expect("p -b", "b:", 0, "? |");
	expect("p -b", ":b:", 0, ": |");
	expect("p -c -cval", "c::", 0, "c c=val |");
	expect("p - -a", "a", 0, "a | -");
	expect("p --verbose --output=f --output g --level --level=2", "", 1,
	       "v o=f o=g l l=2 |");
	expect("p --verb --out f", "", 1, "v o=f |");
	expect("p --col", "", 1, "? |");
	expect("p --bogus --verbose=1", "", 1, "? ? |");
	expect("p x --output", "", 1, "? | x");
	expect("p -verbose -output f", "", 2, "v o=f |");
	expect("p -vx", "vx", 2, "v x |");
	return tap_done();
}
