package rules

// Security ratings: which rules find security problems, and how severe a
// problem each one finds, as a score GitHub code scanning ranks alerts by.
//
// GitHub reads the score from a SARIF rule's properties.security-severity,
// for rules tagged "security", and shows it as critical (9.0 and over),
// high (7.0–8.9), medium (4.0–6.9) or low (0.1–3.9) (GitHub Docs, "SARIF
// support for code scanning", reportingDescriptor object; checked
// 2026-12-07). The score is not a CVSS score of any one finding: it rates
// what the rule's typical finding exposes, and why is written beside it.
// Where Trivy has the same check (its DS- alias), Trivy's severity is noted
// (aquasecurity/trivy-checks, checks/docker/*.rego METADATA; checked
// 2026-12-07); dflint departs from it where the reason says so.
//
// Every DF3xx rule (the security category of RULES.md) has a rating, and
// so may a rule of another category whose problem is a security one;
// TestSecurityRatings keeps both true.

// SecurityRating is how severe a security rule's findings are.
type SecurityRating struct {
	// Score is in (0, 10], on GitHub's scale.
	Score float64
	// Reason says why this score: what a finding exposes, to whom.
	Reason string
}

var securityRatings = map[string]SecurityRating{
	"DF106": {5.0, "an end-of-life base gets no more security updates, so known vulnerabilities in it stay unpatched; medium, since a fix exists only by moving to a supported release"},
	"DF107": {6.0, "an image from a registry outside the trusted list is code the team has not vetted running in every build and container; medium, as the policy, not the image, is what is known to be wrong"},

	"DF301": {7.0, "root in the container is root on the host after any container escape, and every process can change the image's files; high, as Trivy rates DS-0002"},
	"DF302": {7.5, "an ARG or ENV value stays in the image's config and history, readable by anyone who can pull the image; high (Trivy rates DS-0031 critical, but dflint judges by name and value, so a finding may not be a live secret)"},
	"DF303": {4.0, "sudo in an image lets a process that gets a shell become root without the USER boundary; medium (Trivy rates DS-0010 critical, but RUN already runs as the build user, so the harm needs sudo left configured in the image)"},
	"DF304": {6.0, "a remote ADD without --checksum puts whatever the server returns into the image; medium, as TLS still authenticates the server and the file is not run by the build itself"},
	"DF305": {6.5, "a script piped into a shell runs unreviewed remote code as the build user, typically root; medium, below an unauthenticated download, as HTTPS still authenticates the server"},
	"DF306": {8.0, "with TLS or signature checks off, anyone on the network path can substitute packages or files, which the build then installs and runs; high"},
	"DF307": {4.0, "EXPOSE 22 announces an SSH server inside the container: another way in, with its own credentials to manage; medium, as Trivy rates DS-0004"},
	"DF308": {5.0, "world-writable files let any user in the container change programs or configuration that others run; medium"},
	"DF309": {2.0, "a large UID without -l bloats the layer with sparse log files: disk exhaustion, not a way in; low"},
	"DF310": {2.0, "a USER by name cannot be checked by Kubernetes' runAsNonRoot, so a policy that forbids root cannot verify the image; low, as the user may well not be root"},
	"DF311": {7.5, "a password or token in a RUN command stays in the image's history and layer metadata, readable by anyone who can pull the image; high"},
	"DF312": {7.5, "a file fetched over plain http and not checked can be replaced by anyone on the network path, and it is kept in the image; high"},
	"DF313": {5.0, "a download over HTTPS that is run or installed without a checksum trusts the server and everything behind it; medium"},
	"DF314": {5.0, "a signature checked with a key fetched from the same site (or by short key ID) proves nothing when that site is compromised; medium"},
}

// Security returns the rule's security rating; ok is false for a rule that
// does not find security problems.
func (r *Rule) Security() (rating SecurityRating, ok bool) {
	if r == nil {
		return SecurityRating{}, false
	}
	rating, ok = securityRatings[r.ID]
	return rating, ok
}
