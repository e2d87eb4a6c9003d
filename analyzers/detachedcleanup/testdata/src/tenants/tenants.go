// Package tenants defers the shared rollback helper with the request's
// context: when the request is cancelled, the rollback fails and the
// connection goes back to the pool in a transaction.
package tenants

import (
	"context"
	"log/slog"
	"time"

	"pgxish"
	"sqlchelpers"
)

type Repo struct {
	conn *pgxish.Conn
	l    *slog.Logger
}

func (r *Repo) Create(ctx context.Context, name string) error {
	tx, err := r.conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer sqlchelpers.DeferRollback(ctx, r.l, tx.Rollback) // want `deferred cleanup sqlchelpers.DeferRollback may run after ctx is cancelled and then fail; pass context.WithoutCancel\(ctx\)`
	defer sqlchelpers.LogDuration(ctx, r.l, time.Now())
	if _, err := tx.Exec(ctx, "INSERT INTO tenants(name) VALUES ($1)", name); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

func (r *Repo) Delete(ctx context.Context, name string) error {
	tx, err := r.conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer sqlchelpers.DeferRollbackDetached(ctx, r.l, tx.Rollback)
	if _, err := tx.Exec(ctx, "DELETE FROM tenants WHERE name = $1", name); err != nil {
		return err
	}
	return tx.Commit(ctx)
}
