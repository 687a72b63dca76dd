# libc: newlib (Debian's newlib-source, built by libc/build-newlib.sh and
# cached behind a stamp) plus our crt0 and Linux syscall layer, installed
# into sysroot/usr by `make sysroot`. See libc/README.md.

NEWLIB_TARBALL   := /usr/src/newlib/newlib-3.3.0.tar.xz
NEWLIB_DIR       := $(BUILD)/newlib
NEWLIB_STAMP     := $(NEWLIB_DIR)/.built
NEWLIB_INSTALL   := $(NEWLIB_DIR)/install/usr/x86_64-elf

SYSROOT          := sysroot
SYSROOT_INCLUDE  := $(SYSROOT)/usr/include
SYSROOT_LIB      := $(SYSROOT)/usr/lib
SYSROOT_HEADERS_STAMP := $(BUILD)/libc/.sysroot-headers

BASALT_CC        := toolchain/bin/x86_64-basalt-gcc
LIBC_CFLAGS      := -std=gnu11 -O2 -g -Wall -Wextra -Werror \
	-Ilibc/abi -Ilibc/syscalls -fno-stack-protector

LIBC_HEADERS     := $(shell find libc/include -type f)
# Our layer: syscalls/ (one file per system call) and one directory per
# POSIX area newlib lacks (signal/, dirent/, termios/, pwd/, misc/...).
LIBC_SRCS        := $(filter-out libc/crt/%,$(wildcard libc/*/*.c))
LIBC_ASM_SRCS    := $(filter-out libc/crt/%,$(wildcard libc/*/*.S))
LIBC_OBJS        := $(LIBC_SRCS:libc/%.c=$(BUILD)/libc/%.o) \
	$(LIBC_ASM_SRCS:libc/%.S=$(BUILD)/libc/%.o) \
	$(BUILD)/libc/crt/libc_start.o
# newlib's own code that its x86_64-elf configuration leaves out (libc/posix
# and libc/unix are built only for systems with a sys/ directory): compiled
# from the unpacked source with our toolchain and headers.
NEWLIB_LIBC_SRC  := $(NEWLIB_DIR)/src/newlib/libc
NEWLIB_EXTRA_NAMES := posix/fnmatch posix/glob posix/collate posix/collcmp \
	posix/regcomp posix/regexec posix/regerror posix/regfree posix/popen \
	posix/wordexp posix/wordfree unix/basename unix/dirname
