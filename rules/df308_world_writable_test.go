package rules

import "testing"

func TestDF308WorldWritable(t *testing.T) {
	runCases(t, "DF308", []ruleCase{
		{name: "777", src: "FROM debian:12\nRUN chmod 777 /data\n", want: 1, onbuild: true},
		{name: "removed by a later RUN only", src: "FROM debian:12\nRUN chmod 777 /data\nRUN rm -rf /data\n", want: 1},
		{name: "one of two paths kept", src: "FROM debian:12\nRUN chmod 777 /tmp/x /data\n", want: 1},
		// Corpus: the nginx images chmod 777 a mktemp directory for apt's
		// _apt user and delete it at the end of the RUN.
		{name: "temp directory removed in the same RUN", src: "FROM debian:12\nRUN tempDir=\"$(mktemp -d)\" && chmod 777 \"$tempDir\" && cd \"$tempDir\" && make && rm -rf \"$tempDir\"\n", want: 0, onbuild: true},
		{name: "under /tmp", src: "FROM debian:12\nRUN mkdir /tmp/build && chmod 777 /tmp/build\n", want: 0},
		{name: "-R 0777", src: "FROM debian:12\nRUN mkdir /d && chmod -R 0777 /d\n", want: 1, onbuild: true},
		{name: "666", src: "FROM debian:12\nRUN chmod 666 /var/run/app.sock\n", want: 1},
		{name: "a+w", src: "FROM debian:12\nRUN chmod a+w /data\n", want: 1},
		{name: "o=rwx", src: "FROM debian:12\nRUN chmod u=rwx,g=rx,o=rwx /data\n", want: 1},
		{name: "ugo+rw", src: "FROM debian:12\nRUN sudo chmod -R ugo+rw /data\n", want: 1},
		{name: "from arg", src: "FROM debian:12\nARG MODE=777\nRUN chmod $MODE /data\n", want: 1},
		{name: "copy --chmod", src: "FROM debian:12\nCOPY --chmod=777 app /app\n", want: 1, onbuild: true},
		{name: "in sh -c", src: "FROM debian:12\nRUN sh -c 'chmod 777 /x'\n", want: 1},
		{name: "755", src: "FROM debian:12\nRUN chmod 755 /app/run.sh\n", want: 0, onbuild: true},
		{name: "775", src: "FROM debian:12\nRUN chmod -R 775 /data\n", want: 0},
		{name: "sticky 1777", src: "FROM debian:12\nRUN chmod 1777 /tmp\n", want: 0},
		{name: "sticky symbolic", src: "FROM debian:12\nRUN chmod a+rwxt /scratch\n", want: 0},
		{name: "+x", src: "FROM debian:12\nRUN chmod +x /run.sh\n", want: 0},
		{name: "+w without who", src: "FROM debian:12\nRUN chmod +w /f\n", want: 0},
		{name: "g+w", src: "FROM debian:12\nRUN chmod -R g+w /data\n", want: 0},
		{name: "o-w", src: "FROM debian:12\nRUN chmod o-w /data\n", want: 0},
		{name: "reference", src: "FROM debian:12\nRUN chmod --reference=/a /b\n", want: 0},
		{name: "copy --chmod 755", src: "FROM debian:12\nCOPY --chmod=755 app /app\n", want: 0},
		{name: "unknown variable", src: "FROM debian:12\nRUN chmod $MODE /data\n", want: 0},
		{name: "windows", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN chmod 777 x\n", want: 0},
	})
}
