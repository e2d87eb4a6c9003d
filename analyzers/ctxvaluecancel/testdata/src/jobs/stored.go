package jobs

import (
	"context"
	"time"
)

// tracker loses the context in a field nothing reads.
type tracker struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func (t *tracker) begin(parent context.Context) {
	t.ctx, t.cancel = context.WithCancel(parent) // want `the context returned by context.WithCancel is discarded, so calling t.cancel stops nothing`
}

// stops keeps cancels of discarded contexts in a map, sent on a channel,
// and through a wrapping closure.
func stops(parent context.Context, byName map[string]func(), out chan<- context.CancelFunc, t *tracker) {
	_, c1 := context.WithCancel(parent) // want `the context returned by context.WithCancel is discarded, so calling c1 stops nothing`
	byName["a"] = c1
	_, c2 := context.WithCancel(parent) // want `the context returned by context.WithCancel is discarded, so calling c2 stops nothing`
	out <- c2
	_, c3 := context.WithCancel(parent) // want `the context returned by context.WithCancel is discarded, so calling c3 stops nothing`
	t.cancel = func() { c3() }
	_, c4 := context.WithCancel(parent) // want `the context returned by context.WithCancel is discarded, so calling c4 stops nothing`
	alias := c4
	byName["b"] = alias
	_, c5 := context.WithCancel(parent)           // want `the context returned by context.WithCancel is discarded, so calling c5 stops nothing`
	_ = context.WithValue(parent, hooksKey{}, c5) // want `cancel function stored as a context value`
	// A goroutine calling it is a local use: quiet.
	_, c6 := context.WithCancel(parent)
	go func() { c6() }()
}

// timers keeps cancels of throwaway timeouts in a slice, to release the
// timers later: not one of the stores the rule names, quiet.
func timers(parent context.Context, n int) []context.CancelFunc {
	cfs := make([]context.CancelFunc, n)
	for i := range cfs {
		_, cfs[i] = context.WithTimeout(parent, time.Hour)
	}
	return cfs
}
