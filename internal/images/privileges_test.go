package images

import "testing"

func TestInstallsService(t *testing.T) {
	for pkg, want := range map[string]bool{
		"mysql-server":         true,
		"mysql55-mysql-server": true, // CentOS Software Collections
		"mariadb-server":       true,
		"postgresql":           true,
		"postgresql-15":        true,
		"postgresql16-server":  true, // PGDG on RHEL
		"openssh-server":       true,
		"openssh":              true, // Alpine: sshd is in openssh
		"supervisor":           true,
		"php8.2-fpm":           true,
		"php82-fpm":            true,
		"httpd":                true,
		"postgresql-client":    false,
		"postgresql-client-15": false,
		"openssh-client":       false,
		"nginx-module-njs":     false,
		"php8.2-cli":           false,
		"libapache2-mod-php":   false,
	} {
		if got := InstallsService(pkg); got != want {
			t.Errorf("InstallsService(%q) = %v, want %v", pkg, got, want)
		}
	}
}

func TestDropsPrivilegesItself(t *testing.T) {
	for name, want := range map[string]bool{
		"supervisord":        true,
		"php-fpm8.2":         true,
		"apache2-foreground": true,
		"init":               true, // s6-overlay's /init, systemd
		"squid":              true,
		"dnsmasq":            true,
		"crond":              true,
		"python":             false,
		"initdb":             false,
		"nginx-debug":        false,
	} {
		if got := DropsPrivilegesItself(name); got != want {
			t.Errorf("DropsPrivilegesItself(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestNeedsRoot(t *testing.T) {
	for name, want := range map[string]bool{
		"dockerd-entrypoint.sh": true,
		"buildkitd":             true,
		"iptables":              true,
		"docker":                false,
		"buildctl":              false,
	} {
		if got := NeedsRoot(name); got != want {
			t.Errorf("NeedsRoot(%q) = %v, want %v", name, got, want)
		}
	}
}
