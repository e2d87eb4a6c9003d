package pkgvars

import (
	"context"
	"os"
	"os/signal"
)

var (
	rootCtx    context.Context
	stopRoot   context.CancelFunc
	shutdown   context.CancelFunc
	signalStop func()
)

func init() {
	rootCtx, stopRoot = context.WithCancel(context.Background()) // want `cancel function stored in package-level variable stopRoot is never called \(possible context leak\)`
}

var sigCtx, stopSignals = signal.NotifyContext(context.Background(), os.Interrupt) // want `cancel function stored in package-level variable stopSignals is never called`

// Quiet: called by a shutdown function.
func setup() {
	_, shutdown = context.WithCancel(context.Background())
}

func Shutdown() { shutdown() }

// Quiet: stored from a local and read on purpose.
func watch() context.Context {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	signalStop = stop
	return ctx
}

func Stop() {
	if signalStop != nil {
		signalStop()
	}
}

// Quiet: exported variables may be called by other packages.
var StopAll context.CancelFunc

func init() {
	_, StopAll = context.WithCancel(context.Background())
}
