// Package images is dflint's knowledge of base images, kept as data
// (images.json, embedded) with a small typed API over it.
//
// Rules ask one question, Lookup(ref), and get an Info: what family the image
// belongs to, which OS and package manager it has, which user it runs as,
// whether it is a compiler/SDK image and what to run on instead, and how its
// slim (or JRE) variant tag is formed. Adding an image is a change to the
// JSON file, not to rule code.
//
// # The data file
//
// The top level has four keys:
//
//   - repositoryPrefixes: prefixes stripped from the repository name before
//     matching, so that mirrors and per-architecture namespaces of Docker
//     Hub's official images (public.ecr.aws/docker/library/python,
//     arm64v8/python) are the image they mirror.
//   - commonVariants: tag rules applied to every image, known or not, before
//     the family's own (an "-alpine" tag means Alpine and apk anywhere).
//   - families: one entry per image family, in priority order: the first
//     family with a matching repository pattern wins.
//   - userCreation: per OS, how a user is added: "tool" is "useradd"
//     (shadow's groupadd/useradd) or "busybox" (addgroup/adduser), and
//     "package" the package to install first when the OS's container images
//     do not have the tool.
//
// A family has these fields:
//
//   - name: the family's identifier ("python", "distroless").
//   - repositories: glob patterns matched against the lower-cased repository
//     (ImageRef.Repository after prefix stripping): "*" matches within one
//     path element, "**" across elements.
//   - kind: what the image is for; see Kind.
//   - language: the language ecosystem ("python", "go", "java", …), if any.
//   - os: the OS family; see OS.
//   - packageManager: "apt", "apk", "dnf", "yum", "microdnf", "tdnf",
//     "zypper" or "none".
//   - user: the user the image runs as by default: "root", or a name or UID
//     ("nonroot", "1001").
//   - slim: true when the image is already a small variant (no slim tag to
//     suggest).
//   - nonrootUser: an unprivileged user the image ships although it runs as
//     root by default, as "name:uid" ("node:1000", "nonroot:65532"): DF301
//     switches to it instead of creating one.
//   - userPackage: the package that provides useradd when the image's OS
//     usually has it but this image does not ("shadow-utils" on
//     ubi-minimal); it overrides userCreation's.
//   - dropsPrivileges: the image's own command starts as root and switches
//     to another user itself (Apache in php:*-apache): a USER breaks it.
//   - floatingTagsOnly: the publisher's free tier has only the floating
//     tags "latest" and "latest-dev" (Chainguard, cgr.dev): there is no
//     version tag to name, so DF102 leaves those two tags to DF103's digest.
//   - shells: the paths of the shells the image has ("/bin/sh",
//     "/bin/bash", "/busybox/sh"); [] for an image with no shell at all
//     (distroless, Chainguard runtime images, scratch).
//   - users: the accounts of the image's /etc/passwd as "name:uid"
//     ("root:0", "nonroot:65532"), where the data knows them all.
//   - entrypoint and cmd: the image config's ENTRYPOINT and CMD, exec
//     form ([] for none): a CMD a Dockerfile sets is passed to the
//     entrypoint as arguments.
//   - entrypointRunsCommands: the entrypoint is a script that runs a CMD
//     that is a command (docker-library's docker-entrypoint.sh, php's
//     docker-php-entrypoint, tini): `CMD ["npm", "start"]` works on it,
//     while an interpreter entrypoint (Chainguard's /usr/bin/python) takes
//     "npm" as its script (DF604).
//   - libc: "glibc", "musl" or "none".
//   - source: where the facts of this family or variant come from and the
//     date they were read ("chainguard-images/images images/python/config
//     (2026-12-07)").
//   - unknown: in a variant, the facts it makes unknown again although the
//     family (or an earlier variant) knows them: "shells", "users", "config"
//     (entrypoint and cmd together) or "libc". The -alpine tags of a
//     Debian-based language image do not have the Debian /etc/passwd, and
//     a mirror repository in a family may not share its config.
//
// Shell paths are written as /bin/…: on the usr-merged images (Debian 12
// and later, Ubuntu, Wolfi) the same shells are also at /usr/bin/….
//   - variants: tag (and repository) rules that override the fields above;
//     see Variant. All matching variants apply, in order, after the common
//     variants.
//   - slimTag: rewrite rules from a tag to the tag of the slim variant of
//     the same repository (python 3.12 → 3.12-slim, eclipse-temurin 21-jdk
//     → 21-jre). The first rule whose pattern matches is used.
//   - alpineTag: the same for the Alpine variant (python 3.12 → 3.12-alpine,
//     eclipse-temurin 21-jdk → 21-jre-alpine), for the alpine base-family
//     policy; the slim tags map too (python 3.12-slim-bookworm →
//     3.12-alpine, node 22-bookworm-slim → 22-alpine), since that policy
//     moves slim images as well. Only families whose Alpine variant runs
//     the same program are listed (not debian: Alpine is another
//     distribution). A rule may form a tag that was never published (an old
//     line, pypy): the rules check it against internal/eol's table of
//     published tags before writing it.
//   - runtime: for a toolchain, the image to run the built program on.
//   - runtimeFromTag: rewrite rules from the toolchain's tag to a full
//     runtime image reference that matches its version (maven
//     3-eclipse-temurin-17 → eclipse-temurin:17-jre); runtime is the
//     fallback when none matches.
//   - runtimeAdvice: what to do in the build stage for that runtime
//     ("build with CGO_ENABLED=0 and copy the binary").
//   - staticRuntime: for a language image that is often used only to build
//     static assets, the image to serve them with.
package images

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/dflint/dflint/parser"
)

