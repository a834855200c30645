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
# Dockerfiles, else (a push, a schedule) the whole repository. The pull
# request names its files, and a file name may hold any byte but NUL and
# "/": the list goes from the API to dflint NUL-separated (a newline in a
# name must not split it into two paths), filtered inside jq.
paths=()
if [[ -n "${INPUT_PATHS:-}" ]]; then
  read -r -a paths <<<"$(tr '\n' ' ' <<<"$INPUT_PATHS")"
elif [[ -n "${PR_NUMBER:-}" ]]; then
  gh api --paginate "repos/${GITHUB_REPOSITORY}/pulls/${PR_NUMBER}/files" >"$tmp/changed.json"
  jq -j --arg keep "$DOCKERFILE_RE" --arg drop "$DOCKERIGNORE_RE" '
    .[] | select(.status != "removed") | .filename
    | select(test($keep; "i") and (test($drop; "i") | not)) | . + "\u0000"' \
    "$tmp/changed.json" >"$tmp/changed"
  mapfile -d '' -t paths <"$tmp/changed"
  if [[ ${#paths[@]} -eq 0 ]]; then
    echo "dflint: no Dockerfile is added or changed in this pull request; nothing to lint."
    exit 0
  fi
else
  paths=(.)
fi

# From here on the log gets text from the pull request (file names, lines
# of its Dockerfiles). dflint escapes control characters, but GitHub's
# runner also obeys "##[command]" anywhere in a line: stop it reading
# workflow commands until a token no file can know, and resume on exit,
# before reviewdog (whose annotation reporters are workflow commands).
token="dflint-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
echo "::stop-commands::$token"
trap 'echo "::$token::"' EXIT

# Each name quoted as bash would (printf %q), so that it shows on one line.
printf -v listed '%q ' "${paths[@]}"
echo "dflint: linting ${listed% }"

# Symbolic links are followed only inside the repository: a pull request
# can add a link named Dockerfile to any file of the runner (a workflow's
# args can make this stricter with --follow-symlinks=none).
flags=(--follow-symlinks=inside)
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
# Since i20-suggest, rdjson suggests unsafe fixes only with --unsafe-fixes.
rdjson_flags=()
[[ "${INPUT_UNSAFE_FIXES:-false}" == "true" ]] && rdjson_flags+=(--unsafe-fixes)
dflint lint --format rdjson "${rdjson_flags[@]}" "${flags[@]}" -- "${paths[@]}" >"$tmp/dflint.rdjson" || status=$?
if [[ ! -s "$tmp/dflint.rdjson" ]]; then
  # dflint wrote no report: the command line is wrong (its message is above).
  exit "$status"
fi
if [[ "${INPUT_UNSAFE_FIXES:-false}" != "true" ]]; then
  dflint lint --format json "${flags[@]}" -- "${paths[@]}" >"$tmp/dflint.json" || true
  # Findings are matched by [file, line, column, rule] as JSON, which no
  # file name can forge (a text key would split at a newline or ":").
  jq --slurpfile lint "$tmp/dflint.json" '
    ([$lint[0].findings[] | select(.fix != null and .fix.applicability != "safe")
      | {key: ([.file, .line, .column, .rule] | tojson), value: true}] | from_entries) as $skip
    | .diagnostics |= map(
        if $skip[[.location.path, .location.range.start.line, .location.range.start.column, .code.value] | tojson]
        then del(.suggestions) | .message |= sub(" \\(suggested change: .*\\)$"; " (a fix that can change the image exists: run dflint fix --unsafe-fixes)")
        else . end)' "$tmp/dflint.rdjson" >"$tmp/filtered.rdjson"
  mv "$tmp/filtered.rdjson" "$tmp/dflint.rdjson"
fi

# The same findings in text, for the job's log: a review shows only those
# on changed lines.
dflint lint --color=always "${flags[@]}" -- "${paths[@]}" || true

# reviewdog posts; whether the job fails is dflint's call, below.
echo "::$token::"
trap - EXIT
reviewdog -f=rdjson -name=dflint \
  -reporter="${INPUT_REPORTER:-github-pr-review}" \
  -filter-mode="${INPUT_FILTER_MODE:-added}" <"$tmp/dflint.rdjson"
exit "$status"
