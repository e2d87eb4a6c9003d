// Package store persists sessions; its Sync makes a call with a context
// that never expires, which goroutines in other packages inherit.
package store

import (
	"context"
	"database/sql"
	"time"
)

type Store struct {
	db *sql.DB
}

func (s *Store) Sync() error { // want Sync:`unbounded s.db.ExecContext\(context.Background\(\)\) at store.go:23`
	return s.flush("sessions")
}

func (s *Store) flush(table string) error { // want flush:`unbounded s.db.ExecContext`
	if table == "" {
		return nil
	}
	_, err := s.db.ExecContext(context.Background(), "DELETE FROM "+table+" WHERE expired")
	return err
}

// Compact takes its caller's context: goroutines decide its deadline.
func (s *Store) Compact(ctx context.Context) error {
	_, err := s.db.ExecContext(ctx, "VACUUM")
	return err
}

// Ping bounds its own work.
func (s *Store) Ping() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	return s.db.PingContext(ctx)
}

// Backup gives its parent a deadline of its own, so callers may detach it
// from their request.
func (s *Store) Backup(parent context.Context, dest string) error {
	ctx, cancel := context.WithTimeout(parent, 10*time.Minute)
	defer cancel()
	_, err := s.db.ExecContext(ctx, "VACUUM INTO ?", dest)
	return err
}

// Export runs under its caller's context for as long as the caller likes.
func (s *Store) Export(ctx context.Context, dest string) error {
	_, err := s.db.ExecContext(ctx, "VACUUM INTO ?", dest)
	return err
}