//go:embed images.json
var data []byte

// Kind says what an image is for.
type Kind string

const (
	// Unknown is an image dflint has no data about.
	Unknown Kind = ""
	// Distro is a general-purpose OS base (debian, ubuntu, alpine, ubi).
	Distro Kind = "distro"
	// Language is a language runtime image (python, node, a JRE).
	Language Kind = "language"
	// Toolchain is a compiler or SDK image (golang, rust, maven, a JDK,
	// dotnet/sdk): right for a build stage, too big and too capable for the
	// image that runs the program.
	Toolchain Kind = "toolchain"
	// Minimal is an image with little or no OS (scratch, distroless,
	// Chainguard, busybox).
	Minimal Kind = "minimal"
	// Service is an application image (nginx, bitnami/redis, jenkins).
	Service Kind = "service"
	// DevContainer is a development-environment image (the VS Code dev
	// container images): full toolchains and root by design, for a
	// developer's editor, never for production.
	DevContainer Kind = "devcontainer"
)

// OS is an OS family: how users are created and packages installed.
type OS string

const (
	OSUnknown   OS = ""
	Debian      OS = "debian"
	Ubuntu      OS = "ubuntu"
	Alpine      OS = "alpine"
	RHEL        OS = "rhel" // RHEL, UBI, CentOS, Rocky, Alma, Oracle Linux
	Fedora      OS = "fedora"
	AmazonLinux OS = "amazonlinux"
	SUSE        OS = "suse"
	AzureLinux  OS = "azurelinux"
	Wolfi       OS = "wolfi"
	Distroless  OS = "distroless" // no shell, no package manager
	BusyBox     OS = "busybox"
	Windows     OS = "windows"
	NoOS        OS = "none" // scratch
)

// RootUser is the User of images that run as root.
const RootUser = "root"

