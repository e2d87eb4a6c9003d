package driver

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// The result cache is a directory of files, one per cached package,
// named by the package's key (see cachekey.go). Every write goes to a
// temporary file in the same directory, renamed into place once complete,
// so that two ctxlint processes sharing the cache never see half an
// entry; an entry that is damaged anyway (a full disk, a crash, an edit)
// fails its checksum and is a miss. Entries unused for trimAfter are
// removed, at most once every trimEvery.

// cacheEnv moves the cache; "off" disables it.
const cacheEnv = "CTXLINT_CACHE"

const (
	trimAfter  = 7 * 24 * time.Hour
	trimEvery  = 24 * time.Hour
	touchEvery = time.Hour // a hit refreshes an entry's mtime at most this often
)

// entryHeader starts every entry; the checksum of the payload follows it
// on the same line.
const entryHeader = "ctxlint-cache-1 "

// resultCache is an open cache directory.
type resultCache struct {
	dir string
	now func() time.Time // the clock trimming and touching use; tests move it
}

// cacheDir returns the directory the cache lives in, or "" with the
// reason when it is off.
func cacheDir(enabled bool) (dir, off string) {
	if !enabled {
		return "", "-cache=false"
	}
	switch env := os.Getenv(cacheEnv); env {
	case "off":
		return "", cacheEnv + "=off"
	case "":
		base, err := os.UserCacheDir()
		if err != nil {
			return "", fmt.Sprintf("no user cache directory (%v); set %s", err, cacheEnv)
		}
		return filepath.Join(base, progName), ""
	default:
		abs, err := filepath.Abs(env)
		if err != nil {
			return "", fmt.Sprintf("%s: %v", cacheEnv, err)
		}
		return abs, ""
	}
}

func openResultCache(dir string) (*resultCache, error) {
	if err := os.MkdirAll(filepath.Join(dir, "results"), 0o755); err != nil {
		return nil, err
	}
	return &resultCache{dir: dir, now: time.Now}, nil
}

// path returns the file of the entry with key in namespace kind.
func (c *resultCache) path(kind string, key [32]byte) string {
	name := hex.EncodeToString(key[:])
	return filepath.Join(c.dir, kind, name[:2], name)
}

// get returns the payload stored under key, or false when there is none
// or it is damaged. A hit marks the entry as used.
func (c *resultCache) get(kind string, key [32]byte) ([]byte, bool) {
	file := c.path(kind, key)
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, false
	}
	payload, ok := checkEntry(data)
	if !ok {
		return nil, false
	}
	c.touch(file)
	return payload, true
}

// checkEntry returns the payload of an entry whose checksum is right.
func checkEntry(data []byte) ([]byte, bool) {
	head, payload, ok := bytes.Cut(data, []byte("\n"))
	if !ok || !bytes.HasPrefix(head, []byte(entryHeader)) {
		return nil, false
	}
	sum := sha256.Sum256(payload)
	if string(head[len(entryHeader):]) != hex.EncodeToString(sum[:]) {
		return nil, false
	}
	return payload, true
}

// touch refreshes the mtime trimming goes by, unless it is recent:
// writing metadata on every hit would cost more than the hit.
func (c *resultCache) touch(file string) {
	info, err := os.Stat(file)
	now := c.now()
	if err == nil && now.Sub(info.ModTime()) > touchEvery {
		os.Chtimes(file, now, now)
	}
}

// put stores payload under key: written to a temporary file, then
// renamed into place.
func (c *resultCache) put(kind string, key [32]byte, payload []byte) error {
	file := c.path(kind, key)
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	sum := sha256.Sum256(payload)
	entry := make([]byte, 0, len(entryHeader)+2*len(sum)+1+len(payload))
	entry = append(entry, entryHeader...)
	entry = hex.AppendEncode(entry, sum[:])
	entry = append(entry, '\n')
	entry = append(entry, payload...)
	return writeAtomically(file, entry)
}

// writeAtomically writes data to file through a temporary file in its
// directory and a rename.
func writeAtomically(file string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(file), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), file)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// trimStamp records when the cache was last trimmed (Unix seconds).
const trimStamp = "trimmed"

// trim removes the entries (and stray temporary files) unused for
// trimAfter, unless the cache was trimmed less than trimEvery ago. It
// returns how many files it removed.
func (c *resultCache) trim() (int, error) {
	now := c.now()
	stamp := filepath.Join(c.dir, trimStamp)
	if data, err := os.ReadFile(stamp); err == nil {
		if last, err := strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64); err == nil && now.Sub(time.Unix(last, 0)) < trimEvery {
			return 0, nil
		}
	}
	// Stamp first: a concurrent ctxlint then skips the walk.
	if err := writeAtomically(stamp, []byte(strconv.FormatInt(now.Unix(), 10)+"\n")); err != nil {
		return 0, err
	}
	removed := 0
	err := filepath.WalkDir(c.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // removed by a concurrent trim
			}
			return err
		}
		if d.IsDir() || path == stamp {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		if now.Sub(info.ModTime()) > trimAfter && os.Remove(path) == nil {
			removed++
		}
		return nil
	})
	return removed, err
}
