// Package rewrite transforms Dockerfiles: the rewrites behind dflint's
// fixes, and the loop that applies the fixes rules attach to their findings.
//
// The rewrites are functions over the parsed file and the image facts that
// return edits, or the reason there are none: SwapBase moves the final image
// to another base (converting apt commands to apk, apkconvert.go); Split
// turns a single toolchain stage into a build stage and a runtime stage,
// with one Planner per language (split_*.go); NonrootUser makes the final
// stage run as an unprivileged user; DependencyFirst copies the dependency
// manifests and installs them before the whole build context; lines.go has
// the edits that add, move and remove whole instructions. Rules decide when
// a rewrite applies and build their Fix by calling it.
//
// Fix (fixloop.go) applies the fixes of a file's findings in rounds until
// nothing changes; UnifiedDiff renders the result as a patch `git apply`
// accepts, and WriteFile replaces a file atomically. The loop reads findings
// through the Finding interface and re-lints through a Linter, so rewrite
// does not import the rules whose fixes it applies.
package rewrite
