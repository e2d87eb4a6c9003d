// Package orders is a small order service with the context mistakes ctxlint
// reports, for the golangci-lint plugin test.
package orders

import (
	"context"
	"errors"
	"sync"
)

// ErrNotFound reports a missing order.
var ErrNotFound = errors.New("order not found")

// DB hands out transactions.
type DB struct {
	mu     sync.Mutex
	orders map[string]Order
}

// Tx is a database transaction in the style of database/sql.
type Tx struct {
	db      *DB
	pending map[string]Order
	done    bool
}

// Begin starts a transaction.
func (db *DB) Begin(ctx context.Context) (*Tx, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return &Tx{db: db, pending: make(map[string]Order)}, nil
}

// Get reads an order inside the transaction.
func (tx *Tx) Get(ctx context.Context, id string) (Order, error) {
	if err := ctx.Err(); err != nil {
		return Order{}, err
	}
	if o, ok := tx.pending[id]; ok {
		return o, nil
	}
	tx.db.mu.Lock()
	defer tx.db.mu.Unlock()
	o, ok := tx.db.orders[id]
	if !ok {
		return Order{}, ErrNotFound
	}
	return o, nil
}

// Put stages an order.
func (tx *Tx) Put(ctx context.Context, o Order) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	tx.pending[o.ID] = o
	return nil
}

// Commit applies the staged orders.
func (tx *Tx) Commit(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	tx.db.mu.Lock()
	defer tx.db.mu.Unlock()
	if tx.db.orders == nil {
		tx.db.orders = make(map[string]Order)
	}
	for id, o := range tx.pending {
		tx.db.orders[id] = o
	}
	tx.done = true
	return nil
}

// Rollback drops the staged orders. Like a real driver, it gives up at once
// on a cancelled context.
func (tx *Tx) Rollback(ctx context.Context) error {
	if tx.done {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	tx.pending, tx.done = nil, true
	return nil
}

// Cache keeps rendered orders.
type Cache struct {
	mu      sync.Mutex
	entries map[string][]byte
}

// Set stores an entry.
func (c *Cache) Set(ctx context.Context, key string, val []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = make(map[string][]byte)
	}
	c.entries[key] = val
	return nil
}

// Purge evicts an entry.
func (c *Cache) Purge(ctx context.Context, key string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.entries, key)
	return nil
}
