package rules

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"mvdan.cc/sh/v3/syntax"
)

var _ = register(&Rule{
	ID:       "DF311",
	Name:     "secret-in-run",
	Severity: Warning,
	Summary:  "A password or token written into a RUN command",
	Check:    checkSecretInRun,
})

// The options that take a password are from the tools' manuals:
// shadow-utils useradd(8)/usermod(8) 4.13, MySQL 8.4 client options,
// curl(1) 8.5, wget(1) 1.21, sshpass(1) 1.09 (read 2026-12). The commands
// are read with DF309's useraddSpec and DF306's curlSpec and wgetSpec.

// sshpassSpec: -p takes the password, -f a file, -d a descriptor, -e
// names a variable (its own or the next word).
var sshpassSpec = shellcmd.OptSpec{ShortValue: "pfde"}

// mysqlClients are the MySQL and MariaDB client programs that read
// `-pPASSWORD` and `--password=PASSWORD`.
var mysqlClients = shellcmd.Set("mysql", "mysqladmin", "mysqldump", "mysqlimport", "mysqlshow", "mysqlcheck", "mysqlpump", "mysqlsh",
	"mariadb", "mariadb-admin", "mariadb-dump", "mariadb-import", "mariadb-show", "mariadb-check")

// lockedPasswords are values of `useradd -p` that set no password: the
// account is locked or has none.
var lockedPasswords = shellcmd.Set("", "*", "!", "!!", "x")

// credentialURLRe is a URL with a user and a password: `https://user:token@host`.
var credentialURLRe = lazyRegexp(`[A-Za-z][A-Za-z0-9+.-]*://([^/@:\s'"]+):([^/@\s'"]+)@[^/\s'"]`)

func checkSecretInRun(p *Pass) {
	for in := range p.untilCanceled(shellcmd.RunInstructions(p.File)) {
		for _, c := range shellcmd.CommandsIn(in) {
			if i, msg := secretInCommand(c); msg != "" {
				p.Report(c.Args[i].Start, c.Args[i].End, msg, nil)
				continue
			}
			for i := 1; i < len(c.Args); i++ {
				if user, ok := credentialInURL(c.Args[i]); ok {
					p.Report(c.Args[i].Start, c.Args[i].End, urlCredentialMessage(c.Name(), user), nil)
				}
			}
		}
		for _, c := range shellcmd.CommandsIn(in) {
			if w, who, user, ok := passwordPipedIn(c); ok {
				p.Report(w.Start, w.End, pipedPasswordMessage(who, user), nil)
			}
		}
	}
}

// valueWord is the index of the word that holds option o's value: the
// option's own (`-uuser:pw`, `--password=pw`) or the next (`-u user:pw`).
func valueWord(c *shellcmd.Command, o shellcmd.ShellOpt) int {
	w := c.Args[o.Word].Value
	if o.Word+1 < len(c.Args) && (!strings.HasSuffix(w, o.Value) || len(w) == len(o.Value)) {
		return o.Word + 1
	}
	return o.Word
}

// secretValue tells whether the value of option o is written in the
// Dockerfile: not empty and with no expansion (`$PASSWORD`,
// `$(cat /run/secrets/db)` are read at build time).
func secretValue(c *shellcmd.Command, o shellcmd.ShellOpt) bool {
	return o.HasValue && o.Value != "" && c.Args[o.Word].Literal && c.Args[valueWord(c, o)].Literal
}

// secretInCommand finds a password given on the command line of the tools
// that take one: the index of its word and the message, or "".
func secretInCommand(c *shellcmd.Command) (int, string) {
	name := c.Name()
	switch {
	case name == "useradd" || name == "usermod":
		opts, _ := c.Options(&useraddSpec)
		for _, o := range opts {
			if (o.Name == "-p" || o.Name == "--password") && secretValue(c, o) && !lockedPasswords[o.Value] {
				return valueWord(c, o), fmt.Sprintf("`%s %s` writes the account's password hash into the Dockerfile and the image history, where anyone can try to crack it: "+
					"set it from a build secret (`RUN --mount=type=secret,id=user_password …` and `chpasswd`), or leave the account without a password", name, o.Name)
			}
		}
	case mysqlClients[name]:
		// Read by hand: `-p` takes the rest of its word or nothing (alone,
		// the client prompts), which no OptSpec says.
		for i := 1; i < len(c.Args); i++ {
			a := c.Args[i]
			if !a.Literal {
				continue
			}
			if a.Value == "--" {
				break
			}
			opt, pass := "", ""
			switch {
			case strings.HasPrefix(a.Value, "--password="):
				opt, pass = "--password=", strings.TrimPrefix(a.Value, "--password=")
			case strings.HasPrefix(a.Value, "-p") && !strings.HasPrefix(a.Value, "--"):
				opt, pass = "-p", a.Value[2:]
			}
			if pass != "" {
				return i, fmt.Sprintf("`%s %s…` writes the database password into the Dockerfile and the image history: "+
					"pass it from a build secret, which the client reads from MYSQL_PWD (`RUN --mount=type=secret,id=mysql_password,env=MYSQL_PWD %s …`)", name, opt, name)
			}
		}
	case name == "curl":
		opts, _ := c.Options(&curlSpec)
		for _, o := range opts {
			if o.Name == "-u" || o.Name == "--user" || o.Name == "-U" || o.Name == "--proxy-user" {
				if user, pass, ok := strings.Cut(o.Value, ":"); ok && pass != "" && secretValue(c, o) {
					return valueWord(c, o), fmt.Sprintf("`curl %s %s:…` writes a password into the Dockerfile and the image history: "+
						"mount a .netrc as a build secret instead (`RUN --mount=type=secret,id=netrc,target=/root/.netrc curl --netrc …`)", o.Name, user)
				}
			}
		}
	case name == "wget":
		opts, _ := c.Options(&wgetSpec)
		for _, o := range opts {
			switch o.Name {
			case "--password", "--http-password", "--ftp-password", "--proxy-password":
				if secretValue(c, o) {
					return valueWord(c, o), fmt.Sprintf("`wget %s` writes a password into the Dockerfile and the image history: "+
						"mount a .netrc as a build secret instead (`RUN --mount=type=secret,id=netrc,target=/root/.netrc wget …`)", o.Name)
				}
			}
		}
	case name == "sshpass":
		opts, _ := c.Options(&sshpassSpec)
		for _, o := range opts {
			if o.Name == "-p" && secretValue(c, o) {
				return valueWord(c, o), "`sshpass -p` writes a password into the Dockerfile and the image history: " +
					"read it from a build secret (`RUN --mount=type=secret,id=ssh_password sshpass -f /run/secrets/ssh_password …`), or mount an SSH key (`RUN --mount=type=ssh`)"
			}
		}
	}
	return 0, ""
}

