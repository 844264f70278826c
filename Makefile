# redis-console: `make demo` to see it run against a local TLS redis-server, `make test` to run
# every test (unit, real redis-server over TLS, end-to-end). `make help` lists the rest.

SHELL         := /bin/bash
.SHELLFLAGS   := -euo pipefail -c
SWIFT         ?= swift
# Override to build in another folder, e.g. `make test SCRATCH=.build-ci`.
SCRATCH       ?= .build
SWIFT_FLAGS   := --scratch-path $(SCRATCH)
DEMO_CERTS    := .demo/certs
# Tools the test suite drives for real; a missing one fails `make test` instead of skipping tests.
TEST_TOOLS    := redis-server redis-cli openssl tmux script

.PHONY: all build release test check-test-tools certs demo deps clean help

all: build

help:
	@echo "make build     debug build (binary: \$$(swift build --show-bin-path)/redis-console)"
	@echo "make release   optimized build"
	@echo "make test      all tests; needs redis-server, redis-cli, openssl, tmux, script"
	@echo "make certs     CA, server and client certificates in $(DEMO_CERTS)"
	@echo "make demo      deps + build + certs, then a session against a local TLS-only redis-server"
	@echo "make deps      install missing Debian packages (apt-get; sudo when not root)"
	@echo "make clean     remove build output and demo material"

build:
	$(SWIFT) build $(SWIFT_FLAGS) -c debug

release:
	$(SWIFT) build $(SWIFT_FLAGS) -c release

check-test-tools:
	@missing=""; \
	for tool in $(TEST_TOOLS); do command -v $$tool >/dev/null 2>&1 || missing="$$missing $$tool"; done; \
	if [[ -n "$$missing" ]]; then \
		echo "make test: missing:$$missing (the tests run real servers and never skip; run 'make deps')" >&2; \
		exit 1; \
	fi

test: check-test-tools
	$(SWIFT) test $(SWIFT_FLAGS)

certs:
	certs/generate-certs.sh $(DEMO_CERTS)

deps:
	scripts/install-deps.sh

# Sequential on purpose (even under -j): packages before the build, certificates before the server.
demo:
	$(MAKE) --no-print-directory deps
	$(MAKE) --no-print-directory build
	$(MAKE) --no-print-directory certs
	scripts/demo.sh "$$($(SWIFT) build $(SWIFT_FLAGS) -c debug --show-bin-path)/redis-console" $(DEMO_CERTS)

clean:
	rm -rf $(SCRATCH) .demo
