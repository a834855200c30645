package buildverify

import (
	"os"
	"path/filepath"
)

// Debian's busybox-static (1.35, bookworm) is built without the adduser
// and addgroup applets (`busybox --list` has neither), which Alpine's and
// Wolfi's BusyBox have: they are how a user is made there, with no
// shadow. The stand-ins get these two BusyBox sh scripts in their place.
// They take BusyBox's options (busybox adduser --help: -h DIR, -g GECOS,
// -s SHELL, -G GRP, -S, -D, -H, -u UID; addgroup: -g GID, -S, and the
// "USER GROUP" form that adds a user to a group) and write /etc/passwd,
// /etc/group and /etc/shadow as BusyBox does. Without -G, adduser makes a
// group of the user's name, as BusyBox does. They refuse an existing name
// or id, and to run as non-root.
const addgroupScript = `#!/bin/sh
# dflint build verification: BusyBox's addgroup (internal/buildverify/accounts.go).
# STANDIN_ROOT and STANDIN_UID are for its tests: a tree and a user id.
R=${STANDIN_ROOT:-}
gid=
while getopts g:S o; do
	case $o in
	g) gid=$OPTARG ;;
	S) ;;
	*) echo "Usage: addgroup [-g GID] [-S] [USER] GROUP" >&2; exit 1 ;;
	esac
done
shift $((OPTIND - 1))
[ "${STANDIN_UID:-$(id -u)}" = 0 ] || { echo "addgroup: need to be root" >&2; exit 1; }
if [ $# = 2 ]; then
	grep -q "^$1:" "$R"/etc/passwd || { echo "addgroup: unknown user $1" >&2; exit 1; }
	grep -q "^$2:" "$R"/etc/group || { echo "addgroup: unknown group $2" >&2; exit 1; }
	awk -F: -v OFS=: -v g="$2" -v u="$1" '$1 == g { $4 = ($4 == "" ? u : $4 "," u) } 1' "$R"/etc/group > "$R"/etc/group.new &&
		cat "$R"/etc/group.new > "$R"/etc/group && rm -f "$R"/etc/group.new
	exit 0
fi
[ $# = 1 ] || { echo "Usage: addgroup [-g GID] [-S] [USER] GROUP" >&2; exit 1; }
if grep -q "^$1:" "$R"/etc/group; then echo "addgroup: group '$1' in use" >&2; exit 1; fi
if [ -n "$gid" ]; then
	if cut -d: -f3 "$R"/etc/group | grep -qx "$gid"; then echo "addgroup: gid '$gid' in use" >&2; exit 1; fi
else
	gid=100
	while cut -d: -f3 "$R"/etc/group | grep -qx "$gid"; do gid=$((gid + 1)); done
fi
echo "$1:x:$gid:" >> "$R"/etc/group
`

const adduserScript = `#!/bin/sh
# dflint build verification: BusyBox's adduser (internal/buildverify/accounts.go).
# STANDIN_ROOT and STANDIN_UID are for its tests: a tree and a user id.
R=${STANDIN_ROOT:-}
home= gecos= shell=/bin/sh group= uid= nohome= system=
while getopts h:g:s:G:SDHu:k: o; do
	case $o in
	h) home=$OPTARG ;;
	g) gecos=$OPTARG ;;
	s) shell=$OPTARG ;;
	G) group=$OPTARG ;;
	S) system=1 ;;
	D) ;;
	H) nohome=1 ;;
	u) uid=$OPTARG ;;
	k) ;;
	*) echo "Usage: adduser [OPTIONS] USER [GROUP]" >&2; exit 1 ;;
	esac
done
shift $((OPTIND - 1))
[ "${STANDIN_UID:-$(id -u)}" = 0 ] || { echo "adduser: need to be root" >&2; exit 1; }
if [ $# = 2 ]; then exec "$(dirname "$0")"/addgroup "$1" "$2"; fi
[ $# = 1 ] || { echo "Usage: adduser [OPTIONS] USER [GROUP]" >&2; exit 1; }
user=$1
if grep -q "^$user:" "$R"/etc/passwd; then echo "adduser: user '$user' in use" >&2; exit 1; fi
if [ -n "$uid" ]; then
	if cut -d: -f3 "$R"/etc/passwd | grep -qx "$uid"; then echo "adduser: uid '$uid' in use" >&2; exit 1; fi
else
	if [ -n "$system" ]; then uid=100; else uid=1000; fi
	while cut -d: -f3 "$R"/etc/passwd | grep -qx "$uid"; do uid=$((uid + 1)); done
fi
if [ -z "$group" ]; then
	group=$user
	if ! grep -q "^$group:" "$R"/etc/group; then
		if cut -d: -f3 "$R"/etc/group | grep -qx "$uid"; then "$(dirname "$0")"/addgroup "$group" || exit 1; else "$(dirname "$0")"/addgroup -g "$uid" "$group" || exit 1; fi
	fi
fi
gid=$(grep "^$group:" "$R"/etc/group | cut -d: -f3)
[ -n "$gid" ] || { echo "adduser: unknown group $group" >&2; exit 1; }
[ -n "$home" ] || home=/home/$user
echo "$user:x:$uid:$gid:$gecos:$home:$shell" >> "$R"/etc/passwd
[ -f "$R"/etc/shadow ] && echo "$user:!::0:99999:7:::" >> "$R"/etc/shadow
if [ -z "$nohome" ] && [ ! -e "$R$home" ]; then
	mkdir -p "$R$home" && chown "$uid:$gid" "$R$home" && chmod 755 "$R$home"
fi
exit 0
`