// Info is what dflint knows about one image reference.
type Info struct {
	// Ref is the reference looked up.
	Ref parser.ImageRef
	// Family is the matching family's name; "" when the image is unknown.
	Family string
	Kind   Kind
	// Language is the language ecosystem, "" if none.
	Language       string
	OS             OS
	PackageManager string
	// User is the default user: "root" for root, else a name or UID. For an
	// unknown image it is "root", as for most images, and UserKnown is false.
	User      string
	UserKnown bool
	// Slim is true when the tag already names a small variant.
	Slim bool
	// DropsPrivileges is set for images whose own command starts as root
	// and switches user itself.
	DropsPrivileges bool
	// FloatingTagsOnly is set for repositories whose free tier publishes
	// only :latest and :latest-dev (Chainguard's): their digest is the pin.
	FloatingTagsOnly bool

	// Shells are the paths of the shells the image has ("/bin/sh",
	// "/bin/bash", "/busybox/sh"). When ShellsKnown is true and Shells is
	// empty, the image has no shell: RUN and shell-form commands fail.
	Shells      []string
	ShellsKnown bool
	// Users are the accounts of the image's /etc/passwd, when UsersKnown.
	Users      []User
	UsersKnown bool
	// Entrypoint and Cmd are the image config's, when ConfigKnown (an
	// empty Entrypoint then means none is set).
	Entrypoint, Cmd []string
	ConfigKnown     bool
	// EntrypointRunsCommands is set when the table's Entrypoint runs a CMD
	// that is a command (an entrypoint script that execs its arguments),
	// rather than taking it as its own arguments.
	EntrypointRunsCommands bool
	// Libc is "glibc", "musl" or "none"; "" when unknown.
	Libc string
	// Source says where the facts above come from and when they were read.
	Source string

	nonrootUser string
	userPackage string

	fam *family
	tag string
}

// Known tells whether the image belongs to a family in the data.
func (i Info) Known() bool { return i.fam != nil }

// User is an account of an image's /etc/passwd.
type User struct {
	Name string
	UID  string
}

// HasShell tells whether the image has any shell; known is false when the
// data does not say.
func (i Info) HasShell() (has, known bool) {
	return len(i.Shells) > 0, i.ShellsKnown
}

// HasShellAt tells whether the image has a shell at path ("/bin/bash");
// known is false when the data does not say.
func (i Info) HasShellAt(path string) (has, known bool) {
	if !i.ShellsKnown {
		return false, false
	}
	for _, s := range i.Shells {
		if s == path {
			return true, true
		}
	}
	return false, true
}

// HasShellNamed tells whether the image has the shell a SHELL or a command
// names: a path, with /bin and /usr/bin alike (usrmerge), or a bare name
// ("bash", as PATH finds it) by base name. known is false when the data
// does not say.
func (i Info) HasShellNamed(sh string) (has, known bool) {
	if !i.ShellsKnown {
		return false, false
	}
	for _, x := range i.Shells {
		if strings.Contains(sh, "/") && usrMerged(x) == usrMerged(sh) || !strings.Contains(sh, "/") && path.Base(x) == sh {
			return true, true
		}
	}
	return false, true
}

// usrMerged maps a path to the one it is on a usrmerged system (/usr/bin/X
// and /bin/X are the same file), so that paths compare either way.
func usrMerged(p string) string {
	p = path.Clean(p)
	for _, d := range []string{"/usr/bin/", "/usr/sbin/", "/usr/lib/", "/usr/lib64/"} {
		if rest, ok := strings.CutPrefix(p, d); ok {
			return "/" + strings.TrimPrefix(d, "/usr/") + rest
		}
	}
	return p
}

// HasUser tells whether the image has an account with this name or UID
// ("nonroot", "65532"); known is false when the data does not list the
// image's users. A "user:group" value is looked up by its user part.
func (i Info) HasUser(nameOrUID string) (has, known bool) {
	if !i.UsersKnown {
		return false, false
	}
	u, _, _ := strings.Cut(strings.TrimSpace(nameOrUID), ":")
	for _, x := range i.Users {
		if x.Name == u || x.UID == u {
			return true, true
		}
	}
	return false, true
}

