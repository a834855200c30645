package rules

import "testing"

func TestDF517ShellViaRun(t *testing.T) {
	runCases(t, "DF517", []ruleCase{
		{name: "ln -sf", src: "FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n", want: 1, onbuild: true},
		{name: "rm and ln", src: "FROM debian:12\nRUN rm /bin/sh && ln -s /bin/bash /bin/sh\n", want: 1},
		{name: "two in one RUN", src: "FROM debian:12\nRUN ln -sf bash /bin/sh && mv /bin/bash /usr/bin/sh\n", want: 1},
		{name: "cp", src: "FROM debian:12\nRUN cp /bin/bash /bin/sh\n", want: 1},
		{name: "update-alternatives", src: "FROM debian:12\nRUN update-alternatives --install /bin/sh sh /bin/bash 100\n", want: 1},
		{name: "dpkg-reconfigure dash", src: "FROM debian:12\nRUN echo 'dash dash/sh boolean false' | debconf-set-selections && DEBIAN_FRONTEND=noninteractive dpkg-reconfigure dash\n", want: 1},
		{name: "in sh -c", src: "FROM debian:12\nRUN sh -c 'ln -sf /bin/bash /bin/sh'\n", want: 1},
		{name: "other link", src: "FROM debian:12\nRUN ln -sf /usr/bin/python3 /usr/bin/python\n", want: 0, onbuild: true},
		{name: "cp from sh", src: "FROM debian:12\nRUN cp /bin/sh /tmp/sh\n", want: 0},
		{name: "SHELL", src: "FROM debian:12\nSHELL [\"/bin/bash\", \"-c\"]\nRUN echo hi\n", want: 0},
		{name: "assignment only", src: "FROM debian:12\nRUN A=1\n", want: 0},
		{name: "echo", src: "FROM debian:12\nRUN echo /bin/sh\n", want: 0},
	})
}