// Wolfi has no useradd or groupadd until `apk add shadow`. The stand-in
// apk "installs" shadow by writing these two scripts, which take
// shadow's common options and make the account with the adduser and
// addgroup above: useradd -u, -g, -G, -m, -M, -r, -s, -d, -c, -N, -U, -l
// and their long forms; groupadd -g, -r, -f. As shadow's useradd, it makes
// a home only with -m, and a group of the user's name unless -g or -N.
const useraddScript = `#!/bin/sh
# dflint build verification: shadow's useradd on BusyBox (internal/buildverify/accounts.go).
d=$(dirname "$0")
args= home= mkhome= group= groups= nogroup=
while [ $# -gt 1 ]; do
	case "$1" in
	-u|--uid) args="$args -u $2"; shift ;;
	-g|--gid) group=$2; shift ;;
	-G|--groups) groups=$2; shift ;;
	-s|--shell) args="$args -s $2"; shift ;;
	-d|--home-dir) home=$2; shift ;;
	-c|--comment) args="$args -g $2"; shift ;;
	-m|--create-home) mkhome=1 ;;
	-M|--no-create-home) mkhome= ;;
	-r|--system) args="$args -S" ;;
	-N|--no-user-group) nogroup=1 ;;
	-U|--user-group|-l|--no-log-init) ;;
	-*) echo "useradd: stand-in does not know $1" >&2; exit 2 ;;
	*) break ;;
	esac
	shift
done
[ $# = 1 ] || { echo "Usage: useradd [options] LOGIN" >&2; exit 2; }
if [ -n "$group" ]; then
	grep -q "^$group:" "${STANDIN_ROOT:-}"/etc/group || group=$(awk -F: -v g="$group" '$3 == g { print $1 }' "${STANDIN_ROOT:-}"/etc/group)
	[ -n "$group" ] || { echo "useradd: group does not exist" >&2; exit 6; }
	args="$args -G $group"
elif [ -n "$nogroup" ]; then
	grep -q "^users:" "${STANDIN_ROOT:-}"/etc/group || "$d"/addgroup -g 100 users
	args="$args -G users"
fi
[ -n "$home" ] && args="$args -h $home"
[ -n "$mkhome" ] || args="$args -H"
"$d"/adduser -D $args "$1" || exit 9
for g in $(echo "$groups" | tr , ' '); do "$d"/addgroup "$1" "$g" || exit 6; done
`

const groupaddScript = `#!/bin/sh
# dflint build verification: shadow's groupadd on BusyBox (internal/buildverify/accounts.go).
args=
while [ $# -gt 1 ]; do
	case "$1" in
	-g|--gid) args="$args -g $2"; shift ;;
	-r|--system) args="$args -S" ;;
	-f|--force) ;;
	-*) echo "groupadd: stand-in does not know $1" >&2; exit 2 ;;
	*) break ;;
	esac
	shift
done
[ $# = 1 ] || { echo "Usage: groupadd [options] GROUP" >&2; exit 2; }
exec "$(dirname "$0")"/addgroup $args "$1"
`

// installAccountTools writes adduser and addgroup into dir of root (the
// directory where the tree's BusyBox applets are).
func installAccountTools(root, dir string) error {
	for name, text := range map[string]string{"adduser": adduserScript, "addgroup": addgroupScript} {
		p := filepath.Join(root, dir, name)
		os.Remove(p)
		if err := os.WriteFile(p, []byte(text), 0o755); err != nil {
			return err
		}
	}
	return nil
}

// debianOnlyApplets are applets of Debian's busybox-static that Alpine's
// and Wolfi's BusyBox do not have: the stand-ins leave them out.
var debianOnlyApplets = map[string]bool{"dpkg": true, "dpkg-deb": true, "rpm": true, "rpm2cpio": true}