// WithConfig returns the facts with the user, entrypoint and command of
// the image's real config, as a registry reports them (--online): the
// registry, not the table, says what the image is today.
func (i Info) WithConfig(user string, entrypoint, cmd []string) Info {
	if user == "" {
		user = RootUser
	}
	i.User, i.UserKnown = user, true
	i.Entrypoint, i.Cmd, i.ConfigKnown = entrypoint, cmd, true
	return i
}

// RunsAsRoot tells whether the image's default user is root.
func (i Info) RunsAsRoot() bool { return IsRootUser(i.User) }

// IsRootUser tells whether a USER value (user or user:group) names root:
// the name root, or UID 0 however it is written ("00", "+0"): the runtime
// reads a user that parses as a number as a UID (strconv.Atoi, in
// moby/sys/user), never as a name.
func IsRootUser(u string) bool {
	name, _, _ := strings.Cut(strings.TrimSpace(u), ":")
	if name == "" || name == "root" {
		return true
	}
	uid, err := strconv.Atoi(name)
	return err == nil && uid == 0
}

// NonrootUser returns the unprivileged user the image ships although it
// runs as root by default (node's node, 1000; distroless's nonroot, 65532).
func (i Info) NonrootUser() (name, uid string, ok bool) {
	name, uid, ok = strings.Cut(i.nonrootUser, ":")
	return name, uid, ok
}

// UserCreation says how to add a user on the image: tool is "useradd" or
// "busybox", pkg the package to install first ("" when the image has the
// tool). ok is false when the OS has no known way (distroless, scratch,
// Windows, unknown images).
func (i Info) UserCreation() (tool, pkg string, ok bool) {
	u, ok := load().UserCreation[string(i.OS)]
	if !ok || i.OS == OSUnknown {
		return "", "", false
	}
	pkg = u.Package
	if i.userPackage != "" {
		pkg = i.userPackage
	}
	return u.Tool, pkg, true
}

// IsToolchain tells whether the image is a compiler/SDK image.
func (i Info) IsToolchain() bool { return i.Kind == Toolchain }

// SlimTag returns the tag of the slim (or JRE) variant of the image's tag
// in the same repository, when the data knows how to form it.
func (i Info) SlimTag() (string, bool) {
	if i.fam == nil || i.Slim || i.tag == "" {
		return "", false
	}
	return rewrite(i.fam.SlimTag, i.tag)
}

// AlpineTag returns the tag of the Alpine variant of the image's tag in the
// same repository (for a JDK, the Alpine JRE), when the data knows how to
// form it. It is false for a tag that is already Alpine.
func (i Info) AlpineTag() (string, bool) {
	if i.fam == nil || i.OS == Alpine || i.tag == "" {
		return "", false
	}
	return rewrite(i.fam.AlpineTag, i.tag)
}

// Runtime returns, for a toolchain image, the image reference to run the
// built program on and the advice for the build stage ("build with
// CGO_ENABLED=0 and copy the binary"). ok is false for other images.
func (i Info) Runtime() (image, advice string, ok bool) {
	if i.fam == nil || i.Kind != Toolchain {
		return "", "", false
	}
	image = i.fam.Runtime
	if r, ok := rewrite(i.fam.RuntimeFromTag, i.tag); ok {
		image = r
	}
	return image, i.fam.RuntimeAdvice, image != ""
}

// StaticRuntime returns the image to serve static assets with, for language
// images that often only build them (node).
func (i Info) StaticRuntime() (string, bool) {
	if i.fam == nil || i.fam.StaticRuntime == "" {
		return "", false
	}
	return i.fam.StaticRuntime, true
}

// LookupName looks up an image named as a Dockerfile or the data writes it
// (`cgr.dev/chainguard/python:latest`): the zero Info when the name is not
// an image reference.
func LookupName(name string) Info {
	ref, err := parser.ParseImageRef(name)
	if err != nil {
		return Info{}
	}
	return Lookup(ref)
}

