# tests/image: issue 14's tests of the disk image (disk/), on the host:
# the build is reproducible and sound (image-repro.sh), the image boots
# under SeaBIOS and OVMF from NVMe and AHCI, reboots and powers off clean
# (image-boot.sh), and a root left unclean by a killed QEMU is repaired
# by e2fsck -p at the next boot (image-crash.sh). make test runs them.
# They use an image of their own, made the same way as build/basalt.img
# (which make run writes to, so it does not stay as built).
IMAGE_TEST_IMG := $(BUILD)/image-test/basalt.img
$(eval $(call disk_rule,$(IMAGE_TEST_IMG),$(BUILD)/image-test/work))
IMAGE_TEST_SUITES := "host:tests/image/image-repro.sh" "host:tests/image/image-boot.sh" \
	"host:tests/image/image-crash.sh"

.PHONY: image-test
image-test: $(IMAGE_TEST_IMG) $(HOST_DEPS_STAMP) ## Boot the disk image (BIOS/UEFI, NVMe/AHCI), crash and repair it, rebuild it identically
	sh tests/run-suites.sh $(BUILD)/test-logs $(IMAGE_TEST_SUITES)

test: $(IMAGE_TEST_IMG)
