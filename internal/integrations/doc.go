// Package integrations has no code: its tests check the files that plug
// dflint into other tools, at the repository root (.pre-commit-hooks.yaml
// for pre-commit, action.yml for GitHub Actions) and the editor setup that
// docs/cli.md gives (Neovim), by running the real tools where they can run
// offline.
package integrations
