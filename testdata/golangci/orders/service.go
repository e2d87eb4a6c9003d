package orders

import (
	"context"
	"encoding/json"
	"time"

	"example.com/ordersvc/internal/deadline"
)

// Order is a customer's order.
type Order struct {
	ID    string
	Items []string
	Total int64
}

// Service places and reports orders.
type Service struct {
	db    *DB
	cache *Cache
}

// NewService returns a service over db and cache.
func NewService(db *DB, cache *Cache) *Service {
	return &Service{db: db, cache: cache}
}

// Place stores a new order.
func (s *Service) Place(ctx context.Context, o Order) error {
	tx, err := s.db.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx) // want detachedcleanup "deferred cleanup tx.Rollback may run after ctx is cancelled"
	if err := tx.Put(ctx, o); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return err
	}
	go s.render(context.Background(), o) // want bgtimeout `goroutine runs s.render with context.Background\(\), which never expires`
	return nil
}

// Lookup reads an order.
func (s *Service) Lookup(ctx context.Context, id string) (Order, error) {
	tx, err := s.db.Begin(ctx)
	if err != nil {
		return Order{}, err
	}
	defer tx.Rollback(ctx) //nolint:detachedcleanup // read-only transaction: a failed rollback loses nothing
	return tx.Get(ctx, id)
}

// Quote prices an order without storing it.
func (s *Service) Quote(ctx context.Context, o Order) (int64, error) {
	qctx, _ := context.WithTimeout(ctx, 200*time.Millisecond) // want lostcancel2 "the cancel function returned by context.WithTimeout should be called, not discarded"
	tx, err := s.db.Begin(qctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	prev, err := tx.Get(qctx, o.ID)
	if err != nil {
		return 0, err
	}
	return prev.Total, nil
}

// Invalidate marks an order stale and drops it from the cache.
func (s *Service) Invalidate(ctx context.Context, id string) error {
	defer s.cache.Purge(ctx, id) // want detachedcleanup "deferred cleanup s.cache.Purge may run after ctx is cancelled"
	return s.db.conn.Exec(ctx, "UPDATE orders SET stale = true WHERE id = $1", id)
}

func (s *Service) render(ctx context.Context, o Order) {
	b, err := json.Marshal(o)
	if err != nil {
		return
	}
	_ = s.cache.Set(ctx, o.ID, b)
}

// Archive removes a delivered order.
func (s *Service) Archive(ctx context.Context, id string) error {
	tx, err := s.db.Begin(ctx)
	if err != nil {
		return err
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.Background(), time.Second) // want detachedcleanup `cleanup context built from context.Background\(\) drops the values of ctx`
		defer cancel()
		_ = tx.Rollback(cctx)
	}()
	if err := tx.Delete(ctx, id); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// Exists reports whether an order is stored.
func (s *Service) Exists(ctx context.Context, id string) bool {
	qctx, _ := deadline.Query(ctx) // want lostcancel2 "the cancel function returned by deadline.Query should be called, not discarded"
	tx, err := s.db.Begin(qctx)
	if err != nil {
		return false
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	_, err = tx.Get(qctx, id)
	return err == nil
}
