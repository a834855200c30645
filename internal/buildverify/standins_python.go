package buildverify

import (
	"os"
	"path/filepath"
)

// What the Python stand-ins need beyond Debian's packages to build the
// hardened splits offline: a package index for virtualenvs, and the
// official image's interpreter path.
//
// A virtualenv does not see the system's packages, so `pip install flask`
// inside one needs an index; the builds have no network. pythonWheelsSetup
// packs the distributions Debian installed (Flask and what it requires,
// gunicorn) into wheels under /usr/share/dflint-wheels and points pip at
// them and at Debian's own wheels (/usr/share/python-wheels: pip,
// setuptools) with /etc/pip.conf, which every pip reads, the
// virtualenv's included. The image config does not change. Like the
// local apt repository, this is an offline stand-in for the network, not
// something the real images have.

// pythonWheelsSetup is run in the Python builder stand-ins (see setup in
// bases.go). It needs python3 and a POSIX sh.
const pythonWheelsSetup = `set -e
python3 - <<'PY'
import base64, hashlib, importlib.metadata as md, os, re, sys, zipfile
site = sys.argv[1] if len(sys.argv) > 1 else "/usr/lib/python3/dist-packages"
out = sys.argv[2] if len(sys.argv) > 2 else "/usr/share/dflint-wheels"
os.makedirs(out, exist_ok=True)
# Debian drops install_requires from requires.txt (apt carries the
# dependencies), so the wheels state the upstream ones again: Flask 2.2.2,
# Werkzeug 2.2.2, Jinja2 3.1.2 and gunicorn 20.1.0 as released on PyPI.
deps = {"flask": ["Werkzeug>=2.2.2", "Jinja2>=3.0", "itsdangerous>=2.0", "click>=8.0"],
        "werkzeug": ["MarkupSafe>=2.1.1"], "jinja2": ["MarkupSafe>=2.0"], "gunicorn": ["setuptools>=3.0"]}
want = {"flask", "werkzeug", "jinja2", "markupsafe", "itsdangerous", "click", "blinker", "gunicorn", "packaging"}
for dist in md.distributions(path=[site]):
    name = dist.metadata["Name"]
    if not name or name.lower() not in want:
        continue
    project = re.sub(r"[-_.]+", "_", name)
    info = "%s-%s.dist-info" % (project, dist.version)
    files = []
    for top in (dist.read_text("top_level.txt") or "").split() or [name.lower()]:
        p = os.path.join(site, top)
        if os.path.isdir(p):
            for d, subdirs, names in os.walk(p):
                subdirs[:] = [s for s in subdirs if s != "__pycache__"]
                files += [os.path.relpath(os.path.join(d, n), site) for n in names if os.path.isfile(os.path.join(d, n))]
        elif os.path.isfile(p + ".py"):
            files.append(top + ".py")
    meta = dist.read_text("METADATA") or dist.read_text("PKG-INFO") or ""
    head, _, body = meta.partition("\n\n")
    lines = [l for l in head.splitlines() if not l.startswith("Requires-Dist:")]
    reqs = list(dist.requires or [])
    named = {re.split(r"[<>=!~ ;\[]", r, 1)[0].lower() for r in reqs}
    reqs += [r for r in deps.get(name.lower(), []) if re.split(r"[<>=!~ ;\[]", r, 1)[0].lower() not in named]
    lines += ["Requires-Dist: " + r for r in reqs]
    extra = {info + "/METADATA": "\n".join(lines) + "\n\n" + body,
             info + "/WHEEL": "Wheel-Version: 1.0\nGenerator: dflint-standin\nRoot-Is-Purelib: true\nTag: py3-none-any\n"}
    for f in ("entry_points.txt", "top_level.txt"):
        t = dist.read_text(f)
        if t:
            extra[info + "/" + f] = t
    record = []
    with zipfile.ZipFile(os.path.join(out, "%s-%s-py3-none-any.whl" % (project, dist.version)), "w") as z:
        def add(arc, data):
            z.writestr(arc, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.append("%s,sha256=%s,%d" % (arc, digest, len(data)))
        for f in files:
            add(f, open(os.path.join(site, f), "rb").read())
        for arc, text in extra.items():
            add(arc, text.encode())
        record.append(info + "/RECORD,,")
        z.writestr(info + "/RECORD", "\n".join(record) + "\n")
PY
printf '[global]\nno-index = true\nfind-links =\n    /usr/share/dflint-wheels\n    /usr/share/python-wheels\n' > /etc/pip.conf
`

// officialPythonSetup gives a Debian Python tree the official image's
// layout: docker-library/python's Dockerfiles build Python into /usr/local
// and link python, python3 and pip there (docker-library/python
// Dockerfile-linux.template, read 2026-12-07). distroless's example
// relies on it: it links /usr/bin/python to /usr/local/bin/python before
// making its virtualenv.
const officialPythonSetup = "ln -sf /usr/bin/python3 /usr/local/bin/python && ln -sf /usr/bin/python3 /usr/local/bin/python3 && ln -sf /usr/bin/pip3 /usr/local/bin/pip\n" + pythonWheelsSetup

// distrolessPythonKeep are the programs gcr.io/distroless/python3 has:
// Python only (python3/python.bzl at cd080764 links /usr/bin/python and
// /usr/bin/python3 to /usr/bin/python3.13, its ENTRYPOINT; read
// 2026-12-07).
var distrolessPythonKeep = []string{"python", "python3", "python3.*"}

// distrolessPythonRootfs is the python-slim tree without its programs,
// package databases and accounts: distroless's accounts, no shell. It has
// Debian 12's Python 3.11 where the real image has Debian 13's 3.13, and
// pip stays importable (python -m pip), which the real image lacks; the
// cases run the same Python in their build and runtime stand-ins, and
// the fixes never call pip at run time.
func distrolessPythonRootfs(root string) error {
	if err := pruneDebian(root, distrolessPythonKeep); err != nil {
		return err
	}
	// python-slim has the headers (python3-dev), as the official slim
	// image does; distroless has none.
	if err := os.RemoveAll(filepath.Join(root, "usr/include")); err != nil {
		return err
	}
	return writeAccounts(root, passwd, group, "")
}
