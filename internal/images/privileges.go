package images

import (
	_ "embed"
	"encoding/json"
	"path"
	"strings"
	"sync"
)

//go:embed privileges.json
var privilegesData []byte

// privileges lists the programs that start as root and switch to another
// user themselves (privileges.json): a USER instruction breaks them.
type privileges struct {
	Sources  []string `json:"sources"`
	Checked  string   `json:"checked"`
	Droppers []string `json:"droppers"`
	Services []string `json:"services"`
	// NeedsRoot are programs whose purpose needs root (dockerd, iptables).
	NeedsRoot []string `json:"needsRoot"`
	// ServicePackages are the packages that install the Services, as
	// path.Match patterns.
	ServicePackages []string `json:"servicePackages"`

	droppers map[string]bool // Droppers, for the look-up of every word
}

var loadPrivileges = sync.OnceValue(func() *privileges {
	var p privileges
	if err := json.Unmarshal(privilegesData, &p); err != nil {
		panic("privileges.json: " + err.Error())
	}
	p.droppers = map[string]bool{}
	for _, d := range p.Droppers {
		p.droppers[d] = true
	}
	return &p
})

// PrivilegeDropper tells whether a program (its base name) runs another
// one as another user (gosu, su-exec, setpriv).
func PrivilegeDropper(name string) bool {
	return loadPrivileges().droppers[name]
}

// DropsPrivilegesItself tells whether a service (its base name) starts as
// root and switches its workers or itself to another user (mysqld with
// user=, supervisord, php-fpm, sshd, nginx). A versioned name counts
// (php-fpm8.2, php-fpm83).
func DropsPrivilegesItself(name string) bool {
	for _, s := range loadPrivileges().Services {
		if name == s {
			return true
		}
		if v, ok := strings.CutPrefix(name, s); ok && v != "" && strings.Trim(v, "0123456789.") == "" {
			return true
		}
	}
	return false
}

// NeedsRoot tells whether a program (its base name) cannot do what it is
// for without root in the container: rootful Docker-in-Docker and
// BuildKit, kubelet, firewall tools.
func NeedsRoot(name string) bool {
	for _, n := range loadPrivileges().NeedsRoot {
		if name == n {
			return true
		}
	}
	return false
}

// InstallsService tells whether a distribution package (its name, version
// removed) installs a service that starts as root and switches user
// itself (mysql-server, openssh-server, supervisor, php8.2-fpm).
func InstallsService(pkg string) bool {
	for _, pattern := range loadPrivileges().ServicePackages {
		if ok, _ := path.Match(pattern, pkg); ok {
			return true
		}
	}
	return false
}
