//go:build !unix

package rewrite

import "io/fs"

// owner reports no owner where files have no uid and gid (Windows): the
// rename keeps what the platform keeps.
func owner(fs.FileInfo) (uid, gid int) { return -1, -1 }

// links reports one name: os.FileInfo does not tell the link count here,
// so a hard-linked file is replaced by a rename, as before.
func links(fs.FileInfo) uint64 { return 1 }
