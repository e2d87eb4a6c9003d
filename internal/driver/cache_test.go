package driver

import (
	"crypto/sha256"
	"os"
	"testing"
	"time"
)

func testCache(t *testing.T) (*resultCache, *time.Time) {
	t.Helper()
	c, err := openResultCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	c.now = func() time.Time { return now }
	return c, &now
}

func putEntry(t *testing.T, c *resultCache, name string, age time.Duration) [32]byte {
	t.Helper()
	key := sha256.Sum256([]byte(name))
	if err := c.put(resultsKind, key, []byte(name)); err != nil {
		t.Fatal(err)
	}
	when := c.now().Add(-age)
	if err := os.Chtimes(c.path(resultsKind, key), when, when); err != nil {
		t.Fatal(err)
	}
	return key
}

func exists(c *resultCache, key [32]byte) bool {
	_, err := os.Stat(c.path(resultsKind, key))
	return err == nil
}

// TestCacheTrim: entries unused for more than 7 days go, recent ones
// stay; trimming happens at most once a day, by the injected clock.
func TestCacheTrim(t *testing.T) {
	c, now := testCache(t)
	old := putEntry(t, c, "old", 8*24*time.Hour)
	recent := putEntry(t, c, "recent", 6*24*time.Hour)
	if n, err := c.trim(); n != 1 || err != nil || exists(c, old) || !exists(c, recent) {
		t.Fatalf("first trim removed %d (%v): want only the entry 8 days old gone", n, err)
	}
	*now = now.Add(2 * 24 * time.Hour) // recent is 8 days old now
	later := putEntry(t, c, "later", 9*24*time.Hour)
	*now = now.Add(-25 * time.Hour) // less than a day after the first trim
	if n, _ := c.trim(); n != 0 || !exists(c, later) {
		t.Fatalf("a second trim within a day removed %d entries", n)
	}
	*now = now.Add(25 * time.Hour)
	if n, err := c.trim(); n != 2 || err != nil || exists(c, recent) || exists(c, later) {
		t.Fatalf("a trim a day later removed %d (%v), want both old entries", n, err)
	}
}

// TestCacheTouch: a hit marks an entry used (its mtime, which trimming
// goes by), unless it was marked within the hour.
func TestCacheTouch(t *testing.T) {
	c, now := testCache(t)
	stale := putEntry(t, c, "stale", 3*24*time.Hour)
	fresh := putEntry(t, c, "fresh", 10*time.Minute)
	for _, key := range [][32]byte{stale, fresh} {
		if _, ok := c.get(resultsKind, key); !ok {
			t.Fatal("entry not found")
		}
	}
	mtime := func(key [32]byte) time.Time {
		info, err := os.Stat(c.path(resultsKind, key))
		if err != nil {
			t.Fatal(err)
		}
		return info.ModTime()
	}
	if !mtime(stale).Equal(*now) {
		t.Errorf("a hit on an entry 3 days old left its mtime at %v, want %v", mtime(stale), *now)
	}
	if want := now.Add(-10 * time.Minute); !mtime(fresh).Equal(want) {
		t.Errorf("a hit on an entry touched 10 minutes ago moved its mtime to %v", mtime(fresh))
	}
}

// TestCacheDamagedEntry: a truncated entry, or one whose payload does
// not match its checksum, is a miss.
func TestCacheDamagedEntry(t *testing.T) {
	c, _ := testCache(t)
	key := putEntry(t, c, "a payload", 0)
	file := c.path(resultsKind, key)
	if data, ok := c.get(resultsKind, key); !ok || string(data) != "a payload" {
		t.Fatalf("get = %q, %t", data, ok)
	}
	data, _ := os.ReadFile(file)
	for _, damaged := range []string{string(data[:len(data)-1]), string(data[:10]), string(data) + "x", ""} {
		os.WriteFile(file, []byte(damaged), 0o644)
		if got, ok := c.get(resultsKind, key); ok {
			t.Errorf("damaged entry %q read as %q", damaged, got)
		}
	}
}
