//go:build go1.24

package testson

import (
	"context"
	"testing"
)

func TestPoller(t *testing.T) {
	p := &Poller{}
	go p.Run(context.Background()) // want `goroutine runs p.Run with context.Background\(\)`
	ctx := context.TODO()
	go func() {
		p.Run(ctx) // want `goroutine calls p.Run with ctx from context.TODO\(\)`
	}()
	t.Run("sub", func(t *testing.T) {
		go p.Run(context.Background()) // want `goroutine runs p.Run with context.Background\(\)`
	})
}

func BenchmarkPoller(b *testing.B) {
	p := &Poller{}
	go p.Run(context.Background()) // want `goroutine runs p.Run with context.Background\(\)`
}

func startPoller(tb testing.TB, p *Poller) {
	go p.Run(context.Background()) // want `goroutine runs p.Run with context.Background\(\)`
}

// No testing variable in scope: reported without a fix.
func startDetached(p *Poller) {
	go p.Run(context.Background()) // want `goroutine runs p.Run with context.Background\(\)`
}

// Shadowed: t is not the test here.
func TestShadowed(t *testing.T) {
	p := &Poller{}
	for _, t := range []string{"a"} {
		_ = t
		go p.Run(context.Background()) // want `goroutine runs p.Run with context.Background\(\)`
	}
}
