package shellcmd

import (
	"strings"
	"testing"
)

// wordAt is the file text an ArgWord's range covers.
func wordAt(src string, w ArgWord) string { return src[w.Start:w.End] }

func TestArgWords(t *testing.T) {
	tests := []struct {
		src  string
		line int
		// words are the words' Text; the file text of each range must be
		// the same unless spans says otherwise.
		words []string
		spans []string
	}{
		// The flags are not words; AS and the name are.
		{"FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n", 1,
			[]string{"golang:1.22", "AS", "build"}, nil},
		// Quotes group and stay in the text.
		{"FROM alpine\nENV A=\"x y\" B='1 2' C=3\n", 2,
			[]string{`A="x y"`, "B='1 2'", "C=3"}, nil},
		// The escape character escapes a space.
		{"FROM alpine\nLABEL a=x\\ y b=2\n", 2,
			[]string{`a=x\ y`, "b=2"}, nil},
		// A continuation between words: each word's range is in the file;
		// a word split by one keeps its logical text, and its range spans
		// the continuation.
		{"FROM alpine\nLABEL one \\\n  two pa\\\nrt\n", 2,
			[]string{"one", "two", "part"}, []string{"one", "two", "pa\\\nrt"}},
		// The file's escape character.
		{"# escape=`\nFROM alpine\nLABEL a=x` y b=2\n", 3,
			[]string{"a=x` y", "b=2"}, nil},
		// ONBUILD's words are its trigger, keyword and flags included
		// (TestArgWordsOfATrigger reads the trigger's).
		{"FROM alpine\nONBUILD COPY --chown=app . /srv\n", 2,
			[]string{"COPY", "--chown=app", ".", "/srv"}, nil},
	}
	for _, tt := range tests {
		f := mustParse(t, tt.src)
		in := instructionAt(t, f, tt.line)
		ws := ArgWords(in)
		if len(ws) != len(tt.words) {
			t.Errorf("%q: %d words %+v, want %q", tt.src, len(ws), ws, tt.words)
			continue
		}
		lg := in.Logical()
		for i, w := range ws {
			span := w.Text
			if tt.spans != nil {
				span = tt.spans[i]
			}
			if w.Text != tt.words[i] || wordAt(tt.src, w) != span {
				t.Errorf("%q: word %d is %q at %q, want %q at %q", tt.src, i, w.Text, wordAt(tt.src, w), tt.words[i], span)
			}
			if lg.Text[w.StartIdx:w.EndIdx] != w.Text {
				t.Errorf("%q: word %d: logical [%d:%d] is %q", tt.src, i, w.StartIdx, w.EndIdx, lg.Text[w.StartIdx:w.EndIdx])
			}
		}
	}
}

func TestArgWordsOfATrigger(t *testing.T) {
	src := "FROM alpine\nONBUILD COPY --chown=app . /srv\n"
	f := mustParse(t, src)
	ws := ArgWords(f.Instructions[1].Trigger)
	if len(ws) != 2 || ws[0].Text != "." || ws[1].Text != "/srv" || wordAt(src, ws[0]) != "." || ws[1].Start != strings.Index(src, "/srv") {
		t.Errorf("the trigger's words: %+v", ws)
	}
}

func TestFromImageWord(t *testing.T) {
	src := "\ufeffFROM --platform=linux/arm64 \\\r\n  python:3.12 AS app\r\nFROM scratch\r\n"
	f := mustParse(t, src)
	w, ok := FromImageWord(f.Instructions[0])
	if !ok || w.Text != "python:3.12" || w.Start != strings.Index(src, "python") || w.End != strings.Index(src, " AS") {
		t.Errorf("FromImageWord = %+v %v", w, ok)
	}
	if w, ok := FromImageWord(f.Instructions[1]); !ok || w.Text != "scratch" || wordAt(src, w) != "scratch" {
		t.Errorf("scratch: %+v %v", w, ok)
	}
}

func TestFromTagRange(t *testing.T) {
	tests := []struct {
		src string
		// tag is the text of the range, "" for an empty range; at is the
		// rest of the file after the range (where a tag is inserted).
		tag, at string
		hasTag  bool
		ok      bool
	}{
		{"FROM python:3.12-slim AS base\n", "3.12-slim", " AS base\n", true, true},
		{"FROM python\n", "", "\n", false, true},
		// A port's colon is not a tag's.
		{"FROM localhost:5000/team/app\n", "", "\n", false, true},
		{"FROM localhost:5000/team/app:1.0\n", "1.0", "\n", true, true},
		{"FROM --platform=linux/amd64 node:20 AS web\r\n", "20", " AS web\r\n", true, true},
		{"\ufeffFROM node\r\n", "", "\r\n", false, true},
		// Not editable: a variable, quotes, a digest, a continuation
		// inside the word.
		{"ARG V=1\nFROM python:${V}\n", "", "", false, false},
		{"FROM \"python:3.12\"\n", "", "", false, false},
		{"FROM python:3.12@sha256:0000000000000000000000000000000000000000000000000000000000000000\n", "", "", false, false},
		{"FROM pyth\\\non:3.12\n", "", "", false, false},
	}
	for _, tt := range tests {
		f := mustParse(t, tt.src)
		start, end, hasTag, ok := FromTagRange(f.Stages[0].From)
		if ok != tt.ok || hasTag != tt.hasTag {
			t.Errorf("%q: hasTag %v ok %v, want %v %v", tt.src, hasTag, ok, tt.hasTag, tt.ok)
			continue
		}
		if !ok {
			if start != 0 || end != 0 {
				t.Errorf("%q: not editable, but the range is [%d, %d)", tt.src, start, end)
			}
			continue
		}
		if got := tt.src[start:end]; got != tt.tag || tt.src[end:] != tt.at {
			t.Errorf("%q: range [%d, %d) is %q followed by %q, want %q followed by %q", tt.src, start, end, got, tt.src[end:], tt.tag, tt.at)
		}
	}
}

func TestUnquote(t *testing.T) {
	for in, want := range map[string]string{
		`"a b"`: "a b", `'x'`: "x", `"a'`: `"a'`, `"`: `"`, `a`: "a", `""`: "", `"a"b"`: `a"b`,
	} {
		if got := Unquote(in); got != want {
			t.Errorf("Unquote(%q) = %q, want %q", in, got, want)
		}
	}
}

// ArgWords is computed once per instruction and shared; its capacity is
// its length, so that a caller's append copies instead of writing into the
// shared array.
func TestArgWordsIsSharedAndCapped(t *testing.T) {
	f := mustParse(t, "FROM alpine AS a\n")
	ws := ArgWords(f.Instructions[0])
	if cap(ws) != len(ws) || len(ws) != 3 {
		t.Fatalf("len %d cap %d", len(ws), cap(ws))
	}
	_ = append(ws, ArgWord{Text: "extra"})
	again := ArgWords(f.Instructions[0])
	if &again[0] != &ws[0] || len(again) != 3 {
		t.Errorf("a second call computed the words again, or saw the append: %+v", again)
	}
}
