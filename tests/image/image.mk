# tests/image: issue 14's tests of build/basalt.img (disk/), on the host:
# the build is reproducible and sound (image-repro.sh), the image boots
# under SeaBIOS and OVMF from NVMe and AHCI, reboots and powers off clean
# (image-boot.sh), and a root left unclean by a killed QEMU is repaired
# by e2fsck -p at the next boot (image-crash.sh). make test runs them.
IMAGE_TEST_SUITES := "host:tests/image/image-repro.sh" "host:tests/image/image-boot.sh" \
	"host:tests/image/image-crash.sh"

.PHONY: image-test
image-test: $(DISK_IMG) $(HOST_DEPS_STAMP) ## Boot build/basalt.img (BIOS/UEFI, NVMe/AHCI), crash and repair it, rebuild it identically
	sh tests/run-suites.sh $(BUILD)/test-logs $(IMAGE_TEST_SUITES)

test: $(DISK_IMG)
