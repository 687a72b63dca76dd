/*
 * execve.c: execve(2): replace the calling process's program with a file
 * from the VFS: an ELF64 executable (exec.c loads it) or a "#!" script,
 * whose interpreter is run with the script's path as an argument
 * (execve(2), "Interpreter scripts").
 *
 * Until the last check passes the old program is untouched and gets the
 * error; after it (process_exec_commit) there is no way back.
 */
#include <exec/exec.h>
#include <basalt/format.h>
#include <basalt/log.h>
#include <basalt/string.h>
#include <basalt/syscalls.h>
#include <fs/file.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <mm/vm.h>
#include <proc/process.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/mount.h>
#include <uapi/resource.h>
#include <uapi/stat.h>
#include <user/user.h>

/* Group execute permission (stat(2) S_IXGRP): a set-gid file without it is mandatory locking's mark. */
#define EXECVE_S_IXGRP		00010
#define EXEC_PATH_MAX		4096		/* Linux's PATH_MAX, NUL included */
#define EXEC_INTERP_DEPTH_MAX	4		/* Linux's BINPRM_MAX_RECURSION */
#define EXEC_SHEBANG_LINE_MAX	256		/* Linux's BINPRM_BUF_SIZE */
/* Room in front of argv for an interpreter, its argument and the script. */
#define EXEC_ARGV_PREFIX	(3 * EXEC_INTERP_DEPTH_MAX)
/* Room in the strings for the interpreters' names and arguments. */
#define EXEC_SHEBANG_ROOM	(EXEC_INTERP_DEPTH_MAX * EXEC_SHEBANG_LINE_MAX)

/* The strings of a NULL-terminated vector, counted before they are copied. */
struct execve_vector {
	uint64_t uvec;			/* the user's array, or 0 */
	const char *const *kvec;	/* or the kernel's (exec_kernel) */
	size_t count, bytes;		/* strings, and their bytes with NULs */
};

struct execve_state {
	char *strings;		/* strings_max bytes of copied strings */
	size_t used, strings_max;
	const char **argv_slots; /* EXEC_ARGV_PREFIX + argc + 1 */
	const char **argv;	/* points into argv_slots */
	const char **envp;	/* envc + 1 */
	char *path;		/* the file to run now */
	char *filename;		/* the path execve was given (AT_EXECFN) */
	char *exe;		/* the program's resolved path (/proc/PID/exe) */
	char *at_path;	/* execveat: the path from dirfd, when filename is /dev/fd/N/... */
	/* Where the first path is looked up from (execveat(2)); interpreters from the root or cwd. */
	int dirfd;
	unsigned lookup_flags;	/* LOOKUP_FOLLOW, LOOKUP_EMPTY */
};

/* String i of v's user array: its address, 0 at the end, or -EFAULT. */
static int execve_user_string(const struct execve_vector *v, size_t i, uint64_t *uptr)
{
	if (copy_from_user(uptr, (const void __user *)(v->uvec + i * sizeof(*uptr)),
			   sizeof(*uptr)))
		return -EFAULT;
	return 0;
}

/*
 * Counts the strings of v and their bytes, failing with -E2BIG as soon
 * as one is longer than MAX_ARG_STRLEN or all of them pass limit.
 */
static int execve_count_vector(struct execve_vector *v, uint64_t limit)
{
	v->count = v->bytes = 0;
	for (;; v->count++) {
		uint64_t uptr;
		long len;

		if (v->kvec) {
			if (!v->kvec[v->count])
				return 0;
			len = (long)strlen(v->kvec[v->count]);
		} else {
			if (!v->uvec)
				return 0;
			if (execve_user_string(v, v->count, &uptr))
				return -EFAULT;
			if (!uptr)
				return 0;
			len = strnlen_user((const char __user *)uptr, EXEC_ARG_STRLEN_MAX);
			if (len < 0)
				return (int)len;
		}
		if ((uint64_t)len + 1 > EXEC_ARG_STRLEN_MAX)
			return -E2BIG;
		v->bytes += (size_t)len + 1;
		if (v->bytes + (v->count + 1) * sizeof(uint64_t) > limit)
			return -E2BIG;
	}
}

/*
 * Copies the strings v counted into st; a string that grew since (another
 * thread) and no longer fits gives -E2BIG.
 */