// Lookup returns what the data says about an image reference. It never
// fails: an image no family matches gets the common variants' facts and
// Known() false.
//
// Answers are cached per reference: rules ask about the same few base
// images for every instruction of every file, and matching the families'
// patterns is most of a lint's time otherwise.
func Lookup(ref parser.ImageRef) Info {
	if info, ok := lookups.Load(ref); ok {
		return info.(Info)
	}
	info := match(ref)
	lookups.Store(ref, info)
	return info
}

// lookups caches Lookup: ImageRef to Info. Info is a value whose family
// pointer is read-only data, so sharing it is safe.
var lookups sync.Map

func match(ref parser.ImageRef) Info {
	db := load()
	repo := db.normalize(ref)
	tag := ref.Tag
	if tag == "" && ref.Digest == "" {
		tag = "latest"
	}
	info := Info{Ref: ref, User: RootUser, tag: tag}
	var t traits
	for _, v := range db.CommonVariants {
		if v.matches(repo, tag) {
			t.apply(&v.traits)
		}
	}
	for _, f := range db.Families {
		if !f.matches(repo) {
			continue
		}
		info.fam = f
		info.Family = f.Name
		base := f.traits
		base.apply(&t)
		for _, v := range f.Variants {
			if v.matches(repo, tag) {
				base.apply(&v.traits)
			}
		}
		t = base
		break
	}
	if t.Kind != nil {
		info.Kind = Kind(*t.Kind)
	}
	if t.Language != nil {
		info.Language = *t.Language
	}
	if t.OS != nil {
		info.OS = OS(*t.OS)
	}
	if t.PackageManager != nil {
		info.PackageManager = *t.PackageManager
	}
	if t.User != nil {
		info.User = *t.User
		info.UserKnown = info.fam != nil
	}
	if t.Slim != nil {
		info.Slim = *t.Slim
	}
	if t.NonrootUser != nil {
		info.nonrootUser = *t.NonrootUser
	}
	if t.UserPackage != nil {
		info.userPackage = *t.UserPackage
	}
	if t.DropsPrivileges != nil {
		info.DropsPrivileges = *t.DropsPrivileges
	}
	if t.FloatingTagsOnly != nil {
		info.FloatingTagsOnly = *t.FloatingTagsOnly
	}
	if t.Shells != nil {
		info.Shells, info.ShellsKnown = *t.Shells, true
	}
	if t.Users != nil {
		info.UsersKnown = true
		for _, u := range *t.Users {
			name, uid, _ := strings.Cut(u, ":")
			info.Users = append(info.Users, User{Name: name, UID: uid})
		}
	}
	if t.Entrypoint != nil || t.Cmd != nil {
		info.ConfigKnown = true
		if t.Entrypoint != nil {
			info.Entrypoint = *t.Entrypoint
		}
		if t.Cmd != nil {
			info.Cmd = *t.Cmd
		}
	}
	if t.EntrypointRunsCommands != nil {
		info.EntrypointRunsCommands = *t.EntrypointRunsCommands
	}
	if t.Libc != nil {
		info.Libc = *t.Libc
	}
	if t.Source != nil {
		info.Source = *t.Source
	}
	if ref.IsWindows() {
		info.OS = Windows
	}
	return info
}

