// Package sqlish stands in for database/sql: transactions begin with a
// context, but Commit, Rollback and Rows.Close take none.
package sqlish

import (
	"context"
	"time"
)

type TxOptions struct{ ReadOnly bool }

type Result interface{ RowsAffected() (int64, error) }

type DB struct{}

func (db *DB) BeginTx(ctx context.Context, opts *TxOptions) (*Tx, error) {
	return &Tx{}, roundTrip(ctx)
}

type Tx struct{}

func (tx *Tx) ExecContext(ctx context.Context, query string, args ...any) (Result, error) {
	return nil, roundTrip(ctx)
}

func (tx *Tx) QueryContext(ctx context.Context, query string, args ...any) (*Rows, error) {
	return &Rows{}, roundTrip(ctx)
}

func (tx *Tx) Commit() error   { return nil }
func (tx *Tx) Rollback() error { return nil }

type Rows struct{}

func (r *Rows) Next() bool        { return false }
func (r *Rows) Close() error      { return nil }
func (r *Rows) Scan(...any) error { return nil }

// roundTrip stands for network I/O, which the context bounds.
func roundTrip(ctx context.Context) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(time.Millisecond):
		return nil
	}
}
