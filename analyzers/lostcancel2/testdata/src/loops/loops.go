package loops

import (
	"context"
	"time"
)

type job struct{ id string }

func run(ctx context.Context, j job) error { return ctx.Err() }

// Rule 6: the deferred cancels pile up (go-grpc-middleware #748).
func retry(ctx context.Context, j job, attempts int) error {
	var err error
	for i := 0; i < attempts; i++ {
		actx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel() // want `defer cancel\(\) inside a loop runs only when the function returns; call cancel at the end of each iteration`
		if err = run(actx, j); err == nil {
			return nil
		}
	}
	return err
}

func subscribe(ctx context.Context, events <-chan job) {
	for ev := range events {
		ectx, stop := context.WithTimeout(ctx, time.Second)
		defer func() { stop() }() // want `defer stop\(\) inside a loop runs only when the function returns; call stop at the end of each iteration`
		run(ectx, ev)
	}
}

// Quiet: the body is a function literal called per iteration
// (liftbridge #351's fix).
func replicate(ctx context.Context, jobs []job) {
	for _, j := range jobs {
		func() {
			jctx, cancel := context.WithTimeout(ctx, time.Second)
			defer cancel()
			run(jctx, j)
		}()
	}
}

// Quiet: cancelled at the end of each iteration.
func each(ctx context.Context, jobs []job) {
	for _, j := range jobs {
		jctx, cancel := context.WithTimeout(ctx, time.Second)
		run(jctx, j)
		cancel()
	}
}

// Quiet: the cancel was produced before the loop, and is deferred once,
// on the way out.
func firstValid(ctx context.Context, jobs []job) error {
	ctx, cancel := context.WithCancel(ctx)
	for _, j := range jobs {
		if j.id != "" {
			defer cancel()
			return run(ctx, j)
		}
	}
	cancel()
	return nil
}

// Outside tests, a table loop is reported as before: production code
// loops over data whose size it does not control.
func tableOutsideTests() {
	for _, name := range []string{"a", "b"} {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel() // want `defer cancel\(\) inside a loop runs only when the function returns`
		_, _ = ctx, name
	}
}
