//go:build devtools

package main

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"io"
	"os"
	"time"
)

// member is one file of an archive: its name inside, where it is read
// from, and its mode.
type member struct {
	Name string
	Path string
	Mode os.FileMode
}

// writeTarGz writes the members in the order given, with the same time on
// every entry and no owner names, so that the archive's bytes depend only
// on the files and mtime (Go's gzip writes no name and no time when the
// header leaves them empty).
func writeTarGz(w io.Writer, members []member, mtime time.Time) error {
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(gz)
	for _, m := range members {
		f, err := os.Open(m.Path)
		if err != nil {
			return err
		}
		fi, err := f.Stat()
		if err != nil {
			f.Close()
			return err
		}
		hdr := &tar.Header{
			Typeflag: tar.TypeReg,
			Name:     m.Name,
			Size:     fi.Size(),
			Mode:     int64(m.Mode.Perm()),
			ModTime:  mtime,
		}
		if err := tw.WriteHeader(hdr); err != nil {
			f.Close()
			return err
		}
		_, err = io.Copy(tw, f)
		f.Close()
		if err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

// writeZip writes the members with the same time on every entry. The
// time is stored as UTC so that the archive does not depend on the
// machine's time zone.
func writeZip(w io.Writer, members []member, mtime time.Time) error {
	zw := zip.NewWriter(w)
	for _, m := range members {
		f, err := os.Open(m.Path)
		if err != nil {
			return err
		}
		hdr := &zip.FileHeader{Name: m.Name, Method: zip.Deflate, Modified: mtime.UTC()}
		hdr.SetMode(m.Mode)
		dst, err := zw.CreateHeader(hdr)
		if err != nil {
			f.Close()
			return err
		}
		_, err = io.Copy(dst, f)
		f.Close()
		if err != nil {
			return err
		}
	}
	return zw.Close()
}
