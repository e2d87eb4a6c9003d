package fields

import "context"

// pipeEnd is one end of an in-memory stream pair.
type pipeEnd struct {
	ctx    context.Context
	cancel context.CancelFunc
	in     chan any
}

func (p *pipeEnd) Context() context.Context { return p.ctx }

// Quiet: each end keeps its cancel in a field, and the goroutine running
// the handler cancels both ends through the locals when it finishes.
func newPipe(ctx context.Context, handle func(*pipeEnd) error) *pipeEnd {
	cctx, clientCancel := context.WithCancel(ctx)
	client := &pipeEnd{ctx: cctx, cancel: clientCancel, in: make(chan any, 1)}

	sctx, serverCancel := context.WithCancel(ctx)
	server := &pipeEnd{ctx: sctx, in: make(chan any)}
	server.cancel = serverCancel

	go func() {
		client.in <- handle(server)
		serverCancel()
		clientCancel()
	}()
	return client
}

// Quiet: the local is handed to a function that takes care of it.
func newWatchedPipe(ctx context.Context) *pipeEnd {
	pctx, cancel := context.WithCancel(ctx)
	p := &pipeEnd{ctx: pctx, cancel: cancel}
	context.AfterFunc(ctx, cancel)
	return p
}

// Rule 3: the local is only inspected, never called, and nothing calls
// the field either.
func newIdlePipe(ctx context.Context) *pipeEnd {
	pctx, cancel := context.WithCancel(ctx)
	if cancel == nil {
		return nil
	}
	return &pipeEnd{ctx: pctx, cancel: cancel, in: make(chan any)} // want `cancel function stored in field pipeEnd.cancel is never called \(possible context leak\)`
}
