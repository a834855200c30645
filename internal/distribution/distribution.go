// Package distribution runs the real distribution registry (Debian's
// docker-registry package) on 127.0.0.1, with a config and storage of its
// own, for the tests that need a registry that is not ours.
package distribution

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Registry is a running docker-registry.
type Registry struct {
	// Addr is host:port, on 127.0.0.1.
	Addr string
	cmd  *exec.Cmd
	done chan error
	log  *syncBuffer
	stop sync.Once
}

// Start runs bin (docker-registry) with a config in dir, storing images in
// dir/storage, and waits until it answers /v2/. A registry that exits or
// does not answer in 20 seconds is an error with the end of its log.
func Start(ctx context.Context, bin, dir string) (*Registry, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	config := fmt.Sprintf(`version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: %s
  delete:
    enabled: true
http:
  addr: %s
`, filepath.Join(dir, "storage"), addr)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	configPath := filepath.Join(dir, "config.yml")
	if err := os.WriteFile(configPath, []byte(config), 0o644); err != nil {
		return nil, err
	}
	r := &Registry{Addr: addr, done: make(chan error, 1), log: &syncBuffer{}}
	r.cmd = exec.Command(bin, "serve", configPath)
	r.cmd.Stdout, r.cmd.Stderr = r.log, r.log
	// Its own process group, so that Stop ends it and nothing it started.
	r.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := r.cmd.Start(); err != nil {
		return nil, fmt.Errorf("cannot start %s: %w", bin, err)
	}
	go func() { r.done <- r.cmd.Wait() }()
	deadline := time.Now().Add(20 * time.Second)
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/v2/", nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return r, nil
			}
		}
		select {
		case err := <-r.done:
			r.done <- err
			return nil, fmt.Errorf("%s exited at start (%v):\n%s", bin, err, r.Log())
		default:
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			r.Stop()
			return nil, fmt.Errorf("%s did not answer on %s within 20s:\n%s", bin, addr, r.Log())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Stop ends the registry by its PID (SIGTERM, then SIGKILL after 5
// seconds) and waits for it. It may be called more than once.
func (r *Registry) Stop() {
	r.stop.Do(func() {
		_ = syscall.Kill(-r.cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-r.done:
		case <-time.After(5 * time.Second):
			_ = syscall.Kill(-r.cmd.Process.Pid, syscall.SIGKILL)
			<-r.done
		}
	})
}

// Log is the last lines the registry wrote.
func (r *Registry) Log() string {
	lines := strings.Split(strings.TrimRight(r.log.String(), "\n"), "\n")
	if len(lines) > 20 {
		lines = lines[len(lines)-20:]
	}
	return strings.Join(lines, "\n")
}

// freePort asks the kernel for a port that is free on 127.0.0.1 now.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// syncBuffer is a bytes.Buffer the registry's output goroutines and Log
// may use at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
