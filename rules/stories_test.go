package rules

import (
	"sort"
	"testing"
)

// The stories are whole Dockerfiles as people write them, linted with every
// rule, checking that the base-image and build-structure rules together say
// what a reviewer would.

var storyRules = []string{"DF101", "DF102", "DF104", "DF201", "DF202", "DF301", "DF510"}

func storyFindings(t *testing.T, src string) map[string]int {
	t.Helper()
	got := map[string]int{}
	for _, f := range lintWith(t, src, storyRules...) {
		got[f.RuleID]++
	}
	return got
}

func checkStory(t *testing.T, src string, want map[string]int) {
	t.Helper()
	got := storyFindings(t, src)
	ids := map[string]bool{}
	for id := range got {
		ids[id] = true
	}
	for id := range want {
		ids[id] = true
	}
	var sorted []string
	for id := range ids {
		sorted = append(sorted, id)
	}
	sort.Strings(sorted)
	for _, id := range sorted {
		if got[id] != want[id] {
			t.Errorf("%s: got %d findings, want %d (all: %v)", id, got[id], want[id], got)
		}
	}
}

func TestStoryFlaskOnFullPython(t *testing.T) {
	checkStory(t, `FROM python:3.11
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt
EXPOSE 5000
CMD ["flask", "run", "--host=0.0.0.0"]
`, map[string]int{"DF104": 1, "DF202": 1, "DF301": 1, "DF510": 1})
}

func TestStorySingleStageGo(t *testing.T) {
	checkStory(t, `FROM golang:1.22
WORKDIR /src
COPY . .
RUN go build -o /app .
CMD ["/app"]
`, map[string]int{"DF201": 1, "DF301": 1, "DF202": 1})
}

func TestStoryTwoStageGo(t *testing.T) {
	for name, runtime := range map[string]string{
		"nonroot tag":     "FROM gcr.io/distroless/static-debian12:nonroot\n",
		"latest and USER": "FROM gcr.io/distroless/static-debian12:latest\nUSER nonroot:nonroot\n",
	} {
		t.Run(name, func(t *testing.T) {
			src := `FROM golang:1.22 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /app .

` + runtime + `COPY --from=build /app /app
CMD ["/app"]
`
			got := storyFindings(t, src)
			if got["DF301"] != 0 || got["DF201"] != 0 {
				t.Errorf("the two-stage build should have no DF301/DF201, got %v", got)
			}
			want := 0
			if name == "latest and USER" {
				want = 1 // DF102: the :latest tag floats
			}
			if got["DF102"] != want {
				t.Errorf("DF102: got %d, want %d", got["DF102"], want)
			}
			if got["DF202"] != 0 || got["DF104"] != 0 || got["DF510"] != 0 {
				t.Errorf("unexpected findings: %v", got)
			}
		})
	}
}
