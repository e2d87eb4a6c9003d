// Package pgxish stands in for a pgx-style PostgreSQL driver: every call,
// Rollback and Close included, takes a context, and a cancelled context
// makes the driver drop the connection instead of sending ROLLBACK.
package pgxish

import (
	"context"
	"errors"
	"time"
)

// ErrTxClosed is returned by Rollback after Commit.
var ErrTxClosed = errors.New("tx is closed")

type CommandTag string

type Tx interface {
	Exec(ctx context.Context, sql string, args ...any) (CommandTag, error)
	Commit(ctx context.Context) error
	Rollback(ctx context.Context) error
}

type Conn struct{}

func Connect(ctx context.Context, dsn string) (*Conn, error) { return &Conn{}, roundTrip(ctx) }

func (c *Conn) Begin(ctx context.Context) (Tx, error) { return &tx{c}, roundTrip(ctx) }

func (c *Conn) Exec(ctx context.Context, sql string, args ...any) (CommandTag, error) {
	return "", roundTrip(ctx)
}

func (c *Conn) Close(ctx context.Context) error { return roundTrip(ctx) }

type Pool struct{}

func (p *Pool) Acquire(ctx context.Context) (*Conn, error) { return &Conn{}, roundTrip(ctx) }

func (p *Pool) Release(ctx context.Context, c *Conn) error { return roundTrip(ctx) }

// tx is the driver's transaction: every statement is a round trip.
type tx struct{ c *Conn }

func (t *tx) Exec(ctx context.Context, sql string, args ...any) (CommandTag, error) {
	return t.c.Exec(ctx, sql, args...)
}

func (t *tx) Commit(ctx context.Context) error { return roundTrip(ctx) }

func (t *tx) Rollback(ctx context.Context) error { return roundTrip(ctx) }

// roundTrip stands for the driver's network I/O, which the context bounds.
func roundTrip(ctx context.Context) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(time.Millisecond):
		return nil
	}
}
