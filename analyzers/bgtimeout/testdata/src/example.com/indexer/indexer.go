// Package indexer hands work to a pool; run with
// -spawners=example.com/pool.Pool.Submit,example.com/pool.Go and
// -inert=example.com/indexer.Metrics.Record.
package indexer

import (
	"context"

	"example.com/pool"
)

type Index interface {
	Put(ctx context.Context, doc string) error
}

// Metrics.Record only queues a sample; it never blocks on the context.
type Metrics struct{}

func (m *Metrics) Record(ctx context.Context, name string) error { return nil }

type Indexer struct {
	pool    *pool.Pool
	idx     Index
	metrics *Metrics
}

func (x *Indexer) Enqueue(doc string) {
	x.pool.Submit(func() {
		x.idx.Put(context.Background(), doc) // want `goroutine calls x.idx.Put with context.Background\(\)`
		x.metrics.Record(context.Background(), "indexed")
	})
	pool.Go(func() {
		x.idx.Put(context.TODO(), doc) // want `goroutine calls x.idx.Put with context.TODO\(\)`
	})
	pool.Go(x.reindex) // want `goroutine runs x.reindex, which calls x.idx.Put with context.Background\(\)`
	go x.metrics.Record(context.Background(), "enqueued")
}

func (x *Indexer) reindex() { // want reindex:`unbounded x.idx.Put`
	x.idx.Put(context.Background(), "all")
}
