package rules

import "testing"

func TestDF411ApkNoCache(t *testing.T) {
	runCases(t, "DF411", []ruleCase{
		{name: "missing", src: "FROM alpine:3.20\nRUN apk add curl\n", want: 1, onbuild: true},
		{name: "no-cache", src: "FROM alpine:3.20\nRUN apk add --no-cache curl\n", want: 0, onbuild: true},
		{name: "no-cache global", src: "FROM alpine:3.20\nRUN apk --no-cache add curl\n", want: 0},
		{name: "no-cache after packages", src: "FROM alpine:3.20\nRUN apk add curl --no-cache\n", want: 0},
		{name: "update flag only", src: "FROM alpine:3.20\nRUN apk add --update curl\n", want: 1},
		{name: "virtual value is not the subcommand", src: "FROM alpine:3.20\nRUN apk -X https://x/repo add -t add curl\n", want: 1},
		{name: "two adds one finding", src: "FROM alpine:3.20\nRUN apk add --virtual .deps gcc && make && apk add curl\n", want: 1},
		{name: "two RUNs", src: "FROM alpine:3.20\nRUN apk add curl\nRUN apk add git\n", want: 2},
		{name: "update then add", src: "FROM alpine:3.20\nRUN apk update && apk add curl\n", want: 1},
		{name: "semicolon", src: "FROM alpine:3.20\nRUN apk update; apk add curl\n", want: 1},
		// rm -rf /var/cache/apk/* deletes the APKINDEX files: after the
		// last apk command of the RUN, no index is left in the layer
		// (vimagick/dockerfiles ferm: apk add -U ferm && rm -rf /var/cache/apk/*).
		{name: "index removed after add", src: "FROM alpine:3.20\nRUN apk add curl && rm -rf /var/cache/apk/*\n", want: 0, onbuild: true},
		{name: "index removed after add -U", src: "FROM alpine:3.20\nRUN apk add -U curl \\\n && rm -rf /tmp/* /var/cache/apk/*\n", want: 0},
		{name: "index removed after update and add", src: "FROM alpine:3.20\nRUN apk update && apk add curl && apk del .deps && rm -rf /var/cache/apk/*\n", want: 0},
		{name: "cache directory removed", src: "FROM alpine:3.20\nRUN apk add -U curl; rm -r /var/cache/apk\n", want: 0},
		{name: "index removed in heredoc", src: "FROM alpine:3.20\nRUN <<EOF\napk add curl\nrm -rf /var/cache/apk/*\nEOF\n", want: 0, noVariants: true},
		{name: "removal before a later add", src: "FROM alpine:3.20\nRUN apk add curl && rm -rf /var/cache/apk/* && apk add git\n", want: 1},
		{name: "removal only on failure", src: "FROM alpine:3.20\nRUN apk add curl || rm -rf /var/cache/apk/*\n", want: 1},
		{name: "removal of another directory", src: "FROM alpine:3.20\nRUN apk add curl && rm -rf /var/cache/apt/*\n", want: 1},
		{name: "removal in a later RUN", src: "FROM alpine:3.20\nRUN apk add curl\nRUN rm -rf /var/cache/apk/*\n", want: 1},
		{name: "build stage copied from", src: "FROM alpine:3.20 AS build\nRUN apk add gcc\nFROM alpine:3.20\nCOPY --from=build /out /out\n", want: 0},
		{name: "stage under a build stage", src: "FROM alpine:3.20 AS base\nRUN apk add git\nFROM base AS build\nRUN make\nFROM alpine:3.20\nCOPY --from=build /out /out\n", want: 0},
		{name: "stage built on", src: "FROM alpine:3.20 AS base\nRUN apk add curl\nFROM base\nCMD [\"sh\"]\n", want: 1},
		// docker-library/python alpine: the run-time deps are added from
		// what is installed, with no index fetched.
		{name: "no-network", src: "FROM alpine:3.20\nRUN apk add --no-network --virtual .rundeps so:libc.musl-x86_64.so.1\n", want: 0, onbuild: true},
		{name: "no-network and a fetching add", src: "FROM alpine:3.20\nRUN apk add --no-network .a && apk add curl\n", want: 1},
		{name: "sh -c", src: "FROM alpine:3.20\nRUN sh -c 'apk add curl'\n", want: 1},
		{name: "heredoc", src: "FROM alpine:3.20\nRUN <<EOF\napk add curl\nEOF\n", want: 1, noVariants: true},
		{name: "cache mount", src: "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n", want: 0},
		{name: "cache mount etc", src: "FROM alpine:3.20\nRUN --mount=type=cache,target=/etc/apk/cache apk add curl\n", want: 0},
		{name: "del", src: "FROM alpine:3.20\nRUN apk del curl\n", want: 0},
		// hadolint's DL3019 cases not covered above, in dflint's own Dockerfiles.
		{name: "DL3019 tmpfs mount", src: "FROM alpine:3.20\nRUN --mount=type=tmpfs,target=/var/cache/apk apk add -U curl=8.9.1-r0\n", want: 0, onbuild: true},
		{name: "DL3019 mount elsewhere, no-cache", src: "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/foo apk add --no-cache -U curl=8.9.1-r0\n", want: 0},
		{name: "DL3019 cache mount elsewhere", src: "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/foo apk add -U curl=8.9.1-r0\n", want: 1, onbuild: true},
		{name: "DL3019 tmpfs mount elsewhere", src: "FROM alpine:3.20\nRUN --mount=type=tmpfs,target=/var/cache/foo apk add -U curl=8.9.1-r0\n", want: 1},
		{name: "update only", src: "FROM alpine:3.20\nRUN apk update\n", want: 0},
		{name: "crlf", src: "FROM alpine:3.20\r\nRUN apk update && \\\r\n    apk add curl\r\n", want: 1},
		{name: "backtick", src: "# escape=`\nFROM alpine:3.20\nRUN apk update && `\n    apk add curl\n", want: 1},
	})
}

