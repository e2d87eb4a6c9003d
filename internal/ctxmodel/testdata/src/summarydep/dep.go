// Package summarydep is imported by summary: its summaries reach there as facts.
package summarydep

import (
	"context"
	"database/sql"
)

func Query(ctx context.Context, db *sql.DB) error { // want Query:"param 0: observes"
	_, err := db.QueryContext(ctx, "select 1")
	return err
}

func Label(ctx context.Context) string { // want Label:"param 0: values"
	if v, ok := ctx.Value("k").(string); ok {
		return v
	}
	return ""
}

// Store is an interface whose only implementation ignores its context.
type Store interface {
	Get(ctx context.Context, key string) string
}

type memStore struct{ m map[string]string }

func (s *memStore) Get(ctx context.Context, key string) string { return s.m[key] } // want Get:"param 0: values"

func NewStore() Store { return &memStore{} }
