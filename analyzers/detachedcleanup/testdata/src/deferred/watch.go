package deferred

import "context"

// Reply is a command's pending reply: returned instead of an error, so by
// its results a call returning it looks inert, though it talks to the
// server.
type Reply struct{ err error }

func (r *Reply) Err() error { return r.err }

type server struct{}

func (server) send(ctx context.Context, args ...string) *Reply {
	select {
	case <-ctx.Done():
		return &Reply{ctx.Err()}
	default:
		return &Reply{}
	}
}

// WatchTx holds optimistic locks on keys until it is closed.
type WatchTx struct {
	srv     server
	watched bool
}

func (t *WatchTx) Unwatch(ctx context.Context, keys ...string) *Reply {
	return t.srv.send(ctx, append([]string{"UNWATCH"}, keys...)...)
}

// Close releases the watched keys with a command sent on ctx: it can fail
// on a cancelled context, so it is cleanup, not a mere reader of ctx.
func (t *WatchTx) Close(ctx context.Context) error {
	if t.watched {
		_ = t.Unwatch(ctx).Err()
	}
	return nil
}

func Watch(ctx context.Context, fn func(*WatchTx) error) error {
	tx := &WatchTx{watched: true}
	defer tx.Close(ctx) // want `deferred cleanup tx.Close may run after ctx is cancelled and then fail; pass context.WithoutCancel\(ctx\)`
	return fn(tx)
}
