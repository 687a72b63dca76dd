# userland/: Basalt's own programs, built with x86_64-basalt-gcc against
# our newlib (the sysroot of libc/libc.mk) and installed in /usr/bin of
# the initramfs. Each program is a directory userland/NAME/ of C files.

USERLAND_PROGS  := basalt-info
USERLAND_CFLAGS := -std=gnu11 -O2 -Wall -Wextra -Werror
USERLAND_BINS   := $(USERLAND_PROGS:%=$(BUILD)/userland/%)

$(BUILD)/userland/%: userland/%/*.c $(SYSROOT_HEADERS_STAMP) $(SYSROOT_LIBS)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(BASALT_CC) $(USERLAND_CFLAGS) -o $@ $(filter %.c,$^)

.PHONY: userland
userland: $(USERLAND_BINS) ## Build the userland/ programs (against our newlib)