// traits are the fields a family sets and a variant overrides; nil means
// "not set here".
type traits struct {
	Kind           *string `json:"kind"`
	Language       *string `json:"language"`
	OS             *string `json:"os"`
	PackageManager *string `json:"packageManager"`
	User           *string `json:"user"`
	Slim           *bool   `json:"slim"`
	// DF301's: see the package documentation.
	NonrootUser     *string `json:"nonrootUser"`
	UserPackage     *string `json:"userPackage"`
	DropsPrivileges *bool   `json:"dropsPrivileges"`
	// DF102's: see the package documentation.
	FloatingTagsOnly *bool `json:"floatingTagsOnly"`
	// The image's own facts: see the package documentation.
	Shells     *[]string `json:"shells"`
	Users      *[]string `json:"users"`
	Entrypoint *[]string `json:"entrypoint"`
	Cmd        *[]string `json:"cmd"`
	// EntrypointRunsCommands: see the package documentation.
	EntrypointRunsCommands *bool   `json:"entrypointRunsCommands"`
	Libc                   *string `json:"libc"`
	Source                 *string `json:"source"`
	// Unknown names the facts a variant forgets: see the package
	// documentation.
	Unknown []string `json:"unknown"`
}

func (t *traits) apply(o *traits) {
	for _, f := range o.Unknown {
		switch f {
		case "shells":
			t.Shells = nil
		case "users":
			t.Users = nil
		case "config":
			t.Entrypoint, t.Cmd, t.EntrypointRunsCommands = nil, nil, nil
		case "libc":
			t.Libc = nil
		}
	}
	// A variant's forgetting carries over to the family it is applied to
	// (common variants are applied over the family's own traits).
	// (The full slice expression keeps append off the data's arrays.)
	t.Unknown = append(t.Unknown[:len(t.Unknown):len(t.Unknown)], o.Unknown...)
	if o.Kind != nil {
		t.Kind = o.Kind
	}
	if o.Language != nil {
		t.Language = o.Language
	}
	if o.OS != nil {
		t.OS = o.OS
	}
	if o.PackageManager != nil {
		t.PackageManager = o.PackageManager
	}
	if o.User != nil {
		t.User = o.User
	}
	if o.Slim != nil {
		t.Slim = o.Slim
	}
	if o.NonrootUser != nil {
		t.NonrootUser = o.NonrootUser
	}
	if o.UserPackage != nil {
		t.UserPackage = o.UserPackage
	}
	if o.DropsPrivileges != nil {
		t.DropsPrivileges = o.DropsPrivileges
	}
	if o.FloatingTagsOnly != nil {
		t.FloatingTagsOnly = o.FloatingTagsOnly
	}
	if o.Shells != nil {
		t.Shells = o.Shells
	}
	if o.Users != nil {
		t.Users = o.Users
	}
	if o.Entrypoint != nil {
		t.Entrypoint = o.Entrypoint
	}
	if o.Cmd != nil {
		t.Cmd = o.Cmd
	}
	if o.EntrypointRunsCommands != nil {
		t.EntrypointRunsCommands = o.EntrypointRunsCommands
	}
	if o.Libc != nil {
		t.Libc = o.Libc
	}
	if o.Source != nil {
		t.Source = o.Source
	}
}

// Variant overrides a family's traits for the tags (and repositories) its
// regular expressions match; an absent pattern matches everything.
type variant struct {
	traits
	Tag        string `json:"tag"`
	Repository string `json:"repository"`
	tagRe      *regexp.Regexp
	repoRe     *regexp.Regexp
}

func (v *variant) matches(repo, tag string) bool {
	return (v.tagRe == nil || v.tagRe.MatchString(tag)) && (v.repoRe == nil || v.repoRe.MatchString(repo))
}

// tagRule rewrites a tag: the first rule whose Match matches gives
// Match.ReplaceAllString(tag, Replace) (${1} names a group).
type tagRule struct {
	Match   string `json:"match"`
	Replace string `json:"replace"`
	re      *regexp.Regexp
}

func rewrite(rules []tagRule, tag string) (string, bool) {
	for _, r := range rules {
		if r.re.MatchString(tag) {
			return r.re.ReplaceAllString(tag, r.Replace), true
		}
	}
	return "", false
}