static int execve_copy_vector(struct execve_state *st, const struct execve_vector *v,
			      const char **out)
{
	for (size_t n = 0; n < v->count; n++) {
		size_t room = st->strings_max - st->used;
		uint64_t uptr;
		long len;

		if (v->kvec) {
			len = (long)strlen(v->kvec[n]);
			if ((size_t)len >= room)
				return -E2BIG;
			memcpy(st->strings + st->used, v->kvec[n], (size_t)len + 1);
		} else {
			if (execve_user_string(v, n, &uptr) || !uptr)
				return -EFAULT;
			len = strncpy_from_user(st->strings + st->used,
						(const char __user *)uptr, room);
			if (len < 0)
				return (int)len;
			if ((size_t)len == room)
				return -E2BIG;
		}
		out[n] = st->strings + st->used;
		st->used += (size_t)len + 1;
	}
	out[v->count] = NULL;
	return 0;
}

/* Drops a file of file_open_exec that will not run. */
static void execve_drop_file(struct file *f)
{
	file_allow_write(f);
	file_put(f);
}

/*
 * Opens the file to run, after the execute checks: *f, its size, and its
 * first bytes in head (up to EXEC_SHEBANG_LINE_MAX: a "#!" line or the
 * start of an ELF header); its resolved path goes to exe (EXEC_PATH_MAX
 * bytes; "" if unknown). The rest is read as exec_load needs it.
 */
static int execve_open_file(int dirfd, const char *path, unsigned lookup_flags, struct file **f,
			    uint64_t *size, char *head, size_t *head_len, char *exe)
{
	unsigned mode;
	size_t want;
	long n;
	/* A regular file with x permission for the caller (open_exec). */
	int err = file_open_exec_at(dirfd, path, lookup_flags, f);

	if (err)
		return err;
	if (vfs_file_path(*f, exe, EXEC_PATH_MAX) < 0)
		exe[0] = '\0';
	err = file_getattr_kernel(*f, size, &mode);
	if (!err && *size == 0)
		err = -ENOEXEC;
	*head_len = 0;
	want = (size_t)MIN(*size, (uint64_t)EXEC_SHEBANG_LINE_MAX);
	while (!err && *head_len < want) {
		n = file_read_kernel(*f, head + *head_len, want - *head_len, *head_len);
		if (n <= 0)
			err = n < 0 ? (int)n : -EIO;
		else
			*head_len += (size_t)n;
	}
	if (err)
		execve_drop_file(*f);
	return err;
}

static bool execve_is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * A "#!" first line: rewrites argv to interpreter [arg] script args...
 * and st->path to the interpreter. 0, or -ENOEXEC for a bad line.
 */
static int execve_shebang(struct execve_state *st, const char *image, size_t size)
{
	size_t limit = size < EXEC_SHEBANG_LINE_MAX ? size : EXEC_SHEBANG_LINE_MAX;
	size_t i = 2, interp_start, interp_end, arg_start = 0, arg_end = 0;
	char *interp, *arg = NULL;

	while (i < limit && execve_is_blank(image[i]))
		i++;
	interp_start = i;
	while (i < limit && image[i] != '\n' && !execve_is_blank(image[i]))
		i++;
	interp_end = i;
	while (i < limit && execve_is_blank(image[i]))
		i++;
	if (i < limit && image[i] != '\n') {
		arg_start = i;
		while (i < limit && image[i] != '\n')
			i++;
		arg_end = i;
		while (arg_end > arg_start && execve_is_blank(image[arg_end - 1]))
			arg_end--;
	}
	if (interp_end == interp_start)
		return -ENOEXEC;
	if (st->used + (interp_end - interp_start) + (arg_end - arg_start) + 2 > st->strings_max)
		return -E2BIG;
	if (st->argv - st->argv_slots < 3)
		return -ELOOP;
	interp = st->strings + st->used;
	memcpy(interp, image + interp_start, interp_end - interp_start);
	interp[interp_end - interp_start] = '\0';
	st->used += interp_end - interp_start + 1;
	if (arg_end > arg_start) {
		arg = st->strings + st->used;
		memcpy(arg, image + arg_start, arg_end - arg_start);
		arg[arg_end - arg_start] = '\0';
		st->used += arg_end - arg_start + 1;
	}
	/* argv[0] is replaced by the script's path; the rest move along. */
	st->argv[0] = st->path;
	if (arg)
		*--st->argv = arg;
	*--st->argv = interp;
	st->path = interp;
	return 0;
}

/*
 * The credentials the program runs with (execve(2), "set-user-ID"): a
 * set-uid file makes its owner the effective uid, a set-gid file with
 * group execute permission its group the effective gid (Linux's
 * bprm_fill_uid), unless the file's mount is nosuid or the process set
 * no_new_privs. Then, as on every exec, the saved and file-system ids
 * take the effective ones. *secure is AT_SECURE (Linux's
 * cap_bprm_creds_from_file): the effective ids changed, or the real and
 * effective ids differ (one of them root's, with its capabilities).
 */
