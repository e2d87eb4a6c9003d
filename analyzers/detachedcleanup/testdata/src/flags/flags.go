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

type Cache struct{}

func (c *Cache) PurgeExpired(ctx context.Context) error { return nil }

func serveCache(ctx context.Context, c *Cache) {
	defer c.PurgeExpired(ctx) // want `deferred cleanup c.PurgeExpired may run after ctx is cancelled`
}

// Metrics buffers points in memory; Record only reads ctx's values.
type Metrics struct{}

func (m *Metrics) Record(ctx context.Context, event string) error { return nil }

func notify(ctx context.Context, event string) error { return nil }

// watch reports once ctx ends; Record and notify are inert by -inert.
func watch(ctx context.Context, m *Metrics, conn *pgxish.Conn) {
	<-ctx.Done()
	_ = m.Record(ctx, "stopped")
	_ = notify(ctx, "stopped")
	_ = conn.Close(ctx) // want `conn.Close is called with ctx, which is already cancelled here`
}