func TestDF411Fix(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"plain", "FROM alpine:3.20\nRUN apk add curl\n", "FROM alpine:3.20\nRUN apk add --no-cache curl\n"},
		{"update dropped", "FROM alpine:3.20\nRUN apk update && apk add curl\n", "FROM alpine:3.20\nRUN apk add --no-cache curl\n"},
		{"update in the middle", "FROM alpine:3.20\nRUN set -x && apk update && apk add curl\n", "FROM alpine:3.20\nRUN set -x && apk add --no-cache curl\n"},
		{"update on its own line", "FROM alpine:3.20\nRUN apk update && \\\n    apk add curl\n", "FROM alpine:3.20\nRUN \\\n    apk add --no-cache curl\n"},
		{"update with leading operator", "FROM alpine:3.20\nRUN apk update \\\n && apk add curl\n", "FROM alpine:3.20\nRUN apk add --no-cache curl\n"},
		// A RUN that removes the index after its last apk command is not
		// reported; one that adds again after the removal is, and its
		// removal goes with the fix.
		{"update and rm dropped", "FROM alpine:3.20\nRUN apk update && apk add curl && rm -rf /var/cache/apk/* && apk add git\n", "FROM alpine:3.20\nRUN apk add --no-cache curl && apk add --no-cache git\n"},
		{"rm in the middle", "FROM alpine:3.20\nRUN apk add curl && rm -rf /var/cache/apk/* && curl --version && apk add git\n", "FROM alpine:3.20\nRUN apk add --no-cache curl && curl --version && apk add --no-cache git\n"},
		{"rm on its own line", "FROM alpine:3.20\nRUN apk add curl \\\n    && rm -rf /var/cache/apk/* \\\n    && apk add git\n", "FROM alpine:3.20\nRUN apk add --no-cache curl \\\n    && apk add --no-cache git\n"},
		{"rm with other paths kept", "FROM alpine:3.20\nRUN apk add curl && rm -rf /var/cache/apk/* /tmp/* && apk add git\n", "FROM alpine:3.20\nRUN apk add --no-cache curl && rm -rf /var/cache/apk/* /tmp/* && apk add --no-cache git\n"},
		{"update after semicolon kept", "FROM alpine:3.20\nRUN apk update; apk add curl && rm -rf /var/cache/apk/* && apk add git\n", "FROM alpine:3.20\nRUN apk update; apk add --no-cache curl && rm -rf /var/cache/apk/* && apk add --no-cache git\n"},
		{"update with or kept", "FROM alpine:3.20\nRUN true || apk update && apk add curl\n", "FROM alpine:3.20\nRUN true || apk update && apk add --no-cache curl\n"},
		{"update with options kept", "FROM alpine:3.20\nRUN apk update -q && apk add curl && rm -rf /var/cache/apk/* && apk add git\n", "FROM alpine:3.20\nRUN apk update -q && apk add --no-cache curl && rm -rf /var/cache/apk/* && apk add --no-cache git\n"},
		{"other apk command keeps both", "FROM alpine:3.20\nRUN apk update && apk upgrade && apk add curl\n", "FROM alpine:3.20\nRUN apk update && apk upgrade && apk add --no-cache curl\n"},
		{"later RUN needs the index", "FROM alpine:3.20\nRUN apk update && apk add curl\nRUN apk search git\n", "FROM alpine:3.20\nRUN apk update && apk add --no-cache curl\nRUN apk search git\n"},
		{"earlier RUN filled the cache", "FROM alpine:3.20\nRUN apk update\nRUN apk add curl && rm -rf /var/cache/apk/* && apk add git\n", "FROM alpine:3.20\nRUN apk update\nRUN apk add --no-cache curl && rm -rf /var/cache/apk/* && apk add --no-cache git\n"},
		{"comment between kept", "FROM alpine:3.20\nRUN apk update && \\\n# packages\n    apk add curl\n", "FROM alpine:3.20\nRUN \\\n# packages\n    apk add --no-cache curl\n"},
		{"two adds", "FROM alpine:3.20\nRUN apk add --virtual .deps gcc && make && apk del .deps && apk add curl\n", "FROM alpine:3.20\nRUN apk add --no-cache --virtual .deps gcc && make && apk del .deps && apk add --no-cache curl\n"},
		{"heredoc", "FROM alpine:3.20\nRUN <<EOF\napk update\napk add curl\nrm -rf /var/cache/apk/*\napk add git\nEOF\n", "FROM alpine:3.20\nRUN <<EOF\napk add --no-cache curl\napk add --no-cache git\nEOF\n"},
		{"heredoc update and rm lines", "FROM alpine:3.20\nRUN <<EOF\nset -e\n  apk update\n  apk add curl && rm -rf /var/cache/apk/*\n  apk add git\nEOF\n", "FROM alpine:3.20\nRUN <<EOF\nset -e\n  apk add --no-cache curl\n  apk add --no-cache git\nEOF\n"},
		{"heredoc update with other command on the line", "FROM alpine:3.20\nRUN <<EOF\napk update; echo hi\napk add curl\nEOF\n", "FROM alpine:3.20\nRUN <<EOF\napk update; echo hi\napk add --no-cache curl\nEOF\n"},
		{"onbuild", "FROM alpine:3.20\nONBUILD RUN apk update && apk add curl\n", "FROM alpine:3.20\nONBUILD RUN apk add --no-cache curl\n"},
		{"crlf", "FROM alpine:3.20\r\nRUN apk update && \\\r\n    apk add curl \\\r\n    && rm -rf /var/cache/apk/* \\\r\n    && apk add git\r\n", "FROM alpine:3.20\r\nRUN \\\r\n    apk add --no-cache curl \\\r\n    && apk add --no-cache git\r\n"},
		{"backtick", "# escape=`\nFROM alpine:3.20\nRUN apk update && `\n    apk add curl\n", "# escape=`\nFROM alpine:3.20\nRUN `\n    apk add --no-cache curl\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := df5ApplyFixes(t, tt.src, "DF411"); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
