package parser

import (
	"slices"
	"testing"
)

func TestContextSources(t *testing.T) {
	f := mustParse(t, `FROM alpine AS build
COPY . /src
COPY --from=build /out /app
ADD a.tgz ./b /dst/
COPY ["x y", "z", "/dst/"]
COPY --chown=1:1 --link src/ /app/
RUN cp . /x
ONBUILD COPY . /app
`)
	ins := f.Stages[0].Instructions
	tests := []struct {
		i    int
		want []string
	}{
		{0, nil},
		{1, []string{"."}},
		{2, nil}, // --from copies from a stage, not the context
		{3, []string{"a.tgz", "./b"}},
		{4, []string{"x y", "z"}},
		{5, []string{"src/"}},
		{6, nil},
		{7, nil}, // the ONBUILD itself; its trigger is a COPY
	}
	for _, tt := range tests {
		if got := ins[tt.i].ContextSources(); !slices.Equal(got, tt.want) {
			t.Errorf("%s: ContextSources = %q, want %q", ins[tt.i].Text(), got, tt.want)
		}
	}
	if got := ins[7].Trigger.ContextSources(); !slices.Equal(got, []string{"."}) {
		t.Errorf("ONBUILD trigger: ContextSources = %q, want [.]", got)
	}
}
