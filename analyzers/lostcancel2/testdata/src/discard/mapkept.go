package discard

import "context"

// A maker that records each cancel it makes in a map field and returns it
// too: the map is the owner, released by a method that calls every
// element, so a caller that drops its copy loses nothing.

type tracker struct {
	ctx     context.Context
	cancels map[int]context.CancelFunc
}

func (t *tracker) contextFor(id int) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(t.ctx)
	t.cancels[id] = cancel
	return ctx, cancel
}

func (t *tracker) cancelAll() {
	for id, cancel := range t.cancels {
		cancel()
		delete(t.cancels, id)
	}
}

func (t *tracker) cancelOne(id int) {
	if c, ok := t.cancels[id]; ok {
		c()
	}
}

func runTracked(parent context.Context, work func(context.Context)) {
	t := &tracker{ctx: parent, cancels: map[int]context.CancelFunc{}}
	ctx, _ := t.contextFor(1)
	work(ctx)
	t.cancelAll()
}

// Reported where the cancel is stored: a map field whose elements nobody
// calls releases nothing, so the stored copy is no owner and the caller's
// discard is the container rule's finding.
type ledger struct {
	cancels map[int]context.CancelFunc
}

func (l *ledger) contextFor(parent context.Context, id int) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(parent)
	l.cancels[id] = cancel // want `cancel function stored in l.cancels\[id\] is never called`
	return ctx, cancel
}

func (l *ledger) size() int { return len(l.cancels) }

func runLedger(parent context.Context, work func(context.Context)) {
	l := &ledger{cancels: map[int]context.CancelFunc{}}
	ctx, _ := l.contextFor(parent, 1)
	work(ctx)
}
