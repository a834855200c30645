package main

import (
	"github.com/spf13/cobra"
)

// pinRules are the rules whose fixes pin base images: DF103 appends
// digests (safe); DF101 and DF102 turn `latest` and missing tags into
// version tags (unsafe, with --unsafe-fixes).
var pinRules = []string{"DF101", "DF102", "DF103"}

func newPinCmd(ios *IOStreams) *cobra.Command {
	opts := &fixOptions{IO: ios, command: "dflint pin"}
	var update bool
	cmd := &cobra.Command{
		Use:   "pin [PATH|DIR|-]...",
		Short: "Pin base images to the digests their tags point to now (asks registries)",
		Long: `Pin the base images of Dockerfiles: each FROM image named by a tag gets the
digest the tag points to now appended (python:3.12 becomes
python:3.12@sha256:…), keeping the name and tag as written. This runs the
fixes of DF101, DF102 and DF103 only, online: it is 'dflint fix --online
--select DF101,DF102,DF103' without BuildKit's checks.

Multi-platform images are pinned to their index digest, so every platform
still builds; --platform pins one platform's image instead. An image that
comes from a global ARG whose default has no other use is pinned in the ARG
default. With --unsafe-fixes, 'latest' and missing tags are first replaced by
the most specific version tag that has the same digest now.

With --update, digests already pinned are checked too, and replaced when
their tag now points elsewhere (that changes the image, which you asked for).

Answers are cached (see --cache-dir, --cache-ttl); --offline pins from the
cache only, and a look-up the cache cannot answer is an error of the file
(exit code 2), as an unreachable registry is online. Credentials come from
the Docker config ($DOCKER_CONFIG or ~/.docker/config.json, credential
helpers included); they are never printed, and never sent over plain HTTP.
The registry-mirrors of a .dflint.yaml found above a file are used only
with --trust-config-mirrors. --registry-timeout bounds the registry time
of the whole run.

Files are found, written, diffed and checked as by 'dflint fix'. A registry
that cannot be reached, or refuses access, is an error of each file that
needs it (exit code 2); the other files are still pinned.`,
		Example: `  dflint pin                                  # every Dockerfile under the current directory
  dflint pin --diff Dockerfile                # show the pins, write nothing
  dflint pin --check .                        # exit 1 when a FROM is not pinned (CI)
  dflint pin --update .                       # move pinned digests whose tag moved
  dflint pin --unsafe-fixes Dockerfile        # also latest → its version tag
  dflint pin --registry-mirror docker.io=mirror.example:5000 .`,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := batchRun(cmd.Context())
			defer stop()
			opts.Paths = args
			opts.Select = pinRules
			opts.NoBuildKit = true
			opts.Registry.Online = !opts.Registry.Offline
			opts.update = update
			if update {
				opts.unsafeRules = []string{"DF103"}
			}
			return interrupted(ctx, runFix(ctx, opts), fixInterrupted)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&opts.Diff, "diff", false, "print a unified diff of the pins instead of writing files")
	f.BoolVar(&opts.Check, "check", false, "write nothing; exit 1 when a file would change")
	f.BoolVar(&opts.Unsafe, "unsafe-fixes", false, "also replace latest and missing tags by the version tag with the same digest now")
	f.BoolVar(&update, "update", false, "also re-resolve digests already pinned and move those whose tag has moved")
	f.StringVar(&opts.FailLevel, "fail-level", "warning", "lowest severity of a finding left after pinning that makes the exit code 1: error, warning, info, style, or none")
	f.StringVar(&opts.Color, "color", "auto", "colour the text output: auto, always, never")
	opts.Outputs.register(f, "format of the findings left")
	f.StringVar(&opts.StdinFilename, "stdin-filename", "Dockerfile", "the path standard input (-) is reported under")
	opts.registerSymlinks(f)
	opts.Registry.register(f, true)
	opts.set = f             // --fail-level beats the config's, as in fix
	opts.getenv = ios.Getenv // DFLINT_FAIL_LEVEL, DFLINT_FORMAT…, and the user-level config
	return cmd
}