type family struct {
	traits
	Name           string     `json:"name"`
	Repositories   []string   `json:"repositories"`
	Variants       []*variant `json:"variants"`
	SlimTag        []tagRule  `json:"slimTag"`
	AlpineTag      []tagRule  `json:"alpineTag"`
	Runtime        string     `json:"runtime"`
	RuntimeFromTag []tagRule  `json:"runtimeFromTag"`
	RuntimeAdvice  string     `json:"runtimeAdvice"`
	StaticRuntime  string     `json:"staticRuntime"`
	repoRes        []*regexp.Regexp
}

func (f *family) matches(repo string) bool {
	for _, re := range f.repoRes {
		if re.MatchString(repo) {
			return true
		}
	}
	return false
}

type database struct {
	RepositoryPrefixes []string                `json:"repositoryPrefixes"`
	CommonVariants     []*variant              `json:"commonVariants"`
	Families           []*family               `json:"families"`
	UserCreation       map[string]userCreation `json:"userCreation"`
}

// userCreation is how a user is added on one OS.
type userCreation struct {
	Tool    string `json:"tool"`
	Package string `json:"package"`
}

// normalize lower-cases the repository and strips a mirror or architecture
// prefix.
func (db *database) normalize(ref parser.ImageRef) string {
	repo := strings.ToLower(ref.Repository())
	for _, p := range db.RepositoryPrefixes {
		if rest, ok := strings.CutPrefix(repo, p); ok && rest != "" {
			return rest
		}
	}
	return repo
}

// OfficialName returns the name of the Docker Official Image a reference
// names, through any mirror or architecture namespace (python,
// public.ecr.aws/docker/library/python, arm32v7/python: "python"); false
// for any other image.
func OfficialName(ref parser.ImageRef) (string, bool) {
	repo := load().normalize(ref)
	if repo == "" || strings.Contains(repo, "/") {
		return "", false
	}
	return repo, true
}

var (
	loadOnce sync.Once
	loaded   *database
)

func load() *database {
	loadOnce.Do(func() {
		db, err := parse(data)
		if err != nil {
			// The data is embedded and covered by tests: a broken file is a
			// build defect, not a user error.
			panic(err)
		}
		loaded = db
	})
	return loaded
}

// parse decodes and compiles an images data file.
func parse(b []byte) (*database, error) {
	var db database
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&db); err != nil {
		return nil, fmt.Errorf("images data: %w", err)
	}
	compileVariants := func(where string, vs []*variant) error {
		for _, v := range vs {
			var err error
			if v.Tag != "" {
				if v.tagRe, err = regexp.Compile(v.Tag); err != nil {
					return fmt.Errorf("images data: %s: variant tag %q: %w", where, v.Tag, err)
				}
			}
			if v.Repository != "" {
				if v.repoRe, err = regexp.Compile(v.Repository); err != nil {
					return fmt.Errorf("images data: %s: variant repository %q: %w", where, v.Repository, err)
				}
			}
		}
		return nil
	}
	compileRules := func(where string, rs []tagRule) error {
		for i := range rs {
			re, err := regexp.Compile(rs[i].Match)
			if err != nil {
				return fmt.Errorf("images data: %s: rule %q: %w", where, rs[i].Match, err)
			}
			rs[i].re = re
		}
		return nil
	}
	for os, u := range db.UserCreation {
		if u.Tool != "useradd" && u.Tool != "busybox" {
			return nil, fmt.Errorf("images data: userCreation %s: tool %q is not useradd or busybox", os, u.Tool)
		}
	}
	if err := checkFacts("commonVariants", db.CommonVariants, nil); err != nil {
		return nil, err
	}
	if err := compileVariants("commonVariants", db.CommonVariants); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, f := range db.Families {
		if f.Name == "" || seen[f.Name] {
			return nil, fmt.Errorf("images data: family name %q is empty or repeated", f.Name)
		}
		seen[f.Name] = true
		if len(f.Repositories) == 0 {
			return nil, fmt.Errorf("images data: family %s has no repositories", f.Name)
		}
		for _, p := range f.Repositories {
			f.repoRes = append(f.repoRes, globRegexp(strings.ToLower(p)))
		}
		if err := checkFacts(f.Name, append([]*variant{{traits: f.traits}}, f.Variants...), f.Source); err != nil {
			return nil, err
		}
		if err := compileVariants(f.Name, f.Variants); err != nil {
			return nil, err
		}
		if err := compileRules(f.Name+" slimTag", f.SlimTag); err != nil {
			return nil, err
		}
		if err := compileRules(f.Name+" alpineTag", f.AlpineTag); err != nil {
			return nil, err
		}
		if err := compileRules(f.Name+" runtimeFromTag", f.RuntimeFromTag); err != nil {
			return nil, err
		}
		if f.Kind != nil && Kind(*f.Kind) == Toolchain && f.Runtime == "" {
			return nil, fmt.Errorf("images data: toolchain family %s needs a runtime image", f.Name)
		}
	}
	return &db, nil
}

