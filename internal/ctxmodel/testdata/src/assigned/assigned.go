package assigned

import (
	"context"
	"log/slog"
	"time"
)

type server struct{ stop context.CancelFunc }

func discarded() {
	ctx, _ := context.WithCancel(context.Background())
	probe(ctx) // want `cancel discarded`
	var vctx, _ = context.WithTimeout(context.Background(), time.Second)
	probe(vctx) // want `cancel discarded`
}

func kept(s *server) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	probe(ctx) // want `cancel kept`
	sctx, stop := context.WithCancel(context.Background())
	s.stop = stop
	probe(sctx) // want `cancel kept`
	wrapped := context.WithValue(ctx, key{}, 1)
	probe(wrapped) // want `cancel kept`
}

type key struct{}

func notProducers(ctx context.Context) {
	probe(ctx)                        // want `no producer`
	probe(context.Background())       // want `no producer`
	probe(context.WithoutCancel(ctx)) // want `no producer`
}

func inert(ctx context.Context) {
	slog.InfoContext(ctx, "x") // want `inert func`
	ctx.Done()                 // want `inert func`
	context.Cause(ctx)         // want `inert func`
	work(ctx)                  // want `active func`
	quiet(ctx)                 // want `inert func`
}

func work(ctx context.Context) error { return nil }

func quiet(ctx context.Context) int { return 0 }

func probe(ctx context.Context) {}
