package rewrite

// The base swap that DF104 (slim, alpine) and DF105 (distroless,
// Chainguard) share, once BasePolicy.For has chosen the family: the edits
// that move the final image onto another base without leaving a file that
// no longer builds: package commands converted
// for apk, `USER root` for the RUN steps of an image that runs as nonroot,
// `ENTRYPOINT []` where the new image would otherwise run CMD through its
// own entrypoint, and no fix at all where the new image cannot run the
// stage (RUN steps on an image without a shell).

import (
	"fmt"
	"path"
	"strings"
	"sync"

	"github.com/dflint/dflint/internal/edit"
	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// BaseSwap is the fix for moving the final image to another base.
type BaseSwap struct {
	// Target is the image the FROM names afterwards (for messages).
	Target string
	Edits  []edit.Edit
	// Notes are added to the fix title.
	Notes []string
	// Blocked, when not "", is why there is no fix.
	Blocked string
}

// SwapTarget describes the new base.
type SwapTarget struct {
	// Image is the full reference; Tag, when not "", is the new tag of the
	// same repository (only the tag's bytes are replaced).
	Image, Tag string
	Info       images.Info
	// Entrypoint is true when the image runs CMD through an entrypoint
	// of its own.
	Entrypoint bool
	// named lists user names the image has besides root ("nonroot").
	named []string
}

// SwapBase plans the move of the final stage's image to t.
func SwapBase(f *parser.File, final *parser.Stage, t SwapTarget) BaseSwap {
	plan := BaseSwap{Target: t.Image}
	root := final.RootImage()
	chain := map[*parser.Stage]bool{}
	for _, s := range final.Chain() {
		chain[s] = true
	}
	for _, s := range f.Stages {
		if !chain[s] && s.RootImage() == root {
			plan.Blocked = fmt.Sprintf("stage `%s` also starts from it, and may need it as it is", stageLabel(s))
			return plan
		}
	}
	// The FROM's image word.
	if t.Tag != "" {
		start, end, hasTag, ok := shellcmd.FromTagRange(root.From)
		if !ok {
			plan.Blocked = "the image reference has variables, quotes or a digest"
			return plan
		}
		text := t.Tag
		if !hasTag {
			text = ":" + t.Tag
		}
		plan.Edits = append(plan.Edits, edit.Edit{Start: start, End: end, NewText: text})
	} else {
		w, ok := shellcmd.FromImageWord(root.From)
		if !ok || w.End-w.Start != len(w.Text) || strings.ContainsAny(w.Text, "$\"'`\\") {
			plan.Blocked = "the image reference has variables or quotes"
			return plan
		}
		plan.Edits = append(plan.Edits, edit.Edit{Start: w.Start, End: w.End, NewText: t.Image})
	}

	var insts, runs []*parser.Instruction
	for in := range final.ChainInstructions() {
		if in.Name == "from" {
			continue
		}
		insts = append(insts, in)
		if in.Name == "run" {
			runs = append(runs, in)
		}
	}
	hasShell := t.Info.PackageManager != "none" && t.Info.OS != images.Distroless
	if !hasShell {
		for _, in := range insts {
			switch {
			case in.Name == "run":
				plan.Blocked = fmt.Sprintf("the RUN on line %d needs a shell, and `%s` has none", in.StartLine, t.Image)
			case in.Name == "shell":
				plan.Blocked = fmt.Sprintf("the SHELL on line %d names a shell `%s` does not have", in.StartLine, t.Image)
			case (in.Name == "cmd" || in.Name == "entrypoint") && !in.IsJSONForm():
				plan.Blocked = fmt.Sprintf("the %s on line %d is in shell form, which needs /bin/sh (DF501 turns it into JSON form)", in.Keyword, in.StartLine)
			case in.Name == "healthcheck" && healthcheckShellForm(in):
				plan.Blocked = fmt.Sprintf("the HEALTHCHECK on line %d runs a shell command", in.StartLine)
			}
			if plan.Blocked != "" {
				return plan
			}
		}
	}
	if why := missingUser(insts, runs, t); why != "" {
		plan.Blocked = why
		return plan
	}

	// Packages, for an apk-based image.
	needsBash := false
	src := images.Lookup(MustImage(root))
	if hasShell && t.Info.PackageManager == "apk" && len(runs) > 0 {
		from := src.PackageManager
		if from == "yum" || from == "dnf" || from == "microdnf" || from == "tdnf" {
			from = "rpm"
		}
		cv := convertToApk(runs, from, t.Info.OS)
		if cv.blocked != "" {
			plan.Blocked = cv.blocked
			return plan
		}
		plan.Edits = append(plan.Edits, cv.edits...)
		if cv.converted > 0 {
			plan.Notes = append(plan.Notes, "package installs converted to `apk add --no-cache`")
		}
		plan.Notes = append(plan.Notes, cv.notes...)
		needsBash = cv.needsBash
		if from != "apk" {
			plan.Edits = append(plan.Edits, aptEnvDeletions(insts)...)
		}
	}

	// Shells the steps name (SHELL, an exec-form CMD or ENTRYPOINT that
	// starts one) must exist on the new image: bash is installed where the
	// image has apk and runs as root, else there is no fix.
	for _, in := range insts {
		sh := namedShell(in)
		if sh == "" {
			continue
		}
		if has, known := t.Info.HasShellNamed(sh); !known || has {
			continue
		}
		if path.Base(sh) == "bash" && t.Info.PackageManager == "apk" && t.Info.RunsAsRoot() {
			needsBash = true
			continue
		}
		plan.Blocked = fmt.Sprintf("the %s on line %d runs %s, which `%s` does not have", in.Keyword, in.StartLine, sh, t.Image)
		return plan
	}

	// Lines inserted after the FROM: USER root for RUN steps on a nonroot
	// image, bash where the steps use it.
	var inserted []string
	kw := func(k string) string { return shellcmd.KeywordInCase(root.From.Keyword, k) }
	if hasShell && len(runs) > 0 && !t.Info.RunsAsRoot() && !userBefore(insts, runs[0]) {
		inserted = append(inserted, kw("USER")+" root")
		plan.Notes = append(plan.Notes, "`USER root` for the RUN steps (the image runs as "+t.Info.User+")")
	}
	if needsBash && src.PackageManager != "apk" {
		inserted = append(inserted, kw("RUN")+" apk add --no-cache bash")
		plan.Notes = append(plan.Notes, "bash installed (the RUN steps use it)")
	}
	if len(inserted) > 0 {
		if root.From.EndLine >= f.LineCount() {
			plan.Blocked = "nothing follows the FROM"
			return plan
		}
		at := f.LineStart(root.From.EndLine + 1)
		nl := f.NewlineStyle()
		plan.Edits = append(plan.Edits, edit.Edit{Start: at, End: at, NewText: strings.Join(inserted, nl) + nl})
	}

	// ENTRYPOINT [] where the new image would run CMD through its own
	// (`python gunicorn …`), unless the CMD is written for that.
	// Every stage of the chain may be a build target of its own (compose
	// files name a `builder` stage), so ENTRYPOINT [] goes before the
	// earliest stage CMD from which on every stage's CMD needs it; the
	// later stages inherit it.
	if t.Entrypoint {
		var cmds []*parser.Instruction // the last CMD of each stage that has one
		hasEntrypoint := false
		for _, st := range final.Chain() {
			var last *parser.Instruction
			for _, in := range st.Instructions {
				switch in.Name {
				case "cmd":
					last = in
				case "entrypoint":
					hasEntrypoint = true
				}
			}
			if last != nil {
				cmds = append(cmds, last)
			}
		}
		var cmd *parser.Instruction
		for i := len(cmds) - 1; i >= 0 && !cmdForEntrypoint(cmds[i]); i-- {
			cmd = cmds[i]
		}
		if cmd != nil && !hasEntrypoint {
			at := f.LineStart(cmd.StartLine)
			if cmd.StartLine == 1 && f.HasBOM {
				at += 3
			}
			plan.Edits = append(plan.Edits, edit.Edit{Start: at, End: at, NewText: shellcmd.KeywordInCase(cmd.Keyword, "ENTRYPOINT") + " []" + f.NewlineStyle()})
			plan.Notes = append(plan.Notes, "`ENTRYPOINT []` so that CMD runs as written")
		}
	}
	edit.Sort(plan.Edits)
	for i := 1; i < len(plan.Edits); i++ {
		if plan.Edits[i-1].End > plan.Edits[i].Start {
			// Two rewrites meet in a way dflint does not resolve: no fix
			// rather than a broken one.
			line, _ := f.Position(plan.Edits[i].Start)
			plan.Blocked = fmt.Sprintf("the commands near line %d are too intertwined to rewrite in place", line)
			return plan
		}
	}
	// Both checks read the stage as the edits leave it: parsed once, and
	// only when one of them needs it.
	swapped := sync.OnceValues(func() (*parser.Stage, error) { return swappedStage(f, final, plan.Edits) })
	if why := foreignPackageManager(swapped, t); why != "" {
		plan.Blocked = why
		return plan
	}
	if why := muslBlocked(f, final, plan.Edits, swapped, src, t); why != "" {
		plan.Blocked = why
	}
	return plan
}

// foreignPackageManager checks the swapped stage as it will be: a RUN that
// still calls a package manager the new image does not have (one the
// conversion does not handle, such as tdnf or zypper) would fail there.
func foreignPackageManager(swapped func() (*parser.Stage, error), t SwapTarget) string {
	if t.Info.PackageManager == "" {
		return ""
	}
	want, _ := shellcmd.PackageManagerGroup(t.Info.PackageManager) // "" for none: every one is foreign
	st, err := swapped()
	if err != nil {
		return "the rewrite's edits overlap"
	}
	if st == nil {
		return "" // the fix loop rolls a broken rewrite back and says so
	}
	for in := range st.ChainInstructions() {
		if in.Name != "run" {
			continue
		}
		for _, c := range in.Calls() {
			if pm, ok := shellcmd.PackageManagerGroup(c.Name()); ok && pm != want {
				return fmt.Sprintf("the RUN on line %d runs %s, which `%s` does not have, and dflint does not convert it", in.StartLine, c.Name(), t.Image)
			}
		}
	}
	return ""
}

// swappedStage is the final stage as the swap's edits leave the file: nil
// when the result does not parse (the fix loop rolls a broken rewrite back
// and says so), an error when the edits overlap.
func swappedStage(f *parser.File, final *parser.Stage, edits []edit.Edit) (*parser.Stage, error) {
	out, err := Apply(f.Source, edits)
	if err != nil {
		return nil, err
	}
	nf := parser.Parse(f.Path, out)
	if nf.Err != nil || final.Index >= len(nf.Stages) {
		return nil, nil
	}
	return nf.Stages[final.Index], nil
}

// cmdForEntrypoint tells whether a CMD is written for an interpreter's
// ENTRYPOINT: its first word is a script or an option (`["server.js"]`,
// `["app.jar"]`, `["--inspect", "a.js"]`, which the official node image's
// entrypoint also runs with node), not a program. Such a CMD keeps working
// on an image whose ENTRYPOINT is the interpreter.
func cmdForEntrypoint(cmd *parser.Instruction) bool {
	args := cmd.Args()
	if !cmd.IsJSONForm() || len(args) == 0 {
		return false
	}
	first := args[0]
	if strings.HasPrefix(first, "-") {
		return true
	}
	for _, ext := range []string{".js", ".mjs", ".cjs", ".py", ".pyc", ".jar", ".rb"} {
		if strings.HasSuffix(first, ext) {
			return true
		}
	}
	return false
}

// MustImage returns the stage's image reference (the callers have checked
// that it has one).
func MustImage(s *parser.Stage) parser.ImageRef {
	ref, _ := s.Image()
	return ref
}

func stageLabel(s *parser.Stage) string {
	if s.Name != "" {
		return s.Name
	}
	return fmt.Sprint(s.Index)
}

// userBefore tells whether a USER instruction comes before in.
func userBefore(insts []*parser.Instruction, in *parser.Instruction) bool {
	for _, x := range insts {
		if x == in {
			return false
		}
		if x.Name == "user" {
			return true
		}
	}
	return false
}

// healthcheckShellForm tells whether a HEALTHCHECK runs its command
// through a shell (`HEALTHCHECK CMD curl …`).
func healthcheckShellForm(in *parser.Instruction) bool {
	hc, ok := in.Command.(*instructions.HealthCheckCommand)
	return ok && hc.Health != nil && len(hc.Health.Test) > 0 && hc.Health.Test[0] == "CMD-SHELL"
}

// missingUser returns why the swap would break a USER or COPY --chown that
// names a user the new image does not have, when no RUN step creates users.
func missingUser(insts, runs []*parser.Instruction, t SwapTarget) string {
	if t.Info.Family == "" || t.Info.OS != images.Distroless && t.Info.OS != images.Wolfi {
		return "" // a Debian or Alpine variant of the same image has the same users
	}
	for _, in := range runs {
		for _, c := range shellcmd.CommandsIn(in) {
			switch c.Name() {
			case "adduser", "useradd", "addgroup", "groupadd":
				return ""
			}
		}
	}
	known := func(u string) bool {
		name, _, _ := strings.Cut(u, ":")
		if name == "" || name == "root" || strings.Trim(name, "0123456789") == "" || strings.Contains(name, "$") {
			return true
		}
		for _, n := range append([]string{t.Info.User}, t.named...) {
			if name == n {
				return true
			}
		}
		return false
	}
	for _, in := range insts {
		var u string
		switch in.Name {
		case "user":
			if args := in.Args(); len(args) > 0 {
				u = args[0]
			}
		case "copy", "add":
			u, _ = in.Flag("chown")
		}
		if u != "" && !known(u) {
			return fmt.Sprintf("line %d names the user `%s`, which `%s` does not have", in.StartLine, u, t.Image)
		}
	}
	return ""
}

// aptEnvDeletions removes the ENV and ARG instructions that only set apt's
// variables (`ENV DEBIAN_FRONTEND=noninteractive`).
func aptEnvDeletions(insts []*parser.Instruction) []edit.Edit {
	var edits []edit.Edit
	for _, in := range insts {
		var names []string
		switch c := in.Command.(type) {
		case *instructions.EnvCommand:
			for _, kv := range c.Env {
				names = append(names, kv.Key)
			}
		case *instructions.ArgCommand:
			for _, kv := range c.Args {
				names = append(names, kv.Key)
			}
		default:
			continue
		}
		all := len(names) > 0
		for _, n := range names {
			all = all && aptEnvName(n)
		}
		if all {
			edits = append(edits, deleteLines(in.File, in.StartLine, in.EndLine))
		}
	}
	return edits
}

// FixTitle joins a fix's title and its notes.
func FixTitle(title string, notes []string) string {
	if len(notes) == 0 {
		return title
	}
	return title + "; " + strings.Join(notes, "; ")
}

// deleteLines is the edit that removes whole lines: their terminators go
// with them, and when the last line of a file without a final newline
// goes, the terminator before it goes instead, so that the file still ends
// without one.
func deleteLines(f *parser.File, first, last int) edit.Edit {
	start, end := f.LinesRange(first, last)
	if last >= f.LineCount() && first > 1 && !strings.HasSuffix(string(f.Source), "\n") {
		start = f.LineEnd(first - 1)
	}
	return edit.Edit{Start: start, End: end}
}

// namedShell is the shell an instruction names: a SHELL's program, or the
// program of an exec-form CMD or ENTRYPOINT when it is a shell; "" for
// anything else.
func namedShell(in *parser.Instruction) string {
	args := in.Args()
	if len(args) == 0 {
		return ""
	}
	switch in.Name {
	case "shell":
		return args[0]
	case "cmd", "entrypoint":
		if in.IsJSONForm() && parser.IsPOSIXShell(args[0]) && path.Base(args[0]) != "busybox" {
			return args[0]
		}
	}
	return ""
}
