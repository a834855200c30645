# shellcheck shell=bash
# Helpers the action's install scripts share (sourced, not run): download a
# file and check it against a sha256 recorded beforehand. Nothing here runs
# what it downloads.

# download URL OUT: the file at URL into OUT, or exit 2 with what failed.
# curl (on every GitHub-hosted runner) follows GitHub's redirects to its
# storage, retries transient errors and fails on an HTTP error status.
download() {
  if ! curl --fail --silent --show-error --location --retry 3 --output "$2" -- "$1"; then
    echo "dflint: could not download $1 (above: curl's reason)" >&2
    exit 2
  fi
}

# sha256_of FILE: its sha256 in hex (sha256sum on Linux and in Git Bash,
# shasum on macOS).
sha256_of() {
  local sum
  if command -v sha256sum >/dev/null; then
    sum="$(sha256sum -- "$1")"
  else
    sum="$(shasum -a 256 -- "$1")"
  fi
  echo "${sum%% *}"
}

# sum_for LIST NAME: the sha256 a sha256sum-format LIST gives for NAME
# (sha256sum's binary-mode "*NAME" too), empty when NAME has no line, exit 2
# when it has several that disagree.
sum_for() {
  local sums
  sums="$(awk -v name="$2" '!/^#/ && NF == 2 && ($2 == name || $2 == "*" name) { print tolower($1) }' "$1" | sort -u)"
  if [[ "$sums" == *$'\n'* ]]; then
    echo "dflint: $1 gives $2 more than one sha256" >&2
    exit 2
  fi
  echo "$sums"
}

# check_sum FILE WANT WHAT: exit 2 unless FILE's sha256 is WANT, saying
# which file failed and what that means.
check_sum() {
  local got
  got="$(sha256_of "$1")"
  if [[ "$got" != "$2" ]]; then
    echo "dflint: $3 has sha256 $got, but $2 was expected: it is not the file that was checked when the sum was recorded, so it is not run. A retry fetches it again; if it fails again, report it." >&2
    exit 2
  fi
}
