package images

import (
	"strings"
	"testing"

	"github.com/dflint/dflint/parser"
)

func TestDotnetRuntimeFor(t *testing.T) {
	cases := []struct {
		sdk, runtime, why string
	}{
		{sdk: "mcr.microsoft.com/dotnet/sdk:8.0", runtime: "mcr.microsoft.com/dotnet/aspnet:8.0"},
		{sdk: "mcr.microsoft.com/dotnet/sdk:8.0.404-bookworm-slim", runtime: "mcr.microsoft.com/dotnet/aspnet:8.0-bookworm-slim"},
		{sdk: "mcr.microsoft.com/dotnet/sdk:6.0-alpine3.18", runtime: "mcr.microsoft.com/dotnet/aspnet:6.0-alpine3.18"},
		{sdk: "mcr.microsoft.com/dotnet/sdk:latest", runtime: "mcr.microsoft.com/dotnet/aspnet:latest"},
		{sdk: "mcr.microsoft.com/dotnet/sdk", runtime: "mcr.microsoft.com/dotnet/aspnet:latest"},
		// The SDK on full Debian, the runtime on slim.
		{sdk: "mcr.microsoft.com/dotnet/sdk:3.1-buster", runtime: "mcr.microsoft.com/dotnet/aspnet:3.1-buster-slim"},
		{sdk: "mcr.microsoft.com/dotnet/core/sdk:3.1", runtime: "mcr.microsoft.com/dotnet/core/aspnet:3.1"},
		{sdk: "mcr.microsoft.com/dotnet/core/sdk:2.2-stretch", runtime: "mcr.microsoft.com/dotnet/core/aspnet:2.2-stretch-slim"},
		{sdk: "microsoft/dotnet:2.1-sdk", runtime: "microsoft/dotnet:2.1-aspnetcore-runtime"},
		{sdk: "microsoft/dotnet:2.2-sdk-alpine", runtime: "microsoft/dotnet:2.2-aspnetcore-runtime-alpine"},
		{sdk: "microsoft/dotnet:2.1.300-sdk-stretch", runtime: "microsoft/dotnet:2.1-aspnetcore-runtime-stretch-slim"},
		{sdk: "microsoft/dotnet:2.0-sdk", runtime: "microsoft/aspnetcore:2.0"},
		{sdk: "microsoft/dotnet:2.0.5-sdk-2.1.4-stretch", runtime: "microsoft/aspnetcore:2.0-stretch"},
		{sdk: "microsoft/aspnetcore-build:2.0", runtime: "microsoft/aspnetcore:2.0"},
		// Never published: no tag is made up.
		{sdk: "mcr.microsoft.com/dotnet/sdk:8.0-alpine-aot", why: "never published the tag `8.0-alpine-aot`"},
		{sdk: "mcr.microsoft.com/dotnet/core/sdk:3.0-alpine3.7", why: "never published"},
		{sdk: "microsoft/dotnet:1.1-sdk-jessie", why: "never published"},
		{sdk: "microsoft/dotnet:2-sdk", why: "does not name a .NET major.minor"},
		{sdk: "microsoft/dotnet:2.1.300-preview1-sdk", why: "does not name a .NET major.minor"},
	}
	for _, c := range cases {
		ref, err := parser.ParseImageRef(c.sdk)
		if err != nil {
			t.Fatal(err)
		}
		rt, why := DotnetRuntimeFor(ref)
		if rt.Image != c.runtime || c.why == "" && why != "" || c.why != "" && !strings.Contains(why, c.why) {
			t.Errorf("%s: got %q (%s), want %q (%s)", c.sdk, rt.Image, why, c.runtime, c.why)
		}
	}
}

// Every published list holds tags of one .NET major.minor form, so that
// a typo in the data shows.
func TestDotnetDataTags(t *testing.T) {
	db := dotnetDB()
	for _, s := range db.SDKs {
		if _, ok := db.Published[s.Runtime]; !ok {
			t.Errorf("sdk %s: no published tags of its runtime %s", s.Repository, s.Runtime)
		}
		if s.Source == "" {
			t.Errorf("sdk %s: no source", s.Repository)
		}
	}
	if ChainguardDotnetMajor() == "" {
		t.Error("no Chainguard .NET major")
	}
}
