// Package jobs makes several of lostcancel2's mistakes, in an order of
// lines that differs from the order of its rules, so that output which is
// not sorted by position shows it.
package jobs

import (
	"context"
	"time"
)

// Runner keeps a cancel function that nothing calls (rule 3).
type Runner struct {
	stop context.CancelFunc
}

// Start stores the cancel function in a field nothing calls.
func (r *Runner) Start(ctx context.Context, run func(context.Context)) {
	ctx, r.stop = context.WithCancel(ctx)
	go run(ctx)
}

// RunAll defers the cancel of every iteration (rule 6).
func RunAll(ctx context.Context, jobs []func(context.Context) error) error {
	for _, job := range jobs {
		ctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		if err := job(ctx); err != nil {
			return err
		}
	}
	return nil
}

// Once discards the cancel function (rule 1).
func Once(ctx context.Context, job func(context.Context) error) error {
	ctx, _ = context.WithTimeout(ctx, time.Second)
	return job(ctx)
}

// Twice discards it too.
func Twice(ctx context.Context, job func(context.Context) error) error {
	ctx, _ = context.WithTimeout(ctx, 2*time.Second)
	return job(ctx)
}

// Early loses the cancel function on the early return (rule 2).
func Early(ctx context.Context, job func(context.Context) error) error {
	ctx, cancel := context.WithCancel(ctx)
	if err := job(ctx); err != nil {
		return err
	}
	cancel()
	return nil
}
