package rules

import "testing"

func TestDF521LabelSchema(t *testing.T) {
	const l = "FROM alpine:3.20\nLABEL "
	runCases(t, "DF521", []ruleCase{
		{name: "good", src: l + "org.opencontainers.image.created=2024-05-01T12:00:00Z org.opencontainers.image.url=https://acme.dev org.opencontainers.image.licenses=\"Apache-2.0 OR MIT\"\n", want: 0},
		{name: "bad date", src: l + "org.opencontainers.image.created=2024-05-01\n", want: 1},
		{name: "bad url", src: l + "org.opencontainers.image.url=acme.dev\n", want: 1},
		{name: "git source", src: l + "org.opencontainers.image.source=git@github.com:acme/app.git\n", want: 0},
		{name: "empty", src: l + "org.opencontainers.image.title=\"\"\n", want: 1},
		{name: "bad license", src: l + "org.opencontainers.image.licenses=\"MIT OR\"\n", want: 1},
		{name: "license with parens", src: l + "org.opencontainers.image.licenses=\"(MIT OR Apache-2.0) AND GPL-2.0-only WITH Classpath-exception-2.0\"\n", want: 0},
		{name: "license words", src: l + "org.opencontainers.image.licenses=\"Apache License 2.0\"\n", want: 1},
		{name: "two bad", src: l + "org.opencontainers.image.created=now org.opencontainers.image.documentation=docs\n", want: 2},
		{name: "build arg", src: "FROM alpine:3.20\nARG BUILD_DATE\nLABEL org.opencontainers.image.created=$BUILD_DATE\n", want: 0},
		{name: "ARG default", src: "FROM alpine:3.20\nARG BUILD_DATE=today\nLABEL org.opencontainers.image.created=$BUILD_DATE\n", want: 1},
		{name: "other keys", src: l + "maintainer=me version=latest\n", want: 0},
		{name: "revision anything", src: l + "org.opencontainers.image.revision=main\n", want: 0},
	})
}
