package buildkitcheck_test

// cases are Dockerfiles made for the corners of BuildKit's checks that the
// corpus and testdata meet rarely or never. The parity tests run them, and
// they seed the fuzz target.
var cases = []string{
	// UndefinedVar: ARG and ENV order, stage inheritance, global ARGs,
	// ARGs without value, suggestions, several variables in one word.
	`ARG GLOBAL=1
ARG NOVALUE
FROM alpine AS base
ARG GLOBAL
ARG NOVALUE
ARG LOCAL=$GLOBAL
ENV APP=/app HOME_DIR=$APP/home
RUN echo $LOCAL
WORKDIR $APP_DIR
COPY $NOVALUE $UNSET ${APPP} /dst/$HOME_DIRR/
FROM base
USER $LOCAL:$GROUP
VOLUME $APP $MISSING
FROM base AS other
ENV PATH=$PATH:/x
LABEL a=$TARGETARCH b=$BUILDPLATFORM
STOPSIGNAL $SIG
`,
	// Build-time ARGs BuildKit keeps out of the environment, and
	// TARGET* ARGs declared in a stage.
	`FROM alpine
ARG BUILDKIT_SBOM_SCAN_STAGE=true
ARG TARGETARCH
COPY $BUILDKIT_SBOM_SCAN_STAGE $BUILDKIT_SBOM_SCAN_CONTEXT $TARGETARCH $TARGETOS /
`,
	// Per-instruction and file check directives, the experimental check.
	`# check=experimental=InvalidDefinitionDescription;skip=StageNameCasing
# the base
ARG BASE=alpine
# bar is a thing
ARG FOO BAR
FROM $BASE AS Build
# check=skip=UndefinedVar
COPY $NOPE /
# check=experimental=all
COPY $NOPE2 /
# nope
FROM build AS final
`,
	"# check=skip=all\nFROM alpine AS Build\nCOPY $X /\n",
	"# check=error=true\nFROM alpine\nCOPY $X /\nCOPY $Y /\n",
	"# check=bogus\nFROM alpine\nCOPY $X /\n",
	// ONBUILD triggers of a base stage run in the stages the target reaches.
	`FROM alpine AS base
ONBUILD COPY $TRIGGER_SRC /dst
ONBUILD RUN --mount=type=cache,target=$CACHE_DIR echo hi
FROM base AS unused
RUN true
FROM base
ENV X=1
`,
	// Heredocs: expanded contents (ExpandRaw) and quoted ones.
	"FROM alpine\nCOPY <<EOF /etc/conf\nhome=$HOME user=$USERNAME\nEOF\nCOPY <<'EOF' /etc/raw\n$NOT_EXPANDED\nEOF\nRUN <<EOF\necho $RUNVAR\nEOF\n",
	// Mounts, with variables and with errors.
	"FROM alpine\nARG CACHE=/root/.cache\nRUN --mount=type=cache,target=$CACHE,id=$CACHE_ID pip install x\nRUN --mount=type=secret,id=$SECRET_ID cat /run/secrets/x\n",
	"FROM alpine\nRUN --mount=type=cache,id=x true\nCOPY $AFTER /\n",
	"FROM alpine\nWORKDIR /app\nRUN --mount=type=bind,target=. true\nCOPY $AFTER /\n",
	"FROM alpine\nRUN --mount=type=bind,from=later,target=/x true\nCOPY $AFTER /\nFROM alpine AS later\n",
	// COPY --from: a later stage, an index, an image, a variable.
	"FROM alpine\nCOPY --from=later /a /b\nCOPY $AFTER /\nFROM alpine AS later\n",
	"FROM alpine\nCOPY --from=3 /a /b\n",
	"FROM alpine AS a\nCOPY --from=b /x /x\nFROM alpine AS b\nCOPY --from=a /y /y\n",
	"FROM alpine\nCOPY --from=busybox:1.36 /bin/busybox /bin/\nCOPY $AFTER /\n",
	"ARG V=x\nFROM alpine\nCOPY --from=$V /a /b\n",
	"FROM alpine\nCOPY --from=Nope_Image /a /b\nCOPY $AFTER /\n",
	// EXPOSE and STOPSIGNAL errors stop the checks after them.
	"FROM alpine\nEXPOSE $PORT\nEXPOSE 80/tcp 8080:80 abc\nCOPY $AFTER /\n",
	"FROM alpine\nSTOPSIGNAL SIGNOPE\nCOPY $AFTER /\n",
	"FROM alpine\nVOLUME $EMPTY\nCOPY $AFTER /\n",
	// COPY and ADD errors.
	"FROM alpine\nCOPY https://example.com/x /x\nCOPY $AFTER /\n",
	"FROM alpine\nCOPY --chmod=999 a /b\nCOPY $AFTER /\n",
	"FROM alpine\nCOPY --chmod=u+x a /b\nCOPY --chmod=q+z a /b\nCOPY $AFTER /\n",
	"FROM alpine\nCOPY --link --chown=app:app a /b\nCOPY $AFTER /\n",
	"FROM alpine\nADD --checksum=sha256:abc https://example.com/x /x\nCOPY $AFTER /\n",
	"FROM alpine\nADD --checksum=$SUM a b /x\nCOPY $AFTER /\n",
	"FROM alpine\nADD https://github.com/moby/buildkit.git#v0.10.1 /src\nCOPY git@github.com:moby/buildkit.git /src\nCOPY $AFTER /\n",
	// FROM: undefined and invalid ARGs, platforms, blank names, casing.
	"ARG TAG\nARG IMG=Alpine\nFROM ${IMG}:${TAG}\nFROM alpine:$TAGG\nFROM --platform=$BUILDPLATFORM alpine AS Builder\nFROM --platform=$PLATFORMM alpine\n",
	"ARG NAME\nFROM $NAME\nCOPY $AFTER /\n",
	"FROM --platform=linux/arm64 alpine\nFROM --platform=windows/amd64 mcr.microsoft.com/windows/nanoserver AS win\nWORKDIR C:\\\\app\nCOPY $AFTER C:/x\n",
	"FROM --platform=not/a/platform/at/all alpine\nCOPY $AFTER /\n",
	"FROM alpine AS one\nFROM alpine AS one\nFROM one\nFROM Scratch\n",
	"FROM scratch AS s\nCOPY $X /\nFROM s\nENV Y=$X\n",
	"RUN echo before any stage\nFROM alpine\n",
	"# just a comment\nARG A=1\n",
	// SOURCE_DATE_EPOCH as a number, "context", a stage, and nonsense.
	"ARG SOURCE_DATE_EPOCH=0100\nFROM alpine\nARG SOURCE_DATE_EPOCH\nCOPY $SOURCE_DATE_EPOCH $X /\n",
	"ARG SOURCE_DATE_EPOCH=context\nFROM alpine\nCOPY $SOURCE_DATE_EPOCH /\n",
	"ARG SOURCE_DATE_EPOCH=src\nFROM scratch AS src\nADD https://example.com/t.txt /\nFROM alpine\nCOPY $X /\n",
	"ARG SOURCE_DATE_EPOCH=src\nFROM scratch AS src\nRUN true\nFROM alpine\nCOPY $X /\n",
	"ARG SOURCE_DATE_EPOCH=yesterday\nFROM alpine\nCOPY $X /\n",
	// Bad substitutions stop the checks.
	"FROM alpine\nCOPY ${X:?needed} /\nCOPY $AFTER /\n",
	"ARG A=${B:?no}\nFROM alpine\nCOPY $AFTER /\n",
	"FROM alpine\nARG A=${B:?no}\nCOPY $AFTER /\n",
	// Escape token and empty continuation lines.
	"# escape=`\nFROM alpine\nRUN echo a `\n\n  b\nCOPY $X `\n  /y\n",
	"FROM alpine\nRUN echo a \\\n\n  b\nENV A=1 \\\n\n  B=$A$C\n",
	// ONBUILD in a base image's config is met online; a bad trigger stops
	// the checks.
	"FROM alpine AS base\nONBUILD COPY --from=nothere /a /b\nFROM base\nCOPY $AFTER /\n",
	"FROM alpine AS base\nONBUILD RUN <<EOF\necho $HEREDOC_TRIGGER\nEOF\nFROM base\n",
	"# escape=`\nFROM alpine AS base\nONBUILD RUN echo `\n  $CONT\nFROM base\n",
}
