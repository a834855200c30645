//go:build !unix

package rewrite

import "io/fs"

// owner reports no owner where files have no uid and gid (Windows): the
// rename keeps what the platform keeps.
func owner(fs.FileInfo) (uid, gid int) { return -1, -1 }