// checkFacts checks the image facts of a family's traits and variants: a
// fact without a source (its own or the family's) is an error, and so is a
// malformed one.
func checkFacts(where string, vs []*variant, familySource *string) error {
	for _, v := range vs {
		t := v.traits
		for _, f := range t.Unknown {
			switch f {
			case "shells", "users", "config", "libc":
			default:
				return fmt.Errorf("images data: %s: unknown %q is not shells, users, config or libc", where, f)
			}
		}
		// DF301's fix switches to this user: it must not be root.
		if t.NonrootUser != nil {
			name, uid, ok := strings.Cut(*t.NonrootUser, ":")
			if !ok || name == "" || uid == "" || strings.Trim(uid, "0123456789") != "" || IsRootUser(name) || IsRootUser(uid) {
				return fmt.Errorf("images data: %s: nonrootUser %q is not name:uid of an unprivileged user", where, *t.NonrootUser)
			}
		}
		if t.Shells == nil && t.Users == nil && t.Entrypoint == nil && t.Cmd == nil && t.EntrypointRunsCommands == nil && t.Libc == nil {
			continue
		}
		if (t.Source == nil || *t.Source == "") && (familySource == nil || *familySource == "") {
			return fmt.Errorf("images data: %s: image facts without a source", where)
		}
		if t.Shells != nil {
			for _, sh := range *t.Shells {
				if !strings.HasPrefix(sh, "/") {
					return fmt.Errorf("images data: %s: shell %q is not an absolute path", where, sh)
				}
			}
		}
		if t.Users != nil {
			for _, u := range *t.Users {
				if name, uid, ok := strings.Cut(u, ":"); !ok || name == "" || uid == "" || strings.Trim(uid, "0123456789") != "" {
					return fmt.Errorf("images data: %s: user %q is not name:uid", where, u)
				}
			}
		}
		if t.Libc != nil && *t.Libc != "glibc" && *t.Libc != "musl" && *t.Libc != "none" {
			return fmt.Errorf("images data: %s: libc %q is not glibc, musl or none", where, *t.Libc)
		}
	}
	return nil
}

// globRegexp turns a repository pattern into an anchored regular
// expression: "*" matches within one path element, "**" across elements.
func globRegexp(p string) *regexp.Regexp {
	var sb strings.Builder
	sb.WriteString("^")
	for i := 0; i < len(p); i++ {
		switch {
		case strings.HasPrefix(p[i:], "**"):
			sb.WriteString(".*")
			i++
		case p[i] == '*':
			sb.WriteString("[^/]*")
		default:
			sb.WriteString(regexp.QuoteMeta(p[i : i+1]))
		}
	}
	sb.WriteString("$")
	return regexp.MustCompile(sb.String())
}

// Scratch is the facts of FROM scratch: no files, no shell, no config.
func Scratch() Info {
	ref, err := parser.ParseImageRef("scratch")
	if err != nil {
		panic(err) // a constant reference
	}
	return Lookup(ref)
}
