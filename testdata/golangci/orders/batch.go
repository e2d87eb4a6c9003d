package orders

import (
	"context"
	"time"
)

type cancelKey struct{}

// StartBatch begins a batch that FinishBatch ends.
func StartBatch(ctx context.Context) context.Context {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	return context.WithValue(ctx, cancelKey{}, cancel) // want ctxvaluecancel "cancel function stored as a context value"
}

// FinishBatch ends the batch StartBatch began.
func FinishBatch(ctx context.Context) {
	if cancel, ok := ctx.Value(cancelKey{}).(context.CancelFunc); ok { // want ctxvaluecancel "cancel function retrieved from a context value"
		cancel()
	}
}

// Reprice updates every order's total, each under its own deadline.
func (s *Service) Reprice(ctx context.Context, ids []string, price func(Order) int64) error {
	for _, id := range ids {
		if err := s.repriceOne(ctx, id, price); err != nil {
			return err
		}
	}
	return nil
}

func (s *Service) repriceOne(ctx context.Context, id string, price func(Order) int64) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	tx, err := s.db.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	o, err := tx.Get(ctx, id)
	if err != nil {
		return err
	}
	o.Total = price(o)
	if err := tx.Put(ctx, o); err != nil {
		return err
	}
	return tx.Commit(ctx)
}
