package deferred

import (
	"context"
	"net"
)

// A transaction whose commands go through a hook field: the model
// resolves the call from what the package stores in the field (every
// value of an unexported field is written here), so Close observes its
// context and the deferred Close on the caller's context is reported.
type pipeline struct {
	process func(ctx context.Context, cmd string) error
}

func newPipeline(d *net.Dialer, addr string) *pipeline {
	p := &pipeline{}
	p.process = func(ctx context.Context, cmd string) error {
		conn, err := d.DialContext(ctx, "tcp", addr)
		if err != nil {
			return err
		}
		_, err = conn.Write([]byte(cmd))
		return err
	}
	return p
}

func (p *pipeline) Close(ctx context.Context) error { return p.process(ctx, "UNWATCH") }

func (p *pipeline) Exec(ctx context.Context, cmd string) error { return p.process(ctx, cmd) }

func transact(ctx context.Context, p *pipeline) error {
	defer p.Close(ctx) // want `deferred cleanup p.Close may run after ctx is cancelled`
	return p.Exec(ctx, "INCR x")
}

// A hook field set from outside the package (exported) may hold anything:
// the model does not know whether it observes, so nothing is reported.
type Batch struct {
	Flush func(ctx context.Context) error
}

func (b *Batch) Close(ctx context.Context) error { return b.Flush(ctx) }

func flushLater(ctx context.Context, b *Batch) error {
	defer b.Close(ctx)
	return nil
}
