# shellcheck shell=bash
# `quiet_build WHAT swift-build-arguments...`: runs `swift build` with its output in a log file and
# shows one progress line instead ("building WHAT: step 412/1843"); on failure prints the whole log.
# Sourced by the demo and bench scripts, so a newcomer sees progress, not pages of warnings about
# files inside dependencies.
quiet_build() {
  local what="$1"; shift
  local log status=0
  log=$(mktemp)
  swift build "$@" >"$log" 2>&1 &
  local pid=$!
  local shown=""
  while kill -0 "$pid" 2>/dev/null; do
    local step
    step=$(grep -o '^\[[0-9]*/[0-9]*\]' "$log" 2>/dev/null | tail -n 1 | tr -d '[]' || true)
    local line="building $what${step:+: step $step}"
    if [ -t 2 ]; then
      printf '\r%-60s' "$line" >&2
    elif [ "$line" != "$shown" ] && [ -z "$shown" ]; then
      echo "$line ..." >&2   # not a terminal: one line, no carriage returns in a log
    fi
    shown="$line"
    sleep 1
  done
  wait "$pid" || status=$?
  [ -t 2 ] && printf '\r%-60s\r' "" >&2
  if [ "$status" -ne 0 ]; then
    cat "$log" >&2
    echo "building $what failed (exit $status); the build output is above" >&2
    rm -f "$log"
    return "$status"
  fi
  rm -f "$log"
}
