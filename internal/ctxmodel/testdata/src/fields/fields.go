package fields

import (
	"context"
	"sync"
)

func holds(any) {}

type worker struct {
	stop     func()             // want "cancel field"
	halt     context.CancelFunc // want "cancel field"
	done     func()
	parked   func() // want "cancel field unread"
	deferred func() // want "cancel field"
	wg       sync.WaitGroup
}

func newWorker(parent context.Context) *worker {
	_, cancel := context.WithCancel(parent)
	w := &worker{stop: cancel, done: func() {}}
	w.halt = cancel
	w.parked = cancel
	return w
}

func (w *worker) restart(parent context.Context) {
	var ctx context.Context
	ctx, w.stop = context.WithCancel(parent)
	_ = ctx
	w.deferred = func() {
		w.stop()
		w.wg.Wait()
	}
	holds(w.stop)     // want "holds cancel"
	holds(w.halt)     // want "holds cancel"
	holds(w.done)     // want "no cancel"
	holds(w.deferred) // want "holds cancel"
	stop := w.stop
	holds(stop) // want "holds cancel"
}

// A field that also receives a value nobody can prove is a cancel is not
// a cancel field.
type mixed struct {
	fn func()
}

func (m *mixed) set(f func(), parent context.Context) {
	_, cancel := context.WithCancel(parent)
	m.fn = cancel
	m.fn = f
	holds(m.fn) // want "no cancel"
}

// Fields of a generic type are identified across instances.
type pool[T any] struct {
	items []T    // want "unread"
	quit  func() // want "cancel field"
}

func newPool[T any](parent context.Context) *pool[T] {
	_, cancel := context.WithCancel(parent)
	return &pool[T]{nil, cancel}
}

func (p *pool[T]) close() {
	holds(p.quit) // want "holds cancel"
	p.quit()
}

// Positional literals and address-taken fields.
type pair struct {
	a func() // want "cancel field"
	b func()
}

func addr(parent context.Context) {
	_, cancel := context.WithCancel(parent)
	p := pair{cancel, cancel}
	bp := &p.b
	*bp = func() {}
	holds(p.a) // want "holds cancel"
	holds(p.b) // want "no cancel"
}
