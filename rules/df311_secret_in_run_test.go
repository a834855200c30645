package rules

import (
	"strings"
	"testing"
)

func TestDF311SecretInRun(t *testing.T) {
	runCases(t, "DF311", []ruleCase{
		// Corpus: vimagick__dockerfiles/ansible__Dockerfile.
		{name: "chpasswd", src: "FROM ubuntu:24.04\nRUN echo 'test:test' | chpasswd\n", want: 1, onbuild: true},
		{name: "chpasswd through sudo", src: "FROM ubuntu:24.04\nRUN echo \"root:hunter2\" | sudo chpasswd\n", want: 1},
		{name: "chpasswd printf", src: "FROM ubuntu:24.04\nRUN printf 'app:pw\\n' | chpasswd\n", want: 1},
		{name: "chpasswd in sh -c", src: "FROM ubuntu:24.04\nRUN sh -c \"echo root:pw | chpasswd\"\n", want: 1},
		{name: "chpasswd from variable", src: "FROM ubuntu:24.04\nARG ROOT_PASSWORD\nRUN echo \"root:${ROOT_PASSWORD}\" | chpasswd\n", want: 0},
		{name: "chpasswd from secret", src: "FROM ubuntu:24.04\nRUN --mount=type=secret,id=pw echo \"root:$(cat /run/secrets/pw)\" | chpasswd\n", want: 0},
		{name: "chpasswd empty password", src: "FROM ubuntu:24.04\nRUN echo 'root:' | chpasswd\n", want: 0},
		{name: "chpasswd from file", src: "FROM ubuntu:24.04\nRUN chpasswd < /run/secrets/users\n", want: 0},
		{name: "echo not piped", src: "FROM ubuntu:24.04\nRUN echo 'root:pw' > /tmp/x && chpasswd < /tmp/y\n", want: 0},
		{name: "passwd stdin", src: "FROM centos:7\nRUN echo secret | passwd --stdin root\n", want: 1},
		{name: "useradd -p", src: "FROM ubuntu:24.04\nRUN useradd -m -p '$6$salt$hash' app\n", want: 1},
		{name: "usermod --password", src: "FROM ubuntu:24.04\nRUN usermod --password plain app\n", want: 1},
		{name: "useradd locked", src: "FROM ubuntu:24.04\nRUN useradd -p '*' app && useradd -p '' b && useradd -p '!' c\n", want: 0},
		{name: "useradd variable", src: "FROM ubuntu:24.04\nRUN useradd -p \"$HASH\" app\n", want: 0},
		{name: "mysql", src: "FROM mysql:8.4\nRUN mysql -uroot -pSecret -e 'select 1'\n", want: 1},
		{name: "mysqladmin long", src: "FROM mysql:8.4\nRUN mysqladmin --user=root --password=Secret status\n", want: 1},
		{name: "mysql prompts", src: "FROM mysql:8.4\nRUN mysql -uroot -p -e 'select 1'\n", want: 0},
		{name: "mysql variable", src: "FROM mysql:8.4\nRUN mysql -uroot -p$MYSQL_ROOT_PASSWORD -e 'select 1' && mysql --password=\"${PW}\"\n", want: 0},
		{name: "curl -u", src: "FROM alpine:3.20\nRUN curl -fsSL -u admin:s3cret https://repo.example.com/a.tgz -o a.tgz\n", want: 1},
		{name: "curl -u attached", src: "FROM alpine:3.20\nRUN curl -uadmin:s3cret https://repo.example.com/a\n", want: 1},
		{name: "curl -u cluster", src: "FROM alpine:3.20\nRUN curl -sSu admin:s3cret https://repo.example.com/a\n", want: 1},
		{name: "curl -u user only", src: "FROM alpine:3.20\nRUN curl -u admin: https://repo.example.com/a && curl -u admin https://x.example.com\n", want: 0},
		{name: "curl -u variable", src: "FROM alpine:3.20\nRUN curl -u \"admin:$TOKEN\" https://repo.example.com/a && curl -u \"$USER:$PASS\" https://x.example.com\n", want: 0},
		{name: "wget password", src: "FROM alpine:3.20\nRUN wget --user=bob --password=s3cret https://repo.example.com/a\n", want: 1},
		{name: "wget password variable", src: "FROM alpine:3.20\nRUN wget --password=$PASSWORD https://repo.example.com/a\n", want: 0},
		{name: "sshpass", src: "FROM alpine:3.20\nRUN sshpass -p s3cret scp user@host:/a /a\n", want: 1},
		{name: "sshpass file", src: "FROM alpine:3.20\nRUN sshpass -f /run/secrets/pw scp user@host:/a /a\n", want: 0},
		{name: "git clone with token", src: "FROM alpine:3.20\nRUN git clone https://bot:ghp_abc123@github.com/acme/app.git\n", want: 1},
		{name: "pip with credentials", src: "FROM python:3.12\nRUN pip install --index-url https://user:pw@pypi.example.com/simple app\n", want: 1},
		{name: "git clone with variable token", src: "FROM alpine:3.20\nRUN git clone https://oauth2:${TOKEN}@gitlab.com/acme/app.git\n", want: 0},
		{name: "url with user only", src: "FROM alpine:3.20\nRUN git clone https://bot@github.com/acme/app.git && git clone ssh://git@github.com:22/a/b\n", want: 0},
		{name: "url with port", src: "FROM alpine:3.20\nRUN curl -fsSL https://repo.example.com:8443/a -o a\n", want: 0},
	})
}

