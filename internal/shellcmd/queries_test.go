package shellcmd

import (
	"slices"
	"testing"
)

func TestPlainCommand(t *testing.T) {
	tests := []struct {
		src  string
		want []string // nil: not a plain command
	}{
		{"FROM a\nCMD python app.py --port 8000\n", []string{"python", "app.py", "--port", "8000"}},
		{"FROM a\nCMD \"gunicorn\" 'app:app'\n", []string{"gunicorn", "app:app"}},
		// A leading exec goes; exec with options stays.
		{"FROM a\nCMD exec node server.js\n", []string{"node", "server.js"}},
		{"FROM a\nCMD exec -a name node\n", []string{"exec", "-a", "name", "node"}},
		// The statement may end in `;`: whether that matters is the caller's.
		{"FROM a\nCMD node server.js;\n", []string{"node", "server.js"}},
		{"FROM a\nCMD node $APP\n", nil},
		{"FROM a\nCMD node *.js\n", nil},
		{"FROM a\nCMD PORT=1 node s.js\n", nil},
		{"FROM a\nCMD node s.js > log\n", nil},
		{"FROM a\nCMD ! node s.js\n", nil},
		{"FROM a\nCMD node s.js &\n", nil},
		{"FROM a\nCMD a && b\n", nil},
		{"FROM a\nCMD a; b\n", nil},
		{"FROM a\nCMD [\"node\", \"s.js\"]\n", nil},
	}
	for _, tt := range tests {
		f := mustParse(t, tt.src)
		in := f.Stages[0].Instructions[1]
		s, call, argv, ok := PlainCommand(in)
		if ok != (tt.want != nil) || !slices.Equal(argv, tt.want) {
			t.Errorf("%q: got %q %v, want %q", tt.src, argv, ok, tt.want)
			continue
		}
		if ok && (s == nil || call == nil || len(call.Args) == 0) {
			t.Errorf("%q: script %v, call %v", tt.src, s, call)
		}
	}
}
