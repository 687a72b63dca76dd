/* getopt.c: getopt(3), getopt_long, getopt_long_only with GNU semantics (permutation, optional arguments, abbreviations) (replaces newlib's). */
/*
 * newlib's getopt starts optind at 0, reads long options for
 * getopt_long_only only after '+', and words its messages differently;
 * Linux programs expect glibc's behaviour, described in getopt(3):
 * - optind starts at 1; setting it to 0 restarts scanning from scratch;
 * - non-options are skipped and moved after the options (permutation),
 *   unless optstring starts with '+' or POSIXLY_CORRECT is set (stop at
 *   the first non-option), or with '-' (non-options are returned as the
 *   argument of option 1);
 * - a ':' first in optstring (after any '+' or '-') returns ':' for a
 *   missing argument and silences messages;
 * - "::" marks an optional argument, which must be attached;
 * - long options may be abbreviated to any unique prefix.
 * One thread: the scanning state is static. newlib's <unistd.h> declares
 * BSD's optreset too, so it exists: setting it to 1 restarts the scan at
 * optind, as on the BSDs (programs written for both, e2fsprogs, set it).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *optarg;
int optind = 1;
int opterr = 1;
int optopt = '?';
int optreset;

/* Position inside a cluster of short options ("-abc"); 0 at the start of an element. */
static int getopt_position;
/*
 * When a cluster was found after skipped non-options, it is moved in front
 * of them only once finished (its last option may take the next element
 * as argument): where the non-options started, and where it was found.
 */
static int getopt_pending_skipped = -1;
static int getopt_pending_resumed;

enum getopt_order { GETOPT_PERMUTE, GETOPT_REQUIRE_ORDER, GETOPT_RETURN_IN_ORDER };

static void getopt_message(const char *program, const char *format, const char *what,
			   int length)
{
	if (opterr) {
		fprintf(stderr, "%s: ", program);
		fprintf(stderr, format, length, what);
		fputc('\n', stderr);
	}
}

/* Moves argv[from] down to argv[to] (to < from), shifting the others up one. */
static void getopt_move(char *const argv[], int to, int from)
{
	char **args = (char **)argv;
	char *moved = args[from];
	int i;

	for (i = from; i > to; i--)
		args[i] = args[i - 1];
	args[to] = moved;
}

/* Puts argv[resumed..optind), just consumed, in front of the non-options from skipped on. */
static void getopt_permute(char *const argv[], int skipped, int resumed)
{
	int count = optind - resumed, i;

	for (i = 0; i < count; i++)
		getopt_move(argv, skipped + i, resumed + i);
	optind = skipped + count;
}

static int getopt_long_match(int argc, char *const argv[], const char *optstring,
			     const struct option *longopts, int *longindex, int long_only,
			     int silent)
{
	const char *arg = argv[optind], *name, *equals;
	int double_dash = arg[1] == '-', found = -1, i, ambiguous = 0;
	size_t length;

	name = arg + (double_dash ? 2 : 1);
	equals = strchr(name, '=');
	length = equals ? (size_t)(equals - name) : strlen(name);
	for (i = 0; longopts[i].name; i++) {
		if (strncmp(longopts[i].name, name, length) != 0)
			continue;
		if (strlen(longopts[i].name) == length) {
			found = i;	/* an exact match wins */
			ambiguous = 0;
			break;
		}
		if (found < 0) {
			found = i;
		} else if (longopts[i].has_arg != longopts[found].has_arg ||
			   longopts[i].flag != longopts[found].flag ||
			   longopts[i].val != longopts[found].val) {
			ambiguous = 1;	/* prefixes of options that differ */
		}
	}
	if (found < 0 || ambiguous) {
		/* getopt_long_only: "-x" that is no long option may be short ones. */
		if (found < 0 && long_only && !double_dash && strchr(optstring, name[0]))
			return -2;
		optind++;
		optopt = 0;
		if (!silent)
			getopt_message(argv[0], ambiguous ? "option '%.*s' is ambiguous" :
					"unrecognized option '%.*s'", arg,
				       (int)(equals ? equals - arg : (long)strlen(arg)));
		return '?';
	}
	optind++;
	if (longindex)
		*longindex = found;
	optarg = NULL;
	if (equals) {
		if (longopts[found].has_arg == no_argument) {
			optopt = longopts[found].val;
			if (!silent)
				getopt_message(argv[0], "option '--%.*s' doesn't allow an argument",
					       longopts[found].name,
					       (int)strlen(longopts[found].name));
			return '?';
		}
		optarg = (char *)equals + 1;
	} else if (longopts[found].has_arg == required_argument) {
		if (optind >= argc) {
			optopt = longopts[found].val;
			if (!silent)
				getopt_message(argv[0], "option '--%.*s' requires an argument",
					       longopts[found].name,
					       (int)strlen(longopts[found].name));
			return optstring[0] == ':' ? ':' : '?';
		}
		optarg = argv[optind++];
	}
	if (longopts[found].flag) {
		*longopts[found].flag = longopts[found].val;
		return 0;
	}
	return longopts[found].val;
}