NEWLIB_EXTRA_OBJS := $(NEWLIB_EXTRA_NAMES:%=$(BUILD)/libc/newlib-extra/%.o)
# glob is wrapped by misc/glob.c for POSIX semantics.
NEWLIB_EXTRA_CFLAGS_posix/glob := -Dglob=__newlib_glob
LIBC_OBJS        += $(NEWLIB_EXTRA_OBJS)
LIBC_PRIVATE_HEADERS := $(wildcard libc/abi/*.h libc/*/*_impl.h libc/syscalls/*.h)
# newlib members that ours replace (newlib's in-process signal emulation,
# its abort): removed from libc.a so that only one definition is linked.
NEWLIB_REPLACED  := lib_a-signal.o lib_a-abort.o lib_a-getopt.o lib_a-rename.o \
	lib_a-renamer.o lib_a-system.o lib_a-strsignal.o lib_a-putenv.o
# Threads: newlib's single-thread __getreent and dummy locks (pthread/tls.c,
# pthread/newlib_lock.c replace them).
NEWLIB_REPLACED  += lib_a-getreent.o lib_a-lock.o
LIBC_CRT_OBJS    := $(SYSROOT_LIB)/crt0.o $(SYSROOT_LIB)/crti.o $(SYSROOT_LIB)/crtn.o
# libpthread.a is empty (as glibc's since 2.34): the threads are in libc.a,
# and -lpthread or -pthread still link.
SYSROOT_LIBS     := $(SYSROOT_LIB)/libc.a $(SYSROOT_LIB)/libm.a $(SYSROOT_LIB)/libpthread.a \
	$(LIBC_CRT_OBJS)

$(NEWLIB_STAMP): libc/build-newlib.sh $(LIBC_HEADERS) $(HOST_DEPS_STAMP)
	@echo "  NEWLIB  $(NEWLIB_DIR) (a few minutes; log in $(NEWLIB_DIR)/obj)"
	$(Q)sh libc/build-newlib.sh $(NEWLIB_TARBALL) $(NEWLIB_DIR) libc/include
	@touch $@

# Ours in usr/include, newlib's in usr/include/newlib, searched after ours
# (toolchain/basalt-gcc.specs): ours replace newlib's or wrap them with
# #include_next.
# <sys/syscall.h> is generated from the kernel's syscall_64.tbl.
$(SYSROOT_HEADERS_STAMP): $(NEWLIB_STAMP) $(LIBC_HEADERS) $(SYSCALL_LIBC_H)
	@echo "  HEADERS $(SYSROOT_INCLUDE)"
	$(Q)rm -rf $(SYSROOT_INCLUDE) && mkdir -p $(SYSROOT_INCLUDE)/newlib $(@D)
	$(Q)cp -R libc/include/. $(SYSROOT_INCLUDE)/
	$(Q)cp $(SYSCALL_LIBC_H) $(SYSROOT_INCLUDE)/sys/syscall.h
	$(Q)cp -R $(NEWLIB_INSTALL)/include/. $(SYSROOT_INCLUDE)/newlib/
	@touch $@

# Our layer is compiled by our own toolchain, against the sysroot headers.
$(BUILD)/libc/%.o: libc/%.c $(LIBC_PRIVATE_HEADERS) $(SYSROOT_HEADERS_STAMP)
	@mkdir -p $(@D) && echo "  CC      $@"
	$(Q)$(BASALT_CC) $(LIBC_CFLAGS) -c -o $@ $<

# Upstream code: newlib's warnings are not ours to fix, so no -Werror.
$(NEWLIB_EXTRA_OBJS): $(BUILD)/libc/newlib-extra/%.o: $(NEWLIB_STAMP) $(SYSROOT_HEADERS_STAMP)
	@mkdir -p $(@D) && echo "  CC      $@"
	$(Q)$(BASALT_CC) -O2 -g -fno-stack-protector -D_GNU_SOURCE -D_COMPILING_NEWLIB \
		$(NEWLIB_EXTRA_CFLAGS_$*) -I$(NEWLIB_LIBC_SRC)/$(dir $*) -w -c -o $@ \
		$(NEWLIB_LIBC_SRC)/$*.c

$(BUILD)/libc/%.o: libc/%.S $(SYSROOT_HEADERS_STAMP)
	@mkdir -p $(@D) && echo "  AS      $@"
	$(Q)$(BASALT_CC) $(LIBC_CFLAGS) -c -o $@ $<

$(SYSROOT_LIB)/%.o: libc/crt/%.S $(SYSROOT_HEADERS_STAMP)
	@mkdir -p $(@D) && echo "  AS      $@"
	$(Q)$(BASALT_CC) $(LIBC_CFLAGS) -c -o $@ $<

# libc.a is newlib's with our objects added, so `-lc` is the whole C library.
$(SYSROOT_LIB)/libc.a: $(NEWLIB_STAMP) $(LIBC_OBJS)
	@mkdir -p $(@D) && echo "  AR      $@"
	$(Q)cp $(NEWLIB_INSTALL)/lib/libc.a $@.tmp
	$(Q)ar d $@.tmp $(NEWLIB_REPLACED)
	$(Q)ar rcs $@.tmp $(LIBC_OBJS)
	$(Q)mv $@.tmp $@

$(SYSROOT_LIB)/libpthread.a:
	@mkdir -p $(@D) && echo "  AR      $@"
	$(Q)rm -f $@ && ar rcs $@

$(SYSROOT_LIB)/libm.a: $(NEWLIB_STAMP)
	@mkdir -p $(@D)
	$(Q)cp $(NEWLIB_INSTALL)/lib/libm.a $@

.PHONY: sysroot newlib sysroot-clean
newlib: $(NEWLIB_STAMP) ## Build newlib (cached in build/newlib)
sysroot: $(SYSROOT_HEADERS_STAMP) $(SYSROOT_LIBS) ## Install newlib and our libc into sysroot/usr
sysroot-clean: ## Remove the generated sysroot/usr (make clean keeps it)
	rm -rf $(SYSROOT)/usr $(SYSROOT_HEADERS_STAMP)