static void execve_creds(struct file *f, const struct cred *old, struct cred *new, bool *secure)
{
	struct inode *ino = f->inode;
	bool setid_ok = !(f->mnt && (f->mnt->flags & MS_NOSUID)) && !process_current()->no_new_privs;

	*new = *old;
	inode_lock_shared(ino);
	if (setid_ok && (ino->mode & S_ISUID))
		new->euid = ino->uid;
	if (setid_ok && (ino->mode & (S_ISGID | EXECVE_S_IXGRP)) == (S_ISGID | EXECVE_S_IXGRP))
		new->egid = ino->gid;
	inode_unlock_shared(ino);
	new->suid = new->fsuid = new->euid;
	new->sgid = new->fsgid = new->egid;
	*secure = new->euid != old->euid || new->egid != old->egid ||
		  new->uid != new->euid || new->gid != new->egid;
}

static const char *execve_basename(const char *path)
{
	const char *base = path;

	for (const char *c = path; *c; c++)
		if (*c == '/' && c[1])
			base = c + 1;
	return base;
}

static int execve_run(struct execve_state *st)
{
	struct exec_layout layout;
	struct exec_args args = { .execfn = st->filename, .layout = &layout };
	char head[EXEC_SHEBANG_LINE_MAX];
	struct exec_image img;
	struct vm_space *vm;
	struct cred cred;
	size_t head_len = 0;
	struct file *f;
	uint64_t size, entry, sp;
	int err;

	for (unsigned depth = 0;; depth++) {
		/* A "#!" interpreter is found from the root or cwd, following links. */
		err = execve_open_file(depth ? AT_FDCWD : st->dirfd, st->path,
				       depth ? LOOKUP_FOLLOW : st->lookup_flags, &f, &size, head,
				       &head_len, st->exe);
		if (err)
			return err;
		if (head_len < 2 || memcmp(head, "#!", 2) != 0)
			break;
		execve_drop_file(f);
		if (depth == EXEC_INTERP_DEPTH_MAX)
			return -ELOOP;
		/* An empty argv still passes the script's path. */
		if (!st->argv[0]) {
			st->argv[0] = st->path;
			st->argv[1] = NULL;
		}
		err = execve_shebang(st, head, head_len);
		if (err)
			return err;
	}
	args.argv = st->argv;
	args.envp = st->envp;
	execve_creds(f, &process_current()->cred, &cred, &args.secure);
	args.cred = &cred;
	vm = vm_create();
	if (!vm) {
		execve_drop_file(f);
		return -ENOMEM;
	}
	exec_image_file(&img, f, size);
	err = exec_load(vm, &img, &args, &entry, &sp);
	if (err) {
		execve_drop_file(f);
		vm_destroy(vm);
		return err;
	}
	/* The new address space keeps the file and its refusal of writers. */
	vm->exe_file = f;
	process_exec_commit(vm, entry, sp, execve_basename(st->filename),
			    st->exe[0] ? st->exe : st->filename, &layout, &cred, args.secure);
	return 0;
}

/*
 * Linux's bound on all the strings and pointers (bprm_stack_limits): a
 * quarter of RLIMIT_STACK, at least ARG_MAX; Basalt's at most
 * EXEC_ARG_LIMIT_MAX (exec.h).
 */
static uint64_t execve_arg_limit(void)
{
	uint64_t limit = vm_rlimit(RLIMIT_STACK) / 4;

	return MIN(MAX(limit, (uint64_t)EXEC_ARG_LIMIT_MIN), EXEC_ARG_LIMIT_MAX);
}

static void execve_state_free(struct execve_state *st)
{
	kfree(st->strings);
	kfree(st->argv_slots);
	kfree(st->envp);
	kfree(st->filename);
	kfree(st->exe);
	kfree(st->at_path);
}

/*
 * Counts argv and envp against Linux's limits, then copies them into st:
 * blocks of just the size they need. st->filename is set already.
 */
static int execve_take_args(struct execve_state *st, struct execve_vector *argv,
			    struct execve_vector *envp)
{
	uint64_t limit = execve_arg_limit(), ptrs;
	size_t name_len = strlen(st->filename) + 1;
	int err = execve_count_vector(argv, limit);

