#!/usr/bin/env bash
# The GitHub Action's second step (action.yml): put reviewdog
# REVIEWDOG_VERSION (a release tag) on PATH, through a channel that checks
# what it fetched against a checksum recorded beforehand:
# - a release archive whose sha256 is pinned in checksums/reviewdog.txt
#   (reviewdog's own published sum, with its source), when there is one for
#   this version and runner;
# - else go install at that tag, which Go's checksum database
#   (sum.golang.org) checks: the step's env resets the GO* settings that
#   could skip that check. This needs a Go on PATH (GitHub's hosted runners
#   have one); the job's Go version is not changed.
# Never "latest" or a branch: this job can write to the pull request.
#
# REVIEWDOG_RELEASE_URL, the base the archives are fetched from, exists for
# the tests (a fake server on 127.0.0.1).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=verify.sh
. "$here/verify.sh"
base="${REVIEWDOG_RELEASE_URL:-https://github.com/reviewdog/reviewdog/releases/download}"

if [[ ! "${REVIEWDOG_VERSION:-}" =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "dflint: reviewdog-version must be a release tag such as v0.21.0 (not latest or a branch): the version is what pins the code" >&2
  exit 2
fi
dest="${RUNNER_TEMP:-$(mktemp -d)}/dflint-bin"
mkdir -p "$dest"

# reviewdog's archive names (its GoReleaser config): Linux or Darwin, x86_64
# or arm64.
os="${RUNNER_OS:-$(uname -s)}"
arch="${RUNNER_ARCH:-$(uname -m)}"
case "$os" in
  Linux | linux) os=Linux ;;
  macOS | Darwin) os=Darwin ;;
esac
case "$arch" in
  X64 | x86_64 | amd64) arch=x86_64 ;;
  ARM64 | aarch64 | arm64) arch=arm64 ;;
esac
archive="reviewdog_${REVIEWDOG_VERSION#v}_${os}_${arch}.tar.gz"
want="$(sum_for "$here/checksums/reviewdog.txt" "$archive")"

if [[ -n "$want" ]]; then
  work="$(mktemp -d)"
  download "$base/$REVIEWDOG_VERSION/$archive" "$work/$archive"
  check_sum "$work/$archive" "$want" "$archive"
  tar -xzf "$work/$archive" -C "$work" reviewdog
  mv "$work/reviewdog" "$dest/reviewdog"
  rm -rf "$work"
  echo "reviewdog: installed $archive (sha256 $want, pinned in action/checksums/reviewdog.txt)"
elif command -v go >/dev/null; then
  echo "reviewdog: no sha256 is pinned for $archive; building $REVIEWDOG_VERSION with go install, checked by sum.golang.org"
  GOBIN="$dest" go install "github.com/reviewdog/reviewdog/cmd/reviewdog@$REVIEWDOG_VERSION"
else
  echo "dflint: no sha256 is pinned for $archive (action/checksums/reviewdog.txt) and there is no go on PATH to build reviewdog $REVIEWDOG_VERSION with a checked source: use a runner with Go, or a reviewdog-version pinned there" >&2
  exit 2
fi
"$dest/reviewdog" -version
if [[ -n "${GITHUB_PATH:-}" ]]; then
  echo "$dest" >>"$GITHUB_PATH"
fi
