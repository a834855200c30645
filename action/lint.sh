#!/usr/bin/env bash
# The GitHub Action's step (action.yml): lint the pull request's Dockerfiles
# with dflint and hand the findings, with their fixes as suggested changes,
# to reviewdog. Inputs arrive in INPUT_* variables (never spliced into the
# script, so a crafted input cannot run code). The job's verdict counts only
# what the review shows: findings at or above the fail level that are also
# at or above the level input and, with filter-mode added or diff_context on
# a pull request, on the lines it changes; a file that does not parse or a
# config with errors fails it too.
set -euo pipefail

# The names `dflint lint DIR` picks, as in .pre-commit-hooks.yaml (a test
# keeps the two equal).
DOCKERFILE_RE='(^|/)((dockerfile|containerfile)(\.[^/]*)?|[^/.][^/]*\.(dockerfile|containerfile))$'
DOCKERIGNORE_RE='(\.dockerignore|(^|/)(dockerfile|containerfile)(\.[^/]*)?\.((ba)?sh|adoc|asciidoc|bak|diff|ejs|erb|gotmpl|hbs|html|in|j2|jinja|jinja2|json|lock|log|markdown|md|mustache|old|orig|patch|pdf|ps1|py|rej|rst|swo|swp|template|tmp|tmpl|toml|tpl|txt|xml|yaml|yml))$'

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
# The level input as a rank, the order of dflint's severities.
case "${INPUT_LEVEL:-}" in
  "" | style) level=0 ;;
  info) level=1 ;;
  warning) level=2 ;;
  error) level=3 ;;
  *)
    echo "dflint: level \"$INPUT_LEVEL\" is not a severity: use error, warning, info or style" >&2
    exit 2
    ;;
esac
[[ -n "${INPUT_BASE_FAMILY:-}" ]] && flags+=(--base-family "$INPUT_BASE_FAMILY")
if [[ -n "${INPUT_ARGS:-}" ]]; then
  read -r -a extra <<<"$INPUT_ARGS"
  flags+=("${extra[@]}")
fi

# With filter-mode added or diff_context on a pull request, what counts is
# the lines it changes: dflint reads its diff (--new-from-patch), as
# reviewdog does, reports only the findings on those lines and keeps each
# suggestion to them. A diff GitHub will not give (over its size limit)
# leaves every finding in the files.
scope=()
if [[ -n "${PR_NUMBER:-}" && "${INPUT_FILTER_MODE:-added}" =~ ^(added|diff_context)$ ]]; then
  if gh api -H 'Accept: application/vnd.github.diff' "repos/${GITHUB_REPOSITORY}/pulls/${PR_NUMBER}" >"$tmp/pr.diff"; then
    scope=(--new-from-patch "$tmp/pr.diff")
  else
    echo "dflint: GitHub gave no diff of this pull request (above: why); every finding in its files counts"
  fi
fi

# The findings in reviewdog's format. Its suggestions carry every fix, safe
# or not (a reviewer applies each by hand). dflint's own JSON, which says
# each finding's severity and each fix's applicability, decides what is
# taken out: findings below the level input, and unless unsafe-fixes is
# true, the suggestions of fixes that can change the image. dflint's exit
# code on these findings is the job's verdict: the review shows them.
# rdjson suggests the fixes that can change the image only with
# --unsafe-fixes.
rdjson_flags=()
[[ "${INPUT_UNSAFE_FIXES:-false}" == "true" ]] && rdjson_flags+=(--unsafe-fixes)
verdict=0
dflint lint --format rdjson "${rdjson_flags[@]}" "${flags[@]}" "${scope[@]}" -- "${paths[@]}" >"$tmp/dflint.rdjson" || verdict=$?
if [[ ! -s "$tmp/dflint.rdjson" ]]; then
  # dflint wrote no report: the command line is wrong (its message is above).
  exit "$verdict"
fi
dflint lint --format json "${flags[@]}" "${scope[@]}" -- "${paths[@]}" >"$tmp/dflint.json" 2>/dev/null || true
unsafe=false
[[ "${INPUT_UNSAFE_FIXES:-false}" == "true" ]] && unsafe=true
# Findings are matched by [file, line, column, rule] as JSON, which no file
# name can forge (a text key would split at a newline or ":"). A diagnostic
# with no finding (a file that does not parse) is kept.
jq --slurpfile lint "$tmp/dflint.json" --argjson level "$level" --argjson unsafe "$unsafe" '
  def rank: {"style": 0, "info": 1, "warning": 2, "error": 3}[.] // 3;
  ([$lint[0].findings[] | {key: ([.file, .line, .column, .rule] | tojson), value: .}] | from_entries) as $found
  | .diagnostics |= map(
      $found[[.location.path, .location.range.start.line, .location.range.start.column, .code.value] | tojson] as $f
      | select($f == null or ($f.severity | rank) >= $level)
      | if $f != null and ($unsafe | not) and $f.fix != null and $f.fix.applicability != "safe"
        then del(.suggestions) | .message |= sub(" \\(suggested change: .*\\)$"; " (a fix that can change the image exists: run dflint fix --unsafe-fixes)")
        else . end)' "$tmp/dflint.rdjson" >"$tmp/filtered.rdjson"
