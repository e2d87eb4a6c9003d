// Package oldgo is a module on Go 1.20, which has no
// context.WithoutCancel: findings are reported without a fix.
package oldgo

import "context"

type Tx struct {
	conn interface {
		Exec(ctx context.Context, sql string) error
	}
}

// wire is the connection: a network round trip.
type wire struct{}

func (wire) Exec(ctx context.Context, sql string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return nil
}

func (tx *Tx) Rollback(ctx context.Context) error { return tx.conn.Exec(ctx, "ROLLBACK") }

func transfer(ctx context.Context, tx *Tx) {
	defer tx.Rollback(ctx) // want `deferred cleanup tx.Rollback may run after ctx is cancelled`
}