// credentialInURL tells whether a word holds a URL with a password written
// in it, and returns the user. The part of a word before its first
// expansion is read: `https://oauth2:${TOKEN}@host` has none written.
func credentialInURL(w parser.Word) (user string, ok bool) {
	text := w.Value
	if !w.Literal {
		text = shellcmd.LiteralPrefix(w.Word)
	}
	if !strings.Contains(text, "://") || !strings.Contains(text, "@") {
		return "", false // what the expression needs, checked without it
	}
	m := credentialURLRe().FindStringSubmatch(text)
	if m == nil {
		return "", false
	}
	return m[1], true
}

func urlCredentialMessage(cmd, user string) string {
	msg := fmt.Sprintf("the URL given to `%s` holds the password of `%s`, written into the Dockerfile and the image history: "+
		"read it from a build secret (`RUN --mount=type=secret,id=token,env=TOKEN …` and `https://%s:${TOKEN}@…`)", cmd, user, user)
	if cmd == "git" {
		msg += "; `git clone` also keeps the URL in .git/config, so pass the token in a header (`git -c http.extraHeader=…`) or a credential helper"
	}
	return msg
}

func pipedPasswordMessage(cmd, user string) string {
	if cmd == "chpasswd" {
		return fmt.Sprintf("the password of `%s` piped into `chpasswd` is written in the Dockerfile, so it is in the repository and the image history: "+
			"read it from a build secret (`RUN --mount=type=secret,id=%s_password sh -c 'echo \"%s:$(cat /run/secrets/%s_password)\" | chpasswd'`), or leave the account without a password", user, user, user, user)
	}
	return "the password piped into `passwd` is written in the Dockerfile, so it is in the repository and the image history: " +
		"read it from a build secret (`RUN --mount=type=secret,id=password …` and `/run/secrets/password`), or leave the account without a password"
}

// passwordPipedIn finds `echo 'user:password' | chpasswd` and
// `echo password | passwd`: the echo or printf word written in the
// Dockerfile, the command it is piped into, and the user (chpasswd).
func passwordPipedIn(v *shellcmd.Command) (w parser.Word, cmd, user string, ok bool) {
	call := v.Call
	if (v.Name() != "chpasswd" && v.Name() != "passwd") || call.Script == nil || call.Script.AST == nil {
		return parser.Word{}, "", "", false
	}
	var source *syntax.CallExpr
	syntax.Walk(call.Script.AST, func(n syntax.Node) bool {
		if b, isBin := n.(*syntax.BinaryCmd); isBin && b.Op == syntax.Pipe && b.Y != nil && b.Y.Cmd == syntax.Command(call.Expr) {
			if x, isCall := b.X.Cmd.(*syntax.CallExpr); isCall {
				source = x
			}
			return false
		}
		return source == nil
	})
	if source == nil {
		return parser.Word{}, "", "", false
	}
	for _, c := range call.Script.Instruction.Calls() {
		if c.Expr != source || len(c.Args) < 2 || (c.Name() != "echo" && c.Name() != "printf") {
			continue
		}
		var written *parser.Word
		for i := 1; i < len(c.Args); i++ {
			a := c.Args[i]
			if !a.Literal {
				return parser.Word{}, "", "", false // `echo "root:$PASSWORD"`: read at build time
			}
			if strings.HasPrefix(a.Value, "-") && written == nil {
				continue // echo -e, printf -v …
			}
			if written == nil {
				written = &c.Args[i]
			}
		}
		if written == nil {
			return parser.Word{}, "", "", false
		}
		val := strings.TrimSpace(strings.ReplaceAll(written.Value, `\n`, "\n"))
		if v.Name() == "chpasswd" {
			u, pass, ok := strings.Cut(val, ":")
			if !ok || strings.TrimSpace(pass) == "" {
				return parser.Word{}, "", "", false
			}
			user = u
		} else if val == "" {
			return parser.Word{}, "", "", false
		}
		return *written, v.Name(), user, true
	}
	return parser.Word{}, "", "", false
}
