package fields

import "context"

// A session whose context its own end cancels: every context derived from
// s.ctx is cancelled with it, so a child cancel kept in another field is
// released with its owner. The last watcher's cancel going uncalled leaks
// nothing past the ownerSession.
type ownerSession struct {
	ctx         context.Context
	cancel      context.CancelFunc
	watchCancel context.CancelFunc
	lastCancel  context.CancelFunc
}

func newOwnerSession(parent context.Context) *ownerSession {
	ctx, cancel := context.WithCancel(parent)
	return &ownerSession{ctx: ctx, cancel: cancel}
}

func (s *ownerSession) Close() { s.cancel() }

func (s *ownerSession) rewatch() {
	if s.watchCancel != nil {
		s.watchCancel()
	}
	var ctx context.Context
	ctx, s.watchCancel = context.WithCancel(s.ctx)
	go watchUntil(ctx)
}

func (s *ownerSession) startLast() {
	var ctx context.Context
	ctx, s.lastCancel = context.WithCancel(s.ctx)
	go watchUntil(ctx)
}

func watchUntil(ctx context.Context) { <-ctx.Done() }

// A parent field whose own cancel nothing calls ends with nobody: the
// child is as lost as the parent.
type orphan struct {
	ctx         context.Context
	cancel      context.CancelFunc
	watchCancel context.CancelFunc
}

func newOrphan() *orphan {
	o := &orphan{}
	o.ctx, o.cancel = context.WithCancel(context.Background()) // want `cancel function stored in field orphan.cancel is never called`
	return o
}

func (o *orphan) rewatch() {
	if o.watchCancel != nil {
		o.watchCancel()
	}
	var ctx context.Context
	ctx, o.watchCancel = context.WithCancel(o.ctx) // want `cancel function stored in field watchCancel is called only just before it is replaced`
	go watchUntil(ctx)
}

// A helper opens each stream under the object's own context; the stream's
// cancel is called only before the next one replaces it. Which context a
// helper derives from is its business, and the object's own cancel,
// which Close calls, ends whatever derives from it: too unsure to report.
type feed struct{ ctx context.Context }

type pullSession struct {
	ctx    context.Context
	cancel context.CancelFunc
	close  context.CancelFunc
	cur    *feed
	err    error
}

func newPullSession(parent context.Context) *pullSession {
	ctx, cancel := context.WithCancel(parent)
	return &pullSession{ctx: ctx, cancel: cancel}
}

func (p *pullSession) open() (*feed, context.CancelFunc, error) {
	sctx, cancel := context.WithCancel(p.ctx)
	return &feed{sctx}, cancel, nil
}

func (p *pullSession) reopen() {
	if p.close != nil {
		p.close()
	}
	p.cur, p.close, p.err = p.open()
}

func (p *pullSession) Close() { p.cancel() }

// The same without an owner whose cancel anyone calls: reported.
type lonePull struct {
	ctx   context.Context
	close context.CancelFunc
	cur   *feed
}

func (p *lonePull) open() (*feed, context.CancelFunc) {
	sctx, cancel := context.WithCancel(p.ctx)
	return &feed{sctx}, cancel
}

func (p *lonePull) reopen() {
	if p.close != nil {
		p.close()
	}
	p.cur, p.close = p.open() // want `cancel function stored in field close is called only just before it is replaced`
}
