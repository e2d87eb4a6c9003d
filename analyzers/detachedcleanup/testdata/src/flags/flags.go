// Package flags exercises -names and -inert.
package flags

import (
	"context"

	"pgxish"
	"rpcish"
)

// keepAlive holds an etcd-style lease while work runs and revokes it when
// work returns: Revoke is a cleanup once -names includes it.
func keepAlive(ctx context.Context, lease rpcish.Lease, work func() error) error {
	id, err := lease.Grant(ctx, 10)
	if err != nil {
		return err
	}
	defer lease.Revoke(ctx, id) // want `deferred cleanup lease.Revoke may run after ctx is cancelled and then fail; pass context.WithoutCancel\(ctx\)`
	return work()
}

// sink stands for a remote store.
type sink interface {
	Push(ctx context.Context, event string) error
}

// remote is the sink in production: a network round trip.
type remote struct{ done chan struct{} }

func (r remote) Push(ctx context.Context, event string) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-r.done:
		return nil
	}
}

type Cache struct{ store sink }

func (c *Cache) PurgeExpired(ctx context.Context) error { return c.store.Push(ctx, "purge") }

func serveCache(ctx context.Context, c *Cache) {
	defer c.PurgeExpired(ctx) // want `deferred cleanup c.PurgeExpired may run after ctx is cancelled`
}

// Metrics hands points to a sink that buffers them in memory and only
// reads ctx's values, which the analyzer cannot see: -inert tells it.
type Metrics struct{ sink sink }

func (m *Metrics) Finish(ctx context.Context, event string) error { return m.sink.Push(ctx, event) }

var hooks sink

func closeFeed(ctx context.Context, event string) error { return hooks.Push(ctx, event) }

// watch reports once ctx ends; Finish and closeFeed are inert by -inert.
func watch(ctx context.Context, m *Metrics, conn *pgxish.Conn) {
	<-ctx.Done()
	_ = m.Finish(ctx, "stopped")
	_ = closeFeed(ctx, "stopped")
	_ = conn.Close(ctx) // want `conn.Close is called with ctx, which is already cancelled here`
}
