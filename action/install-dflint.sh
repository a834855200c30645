#!/usr/bin/env bash
# The GitHub Action's first step (action.yml): put a released dflint binary
# on PATH, checked by its sha256, rather than build it (no Go toolchain set
# up, the job's own Go untouched).
#
# Which release: INPUT_VERSION; else the action's own ref (ACTION_REF) when
# it is a release tag (uses: dflint/dflint@v0.2.0); else the newest release
# pinned in checksums/dflint.txt (uses: dflint/dflint@<commit>).
#
# What is checked: the archive's sha256 against its line in the release's
# dflint_<version>_checksums.txt, and that file's own sha256 against the
# line recorded for the version in checksums/dflint.txt, in the action's
# commit. A version with no line there (a release newer than the action's
# commit, such as the one tagged on that very commit) has only the first
# check: it proves the download is intact and is what the release lists, not
# who made the release; docs/integrations.md says so, and the log warns.
#
# DFLINT_RELEASE_URL, the base the assets are fetched from, exists for the
# tests (a fake server on 127.0.0.1); a workflow has no reason to set it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=verify.sh
. "$here/verify.sh"
pins="$here/checksums/dflint.txt"
base="${DFLINT_RELEASE_URL:-https://github.com/dflint/dflint/releases/download}"

# A version is X.Y.Z with an optional pre-release (0.2.0-rc.1, or a
# snapshot build's 0.1.0-SNAPSHOT-1a2b3c4); the tag has a
# leading v, the asset names do not.
version_re='^v?([0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?)$'
version="${INPUT_VERSION:-}"
if [[ -z "$version" && "${ACTION_REF:-}" =~ $version_re ]]; then
  version="$ACTION_REF"
fi
if [[ -z "$version" ]]; then
  version="$(awk '!/^#/ && NF == 2 { v = $2 } END { print v }' "$pins" | sed -n 's/^\*\{0,1\}dflint_\(.*\)_checksums\.txt$/\1/p')"
  if [[ -z "$version" ]]; then
    echo "dflint: the action's ref (${ACTION_REF:-none}) is not a release tag and no release is pinned in action/checksums/dflint.txt: set the version input (e.g. version: 0.2.0)" >&2
    exit 2
  fi
fi
if [[ ! "$version" =~ $version_re ]]; then
  echo "dflint: version \"$version\" is not a release version such as 0.2.0 or v0.2.0" >&2
  exit 2
fi
version="${BASH_REMATCH[1]}"

# The runner's platform in the release's names (GitHub sets RUNNER_OS and
# RUNNER_ARCH; uname answers elsewhere).
os="${RUNNER_OS:-$(uname -s)}"
arch="${RUNNER_ARCH:-$(uname -m)}"
case "$os" in
  Linux | linux) os=linux ;;
  macOS | Darwin) os=darwin ;;
  Windows | MINGW* | MSYS*) os=windows ;;
  *) echo "dflint: no dflint release is built for the runner's system $os" >&2; exit 2 ;;
esac
case "$arch" in
  X64 | x86_64 | amd64) arch=amd64 ;;
  ARM64 | aarch64 | arm64) arch=arm64 ;;
  *) echo "dflint: no dflint release is built for the runner's architecture $arch" >&2; exit 2 ;;
esac
ext=tar.gz exe=dflint
if [[ "$os" == windows ]]; then
  ext=zip exe=dflint.exe
fi

sums_name="dflint_${version}_checksums.txt"
archive_name="dflint_${version}_${os}_${arch}.${ext}"
work="${RUNNER_TEMP:-$(mktemp -d)}/dflint-install"
rm -rf "$work"
mkdir -p "$work/unpacked"

download "$base/v$version/$sums_name" "$work/$sums_name"
pinned="$(sum_for "$pins" "$sums_name")"
if [[ -n "$pinned" ]]; then
  check_sum "$work/$sums_name" "$pinned" "$sums_name"
  echo "dflint: $sums_name matches the sha256 pinned in the action's commit"
else
  echo "::warning title=dflint::dflint $version is not pinned in this commit of the action (action/checksums/dflint.txt), so its archive is checked only against the checksums file of the same release: this proves the download is intact, not who published it. Pin the action by the commit that records $version for the full check."
fi
want="$(sum_for "$work/$sums_name" "$archive_name")"
if [[ -z "$want" ]]; then
  echo "dflint: $sums_name lists no $archive_name: this release has no build for $os/$arch" >&2
  exit 2
fi
download "$base/v$version/$archive_name" "$work/$archive_name"
check_sum "$work/$archive_name" "$want" "$archive_name"

# Unpacked only once checked.
if [[ "$ext" == zip ]]; then
  unzip -q "$work/$archive_name" -d "$work/unpacked"
else
  tar -xzf "$work/$archive_name" -C "$work/unpacked"
fi
bin="$(find "$work/unpacked" -maxdepth 2 -type f -name "$exe" | head -n 1)"
if [[ -z "$bin" ]]; then
  echo "dflint: $archive_name holds no $exe" >&2
  exit 2
fi
dest="${RUNNER_TEMP:-$work}/dflint-bin"
mkdir -p "$dest"
mv "$bin" "$dest/$exe"
chmod 755 "$dest/$exe"
echo "dflint: installed dflint $version ($os/$arch, sha256 $want)"
"$dest/$exe" version
if [[ -n "${GITHUB_PATH:-}" ]]; then
  echo "$dest" >>"$GITHUB_PATH"
fi
