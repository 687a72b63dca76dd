# The framebuffer console's font: Lat15-VGA16 (8x16, Latin-1 and more)
# from Debian's console-setup-linux, unpacked into build/ at build time and
# embedded by kernel/drivers/video/font.S. The font is never committed.

VIDEO_FONT_SRC ?= /usr/share/consolefonts/Lat15-VGA16.psf.gz
VIDEO_FONT     := $(BUILD)/fonts/$(basename $(notdir $(VIDEO_FONT_SRC)))

# The host-deps stamp installs console-setup-linux, which provides the source.
$(VIDEO_FONT): $(HOST_DEPS_STAMP)
	@mkdir -p $(@D)
	gunzip -c $(VIDEO_FONT_SRC) > $@

# .incbin does not show up in -MMD dependencies: name the font here.
$(BUILD)/kernel/drivers/video/font.o: $(VIDEO_FONT)
$(BUILD)/kernel/drivers/video/font.o: KERNEL_ASFLAGS += -DVIDEO_FONT_PATH='"$(VIDEO_FONT)"'
