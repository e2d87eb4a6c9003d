// Package pgxish stands in for a pgx-style PostgreSQL driver: every call,
// Rollback and Close included, takes a context, and a cancelled context
// makes the driver drop the connection instead of sending ROLLBACK.
package pgxish

import (
	"context"
	"errors"
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

func Connect(ctx context.Context, dsn string) (*Conn, error) { return &Conn{}, nil }

func (c *Conn) Begin(ctx context.Context) (Tx, error) { return nil, nil }

func (c *Conn) Exec(ctx context.Context, sql string, args ...any) (CommandTag, error) {
	return "", nil
}

func (c *Conn) Close(ctx context.Context) error { return nil }

type Pool struct{}

func (p *Pool) Acquire(ctx context.Context) (*Conn, error) { return &Conn{}, nil }

func (p *Pool) Release(ctx context.Context, c *Conn) error { return nil }
