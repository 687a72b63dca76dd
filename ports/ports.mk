# ports/: third-party programs built for Basalt from Debian's sources, one
# folder per port (recipe, patches). `make ports` builds them all into
# sysroot/, `make port-NAME` one. See ports/README.md.

PORTS        := $(patsubst ports/%/recipe,%,$(wildcard ports/*/recipe))
PORTS_BUILD  := $(BUILD)/ports
# Pristine unpacked sources, fetched once: outside git, kept by ports-clean.
PORTS_SRC    := $(PORTS_BUILD)/src
PORTS_DESTDIR := $(SYSROOT)

# One rule set per port: the fetch stamp, then the install stamp, redone
# when the recipe, its files or patches, the framework or libc change. A
# port's `depends=` ports are installed before it.
define port_rules
$(PORTS_SRC)/$(1)/.fetched: ports/$(1)/recipe ports/fetch.sh $(HOST_DEPS_STAMP)
	$(Q)sh ports/fetch.sh ports/$(1) $(PORTS_SRC)/$(1)

$(PORTS_BUILD)/$(1)/.installed: $(PORTS_SRC)/$(1)/.fetched ports/build.sh \
		$(shell find ports/$(1) -type f) $(SYSROOT_HEADERS_STAMP) $(SYSROOT_LIBS) \
		$(foreach d,$(shell sed -n 's/^depends=//p' ports/$(1)/recipe),$(PORTS_BUILD)/$(d)/.installed)
	$(Q)sh ports/build.sh ports/$(1) $(PORTS_SRC)/$(1) $(PORTS_BUILD)/$(1) $(PORTS_DESTDIR)
	@touch $$@

.PHONY: port-$(1)
port-$(1): $(PORTS_BUILD)/$(1)/.installed ## Build one port into sysroot/ (port-busybox...)
endef
$(foreach p,$(PORTS),$(eval $(call port_rules,$(p))))

.PHONY: ports ports-clean
# Every port (make -k: one failure does not stop the others), then the
# table of ports/summary.sh; the status is make's.
ports: ## Build every port in ports/ into sysroot/, then print a table (built, failed, time)
	@$(MAKE) --no-print-directory -k $(PORTS:%=port-%); status=$$?; \
		sh ports/summary.sh $(PORTS_BUILD) $(PORTS); exit $$status
ports-clean: ## Remove the ports' builds (the fetched sources stay cached)
	rm -rf $(filter-out $(PORTS_SRC),$(wildcard $(PORTS_BUILD)/*))