	if (!err)
		err = execve_count_vector(envp, limit);
	if (err)
		return err;
	/* bprm_stack_limits: one pointer even for an empty argv. */
	ptrs = (MAX(argv->count, (size_t)1) + envp->count) * sizeof(uint64_t);
	if (ptrs >= limit || argv->bytes + envp->bytes + name_len > limit - ptrs)
		return -E2BIG;
	st->strings_max = argv->bytes + envp->bytes + EXEC_SHEBANG_ROOM;
	st->strings = kmalloc(st->strings_max);
	st->argv_slots = kmalloc((EXEC_ARGV_PREFIX + argv->count + 1) * sizeof(char *));
	st->envp = kmalloc((envp->count + 1) * sizeof(char *));
	if (!st->strings || !st->argv_slots || !st->envp)
		return -ENOMEM;
	st->argv = st->argv_slots + EXEC_ARGV_PREFIX;
	err = execve_copy_vector(st, argv, st->argv);
	return err ? err : execve_copy_vector(st, envp, st->envp);
}

static int execve_state_alloc(struct execve_state *st)
{
	memset(st, 0, sizeof(*st));
	st->dirfd = AT_FDCWD;
	st->lookup_flags = LOOKUP_FOLLOW;
	st->filename = kmalloc(EXEC_PATH_MAX);
	st->exe = kmalloc(EXEC_PATH_MAX);
	st->at_path = kmalloc(EXEC_PATH_MAX);
	return st->filename && st->exe && st->at_path ? 0 : -ENOMEM;
}

int exec_kernel(const char *path, const char *const *argv, const char *const *envp)
{
	struct execve_vector av = { .kvec = argv }, ev = { .kvec = envp };
	struct execve_state st;
	int err = execve_state_alloc(&st);

	if (err)
		goto out;
	err = -ENAMETOOLONG;
	if (strlcpy(st.filename, path, EXEC_PATH_MAX) >= EXEC_PATH_MAX)
		goto out;
	st.path = st.filename;
	err = execve_take_args(&st, &av, &ev);
	if (!err)
		err = execve_run(&st);
out:
	execve_state_free(&st);
	return err;
}

/*
 * execveat(2)'s name for the program (AT_EXECFN, comm), as Linux's
 * alloc_bprm: the path when absolute or from the cwd, else "/dev/fd/N"
 * for the descriptor itself and "/dev/fd/N/path" below it. st->path
 * stays the path to look up from dirfd.
 */
static int execve_fd_name(struct execve_state *st, int dirfd, const char *path)
{
	size_t len;

	if (path[0] == '/' || dirfd == AT_FDCWD)
		return 0;
	/* path is st->filename itself, which is rewritten below: keep a copy. */
	st->path = st->at_path;
	strlcpy(st->at_path, path, EXEC_PATH_MAX);
	if (!path[0])
		len = (size_t)snprintf(st->filename, EXEC_PATH_MAX, "/dev/fd/%d", dirfd);
	else
		len = (size_t)snprintf(st->filename, EXEC_PATH_MAX, "/dev/fd/%d/%s", dirfd,
				       st->at_path);
	return len >= EXEC_PATH_MAX ? -ENAMETOOLONG : 0;
}

static int execve_common(int dirfd, const char __user *filename,
			 const char __user *const __user *uargv,
			 const char __user *const __user *uenvp, int flags)
{
	struct execve_vector argv = { .uvec = (uint64_t)uargv };
	struct execve_vector envp = { .uvec = (uint64_t)uenvp };
	struct execve_state st;
	long n;
	int err;

	err = execve_state_alloc(&st);
	if (err)
		goto out;
	/* The name first, then the flags, as Linux's getname_flags and do_open_execat. */
	n = strncpy_from_user(st.filename, filename, EXEC_PATH_MAX);
	err = n < 0 ? (int)n : n == EXEC_PATH_MAX ? -ENAMETOOLONG :
	      n == 0 && !(flags & AT_EMPTY_PATH) ? -ENOENT : 0;
	if (!err && (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW)))
		err = -EINVAL;
	if (err)
		goto out;
	if (flags & AT_SYMLINK_NOFOLLOW)
		st.lookup_flags &= ~LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		st.lookup_flags |= LOOKUP_EMPTY;
	st.dirfd = dirfd;
	st.path = st.filename;
	err = execve_fd_name(&st, dirfd, st.filename);
	if (!err)
		err = execve_take_args(&st, &argv, &envp);
	if (!err)
		err = execve_run(&st);
out:
	execve_state_free(&st);
	return err;
}

/* execve(pathname, argv, envp) */
SYSCALL_DEFINE3(execve, const char __user *, filename, const char __user *const __user *, uargv,
		const char __user *const __user *, uenvp)
{
	return execve_common(AT_FDCWD, filename, uargv, uenvp, 0);
}

/* execveat(dirfd, pathname, argv, envp, flags) */
SYSCALL_DEFINE5(execveat, int, dirfd, const char __user *, filename,
		const char __user *const __user *, uargv,
		const char __user *const __user *, uenvp, int, flags)
{
	return execve_common(dirfd, filename, uargv, uenvp, flags);
}
