/*
 * cmdline.c: parse the kernel command line GRUB hands over in the
 * multiboot2 CMDLINE tag (Multiboot2 spec 3.6.3).
 */
#include <basalt/cmdline.h>
#include <basalt/string.h>
#include <stdint.h>

struct cmdline boot_cmdline;

static bool cmdline_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Splits the next word off *cursor in place. Quotes group spaces and are
 * removed ("init=\"/bin/sh -x\"" gives init=/bin/sh -x).
 */
static char *cmdline_next_word(char **cursor)
{
	char *src = *cursor, *dst, *word;
	bool quoted = false;

	while (*src && cmdline_is_space(*src))
		src++;
	if (!*src)
		return NULL;
	word = dst = src;
	for (; *src; src++) {
		if (*src == '"') {
			quoted = !quoted;
			continue;
		}
		if (!quoted && cmdline_is_space(*src)) {
			src++;
			break;
		}
		*dst++ = *src;
	}
	*cursor = src;
	*dst = '\0';
	return word;
}

/* Strict decimal integer with optional sign; false on any junk. */
static bool cmdline_parse_long(const char *s, long *out)
{
	bool negative = false;
	long value = 0;

	if (*s == '-' || *s == '+')
		negative = *s++ == '-';
	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		if (value > (INT32_MAX - (*s - '0')) / 10)
			return false;
		value = value * 10 + (*s - '0');
	}
	*out = negative ? -value : value;
	return true;
}

static void cmdline_reject(struct cmdline *c, const char *word)
{
	if (c->ninvalid < CMDLINE_INVALID_MAX)
		c->invalid[c->ninvalid++] = word;
}

/* "console=ttyS0,115200n8": name, then options after the comma. */
static bool cmdline_add_console(struct cmdline *c, char *value)
{
	char *comma = strchr(value, ',');
	size_t name_len = comma ? (size_t)(comma - value) : strlen(value);
	struct cmdline_console *con;

	if (name_len == 0 || name_len >= CMDLINE_CONSOLE_NAME_MAX ||
	    c->nconsoles >= CMDLINE_CONSOLES_MAX)
		return false;
	con = &c->consoles[c->nconsoles++];
	memcpy(con->name, value, name_len);
	con->name[name_len] = '\0';
	con->options = comma ? comma + 1 : "";
	return true;
}

static void cmdline_pass_to_init(struct cmdline *c, const char *word)
{
	if (strchr(word, '=')) {
		if (c->init_envc < CMDLINE_INIT_ARGS_MAX)
			c->init_envp[c->init_envc++] = word;
	} else if (c->init_argc < CMDLINE_INIT_ARGS_MAX) {
		c->init_argv[c->init_argc++] = word;
	}
}

/* Handles one kernel parameter; false if it is not one of ours. */
static bool cmdline_apply(struct cmdline *c, char *word)
{
	char *eq = strchr(word, '=');
	char *value = eq ? eq + 1 : NULL;
	size_t name_len = eq ? (size_t)(eq - word) : strlen(word);
	long n;

#define NAME_IS(lit) (name_len == sizeof(lit) - 1 && !strncmp(word, lit, name_len))
	if (NAME_IS("console")) {
		if (!value || !cmdline_add_console(c, value))
			cmdline_reject(c, word);
	} else if (NAME_IS("init")) {
		if (value && *value == '/')
			c->init = value;
		else
			cmdline_reject(c, word);
	} else if (NAME_IS("rdinit")) {
		if (value && *value == '/')
			c->rdinit = value;
		else
			cmdline_reject(c, word);
	} else if (NAME_IS("root")) {
		if (value && *value)
			c->root = value;
		else
			cmdline_reject(c, word);
	} else if (NAME_IS("rootfstype") || NAME_IS("rootflags")) {
		if (!value || !*value)
			cmdline_reject(c, word);
		else if (NAME_IS("rootfstype"))
			c->rootfstype = value;
		else
			c->rootflags = value;
	} else if (NAME_IS("rootwait") && !value) {
		c->rootwait = true;
	} else if (NAME_IS("rootdelay")) {
		if (value && cmdline_parse_long(value, &n) && n >= 0)
			c->rootdelay = n;
		else
			cmdline_reject(c, word);
	} else if ((NAME_IS("ro") || NAME_IS("rw")) && !value) {
		c->root_rw = NAME_IS("rw");
	} else if (NAME_IS("quiet") && !value) {
		c->quiet = true;
	} else if (NAME_IS("norandmaps") && !value) {
		c->norandmaps = true;
	} else if (NAME_IS("profile") && !value) {
		c->profile = true;
	} else if (NAME_IS("lockcheck") && !value) {
		c->lockcheck = true;
	} else if (NAME_IS("loglevel")) {
		if (value && cmdline_parse_long(value, &n) && n >= 0 && n <= 15)
			c->loglevel = (int)n;
		else
			cmdline_reject(c, word);
	} else if (NAME_IS("panic")) {
		if (value && cmdline_parse_long(value, &n))
			c->panic_timeout = n;
		else
			cmdline_reject(c, word);
	} else if (NAME_IS("crashtest")) {
		if (value && *value)
			c->crashtest = value;
		else
			cmdline_reject(c, word);
	} else if (NAME_IS("pci")) {
		/* Linux's pci=nomsi; its other pci= options are not ours. */
		if (value && !strcmp(value, "nomsi"))
			c->pci_nomsi = true;
		else
			cmdline_reject(c, word);
	} else if (NAME_IS("nosmp") && !value) {
		c->nosmp = true;
	} else if (NAME_IS("maxcpus")) {
		/* Linux: CPUs brought up at boot; 0 is nosmp. */
		if (value && cmdline_parse_long(value, &n) && n >= 0)
			c->maxcpus = n;
		else
			cmdline_reject(c, word);
	} else if (NAME_IS("ktest")) {
		c->ktest = true;
		c->ktest_filter = value && *value ? value : NULL;
	} else {
		return false;
	}
#undef NAME_IS
	return true;
}

void cmdline_parse(const char *text, struct cmdline *out)
{
	char *cursor, *word;
	bool after_dashes = false;

	memset(out, 0, sizeof(*out));
	out->rdinit = CMDLINE_DEFAULT_RDINIT;
	out->loglevel = CMDLINE_LOGLEVEL_UNSET;
	out->maxcpus = CMDLINE_MAXCPUS_UNSET;
	if (!text)
		return;
	if (strlcpy(out->buf, text, sizeof(out->buf)) >= sizeof(out->buf))
		out->truncated = true;

	cursor = out->buf;
	while ((word = cmdline_next_word(&cursor)) != NULL) {
		if (after_dashes) {
			if (out->init_argc < CMDLINE_INIT_ARGS_MAX)
				out->init_argv[out->init_argc++] = word;
			continue;
		}
		if (!strcmp(word, "--")) {
			after_dashes = true;
			continue;
		}
		if (!cmdline_apply(out, word))
			cmdline_pass_to_init(out, word);
	}
}
