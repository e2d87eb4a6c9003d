// Package rpcish stands in for a gRPC-style streaming client whose
// half-close takes a context, and for an etcd-style lease API.
package rpcish

import "context"

type Msg struct{ Body []byte }

type ClientStream interface {
	Send(ctx context.Context, m *Msg) error
	Recv() (*Msg, error)
	CloseSend(ctx context.Context) error
}

type Client struct{}

func (c *Client) Watch(ctx context.Context, key string) (ClientStream, error) { return nil, nil }

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
