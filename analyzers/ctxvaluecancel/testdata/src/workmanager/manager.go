// Package workmanager runs named background tasks that can be stopped one
// by one or all together.
package workmanager

import (
	"context"
	"sync"
	"time"
)

// Manager owns a set of running tasks. Stop cancels all of them.
type Manager struct {
	mu         sync.Mutex
	rootCancel context.CancelFunc
	tasks      map[string]context.CancelFunc // per-task cancels, keyed by name
	wg         sync.WaitGroup
}

func New() *Manager {
	_, cancel := context.WithCancel(context.Background()) // want `the context returned by context.WithCancel is discarded, so calling cancel stops nothing; keep the context and derive work from it`
	return &Manager{rootCancel: cancel, tasks: make(map[string]context.CancelFunc)}
}

// CreateContext hands out a context for a caller-run unit of work.
func (m *Manager) CreateContext() (context.Context, context.CancelFunc) {
	return context.WithCancel(context.Background()) // want `contexts created by Manager.CreateContext derive from context.Background\(\), not from the context that Manager.rootCancel cancels, so cancelling it stops none of them`
}

// Go starts fn in the background under name.
func (m *Manager) Go(name string, fn func(ctx context.Context) error) {
	ctx, cancel := context.WithCancel(context.TODO()) // want `contexts created by Manager.Go derive from context.TODO\(\), not from the context that Manager.rootCancel cancels`
	m.mu.Lock()
	m.tasks[name] = cancel
	m.mu.Unlock()
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		defer cancel()
		_ = fn(ctx)
	}()
}

// Cancel stops one task.
func (m *Manager) Cancel(name string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if cancel, ok := m.tasks[name]; ok {
		cancel()
		delete(m.tasks, name)
	}
}

// Stop cancels everything and waits; the grace timer is its own business.
func (m *Manager) Stop() {
	m.rootCancel()
	done := make(chan struct{})
	go func() { m.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
	}
}

// ping uses a throwaway context for a call of its own: nothing is handed
// out, so the root is not involved.
func (m *Manager) ping(probe func() error) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	return check(ctx, probe)
}

func check(ctx context.Context, probe func() error) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	default:
		return probe()
	}
}
