package rules

import "testing"

func TestDF305PipeToShell(t *testing.T) {
	runCases(t, "DF305", []ruleCase{
		{name: "curl | sh", src: "FROM debian:12\nRUN curl -fsSL https://e.com/i.sh | sh\n", want: 1, onbuild: true},
		{name: "wget -O- | bash", src: "FROM debian:12\nRUN wget -qO- https://e.com/i.sh | bash\n", want: 1, onbuild: true},
		{name: "sudo bash -", src: "FROM debian:12\nRUN curl -sL https://deb.nodesource.com/setup_20.x | sudo -E bash -\n", want: 1},
		{name: "sh -s with args", src: "FROM debian:12\nRUN curl -sSf https://sh.rustup.rs | sh -s -- -y\n", want: 1},
		{name: "sh -s with a variable", src: "FROM debian:12\nRUN wget -O- https://e.com/i.sh | sh -s ${VERSION}\n", want: 1},
		{name: "sh with a variable script", src: "FROM debian:12\nRUN curl -s https://e.com/v | sh $SCRIPT\n", want: 0},
		{name: "through tee", src: "FROM debian:12\nRUN curl -s https://e.com/x | tee /tmp/x | bash\n", want: 1},
		{name: "after &&", src: "FROM debian:12\nRUN apt-get update && curl -s https://e.com/x | bash && rm -rf /tmp\n", want: 1},
		{name: "python stdin", src: "FROM debian:12\nRUN curl -sSL https://install.python-poetry.org | python3 -\n", want: 1},
		{name: "bash -o pipefail", src: "FROM debian:12\nRUN curl -s https://e.com/x | bash -o pipefail\n", want: 1},
		{name: "/bin/sh full path", src: "FROM debian:12\nRUN curl -s https://e.com/x | /bin/sh\n", want: 1},
		{name: "bash -c cmdsubst", src: "FROM debian:12\nRUN /bin/bash -c \"$(curl -fsSL https://e.com/install.sh)\"\n", want: 1},
		{name: "bash procsubst", src: "FROM debian:12\nRUN bash <(curl -fsSL https://e.com/install.sh)\n", want: 1},
		{name: "in sh -c", src: "FROM debian:12\nRUN sh -c 'curl -s https://e.com/x | sh'\n", want: 1},
		{name: "in heredoc", src: "FROM debian:12\nRUN <<EOF\ncurl -s https://e.com/x | sh\nEOF\n", want: 1, noVariants: true},
		{name: "two pipelines", src: "FROM debian:12\nRUN curl -s https://e.com/x | sh && wget -O- https://e.com/y | sh\n", want: 2},
		{name: "python -c reads json", src: "FROM debian:12\nRUN curl -s https://api.e.com/v | python3 -c 'import json,sys; print(json.load(sys.stdin))'\n", want: 0, onbuild: true},
		{name: "to tar", src: "FROM debian:12\nRUN curl -fsSL https://e.com/a.tgz | tar -xz -C /opt\n", want: 0, onbuild: true},
		{name: "to a script file", src: "FROM debian:12\nRUN curl -s https://e.com/v | bash /tmp/parse.sh\n", want: 0},
		{name: "bash -c", src: "FROM debian:12\nRUN curl -s https://e.com/v | bash -c 'read x; echo $x'\n", want: 0},
		{name: "gpg", src: "FROM debian:12\nRUN curl -fsSL https://e.com/key | gpg --dearmor -o /k.gpg\n", want: 0},
		{name: "saved then run", src: "FROM debian:12\nRUN curl -fsSLo /tmp/i.sh https://e.com/i.sh && sh /tmp/i.sh\n", want: 0},
		{name: "echo | sh", src: "FROM debian:12\nRUN echo 'echo hi' | sh\n", want: 0},
		{name: "bash -c with other text", src: "FROM debian:12\nRUN bash -c \"echo $(curl -s https://e.com/v)\"\n", want: 0},
		{name: "exec form", src: "FROM debian:12\nRUN [\"sh\", \"-c\", \"curl x | sh\"]\n", want: 0},
	})
}
