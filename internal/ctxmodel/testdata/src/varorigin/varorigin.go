package varorigin

import (
	"context"
	"net/http"
	"time"
)

func probe(vars ...any) {}

func handler(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	bg, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	probe(ctx, bg) // want `ctx: request cancellable=true` `bg: deadline cancellable=false`
}

func param(ctx context.Context) {
	probe(ctx) // want `ctx: param cancellable=true`
}
