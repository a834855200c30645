package rules

import "testing"

func TestDF421PipNoCacheDir(t *testing.T) {
	runCases(t, "DF421", []ruleCase{
		{name: "missing", src: "FROM python:3.12-slim\nRUN pip install flask\n", want: 1, onbuild: true},
		{name: "given", src: "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n", want: 0, onbuild: true},
		{name: "given before install", src: "FROM python:3.12-slim\nRUN pip --no-cache-dir install flask\n", want: 0},
		{name: "given after packages", src: "FROM python:3.12-slim\nRUN pip install -r requirements.txt --no-cache-dir\n", want: 0},
		{name: "abbreviated", src: "FROM python:3.12-slim\nRUN pip install --no-cache flask\n", want: 0},
		{name: "pip3", src: "FROM python:3.12-slim\nRUN pip3 install flask\n", want: 1},
		{name: "pip3.12 full path", src: "FROM python:3.12-slim\nRUN /usr/local/bin/pip3.12 install flask\n", want: 1},
		{name: "python -m pip", src: "FROM python:3.12-slim\nRUN python -m pip install flask\n", want: 1},
		{name: "python3 -m pip with options", src: "FROM python:3.12-slim\nRUN python3 -u -m pip install flask\n", want: 1},
		{name: "python3 -m pip given", src: "FROM python:3.12-slim\nRUN python3 -m pip install --no-cache-dir flask\n", want: 0},
		{name: "python script", src: "FROM python:3.12-slim\nRUN python3 setup.py install\n", want: 0},
		{name: "requirement value is not the subcommand", src: "FROM python:3.12-slim\nRUN pip download -r install\n", want: 0},
		{name: "upgrade pip", src: "FROM python:3.12-slim\nRUN pip install --upgrade pip\n", want: 1},
		{name: "pipx", src: "FROM python:3.12-slim\nRUN pipx install black\n", want: 0},
		{name: "uv pip", src: "FROM python:3.12-slim\nRUN uv pip install flask\n", want: 0},
		{name: "pip freeze", src: "FROM python:3.12-slim\nRUN pip freeze\n", want: 0},
		{name: "and chain", src: "FROM python:3.12-slim\nRUN pip install -U pip && pip install flask\n", want: 2},
		{name: "semicolon", src: "FROM python:3.12-slim\nRUN pip install --no-cache-dir -U pip; pip install flask\n", want: 1},
		{name: "sh -c", src: "FROM python:3.12-slim\nRUN sh -c 'pip install flask'\n", want: 1},
		{name: "heredoc", src: "FROM python:3.12-slim\nRUN <<EOF\npip install flask\nEOF\n", want: 1, noVariants: true},
		{name: "stage ENV", src: "FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n", want: 0},
		{name: "stage ENV false still disables", src: "FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=off\nRUN pip install flask\n", want: 0},
		{name: "base stage ENV", src: "FROM python:3.12-slim AS base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install flask\n", want: 0},
		{name: "other stage ENV", src: "FROM python:3.12-slim AS a\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12-slim\nRUN pip install flask\n", want: 1},
		{name: "ARG", src: "FROM python:3.12-slim\nARG PIP_NO_CACHE_DIR=true\nRUN pip install flask\n", want: 0},
		{name: "inline variable", src: "FROM python:3.12-slim\nRUN PIP_NO_CACHE_DIR=1 pip install flask\n", want: 0},
		{name: "env wrapper", src: "FROM python:3.12-slim\nRUN env PIP_NO_CACHE_DIR=1 pip install flask\n", want: 0},
		{name: "export", src: "FROM python:3.12-slim\nRUN export PIP_NO_CACHE_DIR=1 && pip install flask\n", want: 0},
		{name: "cache mount", src: "FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n", want: 0},
		{name: "cache mount parent", src: "FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache pip install flask\n", want: 0},
		// A cleanup later in the same RUN leaves no cache in the layer
		// (vimagick/dockerfiles graphite: … && rm -rf /root/.cache/pip).
		{name: "rm root cache after", src: "FROM python:3.12-slim\nRUN pip install flask && rm -rf /root/.cache/pip\n", want: 0, onbuild: true},
		{name: "rm home cache after", src: "FROM python:3.12-slim\nRUN pip install flask \\\n && rm -rf ~/.cache\n", want: 0},
		{name: "rm $HOME cache after", src: "FROM python:3.12-slim\nRUN pip install flask; rm -rf \"$HOME/.cache/pip\"\n", want: 0},
		{name: "pip cache purge after", src: "FROM python:3.12-slim\nRUN pip install flask && pip cache purge\n", want: 0},
		{name: "cleanup before the install", src: "FROM python:3.12-slim\nRUN rm -rf /root/.cache/pip && pip install flask\n", want: 1},
		{name: "cleanup between two installs", src: "FROM python:3.12-slim\nRUN pip install a && pip cache purge && pip install b\n", want: 1},
		{name: "cleanup in a later RUN", src: "FROM python:3.12-slim\nRUN pip install flask\nRUN rm -rf /root/.cache/pip\n", want: 1},
		{name: "cleanup only on failure", src: "FROM python:3.12-slim\nRUN pip install flask || rm -rf /root/.cache/pip\n", want: 1},
		{name: "root cache removed as another user", src: "FROM python:3.12-slim\nUSER app\nRUN pip install flask && rm -rf /root/.cache/pip\n", want: 1},
		{name: "root cache removed as root again", src: "FROM python:3.12-slim\nUSER app\nUSER root\nRUN pip install flask && rm -rf /root/.cache/pip\n", want: 0},
		{name: "cache moved by PIP_CACHE_DIR", src: "FROM python:3.12-slim\nENV PIP_CACHE_DIR=/tmp/pip\nRUN pip install flask && rm -rf /root/.cache/pip\n", want: 1},
		{name: "cache moved, purged", src: "FROM python:3.12-slim\nENV PIP_CACHE_DIR=/tmp/pip\nRUN pip install flask && pip cache purge\n", want: 0},
		{name: "cache-dir option", src: "FROM python:3.12-slim\nRUN pip install --cache-dir /tmp/c flask && rm -rf /root/.cache\n", want: 1},
		// A stage no image is made of takes its cache away with it
		// (GoogleContainerTools/distroless examples/python3-requirements).
		{name: "build stage copied from", src: "FROM python:3.12-slim AS build\nRUN pip install flask\nFROM python:3.12-slim\nCOPY --from=build /usr/local /usr/local\n", want: 0},
		{name: "stage under a build stage", src: "FROM python:3.12-slim AS build\nRUN pip install -U pip\nFROM build AS venv\nRUN pip install flask\nFROM python:3.12-slim\nCOPY --from=venv /usr/local /usr/local\n", want: 0},
		{name: "stage built on", src: "FROM python:3.12-slim AS base\nRUN pip install flask\nFROM base\nCMD [\"flask\"]\n", want: 1},
		{name: "crlf", src: "FROM python:3.12-slim\r\nRUN pip install \\\r\n    flask\r\n", want: 1},
		{name: "backtick", src: "# escape=`\nFROM python:3.12-slim\nRUN pip install `\n    flask\n", want: 1},
	})
}

