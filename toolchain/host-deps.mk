# Host tools: toolchain/host-deps.sh installs what is missing (as root) or
# prints the apt-get command. The stamp keeps it to one check per change.
HOST_DEPS_STAMP := $(BUILD)/.host-deps

$(HOST_DEPS_STAMP): toolchain/host-deps.sh
	@mkdir -p $(BUILD)
	sh toolchain/host-deps.sh
	@touch $@

.PHONY: deps
deps: $(HOST_DEPS_STAMP) ## Install the host packages Basalt needs (Debian 12)
