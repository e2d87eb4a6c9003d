package server

import (
	"context"
	"net"
)

// The production implementations of the package's interfaces: each call
// is a network round trip that the context bounds.

func roundTrip(ctx context.Context, addr string) error {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	return conn.Close()
}

type remoteCache struct{ addr string }

func (c *remoteCache) Set(ctx context.Context, key string, val []byte) error {
	return roundTrip(ctx, c.addr)
}

func (c *remoteCache) Get(ctx context.Context, key string) ([]byte, error) {
	return nil, roundTrip(ctx, c.addr)
}

type remoteDB struct{ addr string }

func (d *remoteDB) Load(ctx context.Context) (map[string][]byte, error) {
	return nil, roundTrip(ctx, d.addr)
}

type remoteIndex struct{ addr string }

func (x *remoteIndex) Lookup(ctx context.Context, key string) ([]byte, bool, error) {
	return nil, false, roundTrip(ctx, x.addr)
}

type remoteSubscription struct{ addr string }

func (s *remoteSubscription) Receive(ctx context.Context) ([]byte, error) {
	return nil, roundTrip(ctx, s.addr)
}

func (s *remoteSubscription) Ping(ctx context.Context) error { return roundTrip(ctx, s.addr) }

type remoteFeed struct{ addr string }

func (f *remoteFeed) Subscribe(ctx context.Context, prefix string) (Stream, error) {
	return nil, roundTrip(ctx, f.addr)
}

func (f *remoteFeed) Ack(ctx context.Context, key string) error { return roundTrip(ctx, f.addr) }

var (
	_ Cache        = (*remoteCache)(nil)
	_ DB           = (*remoteDB)(nil)
	_ Index        = (*remoteIndex)(nil)
	_ Subscription = (*remoteSubscription)(nil)
	_ Feed         = (*remoteFeed)(nil)
)
