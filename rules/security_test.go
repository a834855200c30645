package rules

import (
	"strings"
	"testing"
)

// TestSecurityRatings: every rule of the security category (DF3xx) has a
// rating, every rating belongs to a registered rule, and each is a score
// GitHub ranks (in (0, 10]) with its reason.
func TestSecurityRatings(t *testing.T) {
	for _, r := range All() {
		if _, ok := r.Security(); strings.HasPrefix(r.ID, "DF3") && !ok {
			t.Errorf("%s (%s) is a security rule without a security rating: add it to securityRatings", r.ID, r.Name)
		}
	}
	for id, rating := range securityRatings {
		if ByID(id) == nil {
			t.Errorf("securityRatings has %s, which is no rule", id)
		}
		if rating.Score <= 0 || rating.Score > 10 {
			t.Errorf("%s: score %.1f is outside GitHub's (0, 10]", id, rating.Score)
		}
		if len(strings.TrimSpace(rating.Reason)) < 20 {
			t.Errorf("%s: the score needs its reason", id)
		}
	}
	if _, ok := (*Rule)(nil).Security(); ok {
		t.Error("a nil rule has a rating")
	}
}
