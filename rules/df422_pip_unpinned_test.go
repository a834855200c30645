package rules

import "testing"

func TestDF422PipUnpinned(t *testing.T) {
	runCases(t, "DF422", []ruleCase{
		{name: "unpinned", src: "FROM python:3.12\nRUN pip install flask\n", want: 1, onbuild: true},
		{name: "pinned", src: "FROM python:3.12\nRUN pip install flask==3.0.3\n", want: 0, onbuild: true},
		{name: "range", src: "FROM python:3.12\nRUN pip install 'flask>=3,<4'\n", want: 0},
		{name: "one of two", src: "FROM python:3.12\nRUN pip install flask==3 requests\n", want: 1},
		{name: "requirements", src: "FROM python:3.12\nRUN pip install -r requirements.txt gunicorn\n", want: 0},
		{name: "constraint", src: "FROM python:3.12\nRUN pip install -c c.txt gunicorn\n", want: 0},
		{name: "env constraint", src: "FROM python:3.12\nENV PIP_CONSTRAINT=/c.txt\nRUN pip install gunicorn\n", want: 0},
		{name: "dot", src: "FROM python:3.12\nRUN pip install .\n", want: 0},
		{name: "editable", src: "FROM python:3.12\nRUN pip install -e .[dev]\n", want: 0},
		{name: "wheel", src: "FROM python:3.12\nRUN pip install /tmp/x-1.0-py3-none-any.whl\n", want: 0},
		{name: "vcs ref", src: "FROM python:3.12\nRUN pip install git+https://github.com/a/b.git@v1.0\n", want: 0},
		{name: "vcs no ref", src: "FROM python:3.12\nRUN pip install git+ssh://git@github.com/a/b.git\n", want: 1},
		{name: "variable", src: "FROM python:3.12\nRUN pip install $PKGS\n", want: 0},
		{name: "variable version", src: "FROM python:3.12\nRUN pip install flask==${V}\n", want: 0},
		{name: "upgrade pip", src: "FROM python:3.12\nRUN pip install --upgrade pip\n", want: 1},
		{name: "index url value", src: "FROM python:3.12\nRUN pip install --index-url https://x/simple torch==2.4\n", want: 0},
		{name: "python -m", src: "FROM python:3.12\nRUN python3 -m pip install flask\n", want: 1},
		{name: "and chain", src: "FROM python:3.12\nRUN pip install -U pip && pip install -r r.txt\n", want: 1},
		{name: "sh -c", src: "FROM python:3.12\nRUN sh -c 'pip install flask'\n", want: 1},
		{name: "heredoc", src: "FROM python:3.12\nRUN <<EOF\npip install flask\nEOF\n", want: 1, noVariants: true},
		{name: "sudo", src: "FROM python:3.12\nRUN sudo -H pip3 install flask\n", want: 1},
		{name: "download", src: "FROM python:3.12\nRUN pip download flask\n", want: 0},
	})
}
