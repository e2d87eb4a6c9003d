// Package orders is a small order service with the context mistakes ctxlint
// reports, for the golangci-lint plugin test.
package orders

import (
	"context"
	"encoding/json"
	"net"
)

// Conn is a connection to the database server, as a driver provides it.
type Conn interface {
	Exec(ctx context.Context, query string, args ...any) error
	QueryRow(ctx context.Context, query string, args ...any) ([]byte, error)
}

// DB hands out transactions.
type DB struct {
	conn Conn
}

// Tx is a database transaction in the style of database/sql.
type Tx struct {
	conn Conn
}

// Begin starts a transaction.
func (db *DB) Begin(ctx context.Context) (*Tx, error) {
	if err := db.conn.Exec(ctx, "BEGIN"); err != nil {
		return nil, err
	}
	return &Tx{conn: db.conn}, nil
}

// Get reads an order inside the transaction.
func (tx *Tx) Get(ctx context.Context, id string) (Order, error) {
	var o Order
	b, err := tx.conn.QueryRow(ctx, "SELECT body FROM orders WHERE id = $1", id)
	if err != nil {
		return o, err
	}
	err = json.Unmarshal(b, &o)
	return o, err
}

// Put stores an order.
func (tx *Tx) Put(ctx context.Context, o Order) error {
	b, err := json.Marshal(o)
	if err != nil {
		return err
	}
	return tx.conn.Exec(ctx, "INSERT INTO orders (id, body) VALUES ($1, $2)", o.ID, b)
}

// Delete removes an order.
func (tx *Tx) Delete(ctx context.Context, id string) error {
	return tx.conn.Exec(ctx, "DELETE FROM orders WHERE id = $1", id)
}

// Commit applies the transaction.
func (tx *Tx) Commit(ctx context.Context) error {
	return tx.conn.Exec(ctx, "COMMIT")
}

// Rollback abandons the transaction. Like a real driver's, it fails at once
// on a cancelled context, and the server keeps the transaction open until
// the connection is dropped.
func (tx *Tx) Rollback(ctx context.Context) error {
	return tx.conn.Exec(ctx, "ROLLBACK")
}

// CacheClient talks to the cache server.
type CacheClient interface {
	Set(ctx context.Context, key string, val []byte) error
	Del(ctx context.Context, keys ...string) error
}

// Cache keeps rendered orders.
type Cache struct {
	client CacheClient
}

// Set stores an entry.
func (c *Cache) Set(ctx context.Context, key string, val []byte) error {
	return c.client.Set(ctx, "order:"+key, val)
}

// Purge evicts an entry.
func (c *Cache) Purge(ctx context.Context, key string) error {
	return c.client.Del(ctx, "order:"+key)
}

// The production clients: every call is a network round trip that the
// context bounds.

type netConn struct{ addr string }

func dial(ctx context.Context, addr string) error {
	var d net.Dialer
	c, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	return c.Close()
}

func (c netConn) Exec(ctx context.Context, query string, args ...any) error {
	return dial(ctx, c.addr)
}

func (c netConn) QueryRow(ctx context.Context, query string, args ...any) ([]byte, error) {
	return nil, dial(ctx, c.addr)
}

type netCache struct{ addr string }

func (c netCache) Set(ctx context.Context, key string, val []byte) error { return dial(ctx, c.addr) }

func (c netCache) Del(ctx context.Context, keys ...string) error { return dial(ctx, c.addr) }

var (
	_ Conn        = netConn{}
	_ CacheClient = netCache{}
)