func TestDF421Fix(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"plain", "FROM python:3.12-slim\nRUN pip install flask\n", "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n"},
		{"python -m", "FROM python:3.12-slim\nRUN python3 -m pip install -r requirements.txt\n", "FROM python:3.12-slim\nRUN python3 -m pip install --no-cache-dir -r requirements.txt\n"},
		{"two", "FROM python:3.12-slim\nRUN pip install -U pip && \\\n    # the app\n    pip install flask\n", "FROM python:3.12-slim\nRUN pip install --no-cache-dir -U pip && \\\n    # the app\n    pip install --no-cache-dir flask\n"},
		{"heredoc", "FROM python:3.12-slim\nRUN <<EOF\npip install flask\nEOF\n", "FROM python:3.12-slim\nRUN <<EOF\npip install --no-cache-dir flask\nEOF\n"},
		{"onbuild", "FROM python:3.12-slim\nONBUILD RUN pip install -r requirements.txt\n", "FROM python:3.12-slim\nONBUILD RUN pip install --no-cache-dir -r requirements.txt\n"},
		{"crlf backtick", "# escape=`\r\nFROM python:3.12-slim\r\nRUN pip install `\r\n    flask\r\n", "# escape=`\r\nFROM python:3.12-slim\r\nRUN pip install --no-cache-dir `\r\n    flask\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := df5ApplyFixes(t, tt.src, "DF421"); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestDF421HadolintCases covers the ground of hadolint's DL3042 spec with
// dflint's own Dockerfiles. Where dflint answers differently the case says
// why.
func TestDF421HadolintCases(t *testing.T) {
	runCases(t, "DF421", []ruleCase{
		{name: "DL3042 pip2", src: "FROM python:2.7\nRUN pip2 install MySQL_python\n", want: 1, onbuild: true},
		{name: "DL3042 pip", src: "FROM python:3.12\nRUN pip install MySQL_python\n", want: 1},
		{name: "DL3042 pip2 given after", src: "FROM python:2.7\nRUN pip2 install MySQL_python --no-cache-dir\n", want: 0, onbuild: true},
		{name: "DL3042 pip3 given", src: "FROM python:3.12\nRUN pip3 install --no-cache-dir MySQL_python\n", want: 0},
		{name: "DL3042 pipx", src: "FROM python:3.12\nRUN pipx install ruff==0.6.9\n", want: 0, onbuild: true},
		{name: "DL3042 pipenv", src: "FROM python:3.12\nRUN pipenv install\n", want: 0},
		// Not run inside ONBUILD: an ONBUILD ENV before an ONBUILD RUN is not
		// read yet (hadolint reads it).
		{name: "DL3042 ENV 1", src: "FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n", want: 0},
		{name: "DL3042 ENV on", src: "FROM python:3.12\nENV PIP_NO_CACHE_DIR=on\nRUN pip install flask\n", want: 0},
		{name: "DL3042 ENV true", src: "FROM python:3.12\nENV PIP_NO_CACHE_DIR=true\nRUN pip install flask\n", want: 0},
		{name: "DL3042 prefix yes", src: "FROM python:3.12\nRUN PIP_NO_CACHE_DIR=yes pip install flask\n", want: 0},
		{name: "DL3042 export 1", src: "FROM python:3.12\nRUN export PIP_NO_CACHE_DIR=1 && pip install flask\n", want: 0},
		// hadolint reports 0, off, no and false; pip turns its cache off for
		// any value of PIP_NO_CACHE_DIR (see the doc).
		{name: "DL3042 ENV false", src: "FROM python:3.12\nENV PIP_NO_CACHE_DIR=false\nRUN pip install flask\n", want: 0},
		{name: "DL3042 prefix 0", src: "FROM python:3.12\nRUN PIP_NO_CACHE_DIR=0 pip install flask\n", want: 0},
		{name: "DL3042 export no", src: "FROM python:3.12\nRUN export PIP_NO_CACHE_DIR=no && pip install flask\n", want: 0},
		{name: "DL3042 ENV of the base stage", src: "FROM python:3.12 AS base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install six\n", want: 0},
		{name: "DL3042 ENV of another stage", src: "FROM python:3.12 AS base\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12\nRUN pip install six\n", want: 1},
		{name: "DL3042 cache mount", src: "FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n", want: 0, onbuild: true},
		{name: "DL3042 tmpfs mount", src: "FROM python:3.12\nRUN --mount=type=tmpfs,target=/root/.cache/pip pip install flask\n", want: 0},
	})
}
