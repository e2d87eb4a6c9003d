// Package rpcish stands in for a gRPC-style streaming client whose
// half-close takes a context, and for an etcd-style lease API.
package rpcish

import (
	"context"
	"time"
)

type Msg struct{ Body []byte }

type ClientStream interface {
	Send(ctx context.Context, m *Msg) error
	Recv() (*Msg, error)
	CloseSend(ctx context.Context) error
}

type Client struct{}

func (c *Client) Watch(ctx context.Context, key string) (ClientStream, error) {
	return &stream{}, roundTrip(ctx)
}

type LeaseID int64

type LeaseRevokeResponse struct{}

type Lease interface {
	Grant(ctx context.Context, ttl int64) (LeaseID, error)
	Revoke(ctx context.Context, id LeaseID) (*LeaseRevokeResponse, error)
}

// Span and Tracer mimic a tracing API: Start hands back a derived context.
type Span interface{ End() }

type Tracer interface {
	Start(ctx context.Context, name string) (context.Context, Span)
}

// stream is the client's stream implementation.
type stream struct{}

func (s *stream) Send(ctx context.Context, m *Msg) error { return roundTrip(ctx) }
func (s *stream) Recv() (*Msg, error)                    { return nil, nil }
func (s *stream) CloseSend(ctx context.Context) error    { return roundTrip(ctx) }

// lessor is the client's lease implementation.
type lessor struct{}

func (l *lessor) Grant(ctx context.Context, ttl int64) (LeaseID, error) { return 0, roundTrip(ctx) }
func (l *lessor) Revoke(ctx context.Context, id LeaseID) (*LeaseRevokeResponse, error) {
	return nil, roundTrip(ctx)
}

// NewLease returns the client's lease API.
func NewLease() Lease { return &lessor{} }

// roundTrip stands for network I/O, which the context bounds.
func roundTrip(ctx context.Context) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(time.Millisecond):
		return nil
	}
}
