//go:build devtools

package main

import (
	"bytes"
	"crypto/sha256"
	"debug/buildinfo"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"time"

	cdx "github.com/CycloneDX/cyclonedx-go"
	"github.com/google/uuid"
)

// sbomSpec is the CycloneDX version written: 1.6 is the newest that the
// common readers (GitHub's dependency graph, Dependency-Track, Trivy,
// Grype) all take; 1.7 came out in October 2025 (CycloneDX
// specification releases, checked 2026-12-07).
const sbomSpec = cdx.SpecVersion1_6

// writeSBOM writes a CycloneDX document of the binary at path from the
// build information the Go linker embeds in it (`go version -m` prints the
// same): exactly the modules compiled in, each with its version and its
// go.sum hash, not what go.mod lists. Nothing is looked up on the network.
func writeSBOM(w io.Writer, path string, t target, version string, built time.Time) error {
	info, err := buildinfo.ReadFile(path)
	if err != nil {
		return fmt.Errorf("reading the build information of %s: %w", path, err)
	}
	bin, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(bin)

	app := cdx.Component{
		Type:       cdx.ComponentTypeApplication,
		Name:       info.Main.Path,
		Version:    version,
		PackageURL: purl(info.Main.Path, version, url.Values{"type": {"module"}, "goos": {t.OS}, "goarch": {t.Arch}}),
		Hashes:     &[]cdx.Hash{{Algorithm: cdx.HashAlgoSHA256, Value: hex.EncodeToString(sum[:])}},
		Properties: buildProperties(info),
	}
	app.BOMRef = app.PackageURL

	// The standard library is part of every Go binary, and its version is
	// what vulnerability scanners match Go's own advisories against.
	goVersion := info.GoVersion
	std := cdx.Component{
		Type:       cdx.ComponentTypeLibrary,
		Name:       "std",
		Version:    goVersion,
		PackageURL: purl("std", goVersion, url.Values{"type": {"module"}}),
	}
	std.BOMRef = std.PackageURL
	components := []cdx.Component{std}
	for _, m := range info.Deps {
		if m.Replace != nil {
			m = m.Replace
		}
		c := cdx.Component{
			Type:       cdx.ComponentTypeLibrary,
			Name:       m.Path,
			Version:    m.Version,
			Scope:      cdx.ScopeRequired,
			PackageURL: purl(m.Path, m.Version, url.Values{"type": {"module"}}),
		}
		c.BOMRef = c.PackageURL
		if h, ok := h1SHA256(m.Sum); ok {
			c.Hashes = &[]cdx.Hash{{Algorithm: cdx.HashAlgoSHA256, Value: h}}
		}
		components = append(components, c)
	}
	refs := make([]string, len(components))
	for i, c := range components {
		refs[i] = c.BOMRef
	}

	bom := cdx.NewBOM()
	// The serial number names this document: derived from the binary, so
	// that building the same commit twice writes the same bytes.
	bom.SerialNumber = "urn:uuid:" + uuid.NewSHA1(uuid.NameSpaceURL, []byte("dflint-sbom:sha256:"+hex.EncodeToString(sum[:]))).String()
	bom.Metadata = &cdx.Metadata{
		Timestamp:  built.UTC().Format(time.RFC3339),
		Lifecycles: &[]cdx.Lifecycle{{Phase: cdx.LifecyclePhaseBuild}},
		Tools: &cdx.ToolsChoice{Components: &[]cdx.Component{{
			Type: cdx.ComponentTypeApplication, Name: "dflint internal/release", Version: version,
		}}},
		Component: &app,
	}
	bom.Components = &components
	bom.Dependencies = &[]cdx.Dependency{{Ref: app.BOMRef, Dependencies: &refs}}

	var buf bytes.Buffer
	enc := cdx.NewBOMEncoder(&buf, cdx.BOMFileFormatJSON)
	enc.SetPretty(true)
	enc.SetEscapeHTML(false) // & in package URLs stays readable
	if err := enc.EncodeVersion(bom, sbomSpec); err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// purl is the package URL of a Go module (purl-spec's golang type):
// pkg:golang/github.com/spf13/cobra@v1.10.2?type=module.
func purl(path, version string, qualifiers url.Values) string {
	s := "pkg:golang/" + path
	if version != "" {
		s += "@" + url.PathEscape(version)
	}
	if len(qualifiers) > 0 {
		s += "?" + qualifiers.Encode()
	}
	return s
}

// h1SHA256 turns a go.sum hash ("h1:" and the base64 of a SHA-256) into
// the hex CycloneDX wants. It is the hash of the module's file list
// (golang.org/x/mod/sumdb/dirhash), which is what identifies a module's
// content in Go and what the checksum database vouches for.
func h1SHA256(sum string) (string, bool) {
	b64, ok := strings.CutPrefix(sum, "h1:")
	if !ok {
		return "", false
	}
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || len(raw) != sha256.Size {
		return "", false
	}
	return hex.EncodeToString(raw), true
}

// buildProperties records the target and CGO setting in the properties
// that the CycloneDX property taxonomy registers for Go builds
// (cdx/gomod.md in CycloneDX/cyclonedx-property-taxonomy, read
// 2026-12-07: cdx:gomod:build:env:GOOS, GOARCH, CGO_ENABLED).
func buildProperties(info *buildinfo.BuildInfo) *[]cdx.Property {
	var props []cdx.Property
	for _, s := range info.Settings {
		switch s.Key {
		case "GOOS", "GOARCH", "CGO_ENABLED":
			props = append(props, cdx.Property{Name: "cdx:gomod:build:env:" + s.Key, Value: s.Value})
		}
	}
	return &props
}
