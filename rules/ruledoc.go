package rules

// Doc is a rule's documentation.
type Doc struct {
	// Description is Markdown: what the rule finds, why it matters and
	// what to do instead.
	Description string
	// Bad and Good are Dockerfile examples: Bad must produce a finding of
	// the rule, Good must not (tests hold every rule to that).
	Bad, Good string
}

// Doc returns the rule's documentation.
func (r *Rule) Doc() Doc {
	if r == nil {
		return Doc{}
	}
	return Doc{Description: r.Description, Bad: r.Bad, Good: r.Good}
}