// The messages name the user, never the secret, and say what to do.
func TestDF311Messages(t *testing.T) {
	for src, want := range map[string]string{
		"FROM ubuntu:24.04\nRUN echo 'test:t0psecret' | chpasswd\n":                       "the password of `test` piped into `chpasswd` is written in the Dockerfile, so it is in the repository and the image history: read it from a build secret (`RUN --mount=type=secret,id=test_password sh -c 'echo \"test:$(cat /run/secrets/test_password)\" | chpasswd'`), or leave the account without a password",
		"FROM mysql:8.4\nRUN mysql -uroot -pt0psecret\n":                                  "`mysql -p…` writes the database password into the Dockerfile and the image history: pass it from a build secret, which the client reads from MYSQL_PWD (`RUN --mount=type=secret,id=mysql_password,env=MYSQL_PWD mysql …`)",
		"FROM alpine:3.20\nRUN curl -u admin:t0psecret https://x.example.com\n":           "`curl -u admin:…` writes a password into the Dockerfile and the image history: mount a .netrc as a build secret instead (`RUN --mount=type=secret,id=netrc,target=/root/.netrc curl --netrc …`)",
		"FROM alpine:3.20\nRUN git clone https://bot:t0psecret@github.com/acme/app.git\n": "the URL given to `git` holds the password of `bot`, written into the Dockerfile and the image history: read it from a build secret (`RUN --mount=type=secret,id=token,env=TOKEN …` and `https://bot:${TOKEN}@…`); `git clone` also keeps the URL in .git/config, so pass the token in a header (`git -c http.extraHeader=…`) or a credential helper",
	} {
		fs := lintWith(t, src, "DF311")
		if len(fs) != 1 {
			t.Fatalf("%q: got %+v", src, fs)
		}
		if fs[0].Message != want {
			t.Errorf("%q:\n got %q\nwant %q", src, fs[0].Message, want)
		}
		if strings.Contains(fs[0].Message, "t0psecret") {
			t.Errorf("the message repeats the secret: %q", fs[0].Message)
		}
		if got := src[fs[0].Start:fs[0].End]; !strings.Contains(got, "t0psecret") {
			t.Errorf("%q: range %q does not hold the secret", src, got)
		}
	}
}