/* One option from argv[optind], which is known to be one (or the start of a non-option in '-' mode). */
static int getopt_one(int argc, char *const argv[], const char *optstring,
		      const struct option *longopts, int *longindex, int long_only)
{
	int silent = optstring[0] == ':';
	const char *arg, *spec;
	char option_char[2] = { 0, 0 };
	int c, ret;

	arg = argv[optind];
	if (getopt_position == 0) {
		if (arg[0] == '-' && arg[1] == '-' && arg[2] == '\0') {
			optind++;
			return -1;
		}
		if (longopts && (arg[1] == '-' || long_only)) {
			ret = getopt_long_match(argc, argv, optstring, longopts, longindex,
						long_only, silent);
			if (ret != -2)
				return ret;
		}
		getopt_position = 1;
	}

	c = (unsigned char)arg[getopt_position++];
	spec = c == ':' ? NULL : strchr(optstring, c);
	if (arg[getopt_position] == '\0') {
		optind++;
		getopt_position = 0;
	}
	if (!spec) {
		optopt = c;
		option_char[0] = (char)c;
		if (!silent)
			getopt_message(argv[0], "invalid option -- '%.*s'", option_char, 1);
		return '?';
	}
	if (spec[1] != ':')
		return c;
	/* An argument: the rest of this element, or for a required one the next element. */
	optarg = NULL;
	if (getopt_position != 0) {
		optarg = (char *)arg + getopt_position;
		optind++;
		getopt_position = 0;
	} else if (spec[2] != ':') {
		if (optind >= argc) {
			optopt = c;
			option_char[0] = (char)c;
			if (!silent)
				getopt_message(argv[0], "option requires an argument -- '%.*s'",
					       option_char, 1);
			return silent ? ':' : '?';
		}
		optarg = argv[optind++];
	}
	return c;
}

static int getopt_internal(int argc, char *const argv[], const char *optstring,
			   const struct option *longopts, int *longindex, int long_only)
{
	enum getopt_order order = GETOPT_PERMUTE;
	int skipped, resumed, ret, i;

	if (optind == 0 || optreset) {
		if (optind == 0)
			optind = 1;
		optreset = 0;
		getopt_position = 0;
		getopt_pending_skipped = -1;
	}
	if (optstring[0] == '+') {
		order = GETOPT_REQUIRE_ORDER;
		optstring++;
	} else if (optstring[0] == '-') {
		order = GETOPT_RETURN_IN_ORDER;
		optstring++;
	} else if (getenv("POSIXLY_CORRECT")) {
		order = GETOPT_REQUIRE_ORDER;
	}
	optarg = NULL;
	if (getopt_position != 0) {
		ret = getopt_one(argc, argv, optstring, longopts, longindex, long_only);
		if (getopt_position == 0 && getopt_pending_skipped >= 0) {
			getopt_permute(argv, getopt_pending_skipped, getopt_pending_resumed);
			getopt_pending_skipped = -1;
		}
		return ret;
	}

	if (optind >= argc || !argv[optind])
		return -1;
	skipped = optind;
	if (argv[optind][0] != '-' || argv[optind][1] == '\0') {
		/* A non-option ("-" alone is one). */
		if (order == GETOPT_RETURN_IN_ORDER) {
			optarg = argv[optind++];
			return 1;
		}
		if (order == GETOPT_REQUIRE_ORDER)
			return -1;
		for (i = optind; i < argc && argv[i]; i++) {
			if (argv[i][0] == '-' && argv[i][1] != '\0')
				break;
		}
		if (i >= argc || !argv[i])
			return -1;	/* only non-options left: optind stays on the first */
		optind = i;
	}
	resumed = optind;
	ret = getopt_one(argc, argv, optstring, longopts, longindex, long_only);
	/* Move what this call consumed in front of the non-options it skipped. */
	if (resumed > skipped) {
		if (getopt_position != 0) {
			getopt_pending_skipped = skipped;
			getopt_pending_resumed = resumed;
		} else {
			getopt_permute(argv, skipped, resumed);
		}
	}
	return ret;
}

int getopt(int argc, char *const argv[], const char *optstring)
{
	return getopt_internal(argc, argv, optstring, NULL, NULL, 0);
}

int getopt_long(int argc, char *const argv[], const char *optstring,
		const struct option *longopts, int *longindex)
{
	return getopt_internal(argc, argv, optstring, longopts, longindex, 0);
}

int getopt_long_only(int argc, char *const argv[], const char *optstring,
		     const struct option *longopts, int *longindex)
{
	return getopt_internal(argc, argv, optstring, longopts, longindex, 1);
}
