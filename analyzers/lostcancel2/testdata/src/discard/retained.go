package discard

import (
	"context"
	"sync"
)

// A get-or-create: the entry already stored, or a new one made, stored in
// the table and returned. The table keeps every cancel it hands out and
// release calls it, so a caller that drops its copy loses nothing.

type share struct {
	ctx    context.Context
	cancel context.CancelFunc
}

type shares struct {
	mu sync.Mutex
	m  map[string]share
}

func (t *shares) acquire(key string) (context.Context, context.CancelFunc) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if e, ok := t.m[key]; ok {
		return e.ctx, e.cancel
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.m[key] = share{ctx, cancel}
	return ctx, cancel
}

func (t *shares) release(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if e, ok := t.m[key]; ok {
		e.cancel()
		delete(t.m, key)
	}
}

func warmShares(keys []string) *shares {
	t := &shares{m: make(map[string]share)}
	for _, k := range keys {
		t.acquire(k)
	}
	return t
}

// A starter that keeps its cancel in a field Stop calls, and returns it too.
type ticker struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func (k *ticker) start() context.CancelFunc {
	k.ctx, k.cancel = context.WithCancel(context.Background())
	return k.cancel
}

func (k *ticker) Stop() { k.cancel() }

func runTicker(k *ticker) {
	k.start()
}

// Reported: the table keeps its copies, but nothing ever calls them.
type hoard struct {
	ctx    context.Context
	cancel context.CancelFunc
}

type hoards struct{ m map[string]hoard }

func (t *hoards) acquire(key string) (context.Context, context.CancelFunc) {
	if e, ok := t.m[key]; ok {
		return e.ctx, e.cancel
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.m[key] = hoard{ctx, cancel}
	return ctx, cancel
}

func warmHoards(t *hoards, key string) context.Context {
	ctx, _ := t.acquire(key) // want `the cancel function returned by t.acquire should be called, not discarded`
	return ctx
}

// The table's entries embed their context and cancel, and a later
// acquire hands the stored cancel to a caller who keeps it.
type pair struct {
	context.Context
	context.CancelCauseFunc
}

type pairs struct{ m map[int]pair }

func (t *pairs) acquire(k int) (context.Context, context.CancelCauseFunc) {
	if p, ok := t.m[k]; ok {
		return p.Context, p.CancelCauseFunc
	}
	ctx, cancel := context.WithCancelCause(context.Background())
	release := func(err error) {
		cancel(err)
		delete(t.m, k)
	}
	t.m[k] = pair{ctx, release}
	return ctx, release
}

func newPairs(k int) *pairs {
	t := &pairs{m: make(map[int]pair)}
	t.acquire(k)
	return t
}

type pairUser struct{ stop context.CancelCauseFunc }

func (t *pairs) use(k int) *pairUser {
	_, stop := t.acquire(k)
	return &pairUser{stop: stop}
}

func (u *pairUser) Close() { u.stop(nil) }

// Reported: the same table, whose every caller drops what it hands out.
type droppedPairs struct{ m map[int]pair }

func (t *droppedPairs) acquire(k int) (context.Context, context.CancelCauseFunc) {
	if p, ok := t.m[k]; ok {
		return p.Context, p.CancelCauseFunc
	}
	ctx, cancel := context.WithCancelCause(context.Background())
	t.m[k] = pair{ctx, cancel}
	return ctx, cancel
}

func warmDropped(t *droppedPairs, k int) {
	t.acquire(k) // want `the cancel function returned by t.acquire should be called, not discarded`
}

// Reported: a starter whose field nothing calls, returning it.
type loneTicker struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func (k *loneTicker) start() context.CancelFunc {
	k.ctx, k.cancel = context.WithCancel(context.Background())
	return k.cancel
}

func runLoneTicker(k *loneTicker) {
	k.start() // want `the cancel function returned by k.start should be called, not discarded`
}
