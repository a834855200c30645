package rules

// What the image a stage runs on has (a shell, a package manager, users,
// an ENTRYPOINT), for the rules that check a stage against it (DF6xx).

import (
	"strings"

	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/parser"
)

// stageFacts is what dflint knows of the image a stage is ultimately built
// on: the image data's facts, with the user, ENTRYPOINT and CMD of the
// registry's image config when online (the registry says what the image is
// today; the table what it was when read). ok is false when the base does
// not resolve (an ARG without a default, an invalid reference), for
// Windows images (whose shells and accounts the data does not describe),
// and when the reference does not let the data tell which image it is
// (see tagAgrees).
func stageFacts(p *Pass, s *parser.Stage) (images.Info, bool) {
	key := factsKey{s, p.lookups != nil}
	if c, ok := p.facts[key]; ok {
		return c.info, c.ok
	}
	info, ok := readStageFacts(p, s)
	if p.facts == nil {
		p.facts = map[factsKey]cachedStageFacts{}
	}
	p.facts[key] = cachedStageFacts{info, ok}
	return info, ok
}

// factsKey tells stageFacts' answers apart: per stage, and online or not
// (rules that only judge ignore comments ask no registry).
type factsKey struct {
	stage  *parser.Stage
	online bool
}

type cachedStageFacts struct {
	info images.Info
	ok   bool
}

func readStageFacts(p *Pass, s *parser.Stage) (images.Info, bool) {
	if isWindowsBase(s) {
		return images.Info{}, false
	}
	root := s.RootImage()
	if root.IsScratch() {
		return images.Scratch(), true
	}
	info, ok := baseInfo(root)
	if !ok || info.OS == images.Windows || !tagAgrees(info) {
		return images.Info{}, false
	}
	if img, ok := imageFacts(p, root); ok && len(img.Config) > 0 {
		info = info.WithConfig(img.User, img.Entrypoint, img.Cmd)
	}
	return info, true
}

// tagDistributions are tag words that name a distribution.
var tagDistributions = map[string]images.OS{
	"alpine": images.Alpine, "azurelinux": images.AzureLinux, "mariner": images.AzureLinux, "cbl": images.AzureLinux,
	"ubi": images.RHEL, "ubi8": images.RHEL, "ubi9": images.RHEL, "ubi10": images.RHEL,
}

// tagAgrees tells whether the image data's OS can be trusted for the
// reference: not when the tag names another distribution than the data
// says (a family's variants that do not know the tag: openjdk:8-alpine,
// dotnet's azurelinux tags), nor when the reference has only a digest and
// the family has variants the tag would choose between.
func tagAgrees(info images.Info) bool {
	if info.Ref.Tag == "" && info.Ref.Digest != "" {
		return false
	}
	tag := info.Ref.Tag
	if !strings.ContainsAny(tag, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") {
		return true // a version number names no distribution
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(tag), func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
		w = strings.TrimRight(w, "0123456789")
		if os, ok := tagDistributions[w]; ok && os != info.OS && !(os == images.AzureLinux && info.OS == images.Distroless) {
			return false
		}
	}
	return true
}
