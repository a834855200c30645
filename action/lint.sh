#!/usr/bin/env bash
# The GitHub Action's step (action.yml): lint the pull request's Dockerfiles
# with dflint and hand the findings, with their fixes as suggested changes,
# to reviewdog. Inputs arrive in INPUT_* variables (never spliced into the
# script, so a crafted input cannot run code). The job fails when dflint
# would exit non-zero on the same files: findings at or above the fail
# level, files that do not parse, a config with errors.
set -euo pipefail

# The names `dflint lint DIR` picks, as in .pre-commit-hooks.yaml (a test
# keeps the two equal).
DOCKERFILE_RE='(^|/)((dockerfile|containerfile)(\.[^/]*)?|[^/.][^/]*\.(dockerfile|containerfile))$'
DOCKERIGNORE_RE='\.dockerignore$'

tmp="${RUNNER_TEMP:-$(mktemp -d)}/dflint-action"
mkdir -p "$tmp"

# What to lint: the paths input, else the pull request's added and changed
# Dockerfiles, else (a push, a schedule) the whole repository.
paths=()
if [[ -n "${INPUT_PATHS:-}" ]]; then
  read -r -a paths <<<"$(tr '\n' ' ' <<<"$INPUT_PATHS")"
elif [[ -n "${PR_NUMBER:-}" ]]; then
  gh api --paginate "repos/${GITHUB_REPOSITORY}/pulls/${PR_NUMBER}/files" \
    --jq '.[] | select(.status != "removed") | .filename' >"$tmp/changed"
  mapfile -t paths < <(grep -Ei -- "$DOCKERFILE_RE" "$tmp/changed" | grep -Eiv -- "$DOCKERIGNORE_RE" || true)
  if [[ ${#paths[@]} -eq 0 ]]; then
    echo "dflint: no Dockerfile is added or changed in this pull request; nothing to lint."
    exit 0
  fi
else
  paths=(.)
fi
echo "dflint: linting ${paths[*]}"

flags=()
[[ -n "${INPUT_FAIL_LEVEL:-}" ]] && flags+=(--fail-level "$INPUT_FAIL_LEVEL")
[[ -n "${INPUT_BASE_FAMILY:-}" ]] && flags+=(--base-family "$INPUT_BASE_FAMILY")
if [[ -n "${INPUT_ARGS:-}" ]]; then
  read -r -a extra <<<"$INPUT_ARGS"
  flags+=("${extra[@]}")
fi

# The findings in reviewdog's format. Its suggestions carry every fix, safe
# or not (a reviewer applies each by hand); unless unsafe-fixes is true,
# those of fixes that can change the image are taken out, found through
# dflint's own JSON, which says each fix's applicability.
status=0
dflint lint --format rdjson "${flags[@]}" -- "${paths[@]}" >"$tmp/dflint.rdjson" || status=$?
if [[ ! -s "$tmp/dflint.rdjson" ]]; then
  # dflint wrote no report: the command line is wrong (its message is above).
  exit "$status"
fi
if [[ "${INPUT_UNSAFE_FIXES:-false}" != "true" ]]; then
  dflint lint --format json "${flags[@]}" -- "${paths[@]}" >"$tmp/dflint.json" || true
  jq -r '.findings[] | select(.fix != null and .fix.applicability != "safe")
         | "\(.file):\(.line):\(.column):\(.rule)"' "$tmp/dflint.json" >"$tmp/unsafe"
  jq --rawfile unsafe "$tmp/unsafe" '
    ($unsafe | split("\n") | map(select(. != "") | {key: ., value: true}) | from_entries) as $skip
    | .diagnostics |= map(
        if $skip["\(.location.path):\(.location.range.start.line):\(.location.range.start.column):\(.code.value)"]
        then del(.suggestions) | .message |= sub(" \\(suggested change: .*\\)$"; " (a fix that can change the image exists: run dflint fix --unsafe-fixes)")
        else . end)' "$tmp/dflint.rdjson" >"$tmp/filtered.rdjson"
  mv "$tmp/filtered.rdjson" "$tmp/dflint.rdjson"
fi

# The same findings in text, for the job's log: a review shows only those
# on changed lines.
dflint lint --color=always "${flags[@]}" -- "${paths[@]}" || true

# reviewdog posts; whether the job fails is dflint's call, below.
reviewdog -f=rdjson -name=dflint \
  -reporter="${INPUT_REPORTER:-github-pr-review}" \
  -filter-mode="${INPUT_FILTER_MODE:-added}" <"$tmp/dflint.rdjson"
exit "$status"
