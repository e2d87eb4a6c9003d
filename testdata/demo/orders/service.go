// Package orders is ctxlint's demo: a small order service written the way
// Go teams write them, with each mistake ctxlint catches. Run
//
//	go run ./cmd/ctxlint ./testdata/demo/...
//
// from the repository root to see the findings.
package orders

import (
	"context"
	"errors"
	"log/slog"
	"time"
)

type Order struct {
	ID    string
	Items []string
}

// Tx is a database transaction in the shape of database/sql's and pgx's.
type Tx interface {
	Exec(ctx context.Context, query string, args ...any) error
	Commit(ctx context.Context) error
	Rollback(ctx context.Context) error
}

type DB interface {
	BeginTx(ctx context.Context) (Tx, error)
}

type Cache interface {
	Set(ctx context.Context, key string, value any) error
}

type Service struct {
	db    DB
	cache Cache
	log   *slog.Logger

	stopRefresh context.CancelFunc
}

// Start begins refreshing the cache in the background. The cancel function
// is kept for shutdown, but nothing ever calls it (lostcancel2).
func (s *Service) Start(ctx context.Context) {
	ctx, s.stopRefresh = context.WithCancel(ctx)
	go s.refreshLoop(ctx)
}

func (s *Service) refreshLoop(ctx context.Context) {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			s.log.InfoContext(ctx, "refresh")
		}
	}
}

// PlaceOrder rolls back with the request's context: when the client goes
// away, Rollback fails at once and the connection is lost (detachedcleanup).
// It then warms the cache in a goroutine with a context that never expires
// (bgtimeout).
func (s *Service) PlaceOrder(ctx context.Context, o Order) error {
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)

	for _, item := range o.Items {
		if err := tx.Exec(ctx, "INSERT INTO items VALUES ($1, $2)", o.ID, item); err != nil {
			return err
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return err
	}
	go s.cache.Set(context.Background(), o.ID, o)
	return nil
}

// FetchAll gives each lookup a timeout, but the deferred cancels pile up
// until the function returns (lostcancel2).
func (s *Service) FetchAll(ctx context.Context, ids []string, fetch func(context.Context, string) error) error {
	for _, id := range ids {
		ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		defer cancel()
		if err := fetch(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

// Lookup drops the cancel function of its timeout (lostcancel2).
func (s *Service) Lookup(ctx context.Context, id string, fetch func(context.Context, string) error) error {
	ctx, _ = context.WithTimeout(ctx, time.Second)
	err := fetch(ctx, id)
	if errors.Is(err, context.DeadlineExceeded) {
		s.log.WarnContext(ctx, "lookup timed out", "id", id)
	}
	return err
}
