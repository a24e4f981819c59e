# All set-up for a fresh machine happens here: `make demo`, `make test`, `make bench`.
SHELL := /bin/bash
SWIFT ?= swift

.PHONY: deps test lint format demo demo-service bench faults build protos clean resume-matrix

# Install the system packages a fresh machine lacks (only when missing).
deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build

# Everything is built first (the tests run the baton-segment executable as a child process too).
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Formatting (.swift-format, `swift format` from the toolchain); CI runs `make lint` before the tests.
lint:
	@bash scripts/lint.sh

format:
	@bash scripts/lint.sh --fix

demo: deps
	@bash scripts/demo.sh

demo-service: deps
	@bash scripts/demo-service.sh

bench: deps
	@bash scripts/bench.sh

# The fault matrix: faults, concurrent syncs and signals against the release binary; one table.
faults: deps
	@bash scripts/faults.sh

# SIGKILL at random points of a large-preset sync, each resumed and compared with the snapshot
# (RESUME_KILL_POINTS=0.2,0.6 to choose; the default is eight random fractions).
resume-matrix: deps
	$(SWIFT) build --build-tests
	RESUME_KILL_POINTS="$${RESUME_KILL_POINTS:-$$(awk 'BEGIN{srand(); for(i=0;i<8;i++) printf "%s%.3f", (i?",":""), 0.05+rand()*0.9}')}" \
		$(SWIFT) test --skip-build --filter ResumeAfterKillTests

protos:
	@bash scripts/generate-protos.sh

clean:
	rm -rf .build sync.c1z

# The container image, proved without a container engine (needs root: chroot and namespaces);
# not part of `make test`. See scripts/check-image.sh and deploy/kubernetes/.
.PHONY: image-check lint-deploy
image-check: deps
	@bash scripts/check-image.sh

# hadolint on the Dockerfile, yamllint and kubernetes-validate on deploy/.
lint-deploy:
	@bash scripts/lint-deploy.sh
