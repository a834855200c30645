package rules

import (
	"slices"
	"sort"
	"testing"
)

// TestWindowsImages runs the default rules on Windows Dockerfiles (Server
// Core with PowerShell, Nano Server with cmd, backtick escapes, Windows
// drive paths) and pins what fires. Linux-only concerns (apt and the other
// package managers of Linux distributions, root users, POSIX paths and
// shells, pipefail) stay quiet; concerns that hold on Windows too (cd in
// RUN, relative COPY before WORKDIR, shell-form CMD, ADD without checksum,
// several sources to a file, pip's cache) are still reported.
func TestWindowsImages(t *testing.T) {
	cases := []struct {
		name, src string
		want      []string
	}{
		{
			name: "servercore, PowerShell, backtick escape",
			src: "# escape=`\n" +
				"FROM mcr.microsoft.com/windows/servercore:ltsc2022\n" +
				"SHELL [\"powershell\", \"-Command\", \"$ErrorActionPreference = 'Stop';\"]\n" +
				"RUN Invoke-WebRequest -Uri https://example.com/node.msi -OutFile node.msi; `\n" +
				"    Start-Process msiexec.exe -Wait -ArgumentList '/i', 'node.msi', '/quiet' | Out-Null; `\n" +
				"    Remove-Item node.msi\n" +
				"WORKDIR C:\\app\n" +
				"COPY package.json package-lock.json C:/app/\n" +
				"RUN npm install; cd C:\\app\n" +
				"USER ContainerAdministrator\n" +
				"CMD [\"node\", \"server.js\"]\n",
			want: nil,
		},
		{
			name: "nanoserver, cmd, doubled backslashes",
			src: "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n" +
				"WORKDIR C:\\\\app\n" +
				"COPY app.exe config.json C:\\\\app\\\\\n" +
				"RUN dir C:\\\\app | findstr app && mkdir logs\n" +
				"USER ContainerUser\n" +
				"ENTRYPOINT [\"C:\\\\app\\\\app.exe\"]\n",
			want: nil,
		},
		{
			name: "cmd shell, Linux-looking commands",
			src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n" +
				"SHELL [\"cmd\", \"/S\", \"/C\"]\n" +
				"RUN curl -fsSL https://example.com/x.ps1 | powershell -\n" +
				"RUN apt-get install gcc && ln -sf /bin/bash /bin/sh\n" +
				"USER root\n" +
				"WORKDIR \\\\app\n" +
				"CMD [\"cmd\"]\n",
			want: nil,
		},
		{
			name: "default shell (cmd), Linux-looking commands",
			src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n" +
				"RUN apt-get update && apt-get install gcc && apt-get upgrade\n" +
				"RUN apk add curl && dnf install -y make && pip3 install flask==3.0.3 --no-cache-dir\n" +
				"RUN type a.txt | findstr x\n" +
				"RUN useradd -u 100000 app && chmod 777 C:/data && ln -sf /bin/bash /bin/sh\n" +
				"USER root\n" +
				"CMD [\"cmd\"]\n",
			want: nil,
		},
		{
			name: ".NET multi-stage on nanoserver",
			src: "FROM mcr.microsoft.com/dotnet/sdk:8.0-windowsservercore-ltsc2022 AS build\n" +
				"WORKDIR C:/src\n" +
				"COPY app.csproj .\n" +
				"RUN dotnet restore\n" +
				"COPY src/ src/\n" +
				"RUN dotnet publish -c Release -o C:/out\n" +
				"FROM mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022\n" +
				"WORKDIR C:/app\n" +
				"COPY --from=build C:/out .\n" +
				"ENTRYPOINT [\"dotnet\", \"app.dll\"]\n",
			want: nil,
		},
		{
			name: "concerns that hold on Windows too",
			src: "FROM python:3.12-windowsservercore-ltsc2022\n" +
				"ADD https://example.com/tool.zip C:/tools/tool.zip\n" +
				"COPY a.txt b.txt C:\\\\data\n" +
				"COPY tools/ tools\n" +
				"RUN cd C:\\\\tools && pip install flask==3.0.3\n" +
				"CMD python app.py\n",
			want: []string{"DF304", "DF421", "DF501", "DF513", "DF516"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// DF103 (digest pinning) and DF203 (.dockerignore) hold on every OS.
			fs := lintOpts(t, c.src, Options{Ignore: []string{"DF103", "DF203"}, Today: testToday})
			var got []string
			for _, f := range fs {
				if !slices.Contains(got, f.RuleID) {
					got = append(got, f.RuleID)
				}
			}
			sort.Strings(got)
			if !slices.Equal(got, c.want) {
				t.Errorf("rules fired: %v, want %v\n%s\nfindings: %+v", got, c.want, c.src, fs)
			}
		})
	}
}
