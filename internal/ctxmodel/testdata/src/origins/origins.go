package origins

import (
	"context"
	"net/http"
	"os"
	"os/signal"
	"testing"
	"time"
)

type key struct{}

func probe(ctx context.Context) {}

type server struct {
	ctx context.Context
}

var pkgCtx = context.Background()

func roots(ctx context.Context) {
	probe(context.Background()) // want `root unbounded`
	probe(context.TODO())       // want `root unbounded`
	bg := context.Background()
	alias := bg
	probe(alias)                                                   // want `root unbounded`
	probe(context.WithValue(bg, key{}, 1))                         // want `root unbounded`
	probe(context.WithoutCancel(ctx))                              // want `detached unbounded`
	probe(context.WithValue(context.WithoutCancel(ctx), key{}, 1)) // want `detached unbounded`
	probe(pkgCtx)                                                  // want `root unbounded`
}

func derivations(ctx context.Context, r *http.Request, s *server) {
	probe(ctx)         // want `param cancellable`
	probe(r.Context()) // want `request cancellable`
	probe(s.ctx)       // want `field cancellable`
	tctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	probe(tctx) // want `deadline cancellable deadline`
	cctx, stop := context.WithCancel(context.Background())
	defer stop()
	probe(cctx) // want `cancellable selfowned`
	dctx, cancel2 := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
	defer cancel2()
	probe(dctx) // want `deadline selfowned deadline`
	sctx, stop2 := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop2()
	probe(sctx) // want `cancellable selfowned`
	vctx := context.WithValue(tctx, key{}, "v")
	probe(vctx) // want `deadline cancellable deadline`
}

// reassigned parameters keep their base: a derivation of ctx by ctx itself
// is as cancellable as ctx.
func reassigned(ctx context.Context) {
	ctx = context.WithValue(ctx, key{}, 1)
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	probe(ctx) // want `mixed cancellable`
}

// a variable assigned both a root and a parameter has no single origin.
func mixed(ctx context.Context, detach bool) {
	c := ctx
	if detach {
		c = context.Background()
	}
	probe(c) // want `mixed`
}

func unknowns(get func() context.Context) {
	probe(get()) // want `unknown`
	var c context.Context
	probe(c) // want `unknown`
}

func testScoped(t *testing.T) {
	probe(t.Context()) // want `test testscoped`
	ctx, cancel := context.WithTimeout(t.Context(), time.Second)
	defer cancel()
	probe(ctx) // want `deadline testscoped deadline`
}

func benchScoped(b testing.TB) {
	probe(b.Context()) // want `test testscoped`
}