mv "$tmp/filtered.rdjson" "$tmp/dflint.rdjson"

# Every finding of the files in text, for the job's log: the review shows
# only those on changed lines.
dflint lint --color=always "${flags[@]}" -- "${paths[@]}" || true

# Findings below the level input are not posted, so they fail nothing. Each
# file may have its own fail-level (its .dflint.yaml), which the JSON does
# not say: a file whose own run fails and that has a finding at or above the
# level has one at or above both (its most severe one), which is exact.
if [[ "$verdict" -eq 1 && "$level" -gt 0 ]]; then
  verdict=0
  mapfile -d '' -t shown < <(jq -j --argjson level "$level" '
    def rank: {"style": 0, "info": 1, "warning": 2, "error": 3}[.] // 3;
    [.findings[] | select((.severity | rank) >= $level) | .file] | unique | .[] + "\u0000"' "$tmp/dflint.json")
  for f in "${shown[@]}"; do
    file_status=0
    dflint lint --format json "${flags[@]}" "${scope[@]}" -- "$f" >/dev/null 2>&1 || file_status=$?
    if [[ "$file_status" -ne 0 ]]; then
      verdict="$file_status"
      break
    fi
  done
fi

# A token that cannot write to the pull request (one from a fork, or
# Dependabot's, on pull_request events) makes reviewdog's review or check
# post fail with 403, and reviewdog 0.21.0's own fallback then prints no
# annotation: post annotations (workflow commands) from the start.
reporter="${INPUT_REPORTER:-github-pr-review}"
read_only=false
if [[ -n "${PR_NUMBER:-}" && "${GITHUB_EVENT_NAME:-}" != "pull_request_target" ]]; then
  if [[ -n "${PR_HEAD_REPO:-}" && "$PR_HEAD_REPO" != "${GITHUB_REPOSITORY:-}" ]] || [[ "${GITHUB_ACTOR:-}" == "dependabot[bot]" ]]; then
    read_only=true
  fi
fi
if [[ "$read_only" == true && "$reporter" =~ ^(github-pr-review|github-pr-check|github-check)$ ]]; then
  echo "dflint: this pull request's token cannot post a review (a fork's or Dependabot's): its findings are annotations instead (github-pr-annotations); dflint fix shows their fixes"
  reporter=github-pr-annotations
fi

# reviewdog posts; the verdict above decides whether the job fails.
echo "::$token::"
trap - EXIT
rd_status=0
reviewdog -f=rdjson -name=dflint -reporter="$reporter" \
  -filter-mode="${INPUT_FILTER_MODE:-added}" <"$tmp/dflint.rdjson" 2>"$tmp/reviewdog.err" || rd_status=$?
cat "$tmp/reviewdog.err" >&2
# A read-only token the event did not reveal (a 403 on the review post):
# reviewdog says so, and its fallback posts nothing (0.21.0 falls back to a
# list of comments it never fills): annotations again, from the start.
if [[ "$reporter" == github-pr-review ]] && grep -q "doesn't have write permission" "$tmp/reviewdog.err"; then
  echo "dflint: reviewdog could not post a review with this token: its findings are annotations instead (github-pr-annotations)"
  rd_status=0
  reviewdog -f=rdjson -name=dflint -reporter=github-pr-annotations \
    -filter-mode="${INPUT_FILTER_MODE:-added}" <"$tmp/dflint.rdjson" 2>"$tmp/reviewdog.err" || rd_status=$?
  cat "$tmp/reviewdog.err" >&2
fi
# GitHub shows at most 10 annotations of a kind per step; reviewdog posts
# them all and then fails on more than 9. The log above has every finding,
# so that is not the job's failure.
if [[ "$rd_status" -ne 0 ]] && grep -q "reported too many annotation" "$tmp/reviewdog.err" 2>/dev/null; then
  echo "dflint: GitHub shows 10 annotations of each kind per step; the log above has every finding"
  rd_status=0
fi
if [[ "$rd_status" -ne 0 ]]; then
  echo "dflint: reviewdog failed (above: why)" >&2
  exit 2
fi
exit "$verdict"
