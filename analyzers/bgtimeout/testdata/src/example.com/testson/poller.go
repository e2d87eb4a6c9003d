package testson

import "context"

type Poller struct{}

func (p *Poller) Run(ctx context.Context) error { <-ctx.Done(); return ctx.Err() }

// Non-test code is checked as usual, with no fix.
func Start(p *Poller) {
	go p.Run(context.Background()) // want `goroutine runs p.Run with context.Background\(\)`
}
