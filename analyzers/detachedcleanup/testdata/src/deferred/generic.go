package deferred

import (
	stdctx "context"
)

// Repo is generic over its row type; its transaction handle is a type
// parameter constrained to pgx-style transactions.
type Repo[T any, Tx interface {
	Rollback(stdctx.Context) error
	Commit(stdctx.Context) error
}] struct {
	begin func(stdctx.Context) (Tx, error)
}

func (r *Repo[T, Tx]) Save(ctx stdctx.Context, rows []T) error {
	tx, err := r.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx) // want `deferred cleanup tx.Rollback may run after ctx is cancelled`
	return tx.Commit(ctx)
}

// Ctx is an alias some codebases use for the context type.
type Ctx = stdctx.Context

type Closer interface{ Close(Ctx) error }

func use(ctx Ctx, c Closer) {
	defer c.Close(ctx) // want `deferred cleanup c.Close may run after ctx is cancelled`
}
