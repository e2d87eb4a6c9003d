package containers

import (
	"context"
	"sync"
)

// A registry of subscriptions keyed by name.
type subs struct {
	mu     sync.Mutex
	byName map[string]context.CancelFunc
}

// An entry removed once its context has ended needs no call: the
// cancellation released the context already.
func (s *subs) watch(ctx context.Context, name string) context.Context {
	ctx, cancel := context.WithCancel(ctx)
	s.mu.Lock()
	s.byName[name] = cancel
	s.mu.Unlock()
	go func() {
		<-ctx.Done()
		s.mu.Lock()
		delete(s.byName, name)
		s.mu.Unlock()
	}()
	return ctx
}

func (s *subs) watchAfter(ctx context.Context, name string) context.Context {
	ctx, cancel := context.WithCancel(ctx)
	s.byName[name] = cancel
	context.AfterFunc(ctx, func() {
		s.mu.Lock()
		delete(s.byName, name)
		s.mu.Unlock()
	})
	return ctx
}

func (s *subs) watchSelect(ctx context.Context, name string, stop <-chan struct{}) context.Context {
	ctx, cancel := context.WithCancel(ctx)
	s.byName[name] = cancel
	go func() {
		select {
		case <-ctx.Done():
			delete(s.byName, name)
		case <-stop:
		}
	}()
	return ctx
}

// A helper that only forgets an entry whose every caller called it first.
func (s *subs) stop(name string) {
	if cancel := s.byName[name]; cancel != nil {
		cancel()
	}
	s.forget(name)
}

func (s *subs) forget(name string) {
	s.mu.Lock()
	delete(s.byName, name)
	s.mu.Unlock()
}

// A helper one of whose callers forgets a live entry loses its cancel.
type jobs struct {
	byID map[int]context.CancelFunc
}

func (j *jobs) start(ctx context.Context, id int) context.Context {
	ctx, cancel := context.WithCancel(ctx)
	j.byID[id] = cancel
	return ctx
}

func (j *jobs) stop(id int) {
	if cancel := j.byID[id]; cancel != nil {
		cancel()
	}
	j.drop(id)
}

func (j *jobs) evict(id int) { j.drop(id) }

func (j *jobs) drop(id int) {
	delete(j.byID, id) // want `cancel function in j.byID\[id\] is deleted without being called`
}
