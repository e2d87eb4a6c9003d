package paths

import (
	"context"
	"time"
)

// A producer that reports its success in a bool, and returns no cancel
// whenever it reports failure: the path on which the flag is false has
// nothing to call.

type slots struct{ free int }

func (s *slots) acquire(ctx context.Context) (context.Context, context.CancelFunc, bool) {
	if s.free == 0 {
		return ctx, nil, false
	}
	s.free--
	c, cancel := context.WithTimeout(ctx, time.Second)
	return c, cancel, true
}

func (s *slots) run(ctx context.Context, work func(context.Context)) bool {
	c, cancel, ok := s.acquire(ctx)
	if !ok {
		return false
	}
	defer cancel()
	work(c)
	return true
}

func (s *slots) runElse(ctx context.Context, work func(context.Context)) {
	if c, cancel, ok := s.acquire(ctx); ok {
		work(c)
		cancel()
	} else {
		return
	}
}

// A producer whose failure still hands out a live cancel.
func (s *slots) reserve(ctx context.Context) (context.Context, context.CancelFunc, bool) {
	c, cancel := context.WithTimeout(ctx, time.Second)
	if s.free == 0 {
		return c, cancel, false
	}
	return c, cancel, true
}

// Reported: its flag says nothing of the cancel.
func (s *slots) runReserved(ctx context.Context, work func(context.Context)) {
	c, cancel, ok := s.reserve(ctx) // want `the cancel function is not used on all paths`
	if !ok {
		return // want `this return statement may be reached without using the cancel var`
	}
	defer cancel()
	work(c)
}

// Reported: the flag is overwritten before it is tested.
func (s *slots) runRetested(ctx context.Context, work func(context.Context), again bool) {
	c, cancel, ok := s.acquire(ctx) // want `the cancel function is not used on all paths`
	ok = again
	if !ok {
		return // want `this return statement may be reached without using the cancel var`
	}
	defer cancel()
	work(c)
}
