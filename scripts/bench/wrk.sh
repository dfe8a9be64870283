# Sourced by scripts/bench-*: installs wrk (Debian package) when it is missing.
# The sourcing script defines say and die.

ensure_wrk() {
  command -v wrk >/dev/null && return
  say "installing wrk (Debian package)"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get install -y wrk >/dev/null 2>&1 || { $sudo apt-get update -qq && $sudo apt-get install -y wrk >/dev/null; }
  command -v wrk >/dev/null || die "wrk is missing and could not be installed"
}
