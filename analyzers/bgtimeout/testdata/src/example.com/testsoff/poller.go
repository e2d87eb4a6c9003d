package testsoff

import "context"

type Poller struct{}

func (p *Poller) Run(ctx context.Context) error { <-ctx.Done(); return ctx.Err() }
