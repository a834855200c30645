package rules

import "testing"

func TestDF512InvalidExpose(t *testing.T) {
	runCases(t, "DF512", []ruleCase{
		{name: "valid", src: "FROM nginx:1.27\nEXPOSE 80 443/tcp 53/udp 9000-9010/sctp 0\n", want: 0, onbuild: true},
		{name: "out of range", src: "FROM nginx:1.27\nEXPOSE 80 65536\n", want: 1, onbuild: true},
		{name: "range out of range", src: "FROM nginx:1.27\nEXPOSE 80-70000\n", want: 1},
		{name: "reversed range", src: "FROM nginx:1.27\nEXPOSE 90-80\n", want: 1},
		{name: "not a number", src: "FROM nginx:1.27\nEXPOSE http\n", want: 1},
		{name: "upper-case proto", src: "FROM nginx:1.27\nEXPOSE 80/TCP 53/Udp\n", want: 2, onbuild: true},
		{name: "unknown proto", src: "FROM nginx:1.27\nEXPOSE 80/http\n", want: 1},
		{name: "host mapping", src: "FROM nginx:1.27\nEXPOSE 8080:80\n", want: 1},
		{name: "ip mapping", src: "FROM nginx:1.27\nEXPOSE 127.0.0.1:8080:80/tcp\n", want: 1},
		{name: "ARG default", src: "FROM nginx:1.27\nARG PORT=70000\nEXPOSE $PORT\n", want: 1},
		{name: "ARG ok", src: "FROM nginx:1.27\nARG PORT=8080\nEXPOSE ${PORT}/tcp\n", want: 0},
		{name: "unknown variable", src: "FROM nginx:1.27\nEXPOSE $PORT\n", want: 0},
		{name: "quoted", src: "FROM nginx:1.27\nEXPOSE \"80/TCP\"\n", want: 1},
	})
}

func TestDF512Fix(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"proto", "FROM nginx:1.27\nEXPOSE 80/TCP 53/Udp 443\n", "FROM nginx:1.27\nEXPOSE 80/tcp 53/udp 443\n"},
		{"quoted", "FROM nginx:1.27\nEXPOSE \"80/TCP\"\n", "FROM nginx:1.27\nEXPOSE \"80/tcp\"\n"},
		{"unknown upper-case proto not fixed", "FROM nginx:1.27\nEXPOSE 80/HTTP /A/00\n", "FROM nginx:1.27\nEXPOSE 80/HTTP /A/00\n"},
		{"variable not fixed", "FROM nginx:1.27\nARG P=TCP\nEXPOSE 80/$P\n", "FROM nginx:1.27\nARG P=TCP\nEXPOSE 80/$P\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := df5ApplyFixes(t, tt.src, "DF512")
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
