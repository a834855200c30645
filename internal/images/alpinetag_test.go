package images

import (
	"strings"
	"testing"

	"github.com/dflint/dflint/internal/eol"
)

// TestAlpineTagOfPublishedSlimTags checks the alpineTag rules for slim
// tags against the table of published tags (internal/eol/tags.json, read
// from docker-library/official-images): every slim or JRE tag the official
// image publishes maps to an Alpine tag it also publishes, or to none. A
// rule that formed a tag the repository does not have would send the
// alpine policy to an image that cannot be pulled.
func TestAlpineTagOfPublishedSlimTags(t *testing.T) {
	tags := eol.DefaultTags()
	mapped := 0
	for _, repo := range []string{"python", "node", "ruby", "eclipse-temurin"} {
		if !tags.Knows(repo) {
			t.Fatalf("tags.json does not list %s", repo)
		}
		for _, tag := range tags.Repos[repo].Tags {
			if !strings.Contains(tag, "slim") && !strings.Contains(tag, "jre") {
				continue
			}
			alpine, ok := lookup(t, repo+":"+tag).AlpineTag()
			if !ok {
				continue
			}
			mapped++
			if !tags.Published(repo, alpine) {
				t.Errorf("%s:%s → %s:%s, which tags.json does not list", repo, tag, repo, alpine)
			}
		}
	}
	if mapped < 100 {
		t.Errorf("only %d published slim tags have an Alpine tag: the rules no longer match the table", mapped)
	}
}
